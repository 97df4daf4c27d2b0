import { recruitmentTypes } from "../personnel/personnel.schemas.ts";
import { incidentSexes } from "./incident.schemas.ts";
import { type ReportLanguage, recruitmentTypeLabels, sexLabels, violenceSafetyLabels } from "./incident-report-labels.ts";
import { violenceOrSafety } from "./incident-rules.ts";
import { findCategory, incidentGroupLabels, personOutcomeLabels } from "./incident-taxonomy.data.ts";
import { type PersonOutcome, incidentGroups, personOutcomes } from "./incident-taxonomy.types.ts";

/**
 * The quarterly and annual incident report (the successor of the Quarterly Incident Report),
 * built from counts already aggregated by the database. Pure: the same counts give the same report.
 * Incidents are counted in their category; people in the category of their incident (unlike the
 * JIU table, which moves the killed and injured to their own rows).
 */
export const reportPeriodKeys = ["current", "previous", "yearEarlier"] as const;
export type ReportPeriodKey = (typeof reportPeriodKeys)[number];
export type Trio = Record<ReportPeriodKey, number>;

export type ReportIncidentRow = { period: ReportPeriodKey; areaPath: string; categoryCode: string; affectsUn: boolean; incidents: number };
export type ReportPeopleRow = {
  period: ReportPeriodKey;
  areaPath: string;
  categoryCode: string;
  outcome: string;
  recruitmentType: string;
  sex: string;
  people: number;
};
export type ReportArea = { path: string; placeId: string | null; name: string };

export type PeriodicReportBody = {
  totals: { incidents: Trio; affectingUn: Trio; people: Trio; killed: Trio; injured: Trio };
  byGroup: { group: string; label: string; incidents: Trio; people: Trio }[];
  byCategory: { categoryCode: string; group: string; label: string; incidents: Trio; affectingUn: number; people: Trio }[];
  violenceSafety: { kind: "violence" | "safety"; label: string; incidents: Trio; people: Trio }[];
  peopleByOutcome: { outcome: string; label: string; people: Trio }[];
  /** Current period only: one line per outcome × recruitment type that counts anyone, by sex. */
  peopleByOutcomeDetail: { outcome: string; outcomeLabel: string; recruitmentType: string; recruitmentTypeLabel: string; bySex: Record<string, number>; total: number }[];
  byArea: { placeId: string | null; name: string; incidents: Trio; people: Trio }[];
};

const zero = (): Trio => ({ current: 0, previous: 0, yearEarlier: 0 });

/** Adds into a map of trios keyed by `key`. */
function tally(map: Map<string, Trio>, key: string, period: ReportPeriodKey, value: number) {
  let trio = map.get(key);
  if (!trio) {
    trio = zero();
    map.set(key, trio);
  }
  trio[period] += value;
}

const isEmpty = (trio: Trio) => trio.current === 0 && trio.previous === 0 && trio.yearEarlier === 0;
const orZero = (map: Map<string, Trio>, key: string) => map.get(key) ?? zero();

