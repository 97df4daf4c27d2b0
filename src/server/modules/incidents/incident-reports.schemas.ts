import { z } from "zod";

/** Response schemas of the analysis routes: dashboard counts, map, generated reports. */
const count = z.number().int();
const source = z.enum(["rollup", "live"]).describe("Counts read from the monthly rollups, or computed from the incidents (a scope finer than a Security Area)");
const monthPeriod = z.object({ from: z.string().describe("YYYY-MM"), to: z.string().describe("YYYY-MM, included") });
const totals = z.object({ incidents: count, affectingUn: count, people: count, killed: count, injured: count });
const split = z.object({ incidents: count, people: count, previousIncidents: count, previousPeople: count });

export const statsOut = z.object({
  period: monthPeriod,
  previousPeriod: monthPeriod,
  source,
  totals,
  previousTotals: totals,
  byMonth: z.array(
    z.object({ month: z.string(), incidents: count, previousMonth: z.string(), previousIncidents: count }),
  ),
  byCategory: z.array(z.object({ categoryCode: z.string(), group: z.string(), incidents: count, people: count, previousIncidents: count })),
  byArea: z.array(z.object({ placeId: z.string().nullable(), name: z.string(), incidents: count, previousIncidents: count })),
  peopleByOutcome: z.array(z.object({ outcome: z.string(), people: count, previousPeople: count })),
  peopleByRecruitmentAndSex: z.array(z.object({ recruitmentType: z.string(), sex: z.string(), people: count })),
  violenceSafety: z.object({ violence: split, safety: split }),
});

export const mapOut = z.object({
  type: z.literal("FeatureCollection"),
  truncated: z.boolean().describe("More incidents matched than the cap: the newest are shown"),
  cap: count,
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      geometry: z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]).describe("[longitude, latitude]") }),
      properties: z.object({
        id: z.string(),
        categoryCode: z.string(),
        occurredAt: z.string(),
        status: z.string(),
        kind: z.enum(["violence", "safety"]),
      }),
    }),
  ),
});

export const mapConfigOut = z.object({
  styleUrl: z.string().nullable().describe("A MapLibre style JSON URL"),
  tileUrl: z.string().nullable().describe("A raster tile URL template with {z}/{x}/{y}"),
});

const trio = z.object({ current: count, previous: count, yearEarlier: count });
const describedPeriod = monthPeriod.extend({ label: z.string() });
const scope = z.object({ placeId: z.string().nullable(), name: z.string() });

export const periodicReportOut = z.object({
  kind: z.enum(["quarter", "year"]),
  lang: z.enum(["en", "fr"]),
  title: z.string(),
  scope,
  period: describedPeriod,
  previousPeriod: describedPeriod,
  yearEarlier: describedPeriod,
  generatedAt: z.string(),
  source,
  totals: z.object({ incidents: trio, affectingUn: trio, people: trio, killed: trio, injured: trio }),
  byGroup: z.array(z.object({ group: z.string(), label: z.string(), incidents: trio, people: trio })),
  byCategory: z.array(
    z.object({ categoryCode: z.string(), group: z.string(), label: z.string(), incidents: trio, affectingUn: count, people: trio }),
  ),
  violenceSafety: z.array(z.object({ kind: z.enum(["violence", "safety"]), label: z.string(), incidents: trio, people: trio })),
  peopleByOutcome: z.array(z.object({ outcome: z.string(), label: z.string(), people: trio })),
  peopleByOutcomeDetail: z.array(
    z.object({
      outcome: z.string(),
      outcomeLabel: z.string(),
      recruitmentType: z.string(),
      recruitmentTypeLabel: z.string(),
      bySex: z.record(z.string(), count),
      total: count,
    }),
  ),
  byArea: z.array(z.object({ placeId: z.string().nullable(), name: z.string(), incidents: trio, people: trio })),
});

const jiuRow = z.object({ code: z.string(), label: z.string(), cells: z.array(count), total: count });

export const jiuReportOut = z.object({
  lang: z.enum(["en", "fr"]),
  title: z.string(),
  scope,
  fromYear: count,
  toYear: count,
  generatedAt: z.string(),
  source,
  years: z.array(count),
  /** Each year's heading; the year in progress says the span it covers ("2026 (January – 7 December)"). */
  yearLabels: z.array(z.string()),
  rows: z.array(jiuRow),
  totalRow: jiuRow,
});
