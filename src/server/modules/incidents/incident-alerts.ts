import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";

/**
 * Side effects of the incident workflow, written in the same transaction as the step that
 * causes them (outbox pattern): flash alerts when a critical incident is submitted, the
 * `incident.verified` event for subscribed systems.
 */
export async function afterIncidentSubmitted(_tx: Db, _context: ServiceContext, _incidentId: string): Promise<void> {
  // Flash alerts: to be written (issue 3).
}

export async function afterIncidentVerified(_tx: Db, _context: ServiceContext, _incidentId: string): Promise<void> {
  // Webhook event: to be written (issue 3).
}
