import { eq } from "drizzle-orm";
import type { ReplyPageState } from "../../../../core/readiness/reply-page.ts";
import { type ReplyInput, replyInput } from "../../../../core/readiness/checkins.ts";
import { clock } from "../../../platform/clock.ts";
import type { Database } from "../../../platform/db/database.ts";
import { places } from "../../structure/index.ts";
import { massMessages, messageRecipients } from "./checkins.tables.ts";
import { recordReply } from "./replies.service.ts";
import { recipientOfToken } from "./reply-token.ts";

/**
 * The one-tap reply link (issue 14 §4). A token that is not one this deployment signed, or that
 * names a recipient whose check-in has closed or expired, gets the "no longer valid" page and
 * records nothing; a valid one shows the question (GET) and records the answer pressed (POST),
 * audited as the person through the link.
 */
async function openRecipient(database: Database, token: string) {
  const recipientId = await recipientOfToken(database, token);
  if (recipientId === null) return null;
  const [row] = await database.db
    .select({ recipient: messageRecipients, message: massMessages, areaName: places.name })
    .from(messageRecipients)
    .innerJoin(massMessages, eq(massMessages.id, messageRecipients.messageId))
    .innerJoin(places, eq(places.id, massMessages.placeId))
    .where(eq(messageRecipients.id, recipientId));
  const now = clock.now();
  if (row?.message.kind !== "checkin" || row.message.closedAt || (row.message.expiresAt && row.message.expiresAt <= now)) return null;
  return row;
}

export async function replyLinkPage(database: Database, token: string): Promise<ReplyPageState> {
  const row = await openRecipient(database, token);
  if (!row) return { kind: "invalid" };
  return { kind: "form", token, title: row.message.title, body: row.message.body, areaName: row.areaName, current: row.recipient.answer, isTest: row.message.isTest };
}

/** The form's fields as sent by a basic browser: an answer among the three, an optional note. */
export function replyFromForm(form: unknown): ReplyInput | null {
  const fields = (form ?? {}) as Record<string, unknown>;
  const parsed = replyInput.safeParse({ answer: fields.answer, note: typeof fields.note === "string" && fields.note.trim() ? fields.note : null });
  return parsed.success ? parsed.data : null;
}

export async function replyByLink(database: Database, token: string, input: ReplyInput | null, requestId: string | null): Promise<ReplyPageState> {
  const row = await openRecipient(database, token);
  if (!row) return { kind: "invalid" };
  if (!input) return replyLinkPage(database, token);
  const outcome = await recordReply(database, { actor: { userId: row.recipient.userId, displayName: "reply link" }, requestId }, row.recipient.id, input, "link", null);
  return outcome.status === "recorded" ? { kind: "recorded", answer: outcome.answer } : { kind: "invalid" };
}
