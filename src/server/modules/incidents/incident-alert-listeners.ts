import type { ServiceContext } from "../../platform/http/context.ts";

/**
 * Who must hear, in this process, that a flash alert was raised: travel tells the travellers in the
 * incident's area (issue 13 §4). Registered by the composition root (server.ts) so that this module
 * needs no knowledge of travel, like the risk module's `onSecurityLevelInForce`. Called after the
 * commit (a rolled-back submission raises nothing); a listener must be idempotent, since the
 * travel module's catch-up pass runs it again for recent alerts a crash may have cut short.
 */
export type FlashAlert = { incidentId: string; placePath: string };
type FlashAlertListener = (context: ServiceContext, alert: FlashAlert) => Promise<unknown>;
const listeners = new Set<FlashAlertListener>();

export function onFlashAlert(listener: FlashAlertListener): void {
  listeners.add(listener);
}

/** Runs the listeners; the submission stands whatever a listener does, so a failure is reported, not thrown. */
export async function flashAlertRaised(context: ServiceContext, alert: FlashAlert | null): Promise<void> {
  if (!alert) return;
  for (const listener of listeners) {
    await listener(context, alert).catch((error: unknown) => process.emitWarning(`After the flash alert of incident ${alert.incidentId}: ${String(error)}`));
  }
}
