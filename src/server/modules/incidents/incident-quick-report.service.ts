import { incidentFromQuickReport } from "../../../core/incidents/incident-quick-report.mapping.ts";
import type { QuickReportInput } from "../../../core/incidents/incident-quick-report.ts";
import { clock } from "../../platform/clock.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { runIdempotent } from "../../platform/http/idempotency.ts";
import { afterIncidentSubmitted } from "./incident-alerts.ts";
import { type FlashAlert, flashAlertRaised } from "./incident-alert-listeners.ts";
import { type InsertedIncident, answerFor, insertIncident, prepareIncident } from "./incident-create.service.ts";
import { incidentPlaceTimeZone } from "./incident-place.ts";

export const quickReportRoute = "POST /api/incidents/quick-reports";

/**
 * Records and submits a quick report in one transaction, once per Idempotency-Key: the offline
 * outbox resends until it hears an answer, so a lost answer must never become a second incident.
 * Who may: whoever may record an incident where it happened (`incident.create` there), exactly as
 * for a full report; the place is resolved in that scope. The incident's time zone is the place's.
 */
export async function submitQuickReport(context: ServiceContext, report: QuickReportInput, idempotencyKey: string | null) {
  let created: InsertedIncident | null = null;
  let alert: FlashAlert | null = null;
  const result = await runIdempotent(context, { key: idempotencyKey, route: quickReportRoute, body: report }, async (claim) => {
    const now = clock.now();
    // The place's zone, never the phone's: a report is read and shown in the time of the place.
    // An unknown place keeps UTC here; `prepareIncident` then refuses the place itself.
    const zone = (await incidentPlaceTimeZone(context, report.place))?.timeZone ?? "UTC";
    const input = incidentFromQuickReport(report, { name: context.actor.displayName, personId: context.actor.personId }, now, zone);
    const place = await prepareIncident(context, input);
    return context.database.db.transaction(async (tx) => {
      created = await insertIncident(tx, context, input, place, { status: "submitted", submittedAt: now });
      const { row } = created;
      // Claimed before the alerts: a concurrent replay rolls back here, before anyone is notified twice.
      await claim(tx, row.id);
      alert = await afterIncidentSubmitted(tx, context, row.id);
      return row.id;
    });
  });
  // Only the first submission raises it: a replay answers from the stored result.
  await flashAlertRaised(context, alert);
  return { result, incident: await answerFor(context, result, created) };
}
