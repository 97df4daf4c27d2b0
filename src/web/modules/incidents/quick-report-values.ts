import type { RecruitmentType } from "../../../core/personnel/personnel.schemas.ts";
import { incidentFromQuickReport } from "../../../core/incidents/incident-quick-report.mapping.ts";
import type { QuickReportBody, QuickReportInput } from "../../../core/incidents/incident-quick-report.ts";
import { incidentProblems, type RuleLanguage } from "../../../core/incidents/incident-rules.ts";
import { findCategory, incidentCategories, incidentGroupLabels } from "../../../core/incidents/incident-taxonomy.data.ts";
import { incidentGroups, type PersonOutcome, type PremisesKind } from "../../../core/incidents/incident-taxonomy.types.ts";
import { browserTimeZone } from "./incident-time.ts";

/*
 * The quick report works offline, so it cannot ask the server for the taxonomy or the rules: it
 * carries them (core data, no zod) and checks a report with the very rules the server applies
 * before queueing it. A report the server would refuse is never queued.
 */

export type QuickLine = { outcome: PersonOutcome | ""; count: number | string; recruitmentType: RecruitmentType | "" };

export type QuickValues = {
  categoryCode: string | null;
  when: "now" | "earlier";
  date: string;
  time: string;
  placeMode: "gps" | "station";
  coordinates: { latitude: number; longitude: number; accuracy: number | null } | null;
  dutyStationId: string | null;
  description: string;
  anyoneHurt: "no" | "yes";
  people: QuickLine[];
  premisesKind: PremisesKind | "";
  premisesDescription: string;
  vehicle: string;
};

export const blankQuickLine = (): QuickLine => ({ outcome: "", count: 1, recruitmentType: "locally_recruited" });

export function blankQuickValues(): QuickValues {
  return {
    categoryCode: null,
    when: "now",
    date: "",
    time: "",
    placeMode: "gps",
    coordinates: null,
    dutyStationId: null,
    description: "",
    anyoneHurt: "no",
    people: [],
    premisesKind: "",
    premisesDescription: "",
    vehicle: "",
  };
}

/** Categories grouped for the picker, in the user's language. */
export function quickCategoryOptions(language: "en" | "fr") {
  return incidentGroups.map((group) => ({
    group: incidentGroupLabels[group][language],
    items: incidentCategories.filter((category) => category.group === group).map((category) => ({ value: category.code, label: category.label[language] })),
  }));
}

/** The request body, with "now" fixed at the moment the report is queued (not when it reaches the server). */
export function quickReportBody(values: QuickValues, now: Date): QuickReportBody {
  const category = findCategory(values.categoryCode);
  // An earlier time goes as the wall-clock time seen at the place: the server reads it in the
  // place's zone (a phone's own zone may be another country's, or UTC).
  const time = { occurredAt: now.toISOString() } as Pick<QuickReportBody, "occurredAt" | "occurredLocal">;
  if (values.when === "earlier") Object.assign(time, { occurredAt: undefined, occurredLocal: `${values.date}T${values.time.slice(0, 5)}` });
  return {
    categoryCode: values.categoryCode ?? "",
    ...time,
    place:
      values.placeMode === "gps" && values.coordinates
        ? { coordinates: { latitude: values.coordinates.latitude, longitude: values.coordinates.longitude } }
        : { dutyStationId: values.dutyStationId ?? "" },
    description: values.description.trim(),
    isNearMiss: false,
    peopleAffected:
      values.anyoneHurt === "yes"
        ? values.people.map((line) => ({
            outcome: line.outcome as PersonOutcome,
            count: Number(line.count),
            recruitmentType: line.recruitmentType as RecruitmentType,
            sex: "unknown" as const,
          }))
        : [],
    premisesAffected: category?.requiresPremises ? [{ kind: values.premisesKind as PremisesKind, description: values.premisesDescription.trim() }] : [],
    assetsAffected: category?.requiresVehicle ? [{ kind: "vehicle" as const, description: values.vehicle.trim() }] : [],
  };
}

/** Where each rule's field shows on the quick form. */
function formField(field: string): string {
  const line = /^peopleAffected\.(\d+)\.(\w+)$/.exec(field);
  if (line) return `people.${line[1]}.${line[2]}`;
  if (field === "peopleAffected") return "anyoneHurt";
  if (field.startsWith("premisesAffected")) return "premisesDescription";
  if (field.startsWith("assetsAffected")) return "vehicle";
  if (field === "timeZone" || field === "occurredAt" || field === "occurredLocal") return "date";
  return field;
}

/** The SSIRS rules, run on the incident the server will make of this report: form field → message, in the UI's language. */
export function quickReportProblems(body: QuickReportBody, reporterName: string, language: RuleLanguage = "en", placeZone: string | null = null): Record<string, string> {
  const report = { isNearMiss: false, peopleAffected: [], premisesAffected: [], assetsAffected: [], ...body } as QuickReportInput;
  const now = new Date();
  // The place's zone as the server will take it; by GPS, the phone's is close enough for "not in the future".
  const input = incidentFromQuickReport(report, { name: reporterName, personId: null }, now, placeZone ?? browserTimeZone());
  const errors: Record<string, string> = {};
  // The phone's clock decides "not in the future" here; the server checks again with its own.
  for (const problem of incidentProblems(input, language, now)) {
    const field = formField(problem.field);
    errors[field] = errors[field] ? `${errors[field]}; ${problem.message}` : problem.message;
  }
  return errors;
}
