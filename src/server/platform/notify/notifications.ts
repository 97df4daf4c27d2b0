import type { Db } from "../db/database.ts";
import { notifications } from "./notify.tables.ts";

export type NotificationInput = {
  kind: string;
  title: string;
  body: string;
  entityType?: string | null;
  entityId?: string | null;
};

/** In-app notifications, one per user, written in the caller's transaction. */
export async function notifyUsers(tx: Db, userIds: string[], message: NotificationInput): Promise<number> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  await tx.insert(notifications).values(
    unique.map((userId) => ({
      userId,
      kind: message.kind,
      title: message.title,
      body: message.body,
      entityType: message.entityType ?? null,
      entityId: message.entityId ?? null,
    })),
  );
  return unique.length;
}
