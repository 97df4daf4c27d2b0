import { Paper, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useIsPhone } from "../../app/viewport.ts";
import type { JiuTable, PeriodicReport, Trio } from "./incident-analysis.api.ts";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

type Row = { key: string; label: string; values: number[]; isTotal?: boolean };

/** A table of counts: a label column, then numbers right-aligned; scrolls sideways on a phone. */
function CountTable({ caption, headers, rows, minWidth = 360, isWide = false }: { caption: string; headers: string[]; rows: Row[]; minWidth?: number; isWide?: boolean }) {
  const { i18n } = useTranslation();
  const isPhone = useIsPhone();
  const format = (value: number) => value.toLocaleString(i18n.language);
  // On a phone a report table fits the screen (smaller type, headers may wrap); only the JIU table, a column per year, scrolls.
  const isCompact = isPhone && !isWide;
  return (
    <Table.ScrollContainer minWidth={isCompact ? 280 : minWidth} type="native">
      <Table striped highlightOnHover withTableBorder={false} fz={isPhone ? "xs" : "sm"} verticalSpacing={4} horizontalSpacing={isPhone ? 6 : "sm"}>
        <caption style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header, index) => (
              <Table.Th key={header + String(index)} ta={index === 0 ? "left" : "right"} style={{ whiteSpace: index === 0 || isCompact ? undefined : "nowrap" }}>
                {header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} fw={row.isTotal ? 700 : undefined}>
              <Table.Td>{row.label}</Table.Td>
              {row.values.map((value, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional (periods, years).
                <Table.Td key={index} ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                  {format(value)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The quarterly or annual report, table by table, as the PDF lays it out. */
export function PeriodicReportTables({ report }: { report: PeriodicReport }) {
  const { t } = useTranslation();
  const periods: { key: keyof Trio; label: string }[] = [
    { key: "current", label: report.period.label },
    { key: "previous", label: report.previousPeriod.label },
    ...(report.kind === "quarter" ? [{ key: "yearEarlier" as const, label: report.yearEarlier.label }] : []),
  ];
  const trio = (value: Trio) => periods.map((period) => value[period.key]);
  const peopleHeader = `${t("incidentAnalysis.totals.people")} ${report.period.label}`;
  const withPeople = (rows: { key: string; label: string; incidents: Trio; people: Trio }[]): Row[] =>
    rows.map((row) => ({ key: row.key, label: row.label, values: [...trio(row.incidents), row.people.current] }));
  const totals = report.totals;
  const hasIncidents = report.byCategory.length > 0;
  return (
    <>
      <Section title={t("incidentAnalysis.reports.totals")}>
        <CountTable
          caption={t("incidentAnalysis.reports.totals")}
          headers={["", ...periods.map((period) => period.label)]}
          rows={(["incidents", "affectingUn", "people", "killed", "injured"] as const).map((key) => ({ key, label: t(`incidentAnalysis.totals.${key}`), values: trio(totals[key]) }))}
        />
      </Section>
      {!hasIncidents ? (
        <Text c="dimmed">{t("incidentAnalysis.reports.none")}</Text>
      ) : (
        <>
          <Section title={t("incidentAnalysis.dashboard.violenceSafety")}>
            <CountTable
              caption={t("incidentAnalysis.dashboard.violenceSafety")}
              headers={["", ...periods.map((period) => period.label), peopleHeader]}
              rows={withPeople(report.violenceSafety.map((row) => ({ ...row, key: row.kind })))}
            />
          </Section>
          <Section title={t("incidentAnalysis.reports.byGroup")}>
            <CountTable
              caption={t("incidentAnalysis.reports.byGroup")}
              headers={[t("incidentAnalysis.reports.group"), ...periods.map((period) => period.label), peopleHeader]}
              rows={withPeople(report.byGroup.map((row) => ({ ...row, key: row.group })))}
            />
          </Section>
          <Section title={t("incidentAnalysis.dashboard.byCategory")}>
            <CountTable
              caption={t("incidentAnalysis.dashboard.byCategory")}
              headers={[t("incidentAnalysis.filters.category"), ...periods.map((period) => period.label), peopleHeader]}
              rows={withPeople(report.byCategory.map((row) => ({ ...row, key: row.categoryCode })))}
              minWidth={460}
            />
          </Section>
          <Section title={t("incidentAnalysis.dashboard.byArea")}>
            <CountTable
              caption={t("incidentAnalysis.dashboard.byArea")}
              headers={[t("fields.place"), ...periods.map((period) => period.label), peopleHeader]}
              rows={withPeople(report.byArea.map((row) => ({ ...row, key: row.placeId ?? row.name, label: row.name })))}
            />
          </Section>
          <Section title={t("incidentAnalysis.reports.peopleDetail", { period: report.period.label })}>
            {report.peopleByOutcomeDetail.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("incidentAnalysis.dashboard.nobodyAffected")}
              </Text>
            ) : (
              <CountTable
                caption={t("incidentAnalysis.reports.peopleDetail", { period: report.period.label })}
                headers={[
                  t("incidentAnalysis.reports.outcomeAndRecruitment"),
                  ...(["female", "male", "other", "unknown"] as const).map((sex) => t(`incidentAnalysis.sexes.${sex}`)),
                  t("incidentAnalysis.reports.total"),
                ]}
                rows={report.peopleByOutcomeDetail.map((row) => ({
                  key: `${row.outcome}|${row.recruitmentType}`,
                  label: `${row.outcomeLabel} · ${row.recruitmentTypeLabel}`,
                  values: [row.bySex.female ?? 0, row.bySex.male ?? 0, row.bySex.other ?? 0, row.bySex.unknown ?? 0, row.total],
                }))}
                minWidth={480}
              />
            )}
          </Section>
        </>
      )}
    </>
  );
}

/** JIU 2016 Table 1: personnel affected by category (rows) and year (columns). */
export function JiuReportTable({ table }: { table: JiuTable }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Section title={table.title}>
      {isPhone && table.years.length > 1 && (
        <Text size="xs" c="dimmed" mb={4}>
          {t("incidentAnalysis.reports.scrollHint")}
        </Text>
      )}
      <CountTable
        caption={table.title}
        headers={[t("incidentAnalysis.filters.category"), ...table.yearLabels, t("incidentAnalysis.reports.total")]}
        rows={[...table.rows, table.totalRow].map((row) => ({ key: row.code, label: row.label, values: [...row.cells, row.total], isTotal: row.code === "total" }))}
        minWidth={260 + 64 * (table.years.length + 1)}
        isWide
      />
    </Section>
  );
}
