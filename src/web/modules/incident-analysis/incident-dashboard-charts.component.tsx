import { Paper, SimpleGrid, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatMonth } from "../../app/format.ts";
import { useIsPhone } from "../../app/viewport.ts";
import type { IncidentStats } from "./incident-analysis.api.ts";
import { currentColor, kindColors, previousColor, useTaxonomyLabels } from "./incident-analysis-labels.ts";
import { type ChartOption, EChart } from "./echart.component.tsx";

const groupColors: Record<string, string> = {
  violence_crime: "#c0392b",
  armed_conflict: "#8e3b46",
  terrorism: "#6c3483",
  civil_unrest: "#d68910",
  hazards: "#117a65",
  safety: "#1f6fb2",
};

function ChartCard({ title, children, span }: { title: string; children: React.ReactNode; span?: boolean }) {
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-label={title} style={span ? { gridColumn: "1 / -1" } : undefined}>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Height of one bar's row: on a phone the name sits on its own line(s) above the bar. */
function rowHeight(isPhone: boolean): number {
  return isPhone ? 52 : 34;
}

function barsHeight(count: number, isPhone: boolean, least: number): number {
  return Math.max(least, rowHeight(isPhone) * count + 40);
}

/**
 * Horizontal bars, longest first. The names are never cut ("Attaque à l'explosif ou à l'engin
 * explosif improvisé" must stay readable): beside the axis they wrap on two lines; on a phone,
 * where a 110 px column showed "Attaque à l'e…", each name is written above its bar with its
 * count, across the chart's whole width.
 */
function barsOption(labels: string[], values: number[], colors: string[], isPhone: boolean, name: string): ChartOption {
  const data = values.map((value, index) => ({ value, itemStyle: { color: colors[index] } }));
  if (isPhone) {
    return {
      grid: { left: 4, right: 16, top: 30, bottom: 8, containLabel: true },
      tooltip: { trigger: "item" },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: labels, axisLabel: { show: false }, axisTick: { show: false } },
      series: [
        {
          type: "bar",
          name,
          data,
          barMaxWidth: 14,
          label: {
            show: true,
            position: [0, -4],
            align: "left",
            verticalAlign: "bottom",
            formatter: (params: { dataIndex: number; value: unknown }) => `${labels[params.dataIndex] ?? ""} · ${params.value}`,
            width: 290,
            overflow: "break",
            lineHeight: 14,
            fontSize: 12,
            color: "#343a40",
          },
        },
      ],
    } as ChartOption;
  }
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "item" },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: labels, axisLabel: { width: 220, overflow: "break", lineHeight: 14 } },
    series: [{ type: "bar", name, data, barMaxWidth: 18 }],
  };
}

export function IncidentCharts({ stats }: { stats: IncidentStats }) {
  const { t, i18n } = useTranslation();
  const labels = useTaxonomyLabels();
  const isPhone = useIsPhone();

  const options = useMemo(() => {
    const month = (value: string) => formatMonth(value, i18n.language);
    const incidents = t("incidentAnalysis.totals.incidents");
    const people = t("incidentAnalysis.totals.people");
    const currentName = t("incidentAnalysis.dashboard.thisPeriod");
    const previousName = t("incidentAnalysis.dashboard.previousPeriod");
    const categories = stats.byCategory.slice(0, isPhone ? 8 : 12);
    const areas = stats.byArea.slice(0, isPhone ? 8 : 12);
    const split = stats.violenceSafety;
    return {
      overTime: {
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        legend: { top: 0, data: [currentName, previousName] },
        tooltip: {
          trigger: "axis",
          formatter: (items: { dataIndex: number }[]) => {
            const row = stats.byMonth[items[0]?.dataIndex ?? 0];
            return row ? `${month(row.month)}: ${row.incidents}<br/>${month(row.previousMonth)}: ${row.previousIncidents}` : "";
          },
        },
        xAxis: { type: "category", data: stats.byMonth.map((row) => month(row.month)), axisLabel: { hideOverlap: true } },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { type: "line", name: currentName, data: stats.byMonth.map((row) => row.incidents), color: currentColor, symbolSize: 6, lineStyle: { width: 2.5 } },
          { type: "line", name: previousName, data: stats.byMonth.map((row) => row.previousIncidents), color: previousColor, lineStyle: { type: "dashed" }, symbolSize: 4 },
        ],
      } satisfies ChartOption,
      byCategory: barsOption(
        categories.map((row) => labels.category(row.categoryCode)),
        categories.map((row) => row.incidents),
        categories.map((row) => groupColors[row.group] ?? currentColor),
        isPhone,
        incidents,
      ),
      byArea: barsOption(
        areas.map((row) => row.name),
        areas.map((row) => row.incidents),
        areas.map(() => currentColor),
        isPhone,
        incidents,
      ),
      byOutcome: barsOption(
        stats.peopleByOutcome.map((row) => labels.outcome(row.outcome)),
        stats.peopleByOutcome.map((row) => row.people),
        stats.peopleByOutcome.map((row) => (row.outcome === "killed" ? "#7b241c" : row.outcome === "injured" ? "#c0392b" : currentColor)),
        isPhone,
        people,
      ),
      violenceSafety: {
        tooltip: { trigger: "item" },
        legend: { bottom: 0 },
        series: [
          {
            type: "pie",
            name: incidents,
            radius: ["45%", "72%"],
            center: ["50%", "45%"],
            label: { formatter: "{c}" },
            data: [
              { name: t("incidentAnalysis.kinds.violence"), value: split.violence.incidents, itemStyle: { color: kindColors.violence } },
              { name: t("incidentAnalysis.kinds.safety"), value: split.safety.incidents, itemStyle: { color: kindColors.safety } },
            ],
          },
        ],
      } satisfies ChartOption,
    };
  }, [stats, isPhone, labels.category, labels.outcome, t, i18n.language]);

  const split = stats.violenceSafety;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <ChartCard title={t("incidentAnalysis.dashboard.overTime")} span>
        <EChart option={options.overTime} height={260} label={t("incidentAnalysis.dashboard.overTime")} />
      </ChartCard>
      <ChartCard title={t("incidentAnalysis.dashboard.byCategory")}>
        <EChart option={options.byCategory} height={barsHeight(Math.min(stats.byCategory.length, isPhone ? 8 : 12), isPhone, 160)} label={t("incidentAnalysis.dashboard.byCategory")} />
      </ChartCard>
      <ChartCard title={t("incidentAnalysis.dashboard.byArea")}>
        <EChart option={options.byArea} height={barsHeight(Math.min(stats.byArea.length, isPhone ? 8 : 12), isPhone, 160)} label={t("incidentAnalysis.dashboard.byArea")} />
      </ChartCard>
      <ChartCard title={t("incidentAnalysis.dashboard.peopleByOutcome")}>
        {stats.peopleByOutcome.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("incidentAnalysis.dashboard.nobodyAffected")}
          </Text>
        ) : (
          <EChart option={options.byOutcome} height={barsHeight(stats.peopleByOutcome.length, isPhone, 140)} label={t("incidentAnalysis.dashboard.peopleByOutcome")} />
        )}
      </ChartCard>
      <ChartCard title={t("incidentAnalysis.dashboard.violenceSafety")}>
        <EChart option={options.violenceSafety} height={220} label={t("incidentAnalysis.dashboard.violenceSafety")} />
        <Text size="xs" c="dimmed" ta="center">
          {t("incidentAnalysis.dashboard.splitPeople", { violence: split.violence.people, safety: split.safety.people })}
        </Text>
      </ChartCard>
    </SimpleGrid>
  );
}
