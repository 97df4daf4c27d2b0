import { and, eq, sql } from "drizzle-orm";
import type { ReplyChannel, ReplyInput } from "../../../../core/readiness/checkins.ts";
import { type AuditContext, recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock, todayIso } from "../../../platform/clock.ts";
import type { Database, Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ForbiddenError, NotFoundError } from "../../../platform/http/errors.ts";
import { notifyUsers } from "../../../platform/notify/notifications.ts";
import { holdersOf } from "../../appointments/index.ts";
import { zonesWardenedBy } from "../zones/zones.service.ts";
import { checkinPolicy } from "./checkins.policy.ts";
import { readableMessage } from "./checkins.service.ts";
import { massMessages, messageRecipients, messageReplies } from "./checkins.tables.ts";

export type ReplyOutcome = { status: "recorded"; answer: ReplyInput["answer"] } | { status: "closed" } | { status: "unknown" };

type Recorder = { userId: string | null; name: string } | null;

/** The recipient and their message, the row locked: two answers at once are recorded one after the other. */
async function lockedRecipient(tx: Db, recipientId: number) {
  const [row] = await tx
    .select({ recipient: messageRecipients, message: massMessages, personName: sql<string>`(select p.given_name || ' ' || p.family_name from persons p where p.id = ${messageRecipients.personId})` })
    .from(messageRecipients)
    .innerJoin(massMessages, eq(massMessages.id, messageRecipients.messageId))
    .where(eq(messageRecipients.id, recipientId))
    .for("update", { of: messageRecipients });
  return row;
}

const isOpen = (message: typeof massMessages.$inferSelect, now: Date) => message.kind === "checkin" && !message.closedAt && (!message.expiresAt || message.expiresAt > now);

/**
 * Records an answer (issue 14 §4): the reply row (history), the recipient's latest answer, the
 * audit entry and, for "I need help", an in-app notice at once to the area's P/C/SA (and other
 * security professionals) and to the wardens of the person's zone, all in one transaction. A
 * closed or expired check-in records nothing.
 */
export async function recordReply(database: Database, audit: AuditContext, recipientId: number, input: ReplyInput, channel: ReplyChannel, recorder: Recorder): Promise<ReplyOutcome> {
  const now = clock.now();
  return database.db.transaction(async (tx) => {
    const row = await lockedRecipient(tx, recipientId);
    if (!row) return { status: "unknown" } as const;
    if (!isOpen(row.message, now)) return { status: "closed" } as const;
    await tx.insert(messageReplies).values({
      messageId: row.message.id,
      recipientId,
      answer: input.answer,
      note: input.note,
      latitude: input.latitude,
      longitude: input.longitude,
      channel,
      recordedByUserId: recorder?.userId ?? null,
      recordedByName: recorder?.name ?? null,
      createdAt: now,
    });
    await tx.update(messageRecipients).set({ answer: input.answer, answeredAt: now, answerChannel: channel }).where(eq(messageRecipients.id, recipientId));
    await recordAudit(tx, audit, {
      action: "checkin_reply",
      entityType: "mass_message",
      entityId: row.message.id,
      changes: { [`answer:${row.recipient.personId}`]: { from: row.recipient.answer, to: input.answer }, channel: { from: null, to: channel } },
    });
    if (input.answer === "need_help") await tellOfNeedForHelp(tx, row.message, row.recipient.zoneId, row.personName, input.note);
    return { status: "recorded", answer: input.answer } as const;
  });
}

async function tellOfNeedForHelp(tx: Db, message: typeof massMessages.$inferSelect, zoneId: string | null, personName: string, note: string | null) {
  const [security, wardens, [area]] = await Promise.all([
    holdersOf(tx, ["pcsa", "asa", "csfp"], message.placePath),
    zoneId
      ? tx.execute(sql`
          select distinct u.id from warden_zone_wardens zw
          join appointments a on a.id = zw.appointment_id
          join persons p on p.id = a.person_id
          join users u on u.id = p.user_id and u.is_active
          where zw.zone_id = ${zoneId}::uuid and a.starts_on <= ${todayIso()} and (a.ends_on is null or a.ends_on >= ${todayIso()})`)
      : Promise.resolve({ rows: [] }),
    tx.execute(sql`select name from places where id = ${message.placeId}::uuid`).then((result) => (result as unknown as { rows: { name: string }[] }).rows),
  ]);
  const wardenIds = (wardens as unknown as { rows: { id: string }[] }).rows.map((one) => one.id);
  await notifyUsers(tx, [...security.map((one) => one.id), ...wardenIds], {
    kind: "checkin_need_help",
    message: { key: "checkin_need_help", params: { personName, title: message.title, areaName: area?.name ?? "", note: note ?? "" } },
    entityType: "mass_message",
    entityId: message.id,
  });
}

async function recipientOf(context: ServiceContext, messageId: string, personId: string) {
  const [row] = await context.database.db
    .select()
    .from(messageRecipients)
    .where(and(eq(messageRecipients.messageId, messageId), eq(messageRecipients.personId, personId)));
  return row;
}

const asOutcome = (outcome: ReplyOutcome) => {
  if (outcome.status === "closed") throw new ForbiddenError("This check-in is closed: it takes no more answers");
  if (outcome.status === "unknown") throw new NotFoundError("Recipient");
  return outcome;
};

/** The caller answers for themselves, in the app. */
export async function replyAsMe(context: ServiceContext, messageId: string, input: ReplyInput) {
  await readableMessage(context, messageId);
  const recipient = context.actor.personId ? await recipientOf(context, messageId, context.actor.personId) : undefined;
  // Readable (the area's staff) but not asked: they may follow it, not answer it.
  if (!recipient) throw new ForbiddenError("You were not asked this check-in");
  return asOutcome(await recordReply(context.database, context.audit, recipient.id, input, "app", null));
}

/** A warden (for their zone's people) or the area's security staff record someone's answer. */
export async function recordFor(context: ServiceContext, messageId: string, personId: string, input: ReplyInput) {
  const message = await readableMessage(context, messageId);
  const recipient = await recipientOf(context, messageId, personId);
  if (!recipient) throw new NotFoundError("Recipient");
  const wardenOf = await zonesWardenedBy(context);
  if (!checkinPolicy.canRecordFor(context.actor, message, recipient.zoneId, wardenOf)) throw new ForbiddenError("Only this person's warden or the area's security staff record their answer");
  return asOutcome(await recordReply(context.database, context.audit, recipient.id, input, "warden", { userId: context.actor.userId, name: context.actor.displayName }));
}
