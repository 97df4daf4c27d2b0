import { sql } from "drizzle-orm";
import { smsKeywordsReply } from "../../../../core/readiness/checkin-words.ts";
import { answerOfSms } from "../../../../core/readiness/checkins.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock } from "../../../platform/clock.ts";
import type { Database } from "../../../platform/db/database.ts";
import { enqueueSms, type InboundSms } from "../../../platform/notify/sms-outbox.ts";
import { recordReply } from "./replies.service.ts";

/** Numbers are compared on their last eight digits: "+223 76 12 34 56", "0022376123456" and "76123456" are one phone. */
const tail = (digits: string) => digits.slice(-8);

/**
 * An SMS sent back to the deployment's number (issue 14 §4): its first word answers the latest open
 * check-in that went to a person with that mobile number, recorded as through SMS. An SMS from a
 * number no open check-in knows, or with no answer in it, is written to the audit trail (the
 * number's last digits only) and answered with the valid keywords; nothing else is recorded.
 */
export async function answerBySms(database: Database, sms: InboundSms): Promise<void> {
  const digits = sms.from.replace(/\D/g, "");
  const answer = answerOfSms(sms.text);
  const now = clock.now();
  const [recipient] =
    digits.length >= 8
      ? ((
          await database.db.execute(sql`
            select r.id, r.user_id from mass_message_recipients r
            join mass_messages m on m.id = r.message_id
            join person_private pp on pp.person_id = r.person_id
            where right(regexp_replace(coalesce(pp.mobile, ''), '\\D', '', 'g'), 8) = ${tail(digits)}
              and m.kind = 'checkin' and m.closed_at is null and (m.expires_at is null or m.expires_at > ${now.toISOString()}::timestamptz)
            order by m.sent_at desc limit 1`)
        ) as unknown as { rows: { id: number; user_id: string | null }[] }).rows
      : [];
  const audit = { actor: { userId: recipient?.user_id ?? null, displayName: "SMS" }, requestId: null };
  if (recipient && answer) {
    await recordReply(database, audit, Number(recipient.id), { answer, note: null, latitude: null, longitude: null }, "sms", null);
    return;
  }
  await database.db.transaction(async (tx) => {
    await recordAudit(tx, audit, {
      action: "sms_not_understood",
      entityType: "sms",
      entityId: "inbound",
      changes: { from: { from: null, to: `…${digits.slice(-4)}` }, reason: { from: null, to: recipient ? "no answer in the text" : "no open check-in for this number" }, text: { from: null, to: sms.text.slice(0, 160) } },
    });
    if (digits.length >= 6) await enqueueSms(tx, [{ kind: "checkin_keywords", to: sms.from, text: smsKeywordsReply }]);
  });
}
