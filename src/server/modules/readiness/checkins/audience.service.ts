import { type SQL, sql } from "drizzle-orm";
import type { AudienceInput } from "../../../../core/readiness/checkins.ts";
import type { Db } from "../../../platform/db/database.ts";
import { presentIn } from "../../travel/index.ts";

/**
 * Who a message goes to (issue 14 §4), resolved when it is sent: the personnel the headcount places
 * in the area at that moment (stationed there and not travelling out, plus the travellers there),
 * narrowed by zone, organisation and recruitment type; a test goes to the people named instead.
 * Each row is a person, with their eligible dependants counted when the audience includes them (a
 * household answers as one), whether an e-mail address or a mobile number can reach them, their
 * zone and their account. Dependants have no channel of their own: they are reached through the
 * staff member.
 */
export type AudienceRow = {
  person_id: string;
  user_id: string | null;
  organisation_id: string;
  zone_id: string | null;
  people: number;
  has_email: boolean;
  has_mobile: boolean;
  is_traveller: boolean;
};

function filters(audience: AudienceInput): SQL {
  const parts: SQL[] = [sql`true`];
  if (audience.zoneIds.length) parts.push(sql`zh.zone_id in (${sql.join(audience.zoneIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (audience.organisationIds.length) parts.push(sql`p.organisation_id in (${sql.join(audience.organisationIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (audience.recruitmentTypes.length) parts.push(sql`p.recruitment_type in (${sql.join(audience.recruitmentTypes.map((type) => sql`${type}`), sql`, `)})`);
  if (!audience.includeTravellers) parts.push(sql`not present.travelling`);
  return sql.join(parts, sql` and `);
}

/** The audience's rows as a query, from the people present in `areaPath` at `at` (or the test group). */
export function audienceQuery(audience: AudienceInput, areaPath: string, at: Date, testPersonIds: readonly string[]): SQL {
  const present = testPersonIds.length
    ? sql`select unnest(array[${sql.join(testPersonIds.map((id) => sql`${id}::uuid`), sql`, `)}]) as person_id, false as travelling`
    : sql`select h.person_id, bool_or(h.request_id is not null) as travelling from (${presentIn(areaPath, at)}) h where h.person_id is not null group by h.person_id`;
  const dependants = audience.includeDependants ? sql`(select count(*)::int from dependants d where d.person_id = p.id and d.is_eligible)` : sql`0`;
  return sql`
    select p.id as person_id, u.id as user_id, p.organisation_id, zh.zone_id,
      1 + ${dependants} as people,
      coalesce(trim(pp.email), '') <> '' as has_email,
      coalesce(trim(pp.mobile), '') <> '' as has_mobile,
      present.travelling as is_traveller
    from (${present}) present
    join persons p on p.id = present.person_id
    left join users u on u.id = p.user_id and u.is_active
    left join person_private pp on pp.person_id = p.id
    left join warden_zone_households zh on zh.person_id = p.id
    where ${testPersonIds.length ? sql`true` : filters(audience)}`;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The preview: how many people, and how many no channel can reach (no account for in-app, no e-mail, no mobile). */
export async function audiencePreview(db: Db, query: SQL, channels: { app: boolean; email: boolean; sms: boolean }) {
  const [row] = rowsOf<{ recipients: number; people: number; unreachable: number; travellers: number }>(
    await db.execute(sql`
      select count(*)::int as recipients, coalesce(sum(a.people), 0)::int as people,
        count(*) filter (where not (${channels.app} and a.user_id is not null) and not (${channels.email} and a.has_email) and not (${channels.sms} and a.has_mobile))::int as unreachable,
        count(*) filter (where a.is_traveller)::int as travellers
      from (${query}) a`),
  );
  return row;
}
