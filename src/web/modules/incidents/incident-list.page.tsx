import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconBolt, IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { IncidentExportMenu } from "../incident-exchange/incident-export-menu.component.tsx";
import { IncidentImportButton } from "../incident-exchange/incident-import-button.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { ListFilters } from "../../app/components/list-filters.component.tsx";
import { intlLocale } from "../../app/format.ts";
import { useCan } from "../../app/session.ts";
import { useIsPhone } from "../../app/viewport.ts";
import { IncidentFilterFields, type ListSearch } from "./incident-filters.component.tsx";
import { statusColors, usePeopleSummary, useTaxonomyText } from "./incident-labels.ts";
import { type IncidentListItem, useIncidentList, useTaxonomy } from "./incidents.api.ts";

const routeApi = getRouteApi("/app/pages/incidents");

/** Flags shown beside the category: near miss, situational awareness only, need-to-know. */
export function IncidentFlags({ incident }: { incident: Pick<IncidentListItem, "affectsUn" | "isNearMiss" | "isSensitive"> }) {
  const { t } = useTranslation();
  return (
    <>
      {!incident.affectsUn && (
        <Badge variant="outline" color="gray" tt="none" size="sm">
          {t("incidents.softSwitch.false")}
        </Badge>
      )}
      {incident.isNearMiss && (
        <Badge variant="outline" color="yellow" tt="none" size="sm">
          {t("incidents.fields.isNearMiss")}
        </Badge>
      )}
      {incident.isSensitive && (
        <Badge variant="light" color="red" tt="none" size="sm">
          {t("incidents.sensitive")}
        </Badge>
      )}
    </>
  );
}

export function IncidentListPage() {
  const { t, i18n } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canCreate = useCan("incident.create");
  const isPhone = useIsPhone();
  const taxonomy = useTaxonomy();
  const text = useTaxonomyText(taxonomy.data);
  const peopleSummary = usePeopleSummary();
  const { sort, order, ...filterValues } = search;
  const query = useIncidentList(filterValues, sort ?? "occurredAt", order ?? "desc");
  const items = query.data?.pages.flatMap((page) => page.items);
  const firstPage = query.data?.pages[0];
  const update = (patch: Partial<ListSearch>) => void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true });
  const activeFilterCount = Object.entries(filterValues).filter(([key, value]) => key !== "q" && value).length;
  const hasFilters = Boolean(search.q) || activeFilterCount > 0;
  const number = new Intl.NumberFormat(intlLocale(i18n.language));

  const columns: Column<IncidentListItem>[] = [
    {
      key: "occurredAt",
      header: t("incidents.fields.occurredAt"),
      sortKey: "occurredAt",
      isPrimary: true,
      render: (incident) => (
        <Stack gap={0}>
          <AnchorLink to="/incidents/$incidentId" params={{ incidentId: incident.id }} fw={600} style={{ whiteSpace: "nowrap" }}>
            {incident.occurredAtLocal.slice(0, 16)}
          </AnchorLink>
          <Text size="xs" c="dimmed">
            {incident.timeZone}
          </Text>
        </Stack>
      ),
    },
    {
      key: "category",
      header: t("incidents.fields.category"),
      render: (incident) => (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {text.categoryLabel(incident.categoryCode)}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2} className="vigil-break">
            {incident.summary}
          </Text>
          <Group gap={4}>
            <IncidentFlags incident={incident} />
          </Group>
        </Stack>
      ),
    },
    { key: "place", header: t("incidents.fields.place"), render: (incident) => incident.placeName },
    {
      key: "people",
      header: t("incidents.fields.peopleAffected"),
      render: (incident) => (incident.peopleByOutcome.length ? peopleSummary(incident.peopleByOutcome) : "—"),
    },
    {
      key: "status",
      header: t("incidents.fields.status"),
      render: (incident) => (
        <Badge variant="light" color={statusColors[incident.status]} tt="none">
          {t(`incidents.statuses.${incident.status}`)}
        </Badge>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("incidents.title")}
        description={t("incidents.description")}
        actions={
          <>
            <IncidentExportMenu filters={filterValues} />
            <IncidentImportButton />
            {canCreate && (
            <>
              <ButtonLink variant="default" to="/incidents/quick" leftSection={<IconBolt size={16} aria-hidden />}>
                {t("incidents.quick.title")}
              </ButtonLink>
              <ButtonLink to="/incidents/new" leftSection={<IconPlus size={16} aria-hidden />}>
                {t("incidents.create")}
              </ButtonLink>
            </>
            )}
          </>
        }
      />
      <ListFilters search={{ value: search.q, placeholder: t("incidents.searchPlaceholder"), onChange: (q) => update({ q }) }} activeCount={activeFilterCount}>
        <IncidentFilterFields search={search} update={update} />
      </ListFilters>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {firstPage && firstPage.total !== null && (items?.length ?? 0) > 0 && (
        <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
          {t(firstPage.isTotalCapped ? "incidents.shownOfMore" : "incidents.shownOf", {
            shown: number.format(items?.length ?? 0),
            total: number.format(firstPage.total),
            count: firstPage.total,
          })}
        </Text>
      )}
      <DataTable
        caption={t("incidents.title")}
        columns={columns}
        items={items}
        isLoading={query.isPending}
        getKey={(incident) => incident.id}
        minWidth={860}
        // Phones sort with the "Order" filter above: one sort control is enough on a small screen.
        sort={
          isPhone
            ? undefined
            : {
          by: sort ?? "occurredAt",
          order: order ?? "desc",
          onChange: (by, nextOrder) => update({ sort: by === "occurredAt" ? undefined : (by as "updatedAt"), order: nextOrder === "desc" ? undefined : nextOrder }),
        }
        }
        empty={
          <Empty
            icon={<IconAlertTriangle aria-hidden />}
            title={hasFilters ? t("common.noMatches") : t("incidents.empty")}
            description={hasFilters ? t("common.noMatchesHint") : canCreate ? t("incidents.emptyHint") : undefined}
            action={
              hasFilters ? (
                <Button size="xs" variant="default" onClick={() => void navigate({ search: {}, replace: true })}>
                  {t("common.clearFilters")}
                </Button>
              ) : (
                canCreate && (
                  <ButtonLink size="xs" to="/incidents/new">
                    {t("incidents.create")}
                  </ButtonLink>
                )
              )
            }
          />
        }
      />
      {query.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t("incidents.loadMore")}
          </Button>
        </Group>
      )}
    </>
  );
}
