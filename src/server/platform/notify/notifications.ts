import { type NotificationLanguage, type NotificationMessage, renderNotification } from "../../../core/notifications/notification-messages.ts";
import type { SQL } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { areaNameIn } from "../language/place-names.ts";
import { notifications } from "./notify.tables.ts";

/**
 * What a notification says is stored as a message key and its parameters, never as text: it is
 * put into words when read, in the reader's language (issue 12 §3.5). Keys and their words live
 * in src/core/notifications/notification-messages.ts (add a template there, in English and French).
 *
 * @example
 * await notifyUsers(tx, [doUserId], {
 *   kind: "srm_submitted",
 *   message: { key: "srm_submitted", params: { areaName: "Mopti", version: 2, submittedBy: "P/C/SA Mali" } },
 *   entityType: "srm_assessment",
 *   entityId: assessment.id,
 * });
 */
export type NotificationInput = {
  kind: string;
  message: NotificationMessage;
  entityType?: string | null;
  entityId?: string | null;
};

const rowsFor = (userIds: readonly string[], input: NotificationInput) =>
  [...new Set(userIds)].map((userId) => ({
    userId,
    kind: input.kind,
    messageKey: input.message.key,
    params: input.message.params as Record<string, unknown>,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
  }));

/** In-app notifications, one per user, written in the caller's transaction. */
export async function notifyUsers(tx: Db, userIds: string[], input: NotificationInput): Promise<number> {
  const rows = rowsFor(userIds, input);
  if (rows.length === 0) return 0;
  await tx.insert(notifications).values(rows);
  return rows.length;
}

/**
 * `notifyUsers` as a statement to run with others (a CTE of `withAuditEntry`, one round trip for
 * the change, its audit entry and its notices); null when there is nobody to tell.
 */
export function notificationsInsert(tx: Db, userIds: readonly string[], input: NotificationInput): SQL | null {
  const rows = rowsFor(userIds, input);
  return rows.length ? tx.insert(notifications).values(rows).getSQL() : null;
}

type StoredNotification = Pick<typeof notifications.$inferSelect, "messageKey" | "params" | "title" | "body">;

/** A stored notification's words in `language`; rows from before keys keep their text. */
export function notificationText(row: StoredNotification, language: NotificationLanguage): { title: string; body: string } {
  if (!row.messageKey) return { title: row.title ?? "", body: row.body ?? "" };
  const params = { ...(row.params ?? {}) };
  // An area named after its country (« Haïti ») reads in the reader's language, like on the web.
  // Only parameters that name an area: a security level's place is one, an incident's is not.
  const areaParams = row.messageKey === "security_level" ? ["areaName", "designatedAreaName", "placeName"] : ["areaName", "designatedAreaName"];
  for (const name of areaParams) if (typeof params[name] === "string") params[name] = areaNameIn(params[name] as string, language);
  return renderNotification({ key: row.messageKey, params } as NotificationMessage, language);
}
