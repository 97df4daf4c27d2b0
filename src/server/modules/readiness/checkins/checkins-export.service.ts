import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { answerWords } from "../../../../core/readiness/checkin-words.ts";
import { type CheckinAnswer, recipientCsvColumns, recipientCsvHeaders } from "../../../../core/readiness/checkins.ts";
import { type HeaderStyle, headerRow } from "../../../../core/language/csv-headers.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ForbiddenError, RuleError } from "../../../platform/http/errors.ts";
import { callerLanguage } from "../../../platform/language/caller-language.ts";
import { checkinPolicy } from "./checkins.policy.ts";
import { emailRecipients, readableMessage, smsRecipients, timeZoneOfArea } from "./checkins.service.ts";
import { messageRecipients } from "./checkins.tables.ts";
import { visibleRecipients } from "./tally.service.ts";
import { and, eq, isNull, sql } from "drizzle-orm";
import { places } from "../../structure/index.ts";
import { replyTokenSigner } from "./reply-token.ts";
import { appConfigOf } from "../../../platform/notify/app-config.ts";

const channelWords = { en: { app: "App", link: "Reply link", sms: "SMS", warden: "Warden" }, fr: { app: "Application", link: "Lien de réponse", sms: "SMS", warden: "Garde d'îlot" } } as const;

/** Who was asked and their answers as CSV (issue 14 §4), those the caller may see, no contacts; headers in `lang` or as codes. */
export async function recipientsCsv(context: ServiceContext, messageId: string, query: { lang?: "en" | "fr"; headers: HeaderStyle }): Promise<{ fileName: string; stream: Readable }> {
  const { visible } = await visibleRecipients(context, messageId, {});
  const lang = query.lang ?? (await callerLanguage(context));
  const rows = visible.map((row) => ({
    name: row.name,
    organisation: row.code,
    zone: row.zone_name ?? "",
    people: String(row.people),
    answer: row.answer ? answerWords[lang][row.answer as CheckinAnswer] : "",
    channel: row.answer_channel ? channelWords[lang][row.answer_channel] : "",
    answered_at: row.answered_at ? new Date(row.answered_at).toISOString().slice(0, 16).replace("T", " ") : "",
    note: row.note ?? "",
  }));
  const stream = Readable.from(rows).pipe(stringify({ header: true, columns: headerRow(recipientCsvColumns, recipientCsvHeaders, lang, query.headers).map((header, index) => ({ key: recipientCsvColumns[index], header })) }));
  return { fileName: `checkin-${messageId.slice(0, 8)}`, stream };
}

/**
 * Sends the check-in again to those who have not answered (TenFour's "resend to non-responders"):
 * a new in-app notice and, where they have an address, the same e-mail with their own link. Only
 * while it is open; audited with the number reached.
 */
export async function resendToUnanswered(context: ServiceContext, messageId: string) {
  const message = await readableMessage(context, messageId);
  if (!checkinPolicy.canSend(context.actor, message)) throw new ForbiddenError("You may not send this check-in again");
  const now = clock.now();
  if (message.kind !== "checkin" || message.closedAt || (message.expiresAt && message.expiresAt <= now)) throw new RuleError("id", "Is not an open check-in");
  const { db } = context.database;
  const [signer, [area]] = await Promise.all([replyTokenSigner(context.database), db.select().from(places).where(eq(places.id, message.placeId))]);
  const timeZone = await timeZoneOfArea(db, area);
  const baseUrl = appConfigOf(context.database).baseUrl.replace(/\/+$/, "");
  return db.transaction(async (tx) => {
    const waiting = await tx
      .select({ id: messageRecipients.id, person_id: messageRecipients.personId, has_email: messageRecipients.hasEmail, has_mobile: messageRecipients.hasMobile })
      .from(messageRecipients)
      .where(and(eq(messageRecipients.messageId, messageId), isNull(messageRecipients.answer)));
    if (message.channels.app) {
      const params = { title: `${message.isTest ? "[TEST] " : ""}${message.title}`, body: message.body, sentBy: message.sentByName, areaName: area.name };
      await tx.execute(sql`
        insert into notifications (user_id, kind, message_key, params, entity_type, entity_id)
        select distinct r.user_id, 'checkin', 'checkin', ${JSON.stringify(params)}::jsonb, 'mass_message', ${messageId}::uuid
        from mass_message_recipients r where r.message_id = ${messageId}::uuid and r.answer is null and r.user_id is not null`);
    }
    const emails = message.channels.email ? await emailRecipients(tx, message, waiting, { signer, baseUrl, timeZone, areaName: area.name }) : 0;
    const sms = message.channels.sms ? await smsRecipients(tx, message, waiting.filter((one) => one.has_mobile), { signer, baseUrl }) : 0;
    await recordAudit(tx, context.audit, { action: "checkin_resend", entityType: "mass_message", entityId: messageId, changes: { resentTo: { from: null, to: waiting.length }, emails: { from: null, to: emails }, sms: { from: null, to: sms } } });
    return { resentTo: waiting.length, emails, sms };
  });
}
