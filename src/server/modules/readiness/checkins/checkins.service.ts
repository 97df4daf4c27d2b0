import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { messageEmail, messageSms } from "../../../../core/readiness/checkin-words.ts";
import { type AudienceInput, type MessageInput, expiryOf } from "../../../../core/readiness/checkins.ts";
import { scopeCondition } from "../../../platform/access/scope-sql.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock } from "../../../platform/clock.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ForbiddenError, NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { appConfigOf } from "../../../platform/notify/app-config.ts";
import { enqueueEmails } from "../../../platform/notify/email-outbox.ts";
import { enqueueSms } from "../../../platform/notify/sms-outbox.ts";
import { personPrivate, persons } from "../../personnel/index.ts";
import { type PlaceRow, places, readablePlace } from "../../structure/index.ts";
import { wardenZones } from "../zones/zones.tables.ts";
import { audiencePreview, audienceQuery } from "./audience.service.ts";
import { checkinPolicy } from "./checkins.policy.ts";
import { massMessages, messageRecipients } from "./checkins.tables.ts";
import { replyTokenSigner } from "./reply-token.ts";

export type MessageRow = typeof massMessages.$inferSelect;

/** The area a message may go to: a Designated or Security Area the caller may send to; its zones must lie in it. */
async function sendableArea(context: ServiceContext, audience: AudienceInput): Promise<PlaceRow> {
  const area = await readablePlace(context, audience.placeId);
  if (area.kind === "duty_station") throw new RuleError("audience.placeId", "Is a duty station: send to its Designated or Security Area");
  if (!checkinPolicy.canSend(context.actor, { placePath: area.path })) throw new ForbiddenError("You may not send messages to this area");
  if (audience.zoneIds.length) {
    const zones = await context.database.db.select({ id: wardenZones.id, placePath: wardenZones.placePath }).from(wardenZones).where(inArray(wardenZones.id, audience.zoneIds));
    audience.zoneIds.forEach((zoneId, index) => {
      const zone = zones.find((one) => one.id === zoneId);
      if (!zone?.placePath.startsWith(area.path)) throw new RuleError(`audience.zoneIds.${index}`, "Is no warden zone of this area");
    });
  }
  return area;
}

/** The time zone in which the area reads times: its own, else the nearest area's above it. */
export async function timeZoneOfArea(db: Db, area: PlaceRow): Promise<string> {
  const ids = area.path.split("/").filter(Boolean);
  const rows = await db.select({ id: places.id, timeZone: places.timeZone }).from(places).where(inArray(places.id, ids));
  for (const id of ids.reverse()) {
    const zone = rows.find((row) => row.id === id)?.timeZone;
    if (zone) return zone;
  }
  return "UTC";
}

export async function previewMessage(context: ServiceContext, input: Pick<MessageInput, "audience" | "channels" | "testPersonIds">) {
  const area = await sendableArea(context, input.audience);
  return audiencePreview(context.database.db, audienceQuery(input.audience, area.path, clock.now(), input.testPersonIds), input.channels);
}

/**
 * Sends a broadcast or a check-in in one transaction: the message, its recipients as resolved now,
 * the in-app notices and one e-mail per reachable recipient with their own reply link (outbox:
 * delivered after the commit, resumed after a crash), and the audit entry. Nothing is sent if any
 * of it fails.
 */
