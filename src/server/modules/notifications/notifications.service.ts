import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { ServiceContext } from "../../platform/http/context.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/schemas.ts";
import { type NotificationLanguage, notificationLanguageOf } from "../../../core/notifications/notification-messages.ts";
import { users } from "../../platform/auth/auth.tables.ts";
import { notificationText } from "../../platform/notify/notifications.ts";
import { notifications } from "../../platform/notify/notify.tables.ts";

type NotificationRow = typeof notifications.$inferSelect;

/** Notifications are put into words at reading time, in the reader's language (their account's locale). */
async function readerLanguage(context: ServiceContext): Promise<NotificationLanguage> {
  const [row] = await context.database.db.select({ locale: users.locale }).from(users).where(eq(users.id, context.actor.userId));
  return notificationLanguageOf(row?.locale);
}

function present(row: NotificationRow, language: NotificationLanguage) {
  return {
    id: row.id,
    kind: row.kind,
    ...notificationText(row, language),
    entityType: row.entityType,
    entityId: row.entityId,
    createdAt: iso(row.createdAt) as string,
    readAt: iso(row.readAt),
  };
}

const mine = (context: ServiceContext) => eq(notifications.userId, context.actor.userId);

async function unreadCount(context: ServiceContext): Promise<number> {
  const [row] = await context.database.db.select({ value: count() }).from(notifications).where(and(mine(context), isNull(notifications.readAt)));
  return row.value;
}

/** The caller's own notifications, newest first, with how many are unread. */
export async function listMyNotifications(context: ServiceContext, query: { page: number; pageSize: number; unreadOnly?: "true" | "false"; language?: NotificationLanguage }) {
  const { db } = context.database;
  const where = and(mine(context), query.unreadOnly === "true" ? isNull(notifications.readAt) : undefined);
  const [rows, [{ value: total }], unread, language] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ value: count() }).from(notifications).where(where),
    unreadCount(context),
    query.language ?? readerLanguage(context),
  ]);
  return { items: rows.map((row) => present(row, language)), total, page: query.page, pageSize: query.pageSize, unreadCount: unread };
}

/**
 * Marks one of the caller's notifications read or unread. Someone else's is "not found".
 * Reading one's own notifications is not an audited change: they are the user's inbox, not a record.
 */
export async function markNotification(context: ServiceContext, id: string, isRead: boolean) {
  const [row] = await context.database.db
    .update(notifications)
    .set({ readAt: isRead ? new Date() : null })
    .where(and(eq(notifications.id, id), mine(context)))
    .returning();
  if (!row) throw new NotFoundError("Notification");
  return present(row, await readerLanguage(context));
}

/**
 * Marks read every unread notification created up to `upTo` (the newest the caller has seen),
 * so that one arriving while the list was open stays unread.
 */
export async function markAllRead(context: ServiceContext, upTo: string) {
  const marked = await context.database.db
    .update(notifications)
    .set({ readAt: new Date() })
    // The client saw time stamps to the millisecond; the database keeps microseconds.
    .where(and(mine(context), isNull(notifications.readAt), sql`date_trunc('milliseconds', ${notifications.createdAt}) <= ${new Date(upTo).toISOString()}::timestamptz`))
    .returning({ id: notifications.id });
  return { marked: marked.length, unreadCount: await unreadCount(context) };
}
