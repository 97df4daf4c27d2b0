import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChecklist, IconFileSpreadsheet, IconPaperclip, IconPlus, IconWorld } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { MeasureSort } from "../../../core/risk/measures.schemas.ts";
import { type MeasureCategory, type MeasureKind, type MeasureStatus, measureCategories, measureKinds, measureStatuses } from "../../../core/risk/risk-enums.ts";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { OrganisationSelect } from "../../app/components/pickers/organisation-select.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useCan } from "../../app/session.ts";
import { Effectiveness, formatCost, MeasureKindBadge, MeasureOverdueBadge, MeasureStatusBadge, useCategoryLabel } from "./measure-badges.component.tsx";
import { ListFilters } from "../../app/components/list-filters.component.tsx";
import { MeasureFormModal } from "./measure-form.modal.tsx";
import { type MeasureFilters, type MeasureListItem, measuresCsvUrl, useMeasureList } from "./measure-records.api.ts";

const routeApi = getRouteApi("/app/pages/risk/measures");
const areaKinds = ["designated_area", "security_area"] as const;

export function MeasureListPage() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const categoryLabel = useCategoryLabel();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const goTo = useNavigate();
  const canUpdate = useCan("measure.update");
  const canCompare = useCan("measure.compare");
  const [isCreating, creating] = useDisclosure(false);
  const { page, update, goToPage } = useListSearch(search, navigate);
  const sort = search.sort ?? "dueOn";
  const order = search.order ?? "asc";
  const filters: MeasureFilters = {
    q: search.q,
    placeId: search.placeId,
    kind: search.kind,
    category: search.category,
    status: search.status,
    organisationId: search.organisationId,
    overdue: search.overdue ? "true" : undefined,
  };
  const query = useMeasureList({ ...filters, sort, order, page, pageSize: defaultPageSize });
  const activeCount = [search.placeId, search.kind, search.category, search.status, search.organisationId, search.overdue].filter(Boolean).length;
  const hasFilters = Boolean(search.q) || activeCount > 0;
  const options = <T extends string>(values: readonly T[], label: (value: T) => string) => values.map((value) => ({ value, label: label(value) }));

  const columns: Column<MeasureListItem>[] = [
    {
      key: "title",
      header: t("riskMeasures.fields.title"),
      sortKey: "title",
      isPrimary: true,
      render: (item) => (
        <Stack gap={2}>
          <AnchorLink to="/risk/measures/$measureId" params={{ measureId: item.id }} fw={600}>
            {item.title}
          </AnchorLink>
          <Group gap={4}>
            <MeasureKindBadge kind={item.kind} />
            {item.organisationCode && (
              <Text size="xs" c="dimmed">
                {item.organisationCode}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed" fw={400}>
            {t("riskMeasures.ownedBy", { name: item.ownerName })}
          </Text>
        </Stack>
      ),
    },
    { key: "place", header: t("riskMeasures.fields.placeId"), render: (item) => item.placeName },
    { key: "category", header: t("riskMeasures.fields.category"), render: (item) => categoryLabel(item.category) },
    {
      key: "dueOn",
      header: t("riskMeasures.fields.dueOn"),
      sortKey: "dueOn",
      render: (item) => (
        <Group gap={6} wrap="nowrap">
          <span style={{ whiteSpace: "nowrap" }}>{format.date(item.dueOn)}</span>
          <MeasureOverdueBadge isOverdue={item.isOverdue} />
        </Group>
      ),
    },
    {
      key: "status",
      header: t("riskMeasures.fields.status"),
      sortKey: "status",
      render: (item) => (
        <Stack gap={4} align="flex-start">
          <MeasureStatusBadge status={item.status} />
          {item.effectiveness !== null && <Effectiveness value={item.effectiveness} />}
        </Stack>
      ),
    },
    {
      key: "cost",
      header: t("riskMeasures.fields.cost"),
      sortKey: "cost",
      render: (item) => <span style={{ whiteSpace: "nowrap" }}>{formatCost(item.costAmount, item.costCurrency, i18n.language) || "—"}</span>,
    },
    {
      key: "evidence",
      header: t("riskMeasures.fields.evidence"),
      render: (item) => (
        <Group gap={4} wrap="nowrap" role="img" aria-label={t("riskMeasures.evidenceCount", { count: item.evidenceCount })}>
          <IconPaperclip size={14} aria-hidden />
          <span aria-hidden>{item.evidenceCount}</span>
        </Group>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("riskMeasures.title")}
        description={t("riskMeasures.description")}
        actions={
          <>
            {canCompare && (
              <ButtonLink to="/risk/measures/compare" search={{}} variant="default" leftSection={<IconWorld size={16} aria-hidden />}>
                {t("riskMeasures.compareLink")}
              </ButtonLink>
            )}
            <Button
              component="a"
              href={measuresCsvUrl(filters, i18n.language)}
              download
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            >
              {t("riskMeasures.exportCsv")}
            </Button>
            {canUpdate && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={creating.open}>
                {t("riskMeasures.create")}
              </Button>
            )}
          </>
        }
      />
      <ListFilters activeCount={activeCount} search={{ value: search.q, onChange: (q) => update({ q }), placeholder: t("riskMeasures.searchPlaceholder") }}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="sm">
          <PlaceSelect
            label={t("riskMeasures.fields.placeId")}
            kinds={areaKinds}
            value={search.placeId ?? null}
            onChange={(placeId) => update({ placeId: placeId ?? undefined })}
          />
          <Select
            label={t("riskMeasures.fields.kind")}
            clearable
            placeholder={t("common.all")}
            data={options(measureKinds, (kind) => t(`riskMeasures.kinds.${kind}`))}
            value={search.kind ?? null}
            onChange={(value) => update({ kind: (value ?? undefined) as MeasureKind | undefined })}
          />
          <Select
            label={t("riskMeasures.fields.category")}
            clearable
            placeholder={t("common.all")}
            data={options(measureCategories, categoryLabel)}
            value={search.category ?? null}
            onChange={(value) => update({ category: (value ?? undefined) as MeasureCategory | undefined })}
          />
          <Select
            label={t("riskMeasures.fields.status")}
            clearable
            placeholder={t("common.all")}
            data={options(measureStatuses, (status) => t(`riskMeasures.statuses.${status}`))}
            value={search.status ?? null}
            onChange={(value) => update({ status: (value ?? undefined) as MeasureStatus | undefined })}
          />
          <OrganisationSelect
            label={t("riskMeasures.fields.organisationId")}
            value={search.organisationId ?? null}
            onChange={(organisationId) => update({ organisationId: organisationId ?? undefined })}
          />
          <Checkbox
            mt={{ base: 0, xs: 30 }}
            label={t("riskMeasures.overdueOnly")}
            checked={Boolean(search.overdue)}
            onChange={(event) => update({ overdue: event.currentTarget.checked || undefined })}
          />
        </SimpleGrid>
      </ListFilters>
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("riskMeasures.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(item) => item.id}
          minWidth={880}
          rowColor={(item) => (item.isOverdue ? "var(--mantine-color-red-light)" : undefined)}
          sort={{ by: sort, order, onChange: (by, next) => update({ sort: by as MeasureSort, order: next }) }}
          empty={
            <Empty
              icon={<IconChecklist aria-hidden />}
              title={hasFilters ? t("common.noMatches") : t("riskMeasures.empty")}
              description={hasFilters ? t("common.noMatchesHint") : t("riskMeasures.emptyHint")}
              action={
                hasFilters ? (
                  <Button size="xs" variant="default" onClick={() => void navigate({ search: {}, replace: true })}>
                    {t("common.clearFilters")}
                  </Button>
                ) : (
                  canUpdate && (
                    <Button size="xs" onClick={creating.open}>
                      {t("riskMeasures.create")}
                    </Button>
                  )
                )
              }
            />
          }
        />
      </ListResults>
      <MeasureFormModal
        opened={isCreating}
        onClose={creating.close}
        defaultPlaceId={search.placeId}
        onSaved={(saved) => void goTo({ to: "/risk/measures/$measureId", params: { measureId: saved.id } })}
      />
    </>
  );
}