export async function sendMessage(context: ServiceContext, input: MessageInput) {
  const area = await sendableArea(context, input.audience);
  const { db } = context.database;
  const sentAt = clock.now();
  const expiry = input.kind === "checkin" ? expiryOf(sentAt, input.expiresAt) : { expiresAt: input.expiresAt ? new Date(input.expiresAt) : null };
  if ("problem" in expiry) throw new RuleError("expiresAt", expiry.problem);
  if (input.testPersonIds.length) {
    const found = await db.select({ id: persons.id, placePath: persons.placePath, organisationId: persons.organisationId }).from(persons).where(inArray(persons.id, input.testPersonIds));
    input.testPersonIds.forEach((personId, index) => {
      const person = found.find((one) => one.id === personId);
      if (!person || !checkinPolicy.canNameForTest(context.actor, person)) throw new RuleError(`testPersonIds.${index}`, "Names no one you may send a test to");
    });
  }
  const [timeZone, signer] = await Promise.all([timeZoneOfArea(db, area), replyTokenSigner(context.database)]);
  const language = context.locale === "fr" ? "fr" : "en";
  const baseUrl = appConfigOf(context.database).baseUrl.replace(/\/+$/, "");
  const isTest = input.testPersonIds.length > 0;
  const message = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(massMessages)
      .values({
        kind: input.kind,
        placeId: area.id,
        placePath: area.path,
        audience: input.audience,
        title: input.title,
        body: input.body,
        language,
        channels: input.channels,
        isTest,
        sentByUserId: context.actor.userId,
        sentByName: context.actor.displayName,
        sentAt,
        expiresAt: expiry.expiresAt,
      })
      .returning();
    const recipients = (
      (await tx.execute(sql`
        insert into mass_message_recipients (message_id, person_id, user_id, organisation_id, zone_id, people, has_email, has_mobile, is_traveller)
        select ${row.id}::uuid, a.person_id, a.user_id, a.organisation_id, a.zone_id, a.people, a.has_email, a.has_mobile, a.is_traveller
        from (${audienceQuery(input.audience, area.path, sentAt, input.testPersonIds)}) a
        returning id, person_id, user_id, has_email, has_mobile`)) as unknown as { rows: { id: number; person_id: string; user_id: string | null; has_email: boolean; has_mobile: boolean }[] }
    ).rows.map((one) => ({ ...one, id: Number(one.id) }));
    if (recipients.length === 0) throw new RuleError("audience", "Reaches no one: nobody the headcount places in this area matches it");
    const params = { title: `${isTest ? "[TEST] " : ""}${input.title}`, body: input.body, sentBy: context.actor.displayName, areaName: area.name };
    // In-app: one notice per account, written from the recipients in the database (tens of thousands of rows would not fit one statement's parameters).
    if (input.channels.app) {
      await tx.execute(sql`
        insert into notifications (user_id, kind, message_key, params, entity_type, entity_id)
        select distinct r.user_id, ${input.kind}, ${input.kind}, ${JSON.stringify(params)}::jsonb, 'mass_message', ${row.id}::uuid
        from mass_message_recipients r where r.message_id = ${row.id}::uuid and r.user_id is not null`);
    }
    let emails = 0;
    if (input.channels.email) emails = await emailRecipients(tx, row, recipients, { signer, baseUrl, timeZone, areaName: area.name });
    const sms = input.channels.sms ? await smsRecipients(tx, row, recipients.filter((one) => one.has_mobile), { signer, baseUrl }) : 0;
    await recordAudit(tx, context.audit, {
      action: "create",
      entityType: "mass_message",
      entityId: row.id,
      changes: { kind: { from: null, to: row.kind }, title: { from: null, to: row.title }, audience: { from: null, to: input.audience }, recipients: { from: null, to: recipients.length }, emails: { from: null, to: emails }, sms: { from: null, to: sms }, isTest: { from: null, to: isTest } },
    });
    return row;
  });
  return getMessage(context, message.id);
}

type Signing = { signer: (recipientId: number) => string; baseUrl: string; timeZone: string; areaName: string };

/** Each person's e-mail address or mobile number (those who have one), with their account's language. */
async function channelAddresses(tx: Db, personIds: string[], channel: "email" | "mobile"): Promise<Map<string, { value: string; locale: string | null }>> {
  const found = new Map<string, { value: string; locale: string | null }>();
  for (let start = 0; start < personIds.length; start += 5000) {
    const rows = await tx
      .select({ personId: personPrivate.personId, value: personPrivate[channel], locale: sql<string | null>`(select u.locale from users u where u.id = ${persons.userId})` })
      .from(personPrivate)
      .innerJoin(persons, eq(persons.id, personPrivate.personId))
      .where(inArray(personPrivate.personId, personIds.slice(start, start + 5000)));
    for (const row of rows) if (row.value?.trim()) found.set(row.personId, { value: row.value, locale: row.locale });
  }
  return found;
}

/** One e-mail per recipient with an address, in their account's language (else the sender's), with their own reply link. */
export async function emailRecipients(tx: Db, message: MessageRow, recipients: { id: number; person_id: string; has_email: boolean }[], signing: Signing): Promise<number> {
  const reachable = recipients.filter((one) => one.has_email);
  if (reachable.length === 0) return 0;
  const addresses = await channelAddresses(tx, reachable.map((one) => one.person_id), "email");
  const facts = { kind: message.kind, title: message.title, body: message.body, areaName: signing.areaName, sentBy: message.sentByName, expiresAt: message.expiresAt, isTest: message.isTest, timeZone: signing.timeZone };
  return enqueueEmails(
    tx,
    reachable.flatMap((one) => {
      const address = addresses.get(one.person_id);
      if (!address) return [];
      const language = (address.locale ?? message.language) === "fr" ? "fr" : "en";
      const link = message.kind === "checkin" ? `${signing.baseUrl}/r/${signing.signer(one.id)}` : null;
      const words = messageEmail(facts, link, language);
      return [{ kind: message.kind, recipients: [address.value], subject: words.subject, text: words.text, entityType: "mass_message", entityId: message.id, meta: { language } }];
    }),
  );
}

