import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { WebhookEventType } from "../../../core/integrations/webhook.schemas.ts";
import type { Db } from "../db/database.ts";
import { webhookDeliveries, webhookSubscriptions } from "./events.tables.ts";

export const webhookChannel = "vigil_webhook_deliveries";

export type EventInput = {
  type: WebhookEventType;
  /** The place path of the record the event is about: subscriptions limited to a branch match by prefix. */
  placePath: string;
  payload: Record<string, unknown>;
};

/**
 * Records an event in the caller's transaction: one delivery per active subscription to its
 * type whose place (if any) covers the event's. Deliveries go out once the transaction commits.
 */
export async function emitEvent(tx: Db, event: EventInput): Promise<number> {
  const subscribers = await tx
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.isActive, true),
        sql`${event.type} = any(${webhookSubscriptions.eventTypes})`,
        or(isNull(webhookSubscriptions.placePath), sql`left(${event.placePath}, length(${webhookSubscriptions.placePath})) = ${webhookSubscriptions.placePath}`),
      ),
    );
  if (subscribers.length === 0) return 0;
  await tx.insert(webhookDeliveries).values(subscribers.map((subscriber) => ({ subscriptionId: subscriber.id, eventType: event.type, payload: event.payload })));
  await tx.execute(sql`select pg_notify(${webhookChannel}, '')`);
  return subscribers.length;
}
