import { sql } from "drizzle-orm";
import { type CheckinAnswer, type ReplyChannel, type TallyCounts, addToCounts, emptyCounts, replyChannels } from "../../../../core/readiness/checkins.ts";
import { can } from "../../../../core/access/scope.ts";
import { recordAuditEntries } from "../../../platform/audit/audit-batch.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ForbiddenError } from "../../../platform/http/errors.ts";
import { zonesWardenedBy } from "../zones/zones.service.ts";
import { checkinPolicy } from "./checkins.policy.ts";
import { readableMessage } from "./checkins.service.ts";

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

type Group = { zone_id: string | null; zone_name: string | null; organisation_id: string; code: string; answer: CheckinAnswer | null; channel: ReplyChannel | null; recipients: number; people: number };

/**
 * The live tally of a check-in (issue 14 §4): counts of recipients by answer (and no reply), with
 * the people their households stand for, by zone, by organisation and by the channel of the
 * answer. One grouped statement over the recipients; `version` is the latest reply's number, so a
 * reader (the server-sent events stream) recomputes only when an answer arrived, on any node.
 */
export async function tallyOf(db: Db, messageId: string) {
  const [groups, [version]] = await Promise.all([
    db.execute(sql`
      select r.zone_id, z.name as zone_name, r.organisation_id, o.code, r.answer, r.answer_channel as channel, count(*)::int as recipients, sum(r.people)::int as people
      from mass_message_recipients r
      join organisations o on o.id = r.organisation_id
      left join warden_zones z on z.id = r.zone_id
      where r.message_id = ${messageId}::uuid
      group by 1, 2, 3, 4, 5, 6`),
    db.execute(sql`select coalesce(max(id), 0)::bigint::text as version from mass_message_replies where message_id = ${messageId}::uuid`).then(rowsOf<{ version: string }>),
  ]);
  const totals = emptyCounts();
  const byZone = new Map<string, TallyCounts & { zoneId: string | null; name: string | null }>();
  const byOrganisation = new Map<string, TallyCounts & { organisationId: string; code: string }>();
  const byChannel = Object.fromEntries(replyChannels.map((channel) => [channel, 0])) as Record<ReplyChannel, number>;
  for (const group of rowsOf<Group>(groups)) {
    const zoneKey = group.zone_id ?? "none";
    const zone = byZone.get(zoneKey) ?? { ...emptyCounts(), zoneId: group.zone_id, name: group.zone_name };
    const organisation = byOrganisation.get(group.organisation_id) ?? { ...emptyCounts(), organisationId: group.organisation_id, code: group.code };
    for (const counts of [totals, zone, organisation]) addToCounts(counts, group.answer, group.recipients, group.people);
    if (group.channel) byChannel[group.channel] += group.recipients;
    byZone.set(zoneKey, zone);
    byOrganisation.set(group.organisation_id, organisation);
  }
  return {
    version: version?.version ?? "0",
    totals,
    byZone: [...byZone.values()].sort((a, b) => (a.name ?? "~").localeCompare(b.name ?? "~")),
    byOrganisation: [...byOrganisation.values()].sort((a, b) => a.code.localeCompare(b.code)),
    byChannel,
  };
}

export async function readTally(context: ServiceContext, messageId: string) {
  const message = await readableMessage(context, messageId);
  if (!checkinPolicy.canRead(context.actor, message)) throw new ForbiddenError("Only the area's security staff, wardens and focal points follow the tally");
  return tallyOf(context.database.db, messageId);
}

export type RecipientQuery = { answer?: CheckinAnswer | "none"; zoneId?: string; page: number; pageSize: number };

/**
 * Who was asked, with their answer: the list a warden works from ("no reply" first). A person
 * appears as the personnel register allows (a warden: the people of their zones); their phone
 * numbers only under need-to-know, each read audited.
 */