/** One SMS per recipient with a mobile number, in their account's language (else the sender's), with their own reply link. */
export async function smsRecipients(tx: Db, message: MessageRow, recipients: { id: number; person_id: string }[], signing: Pick<Signing, "signer" | "baseUrl">): Promise<number> {
  if (recipients.length === 0) return 0;
  const numbers = await channelAddresses(tx, recipients.map((one) => one.person_id), "mobile");
  return enqueueSms(
    tx,
    recipients.flatMap((one) => {
      const number = numbers.get(one.person_id);
      if (!number) return [];
      const language = (number.locale ?? message.language) === "fr" ? "fr" : "en";
      const link = message.kind === "checkin" ? `${signing.baseUrl}/r/${signing.signer(one.id)}` : null;
      return [{ kind: message.kind, to: number.value, text: messageSms(message, link, language), entityType: "mass_message", entityId: message.id }];
    }),
  );
}

export async function readableMessage(context: ServiceContext, id: string): Promise<MessageRow> {
  const [row] = await context.database.db.select().from(massMessages).where(eq(massMessages.id, id));
  if (!row || !(checkinPolicy.canRead(context.actor, row) || (await isRecipient(context, id)))) throw new NotFoundError("Message");
  return row;
}

async function isRecipient(context: ServiceContext, messageId: string): Promise<boolean> {
  if (!context.actor.personId) return false;
  const [row] = await context.database.db
    .select({ id: messageRecipients.id })
    .from(messageRecipients)
    .where(and(eq(messageRecipients.messageId, messageId), eq(messageRecipients.personId, context.actor.personId)));
  return Boolean(row);
}

export function presentMessage(context: ServiceContext, row: MessageRow, areaName: string, mine: { answer: string | null } | null) {
  const isOpen = row.kind === "checkin" && !row.closedAt && (!row.expiresAt || row.expiresAt > clock.now());
  return {
    id: row.id,
    kind: row.kind,
    placeId: row.placeId,
    areaName,
    title: row.title,
    body: row.body,
    channels: row.channels,
    isTest: row.isTest,
    sentByName: row.sentByName,
    sentAt: iso(row.sentAt) as string,
    expiresAt: iso(row.expiresAt),
    closedAt: iso(row.closedAt),
    isOpen,
    myAnswer: mine?.answer ?? null,
    isRecipient: mine !== null,
    actions: checkinPolicy.actions(context.actor, row, { isOpen, isRecipient: mine !== null }),
  };
}

async function myRow(context: ServiceContext, messageId: string) {
  if (!context.actor.personId) return null;
  const [row] = await context.database.db
    .select({ answer: messageRecipients.answer })
    .from(messageRecipients)
    .where(and(eq(messageRecipients.messageId, messageId), eq(messageRecipients.personId, context.actor.personId)));
  return row ?? null;
}

export async function getMessage(context: ServiceContext, id: string) {
  const row = await readableMessage(context, id);
  const [[area], mine] = await Promise.all([context.database.db.select({ name: places.name }).from(places).where(eq(places.id, row.placeId)), myRow(context, id)]);
  return presentMessage(context, row, area?.name ?? "", mine);
}

/** The messages of the caller's areas, and those sent to the caller, newest first. */
export async function listMessages(context: ServiceContext, query: { page: number; pageSize: number }) {
  const { db } = context.database;
  const personId = context.actor.personId;
  const mineCondition = personId ? sql`exists (select 1 from mass_message_recipients r where r.message_id = ${massMessages.id} and r.person_id = ${personId})` : sql`false`;
  const where = sql`(${scopeCondition(context.actor, "readiness.checkin.read", massMessages.placePath, "ignore") ?? sql`true`} or ${mineCondition})`;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ message: massMessages, areaName: places.name, myAnswer: personId ? sql<string | null>`(select r.answer from mass_message_recipients r where r.message_id = ${massMessages.id} and r.person_id = ${personId})` : sql<null>`null`, isMine: mineCondition })
      .from(massMessages)
      .innerJoin(places, eq(places.id, massMessages.placeId))
      .where(where)
      .orderBy(desc(massMessages.sentAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(massMessages).where(where),
  ]);
  return {
    items: rows.map((row) => presentMessage(context, row.message, row.areaName, row.isMine ? { answer: row.myAnswer } : null)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Closes a check-in before its expiry: no answer is taken afterwards, by any channel. */
export async function closeMessage(context: ServiceContext, id: string) {
  const row = await readableMessage(context, id);
  if (!checkinPolicy.canSend(context.actor, row)) throw new ForbiddenError("You may not close this check-in");
  if (row.closedAt) return getMessage(context, id);
  await context.database.db.transaction(async (tx) => {
    await tx.update(massMessages).set({ closedAt: clock.now() }).where(eq(massMessages.id, id));
    await recordAudit(tx, context.audit, { action: "update", entityType: "mass_message", entityId: id, changes: { closedAt: { from: null, to: clock.now().toISOString() } } });
  });
  return getMessage(context, id);
}
