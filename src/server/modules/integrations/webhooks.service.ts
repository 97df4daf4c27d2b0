import { randomBytes } from "node:crypto";
import { count, desc, eq, inArray, sql } from "drizzle-orm";
import type { WebhookInput, WebhookPatch } from "../../../core/integrations/webhook.schemas.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { webhookDeliveries, webhookSubscriptions } from "../../platform/events/events.tables.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/schemas.ts";
import { findPlace, places } from "../structure/index.ts";
import { webhookPolicy } from "./webhooks.policy.ts";

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

/** The row as the audit trail sees it: never the secret. */
const audited = ({ secret: _secret, ...rest }: SubscriptionRow) => rest;

async function deliveryCounts(context: ServiceContext, ids: string[]) {
  if (ids.length === 0) return new Map<string, Record<"pending" | "delivered" | "failed", number>>();
  const rows = await context.database.db
    .select({ id: webhookDeliveries.subscriptionId, status: webhookDeliveries.status, value: count() })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.subscriptionId, ids))
    .groupBy(webhookDeliveries.subscriptionId, webhookDeliveries.status);
  const counts = new Map(ids.map((id) => [id, { pending: 0, delivered: 0, failed: 0 }]));
  for (const row of rows) {
    const entry = counts.get(row.id);
    if (entry) entry[row.status] = row.value;
  }
  return counts;
}

async function present(context: ServiceContext, rows: SubscriptionRow[]) {
  const placeIds = [...new Set(rows.flatMap((row) => row.placeId ?? []))];
  const [placeRows, counts] = await Promise.all([
    placeIds.length ? context.database.db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, placeIds)) : [],
    deliveryCounts(
      context,
      rows.map((row) => row.id),
    ),
  ]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    url: row.url,
    eventTypes: row.eventTypes,
    placeId: row.placeId,
    placeName: placeRows.find((place) => place.id === row.placeId)?.name ?? null,
    isActive: row.isActive,
    deliveries: counts.get(row.id) ?? { pending: 0, delivered: 0, failed: 0 },
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
    actions: webhookPolicy.actions(context.actor, row),
  }));
}

/** A subscription the caller may manage; otherwise "not found", whether it exists or not. */
async function manageable(context: ServiceContext, id: string): Promise<SubscriptionRow> {
  const [row] = await context.database.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row || !webhookPolicy.canManage(context.actor, row.placePath)) throw new NotFoundError("Webhook subscription");
  return row;
}

/** The place's path; a place that does not exist, or that the caller may not limit events to, reads the same. */
async function placePathOf(context: ServiceContext, placeId: string | null): Promise<string | null> {
  if (placeId === null) {
    if (!webhookPolicy.canManage(context.actor, null)) throw new RuleError("placeId", "is required: you may subscribe only to events of your own area");
    return null;
  }
  const place = await findPlace(context.database.db, placeId);
  if (!place || !webhookPolicy.canManage(context.actor, place.path)) throw new RuleError("placeId", "names a place that does not exist");
  return place.path;
}

export async function listWebhooks(context: ServiceContext, query: { page: number; pageSize: number }) {
  const { db } = context.database;
  const where = scopeCondition(context.actor, "webhook.manage", sql`coalesce(${webhookSubscriptions.placePath}, '')`, "ignore");
  const [rows, [{ value: total }]] = await Promise.all([
    db
      .select()
      .from(webhookSubscriptions)
      .where(where)
      .orderBy(desc(webhookSubscriptions.createdAt), desc(webhookSubscriptions.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ value: count() }).from(webhookSubscriptions).where(where),
  ]);
  return { items: await present(context, rows), total, page: query.page, pageSize: query.pageSize };
}

/** Creates a subscription with a fresh secret, returned in this answer only. */
export async function createWebhook(context: ServiceContext, input: WebhookInput) {
  const placePath = await placePathOf(context, input.placeId);
  const secret = `whsec_${randomBytes(32).toString("hex")}`;
  const row = await context.database.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(webhookSubscriptions)
      .values({ ...input, placePath, secret, createdByUserId: context.actor.userId })
      .returning();
    await recordAudit(tx, context.audit, { action: "create", entityType: "webhook_subscription", entityId: created.id, changes: diffRecords(null, audited(created)) });
    return created;
  });
  const [presented] = await present(context, [row]);
  return { ...presented, secret };
}

export async function updateWebhook(context: ServiceContext, id: string, patch: WebhookPatch) {
  const before = await manageable(context, id);
  const changes: Partial<typeof webhookSubscriptions.$inferInsert> = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  if (patch.placeId !== undefined) changes.placePath = await placePathOf(context, patch.placeId);
  const after = await context.database.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(webhookSubscriptions)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(webhookSubscriptions.id, id))
      .returning();
    const diff = diffRecords(audited(before), audited(updated));
    if (Object.keys(diff).length) await recordAudit(tx, context.audit, { action: "update", entityType: "webhook_subscription", entityId: id, changes: diff });
    return updated;
  });
  const [presented] = await present(context, [after]);
  return presented;
}

/** Deletes a subscription and its delivery log. */
export async function deleteWebhook(context: ServiceContext, id: string) {
  const before = await manageable(context, id);
  await context.database.db.transaction(async (tx) => {
    await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
    await recordAudit(tx, context.audit, { action: "delete", entityType: "webhook_subscription", entityId: id, changes: diffRecords(audited(before), null) });
  });
}

/**
 * The latest deliveries of a subscription, newest first. The payload is not shown: it is for the
 * receiver, and the administrator may not read incidents otherwise.
 */
export async function listDeliveries(context: ServiceContext, id: string, limit: number) {
  await manageable(context, id);
  const { db } = context.database;
  const where = eq(webhookDeliveries.subscriptionId, id);
  const [rows, [{ value: total }]] = await Promise.all([
    db
      .select({
        id: webhookDeliveries.id,
        eventType: webhookDeliveries.eventType,
        entityId: sql<string | null>`${webhookDeliveries.payload} ->> 'id'`,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        lastStatusCode: webhookDeliveries.lastStatusCode,
        lastError: webhookDeliveries.lastError,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
        createdAt: webhookDeliveries.createdAt,
        deliveredAt: webhookDeliveries.deliveredAt,
      })
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(limit),
    db.select({ value: count() }).from(webhookDeliveries).where(where),
  ]);
  const items = rows.map((row) => ({
    ...row,
    nextAttemptAt: row.status === "pending" ? iso(row.nextAttemptAt) : null,
    createdAt: iso(row.createdAt) as string,
    deliveredAt: iso(row.deliveredAt),
  }));
  return { items, total };
}