/** The recipients the caller may see, answerless first, with the message and the caller's zones (for the list and its CSV). */
export async function visibleRecipients(context: ServiceContext, messageId: string, query: Omit<RecipientQuery, "page" | "pageSize">) {
  const message = await readableMessage(context, messageId);
  if (!checkinPolicy.canRead(context.actor, message)) throw new ForbiddenError("Only the area's security staff, wardens and focal points see who has answered");
  const wardenOf = await zonesWardenedBy(context);
  const rows = rowsOf<RecipientRow>(
    await context.database.db.execute(sql`
      select r.id as recipient_id, r.person_id, p.given_name || ' ' || p.family_name as name, r.organisation_id, o.code, p.place_path, r.zone_id, z.name as zone_name, r.people, r.answer, r.answer_channel, r.answered_at,
        (select rp.note from mass_message_replies rp where rp.recipient_id = r.id order by rp.id desc limit 1) as note
      from mass_message_recipients r
      join persons p on p.id = r.person_id
      join organisations o on o.id = r.organisation_id
      left join warden_zones z on z.id = r.zone_id
      where r.message_id = ${messageId}::uuid
        ${query.answer === "none" ? sql`and r.answer is null` : query.answer ? sql`and r.answer = ${query.answer}` : sql``}
        ${query.zoneId ? sql`and r.zone_id = ${query.zoneId}::uuid` : sql``}
      order by (r.answer is null) desc, (r.answer = 'need_help') desc, p.family_name, p.given_name`),
  );
  const isNonWarden = (permission: "personnel.read" | "personnel.read_sensitive", row: { place_path: string; organisation_id: string }) =>
    context.actor.grants.some((grant) => grant.role !== "warden" && can({ ...context.actor, grants: [grant] }, permission, { placePath: row.place_path, organisationId: row.organisation_id }));
  const isTheirWarden = (row: RecipientRow) => row.zone_id !== null && wardenOf.has(row.zone_id);
  const visible = rows.filter((row) => isTheirWarden(row) || isNonWarden("personnel.read", row));
  return { message, wardenOf, visible, hidden: rows.length - visible.length, mayCall: (row: RecipientRow) => isTheirWarden(row) || isNonWarden("personnel.read_sensitive", row) };
}

type RecipientRow = { recipient_id: number; person_id: string; name: string; organisation_id: string; code: string; place_path: string; zone_id: string | null; zone_name: string | null; people: number; answer: CheckinAnswer | null; answer_channel: ReplyChannel | null; answered_at: Date | null; note: string | null };

export async function listRecipients(context: ServiceContext, messageId: string, query: RecipientQuery) {
  const { message, wardenOf, visible, hidden, mayCall } = await visibleRecipients(context, messageId, query);
  const page = visible.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const withPhones = page.filter(mayCall).map((row) => row.person_id);
  const phones = new Map<string, { phone: string | null; mobile: string | null }>();
  if (withPhones.length) {
    await context.database.db.transaction(async (tx) => {
      const found = rowsOf<{ person_id: string; phone: string | null; mobile: string | null }>(
        await tx.execute(sql`select person_id, phone, mobile from person_private where person_id in (${sql.join(withPhones.map((id) => sql`${id}::uuid`), sql`, `)})`),
      );
      for (const id of withPhones) phones.set(id, { phone: null, mobile: null });
      for (const row of found) phones.set(row.person_id, { phone: row.phone, mobile: row.mobile });
      await recordAuditEntries(tx, context.audit, withPhones.map((id) => ({ action: "read_sensitive", entityType: "person", entityId: id, changes: { via: { from: null, to: "checkin_recipients" } } })));
    });
  }
  return {
    items: page.map((row) => ({
      personId: row.person_id,
      name: row.name,
      organisationCode: row.code,
      zoneId: row.zone_id,
      zoneName: row.zone_name,
      people: row.people,
      answer: row.answer,
      answerChannel: row.answer_channel,
      answeredAt: row.answered_at ? new Date(row.answered_at).toISOString() : null,
      note: row.note,
      contacts: phones.get(row.person_id) ?? null,
      canRecord: checkinPolicy.canRecordFor(context.actor, message, row.zone_id, wardenOf),
    })),
    total: visible.length,
    hidden,
    page: query.page,
    pageSize: query.pageSize,
  };
}