export function buildPeriodicReport(
  incidentRows: readonly ReportIncidentRow[],
  peopleRows: readonly ReportPeopleRow[],
  areas: readonly ReportArea[],
  lang: ReportLanguage,
): PeriodicReportBody {
  const incidentsByCategory = new Map<string, Trio>();
  const incidentsByArea = new Map<string, Trio>();
  const affectingUn = new Map<string, Trio>();
  for (const row of incidentRows) {
    tally(incidentsByCategory, row.categoryCode, row.period, row.incidents);
    tally(incidentsByArea, row.areaPath, row.period, row.incidents);
    if (row.affectsUn) tally(affectingUn, row.categoryCode, row.period, row.incidents);
  }
  const peopleByCategory = new Map<string, Trio>();
  const peopleByArea = new Map<string, Trio>();
  const peopleByOutcome = new Map<string, Trio>();
  const detail = new Map<string, Map<string, number>>();
  for (const row of peopleRows) {
    tally(peopleByCategory, row.categoryCode, row.period, row.people);
    tally(peopleByArea, row.areaPath, row.period, row.people);
    tally(peopleByOutcome, row.outcome, row.period, row.people);
    if (row.period !== "current") continue;
    const key = `${row.outcome}|${row.recruitmentType}`;
    const bySex = detail.get(key) ?? new Map<string, number>();
    bySex.set(row.sex, (bySex.get(row.sex) ?? 0) + row.people);
    detail.set(key, bySex);
  }

  const categoryCodes = [...new Set([...incidentsByCategory.keys(), ...peopleByCategory.keys()])];
  const byCategory = categoryCodes
    .map((code) => {
      const category = findCategory(code);
      return {
        categoryCode: code,
        group: category?.group ?? "unknown",
        label: category?.label[lang] ?? code,
        incidents: orZero(incidentsByCategory, code),
        affectingUn: orZero(affectingUn, code).current,
        people: orZero(peopleByCategory, code),
      };
    })
    .filter((row) => !isEmpty(row.incidents) || !isEmpty(row.people))
    .sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || a.label.localeCompare(b.label, lang));

  const sumTrios = (trios: Trio[]) =>
    trios.reduce((total, trio) => ({ current: total.current + trio.current, previous: total.previous + trio.previous, yearEarlier: total.yearEarlier + trio.yearEarlier }), zero());

  const byGroup = [...incidentGroups, "unknown"]
    .map((group) => {
      const rows = byCategory.filter((row) => row.group === group);
      const label = group === "unknown" ? group : incidentGroupLabels[group as keyof typeof incidentGroupLabels][lang];
      return { group, label, incidents: sumTrios(rows.map((row) => row.incidents)), people: sumTrios(rows.map((row) => row.people)) };
    })
    .filter((row) => !isEmpty(row.incidents) || !isEmpty(row.people));

  const violenceSafety = (["violence", "safety"] as const).map((kind) => {
    const rows = byCategory.filter((row) => violenceOrSafety(row.categoryCode) === kind);
    return { kind, label: violenceSafetyLabels[kind][lang], incidents: sumTrios(rows.map((row) => row.incidents)), people: sumTrios(rows.map((row) => row.people)) };
  });

  const outcomes = [...personOutcomes, ...[...peopleByOutcome.keys()].filter((key) => !personOutcomes.includes(key as PersonOutcome))];
  const outcomeLabel = (outcome: string) => personOutcomeLabels[outcome as PersonOutcome]?.[lang] ?? outcome;
  const outcomeRows = outcomes
    .map((outcome) => ({ outcome, label: outcomeLabel(outcome), people: orZero(peopleByOutcome, outcome) }))
    .filter((row) => !isEmpty(row.people));

  const peopleByOutcomeDetail = outcomes.flatMap((outcome) =>
    recruitmentTypes.flatMap((recruitmentType) => {
      const bySex = detail.get(`${outcome}|${recruitmentType}`);
      if (!bySex) return [];
      const counts = Object.fromEntries(incidentSexes.map((sex) => [sex, bySex.get(sex) ?? 0]));
      const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
      return total === 0
        ? []
        : [{ outcome, outcomeLabel: outcomeLabel(outcome), recruitmentType, recruitmentTypeLabel: recruitmentTypeLabels[recruitmentType][lang], bySex: counts, total }];
    }),
  );

  const areaByPath = new Map(areas.map((area) => [area.path, area]));
  const byArea = [...new Set([...incidentsByArea.keys(), ...peopleByArea.keys()])]
    .map((path) => ({
      placeId: areaByPath.get(path)?.placeId ?? null,
      name: areaByPath.get(path)?.name ?? path,
      incidents: orZero(incidentsByArea, path),
      people: orZero(peopleByArea, path),
    }))
    .filter((row) => !isEmpty(row.incidents) || !isEmpty(row.people))
    .sort((a, b) => b.incidents.current - a.incidents.current || a.name.localeCompare(b.name, lang));

  return {
    totals: {
      incidents: sumTrios(byCategory.map((row) => row.incidents)),
      affectingUn: sumTrios([...affectingUn.values()]),
      people: sumTrios(byCategory.map((row) => row.people)),
      killed: orZero(peopleByOutcome, "killed"),
      injured: orZero(peopleByOutcome, "injured"),
    },
    byGroup,
    byCategory,
    violenceSafety,
    peopleByOutcome: outcomeRows,
    peopleByOutcomeDetail,
    byArea,
  };
}

function groupOrder(group: string): number {
  const index = (incidentGroups as readonly string[]).indexOf(group);
  return index === -1 ? incidentGroups.length : index;
}

/** The columns of the outcome detail table, in order. */
export const reportSexes = incidentSexes;
export const sexLabel = (sex: string, lang: ReportLanguage) => sexLabels[sex as keyof typeof sexLabels]?.[lang] ?? sex;
