import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type SecurityLevel, securityLevelColours, securityLevelLabels } from "../../../core/risk/security-levels.ts";
import { formatDate } from "../../app/format.ts";
import { useIsPhone } from "../../app/viewport.ts";
import { type ChartOption, EChart } from "../incident-analysis/echart.component.tsx";
import type { LevelChange } from "./security-level-changes.api.ts";

const day = 24 * 60 * 60 * 1000;

const levelText = (level: number, language: "en" | "fr") => `${level} · ${securityLevelLabels[level as SecurityLevel][language]}`;

/**
 * The overall level of an area over time: a step line through each endorsement, held until the
 * next one and drawn on to today. Loaded on its own (ECharts is large) when an area page shows it.
 */
export function LevelHistoryChart({ changes, placeName }: { changes: LevelChange[]; placeName: string }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const endorsed = useMemo(
    () => changes.filter((change) => change.status === "endorsed" && change.endorsedAt).sort((a, b) => (a.endorsedAt as string).localeCompare(b.endorsedAt as string)),
    [changes],
  );
  const language = i18n.language === "fr" ? "fr" : "en";

  const option = useMemo((): ChartOption => {
    const levelName = (level: number) => levelText(level, language);
    const now = Date.now();
    const start = Math.min(endorsed[0] ? Date.parse(endorsed[0].endorsedAt as string) : now, now - 30 * day);
    // A little room after today, so today's marker is not cut by the chart's edge.
    const end = now + Math.max(day, (now - start) * 0.04);
    const points = endorsed.map((change) => ({
      value: [change.endorsedAt, change.overall],
      itemStyle: { color: securityLevelColours[change.overall as SecurityLevel], borderColor: "#37414b", borderWidth: 1 },
      symbolSize: 11,
    }));
    const last = endorsed.at(-1);
    // Held until today: the line goes on to the right edge without a marker of its own.
    if (last) points.push({ value: [new Date(end).toISOString(), last.overall], itemStyle: { color: "transparent", borderColor: "transparent", borderWidth: 0 }, symbolSize: 0 });
    return {
      grid: { left: 8, right: 16, top: 16, bottom: 16, containLabel: true },
      tooltip: {
        trigger: "item",
        formatter: (params: { value: [string, number]; dataIndex: number }) =>
          params.dataIndex < endorsed.length ? `${formatDate(params.value[0], language)}<br/>${levelName(params.value[1])}` : levelName(params.value[1]),
      },
      // At least a month wide, in whole days: a level endorsed this morning is not drawn over a minute of hours.
      xAxis: {
        type: "time",
        min: start,
        max: end,
        minInterval: day,
        axisLabel: { hideOverlap: true, formatter: (value: number) => formatDate(new Date(value).toISOString(), language) },
      },
      yAxis: {
        type: "value",
        min: 1,
        max: 6,
        interval: 1,
        axisLabel: { formatter: (value: number) => (isPhone ? String(value) : levelName(value)) },
        splitLine: { lineStyle: { type: "dashed" } },
      },
      series: [{ type: "line", name: t("riskLevels.fields.overall"), step: "end", data: points, lineStyle: { width: 3, color: "#37414b" }, symbol: "circle" }],
    };
  }, [endorsed, language, isPhone, t]);

  const summary = endorsed.map((change) => `${formatDate(change.endorsedAt, language)}: ${levelText(change.overall, language)}`).join("; ");
  return <EChart option={option} height={isPhone ? 200 : 240} label={t("riskLevels.history.chartLabel", { name: placeName, changes: summary })} />;
}
