import { violenceOrSafety } from "./incident-rules.ts";
import { type MonthPeriod, monthsOf, previousPeriod } from "./incident-stats-period.ts";
import { findCategory } from "./incident-taxonomy.data.ts";
import { personOutcomes } from "./incident-taxonomy.types.ts";

/**
 * The incident dashboard, assembled from counts the database grouped one way at a time
 * (by month, category, area, outcome, recruitment type × sex), for the period and the previous
 * period of equal length. Counting rules (the same as the rollup tables):
 * - incidents past draft only (submitted, verified, closed);
 * - in the incident's local month (its own time zone);
 * - sensitive (sexual-assault) incidents count like any other: counts reveal no narrative;
 * - people in the category of their incident.
 */
export type StatsGrouping = "category" | "outcome" | "recruitmentSex";

/** One group: `isCurrent` tells the period from the previous one. `key2` is the sex of a recruitment × sex group. */
export type StatsIncidentGroup = { grouping: "month" | "category" | "area"; isCurrent: boolean; key: string; incidents: number; affectingUn: number };
export type StatsPeopleGroup = { grouping: StatsGrouping; isCurrent: boolean; key: string; key2: string | null; people: number };
export type StatsArea = { path: string; placeId: string | null; name: string };

type Pair = { current: number; previous: number };
const pair = (): Pair => ({ current: 0, previous: 0 });

function pairs<G extends { grouping: string; isCurrent: boolean; key: string }>(groups: readonly G[], grouping: string, value: (group: G) => number) {
  const map = new Map<string, Pair>();
  for (const group of groups) {
    if (group.grouping !== grouping) continue;
    const entry = map.get(group.key) ?? pair();
    entry[group.isCurrent ? "current" : "previous"] += value(group);
    map.set(group.key, entry);
  }
  return map;
}

const sumOf = (map: Map<string, Pair>, side: keyof Pair, keep: (key: string) => boolean = () => true) =>
  [...map].reduce((total, [key, entry]) => total + (keep(key) ? entry[side] : 0), 0);

export function buildIncidentStats(period: MonthPeriod, incidentGroups: readonly StatsIncidentGroup[], peopleGroups: readonly StatsPeopleGroup[], areas: readonly StatsArea[]) {
  const previous = previousPeriod(period);
  const incidentsByMonth = pairs(incidentGroups, "month", (group) => group.incidents);
  const incidentsByCategory = pairs(incidentGroups, "category", (group) => group.incidents);
  const affectingUnByCategory = pairs(incidentGroups, "category", (group) => group.affectingUn);
  const incidentsByArea = pairs(incidentGroups, "area", (group) => group.incidents);
  const peopleByCategory = pairs(peopleGroups, "category", (group) => group.people);
  const peopleByOutcome = pairs(peopleGroups, "outcome", (group) => group.people);

  const currentMonths = monthsOf(period);
  const previousMonths = monthsOf(previous);
  const byMonth = currentMonths.map((month, index) => ({
    month,
    incidents: incidentsByMonth.get(month)?.current ?? 0,
    previousMonth: previousMonths[index],
    previousIncidents: incidentsByMonth.get(previousMonths[index])?.previous ?? 0,
  }));

  const byCategory = [...new Set([...incidentsByCategory.keys(), ...peopleByCategory.keys()])]
    .map((code) => ({
      categoryCode: code,
      group: findCategory(code)?.group ?? "unknown",
      incidents: incidentsByCategory.get(code)?.current ?? 0,
      people: peopleByCategory.get(code)?.current ?? 0,
      previousIncidents: incidentsByCategory.get(code)?.previous ?? 0,
    }))
    .filter((row) => row.incidents + row.people + row.previousIncidents > 0)
    .sort((a, b) => b.incidents - a.incidents || a.categoryCode.localeCompare(b.categoryCode));

  const areaByPath = new Map(areas.map((area) => [area.path, area]));
  const byArea = [...incidentsByArea.keys()]
    .map((path) => ({
      placeId: areaByPath.get(path)?.placeId ?? null,
      name: areaByPath.get(path)?.name ?? path,
      incidents: incidentsByArea.get(path)?.current ?? 0,
      previousIncidents: incidentsByArea.get(path)?.previous ?? 0,
    }))
    .filter((row) => row.incidents + row.previousIncidents > 0)
    .sort((a, b) => b.incidents - a.incidents || a.name.localeCompare(b.name));

  const peopleByOutcomeRows = personOutcomes
    .map((outcome) => ({ outcome, people: peopleByOutcome.get(outcome)?.current ?? 0, previousPeople: peopleByOutcome.get(outcome)?.previous ?? 0 }))
    .filter((row) => row.people + row.previousPeople > 0);

  const peopleByRecruitmentAndSex = peopleGroups
    .filter((group) => group.grouping === "recruitmentSex" && group.isCurrent && group.people > 0)
    .map((group) => ({ recruitmentType: group.key, sex: group.key2 ?? "unknown", people: group.people }))
    .sort((a, b) => a.recruitmentType.localeCompare(b.recruitmentType) || a.sex.localeCompare(b.sex));

  const isKind = (kind: "violence" | "safety") => (code: string) => violenceOrSafety(code) === kind;
  const split = (kind: "violence" | "safety") => ({
    incidents: sumOf(incidentsByCategory, "current", isKind(kind)),
    people: sumOf(peopleByCategory, "current", isKind(kind)),
    previousIncidents: sumOf(incidentsByCategory, "previous", isKind(kind)),
    previousPeople: sumOf(peopleByCategory, "previous", isKind(kind)),
  });
  const totalsOf = (side: keyof Pair) => ({
    incidents: sumOf(incidentsByCategory, side),
    affectingUn: sumOf(affectingUnByCategory, side),
    people: sumOf(peopleByCategory, side),
    killed: peopleByOutcome.get("killed")?.[side] ?? 0,
    injured: peopleByOutcome.get("injured")?.[side] ?? 0,
  });

  return {
    period,
    previousPeriod: previous,
    totals: totalsOf("current"),
    previousTotals: totalsOf("previous"),
    byMonth,
    byCategory,
    byArea,
    peopleByOutcome: peopleByOutcomeRows,
    peopleByRecruitmentAndSex,
    violenceSafety: { violence: split("violence"), safety: split("safety") },
  };
}

export type IncidentStats = ReturnType<typeof buildIncidentStats>;
