import { Alert, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconChartBar, IconFileReport, IconMap } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../app/format.ts";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { ButtonLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { PageSkeleton } from "../../app/components/query-boundary.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { type IncidentStats, useIncidentStats } from "./incident-analysis.api.ts";
import { useTaxonomyLabels } from "./incident-analysis-labels.ts";
import { AnalysisFilters } from "./analysis-filters.component.tsx";
import { IncidentCharts } from "./incident-dashboard-charts.component.tsx";

const routeApi = getRouteApi("/app/pages/incidents/dashboard");
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Incidents, people, killed and injured, each beside the previous period's figure. */
function Totals({ stats }: { stats: IncidentStats }) {
  const { t, i18n } = useTranslation();
  const format = (value: number) => value.toLocaleString(i18n.language);
  const items = [
    { key: "incidents", value: stats.totals.incidents, previous: stats.previousTotals.incidents },
    { key: "people", value: stats.totals.people, previous: stats.previousTotals.people },
    { key: "killed", value: stats.totals.killed, previous: stats.previousTotals.killed },
    { key: "injured", value: stats.totals.injured, previous: stats.previousTotals.injured },
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {items.map((item) => {
        const change = item.previous === 0 ? null : Math.round(((item.value - item.previous) / item.previous) * 100);
        return (
          <Paper key={item.key} withBorder p="sm" radius="sm">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`incidentAnalysis.totals.${item.key}`)}
            </Text>
            <Text fz={28} fw={700} lh={1.2}>
              {format(item.value)}
            </Text>
            <Text size="xs" c="dimmed">
              {t("incidentAnalysis.dashboard.previousValue", { value: format(item.previous) })}
              {change !== null && ` (${change > 0 ? "+" : ""}${change} %)`}
            </Text>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

export function IncidentDashboardPage() {
  const { t } = useTranslation();
  const labels = useTaxonomyLabels();
  const format = useFormatters();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const update = (patch: Partial<typeof search>) => void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true });
  const filters = { from: search.from, to: search.to, placeId: search.placeId, categoryCode: search.categoryCode, affectsUn: search.affectsUn };
  const query = useIncidentStats(filters);
  const stats = query.data;
  const isEmpty = stats && stats.totals.incidents === 0 && stats.previousTotals.incidents === 0;
  const monthField = (key: "from" | "to") => (
    <TextInput
      type="month"
      label={t(`incidentAnalysis.filters.${key}Month`)}
      placeholder="YYYY-MM"
      value={search[key] ?? stats?.period[key] ?? ""}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (value === "" || monthPattern.test(value)) update({ [key]: value || undefined });
      }}
    />
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={t("incidentAnalysis.dashboard.title")}
        description={t("incidentAnalysis.dashboard.description")}
        actions={
          <>
            <ButtonLink to="/incidents/map" variant="default" leftSection={<IconMap size={16} aria-hidden />}>
              {t("incidentAnalysis.nav.map")}
            </ButtonLink>
            <ButtonLink to="/incidents/reports" variant="default" leftSection={<IconFileReport size={16} aria-hidden />}>
              {t("incidentAnalysis.nav.reports")}
            </ButtonLink>
          </>
        }
      />
      <AnalysisFilters activeCount={[search.from, search.to, search.placeId, search.categoryCode, search.affectsUn].filter(Boolean).length}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          {monthField("from")}
          {monthField("to")}
          <PlaceSelect label={t("fields.place")} value={search.placeId ?? null} onChange={(placeId) => update({ placeId: placeId ?? undefined })} />
          <Select
            label={t("incidentAnalysis.filters.category")}
            searchable
            clearable
            placeholder={t("common.all")}
            data={labels.categoryOptions()}
            value={search.categoryCode ?? null}
            onChange={(categoryCode) => update({ categoryCode: categoryCode ?? undefined })}
          />
          <Select
            label={t("incidentAnalysis.filters.softSwitch")}
            clearable
            placeholder={t("common.all")}
            data={[
              { value: "true", label: t("incidentAnalysis.filters.affectsUn") },
              { value: "false", label: t("incidentAnalysis.filters.awarenessOnly") },
            ]}
            value={search.affectsUn ?? null}
            onChange={(value) => update({ affectsUn: (value ?? undefined) as "true" | "false" | undefined })}
          />
        </SimpleGrid>
      </AnalysisFilters>
      {query.isPending && <PageSkeleton blocks={[90, 280, 280]} />}
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {stats && (
        <>
          <Group justify="space-between" gap="xs">
            <Title order={2} size="h4">
              {t("incidentAnalysis.dashboard.periodHeading", { from: format.month(stats.period.from), to: format.month(stats.period.to) })}
            </Title>
            <Text size="sm" c="dimmed">
              {t("incidentAnalysis.dashboard.comparedWith", { from: format.month(stats.previousPeriod.from), to: format.month(stats.previousPeriod.to) })}
            </Text>
          </Group>
          <Totals stats={stats} />
          {isEmpty ? (
            <Empty
              icon={<IconChartBar aria-hidden />}
              title={t("incidentAnalysis.dashboard.emptyTitle")}
              description={t("incidentAnalysis.dashboard.emptyDescription")}
            />
          ) : (
            <IncidentCharts stats={stats} />
          )}
          <Alert variant="light" color="gray" p="xs">
            <Text size="xs">{t("incidentAnalysis.countingRule")}</Text>
          </Alert>
        </>
      )}
    </Stack>
  );
}
