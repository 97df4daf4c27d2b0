import { Stack, Tabs, Text } from "@mantine/core";
import { IconPlaneDeparture, IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { DateRange } from "../../app/components/date-range.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useMe } from "../../app/session.ts";
import { TripStatusBadge } from "./travel-badges.component.tsx";
import { formatDay } from "./travel-labels.ts";
import { type TripSummary, useTrips } from "./travel.api.ts";

const routeApi = getRouteApi("/app/pages/travel");

/**
 * "My trips": the trips the caller travels on or filed, latest departure first; for those whose
 * travel rights cover an area, a second tab with the trips there (need-to-know, on the server).
 */
export function TripListPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { page, update, goToPage } = useListSearch(search, navigate);
  const canReadArea = me.permissions.includes("travel.request.read");
  const canFile = me.personId !== null || me.permissions.includes("travel.request.file");
  // Someone without a person record travels on no trip: their view is the area's, when they have one.
  const scope = canReadArea && (search.scope === "area" || me.personId === null) ? "area" : "mine";
  const query = useTrips({ scope, page, pageSize: defaultPageSize });
  const day = (value: string) => formatDay(value, i18n.language);

  const columns: Column<TripSummary>[] = [
    {
      key: "number",
      header: t("travel.fields.trip"),
      isPrimary: true,
      width: 170,
      render: (trip) => (
        <Stack gap={0}>
          <AnchorLink to="/travel/requests/$requestId" params={{ requestId: trip.id }} fw={600} style={{ whiteSpace: "nowrap" }}>
            {trip.number}
          </AnchorLink>
          {trip.kind === "notification" && (
            <Text size="xs" c="dimmed" fw={400}>
              {t("travel.kinds.notification")}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: "purpose", header: t("travel.fields.purpose"), render: (trip) => <span className="vigil-break">{trip.purpose}</span> },
    { key: "dates", header: t("travel.fields.dates"), render: (trip) => <DateRange from={day(trip.departsAt)} to={day(trip.returnsAt)} /> },
    { key: "travellers", header: t("travel.fields.travellers"), render: (trip) => trip.travellers.join(", ") },
    { key: "status", header: t("travel.fields.status"), render: (trip) => <TripStatusBadge status={trip.status} /> },
  ];

  const fileButton = canFile && (
    <ButtonLink to="/travel/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t("travel.file.open")}
    </ButtonLink>
  );

  const table = (
    <ListResults query={query} page={page} onPageChange={goToPage}>
      <DataTable
        caption={scope === "area" ? t("travel.list.areaTab") : t("travel.list.title")}
        columns={columns}
        items={query.data?.items}
        isLoading={query.isPending}
        getKey={(trip) => trip.id}
        minWidth={760}
        empty={
          <Empty
            icon={<IconPlaneDeparture aria-hidden />}
            title={scope === "area" ? t("travel.list.areaEmpty") : t("travel.list.empty")}
            description={scope === "area" ? t("travel.list.areaEmptyHint") : t("travel.list.emptyHint")}
            action={scope === "mine" && canFile && (
              <ButtonLink size="xs" to="/travel/new">
                {t("travel.file.open")}
              </ButtonLink>
            )}
          />
        }
      />
    </ListResults>
  );

  return (
    <>
      <PageHeader title={t("travel.list.title")} description={t("travel.list.description")} actions={fileButton} />
      {canReadArea && me.personId !== null ? (
        <Tabs value={scope} onChange={(value) => update({ scope: value === "area" ? "area" : undefined })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="mine">{t("travel.list.mineTab")}</Tabs.Tab>
            <Tabs.Tab value="area">{t("travel.list.areaTab")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="mine">{scope === "mine" && table}</Tabs.Panel>
          <Tabs.Panel value="area">{scope === "area" && table}</Tabs.Panel>
        </Tabs>
      ) : (
        table
      )}
    </>
  );
}
