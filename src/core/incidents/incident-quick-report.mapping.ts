import type { QuickReportInput } from "./incident-quick-report.ts";
import type { IncidentInput } from "./incident.schemas.ts";
import { localToIso } from "./incident-import-time.ts";

/*
 * Kept apart from the schema (no zod here): the offline quick-report page runs the same mapping
 * and the same SSIRS rules (`incidentProblems`) before it queues a report, without shipping zod.
 */

export type QuickReporter = { name: string; personId: string | null };

/** Source detail written on every quick report, so analysts can tell them from full records. */
export const quickReportSourceDetail = "Quick report";

/** "2026-03-02T08:15" read in a zone, as ISO 8601 with that zone's offset then; "" when it is not a time. */
export function quickLocalToIso(local: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return "";
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  return localToIso({ year, month, day, hour, minute, second: 0 }, timeZone) ?? "";
}

/**
 * The full incident a quick report stands for: the same rules then apply to both. `timeZone` is
 * the place's (`effectiveTimeZone`): a local time is read in it, and an instant ("now", or a
 * report queued with the phone's zone) is kept as the instant, in UTC, which the zone rule accepts.
 */
export function incidentFromQuickReport(report: QuickReportInput, reporter: QuickReporter, now: Date, timeZone: string): IncidentInput {
  const instant = report.occurredAt ? new Date(report.occurredAt) : report.occurredLocal ? null : now;
  return {
    occurredAt: instant ? (Number.isNaN(instant.getTime()) ? report.occurredAt ?? "" : instant.toISOString()) : quickLocalToIso(report.occurredLocal ?? "", timeZone),
    timeZone,
    place: report.place,
    categoryCode: report.categoryCode,
    description: report.description,
    source: "un_personnel",
    sourceDetail: quickReportSourceDetail,
    reporter: { name: reporter.name.slice(0, 160), personId: reporter.personId, contact: null },
    affectsUn: true,
    isNearMiss: report.isNearMiss,
    involvesMilitaryOrFormedPolice: false,
    organisationsAffected: [],
    peopleAffected: report.peopleAffected.map((line) => ({ ...line, personId: null, organisationId: null })),
    premisesAffected: report.premisesAffected,
    assetsAffected: report.assetsAffected,
  };
}
