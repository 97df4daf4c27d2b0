import type { QuickReportInput } from "./incident-quick-report.ts";
import type { IncidentInput } from "./incident.schemas.ts";

/*
 * Kept apart from the schema (no zod here): the offline quick-report page runs the same mapping
 * and the same SSIRS rules (`incidentProblems`) before it queues a report, without shipping zod.
 */

export type QuickReporter = { name: string; personId: string | null };

/** Source detail written on every quick report, so analysts can tell them from full records. */
export const quickReportSourceDetail = "Quick report";

/** The full incident a quick report stands for: the same rules then apply to both. */
export function incidentFromQuickReport(report: QuickReportInput, reporter: QuickReporter, now: Date): IncidentInput {
  return {
    occurredAt: report.occurredAt ?? now.toISOString(),
    timeZone: report.timeZone,
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
