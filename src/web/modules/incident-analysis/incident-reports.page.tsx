import { Alert, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import { IconChartBar, IconFileTypeCsv, IconFileTypePdf, IconMap } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { quarterName } from "../../../core/incidents/incident-stats-period.ts";
import { ButtonLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { PageSkeleton } from "../../app/components/query-boundary.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { reportDownloadUrl, useJiuTable, usePeriodicReport } from "./incident-analysis.api.ts";
import { useTaxonomyLabels } from "./incident-analysis-labels.ts";
import { JiuReportTable, PeriodicReportTables } from "./incident-report-tables.component.tsx";

const routeApi = getRouteApi("/app/pages/incidents/reports");

function Downloads({ kind, query }: { kind: "periodic" | "jiu-table"; query: Record<string, string | number | undefined> }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Button component="a" href={reportDownloadUrl(kind, query, "csv")} download variant="default" leftSection={<IconFileTypeCsv size={16} aria-hidden />}>
        {t("incidentAnalysis.reports.downloadCsv")}
      </Button>
      <Button component="a" href={reportDownloadUrl(kind, query, "pdf")} download variant="default" leftSection={<IconFileTypePdf size={16} aria-hidden />}>
        {t("incidentAnalysis.reports.downloadPdf")}
      </Button>
    </Group>
  );
}

/** Loading placeholder, error with retry, or the report; the previous report stays while the next loads. */
function Loaded<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <PageSkeleton blocks={[160, 240]} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

export function IncidentReportsPage() {
  const { t } = useTranslation();
  const { lang } = useTaxonomyLabels();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const update = (patch: Partial<typeof search>) => void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true });
  const today = new Date();
  const thisYear = today.getUTCFullYear();
  const years = Array.from({ length: 16 }, (_, index) => String(thisYear - index));
  const tab = search.tab ?? "periodic";
  const period = search.period ?? "quarter";
  // Default: the last complete quarter, or the last complete year.
  const lastQuarter = Math.floor(today.getUTCMonth() / 3);
  const defaultYear = period === "year" ? thisYear - 1 : lastQuarter === 0 ? thisYear - 1 : thisYear;
  const year = search.year ?? defaultYear;
  const quarter = search.quarter ?? (lastQuarter === 0 ? 4 : lastQuarter);
  const periodicQuery = { period, year, quarter: period === "quarter" ? quarter : undefined, placeId: search.placeId, lang };
  const toYear = search.toYear ?? thisYear;
  const fromYear = search.fromYear ?? toYear - 6;
  const jiuQuery = { fromYear: Math.min(fromYear, toYear), toYear, placeId: search.placeId, lang };
  const periodic = usePeriodicReport(periodicQuery, tab === "periodic");
  const jiu = useJiuTable(jiuQuery, tab === "jiu");
  const place = (
    <PlaceSelect
      label={t("incidentAnalysis.reports.area")}
      placeholder={t("incidentAnalysis.reports.systemWide")}
      value={search.placeId ?? null}
      onChange={(placeId) => update({ placeId: placeId ?? undefined })}
    />
  );
  const yearSelect = (label: string, value: number, onChange: (year: number) => void) => (
    <Select label={label} data={years} value={String(value)} allowDeselect={false} onChange={(chosen) => chosen && onChange(Number(chosen))} />
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={t("incidentAnalysis.reports.title")}
        description={t("incidentAnalysis.reports.description")}
        actions={
          <>
            <ButtonLink to="/incidents/dashboard" variant="default" leftSection={<IconChartBar size={16} aria-hidden />}>
              {t("incidentAnalysis.nav.dashboard")}
            </ButtonLink>
            <ButtonLink to="/incidents/map" variant="default" leftSection={<IconMap size={16} aria-hidden />}>
              {t("incidentAnalysis.nav.map")}
            </ButtonLink>
          </>
        }
      />
      <Tabs value={tab} onChange={(value) => update({ tab: (value ?? "periodic") as "periodic" | "jiu" })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="periodic">{t("incidentAnalysis.reports.periodicTab")}</Tabs.Tab>
          <Tabs.Tab value="jiu">{t("incidentAnalysis.reports.jiuTab")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="periodic" pt="md">
          <Stack gap="md">
            <Paper withBorder p="sm" radius="sm" component="section" aria-label={t("common.filters")}>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="report-period-label">
                    {t("incidentAnalysis.reports.period")}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="report-period-label"
                    value={period}
                    onChange={(value) => update({ period: value as "quarter" | "year", year: undefined })}
                    data={[
                      { value: "quarter", label: t("incidentAnalysis.reports.quarter") },
                      { value: "year", label: t("incidentAnalysis.reports.year") },
                    ]}
                  />
                </Stack>
                {yearSelect(t("incidentAnalysis.reports.year"), year, (chosen) => update({ year: chosen }))}
                {period === "quarter" && (
                  <Select
                    label={t("incidentAnalysis.reports.quarter")}
                    data={["1", "2", "3", "4"].map((value) => ({ value, label: quarterName(value, lang) }))}
                    value={String(quarter)}
                    allowDeselect={false}
                    onChange={(chosen) => chosen && update({ quarter: Number(chosen) })}
                  />
                )}
                {place}
              </SimpleGrid>
            </Paper>
            <Loaded query={periodic}>
              {(report) => (
                <Stack gap="md">
                  <Group justify="space-between" gap="xs">
                    <div>
                      <Text fw={700}>{`${report.title} — ${report.period.label}`}</Text>
                      <Text size="sm" c="dimmed">
                        {report.scope.name}
                      </Text>
                    </div>
                    <Downloads kind="periodic" query={periodicQuery} />
                  </Group>
                  <PeriodicReportTables report={report} />
                </Stack>
              )}
            </Loaded>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="jiu" pt="md">
          <Stack gap="md">
            <Paper withBorder p="sm" radius="sm" component="section" aria-label={t("common.filters")}>
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                {yearSelect(t("incidentAnalysis.reports.fromYear"), jiuQuery.fromYear, (chosen) => update({ fromYear: chosen }))}
                {yearSelect(t("incidentAnalysis.reports.toYear"), toYear, (chosen) => update({ toYear: chosen }))}
                {place}
              </SimpleGrid>
            </Paper>
            <Loaded query={jiu}>
              {(table) => (
                <Stack gap="md">
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" c="dimmed">
                      {table.scope.name}
                    </Text>
                    <Downloads kind="jiu-table" query={jiuQuery} />
                  </Group>
                  <JiuReportTable table={table} />
                  <Alert variant="light" color="gray" p="xs">
                    <Text size="xs">{t("incidentAnalysis.reports.jiuRule")}</Text>
                  </Alert>
                </Stack>
              )}
            </Loaded>
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
