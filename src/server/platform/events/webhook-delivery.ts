import { createHmac } from "node:crypto";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.ts";
import type { Database, Db } from "../db/database.ts";
import { type OutboxWorker, startOutboxWorker } from "../notify/outbox-worker.ts";
import { claimLeaseSeconds, retryDelaySeconds, secondsUntilEarliest, shortError } from "../notify/retry.ts";
import { webhookChannel } from "./events.service.ts";
import { webhookDeliveries, webhookSubscriptions } from "./events.tables.ts";

/** `sha256=<hex>`: HMAC-SHA256 of the exact bytes sent, keyed with the subscription's secret. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

async function claimDue(db: Db, limit: number): Promise<DeliveryRow[]> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, sql`now()`)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${claimLeaseSeconds})` })
    .where(inArray(webhookDeliveries.id, due))
    .returning();
}

const requestTimeoutMs = 10_000;

export type WebhookDeliveryOptions = { config: Config; database: Database; logger: FastifyBaseLogger };

/**
 * POSTs pending deliveries as JSON with `X-Vigil-Event`, `X-Vigil-Delivery` and
 * `X-Vigil-Signature`; a 2xx answer delivers, anything else (redirects included) is retried with
 * exponential backoff until DELIVERY_MAX_ATTEMPTS, then the delivery is marked failed.
 */
export function startWebhookDelivery({ config, database, logger }: WebhookDeliveryOptions): OutboxWorker {
  const { db } = database;

  async function deliver(row: DeliveryRow, signal: AbortSignal) {
    const [subscription] = await db
      .select({ url: webhookSubscriptions.url, secret: webhookSubscriptions.secret, isActive: webhookSubscriptions.isActive })
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, row.subscriptionId));
    if (!subscription?.isActive) {
      await db.update(webhookDeliveries).set({ status: "failed", lastError: "the subscription was deactivated" }).where(eq(webhookDeliveries.id, row.id));
      return;
    }
    const body = JSON.stringify({ id: row.id, type: row.eventType, createdAt: row.createdAt.toISOString(), data: row.payload });
    let statusCode: number | null = null;
    let problem: string | null = null;
    try {
      const response = await fetch(subscription.url, {
        method: "POST",
        body,
        redirect: "manual",
        signal: AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)]),
        headers: {
          "content-type": "application/json",
          "user-agent": "Vigil-Webhooks/1",
          "x-vigil-event": row.eventType,
          "x-vigil-delivery": row.id,
          "x-vigil-signature": webhookSignature(subscription.secret, body),
        },
      });
      statusCode = response.status;
      // The answer is not read beyond its status; release the connection.
      await response.body?.cancel().catch(() => undefined);
      if (response.status < 200 || response.status >= 300) problem = `the receiver answered ${response.status}`;
    } catch (error) {
      problem = shortError(error);
    }
    if (problem === null) {
      await db
        .update(webhookDeliveries)
        .set({ status: "delivered", deliveredAt: sql`now()`, lastStatusCode: statusCode, lastError: null })
        .where(eq(webhookDeliveries.id, row.id));
      return;
    }
    if (signal.aborted) return;
    const isFinal = row.attempts >= config.delivery.maxAttempts;
    await db
      .update(webhookDeliveries)
      .set(
        isFinal
          ? { status: "failed", lastStatusCode: statusCode, lastError: problem }
          : { lastStatusCode: statusCode, lastError: problem, nextAttemptAt: sql`now() + make_interval(secs => ${retryDelaySeconds(config, row.attempts)})` },
      )
      .where(eq(webhookDeliveries.id, row.id));
    logger.warn({ deliveryId: row.id, attempt: row.attempts, isFinal, problem }, "webhook delivery failed");
  }

  return startOutboxWorker({
    name: "webhook",
    database,
    channel: webhookChannel,
    logger,
    async runPass(signal) {
      for (;;) {
        const batch = await claimDue(db, 10);
        if (batch.length === 0) break;
        // One slow receiver must not hold up the others in the batch.
        await Promise.all(batch.map((row) => deliver(row, signal)));
        if (signal.aborted) return { secondsUntilNextDue: null };
      }
      const [next] = await db
        .select({ seconds: secondsUntilEarliest(webhookDeliveries.nextAttemptAt) })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.status, "pending"));
      return { secondsUntilNextDue: next?.seconds === null || next?.seconds === undefined ? null : Number(next.seconds) };
    },
  });
}
