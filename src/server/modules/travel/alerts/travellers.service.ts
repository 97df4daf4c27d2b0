import { sql } from "drizzle-orm";
import { arrivalWindowHours } from "../../../../core/travel/alerts.ts";
import type { Db } from "../../../platform/db/database.ts";
import { moving } from "../headcount/presence.service.ts";

/**
 * The travellers an in-trip alert concerns (issue 13 §4): everyone on a cleared or notified trip
 * who is in the area now (where `moving` places them: the headcount's own rule, so the alert and
 * the headcount never disagree), or who is due to arrive in it within 72 hours (a leg of such a
 * trip into the area whose arrival falls in the window). One row per traveller (a dependant is a
 * traveller of their own, reached through their person's account), there before arriving.
 */
export type AreaTraveller = {
  travellerId: string;
  personId: string;
  dependantId: string | null;
  name: string;
  organisationId: string;
  organisationCode: string;
  /** The person's duty station path (a dependant's: their person's): the contact rule's scope. */
  personPlacePath: string;
  requestId: string;
  number: string;
  presence: "present" | "arriving";
  wherePlaceId: string | null;
  whereName: string | null;
  wherePath: string;
  arrivesAt: Date | null;
  /** The active account that is told (the person's, for a dependant too); null when none. */
  userId: string | null;
  email: string | null;
  locale: string | null;
};

type Row = {
  traveller_id: string;
  person_id: string;
  dependant_id: string | null;
  given: string;
  family: string;
  kin_given: string | null;
  kin_family: string | null;
  organisation_id: string;
  organisation_code: string;
  person_path: string;
  request_id: string;
  number: string;
  presence: "present" | "arriving";
  where_place_id: string | null;
  where_name: string | null;
  where_path: string;
  arrives_at: Date | string | null;
  user_id: string | null;
  email: string | null;
  locale: string | null;
};

/** Everyone on a cleared or notified trip in the area at `at`, or arriving within 72 hours; one query. */
export async function travellersIn(db: Db, areaPath: string, at: Date): Promise<AreaTraveller[]> {
  const prefix = `${areaPath}%`;
  const now = at.toISOString();
  const horizon = new Date(at.getTime() + arrivalWindowHours * 3_600_000).toISOString();
  const result = await db.execute(sql`
    with moving as (${moving(at)}),
    present as (
      select tt.id as traveller_id, r.id as request_id, m.to_path as where_path, null::timestamptz as arrives_at, 'present' as presence
      from moving m
      join travel_travellers tt on tt.person_id = m.person_id and tt.dependant_id is not distinct from m.dependant_id
      join travel_requests r on r.id = tt.request_id
        and r.status in ('cleared', 'notified') and r.departs_at <= ${now} and r.returns_at >= ${now}
      where m.to_path like ${prefix}
    ),
    arriving as (
      select distinct on (tt.id) tt.id as traveller_id, r.id as request_id, l.to_path as where_path, l.arrival_at as arrives_at, 'arriving' as presence
      from travel_legs l
      join travel_requests r on r.id = l.request_id and r.status in ('cleared', 'notified')
      join travel_travellers tt on tt.request_id = r.id
      where l.to_path like ${prefix} and l.arrival_at > ${now} and l.arrival_at <= ${horizon}
        and not exists (select 1 from present p where p.traveller_id = tt.id)
      order by tt.id, l.arrival_at
    ),
    found as (select * from present union all select * from arriving)
    select found.traveller_id, tt.person_id, tt.dependant_id, p.given_name as given, p.family_name as family,
      d.given_name as kin_given, d.family_name as kin_family, p.organisation_id, o.code as organisation_code,
      p.place_path as person_path, r.id as request_id, r.number, found.presence, pl.id as where_place_id,
      pl.name as where_name, found.where_path, found.arrives_at, u.id as user_id, u.email, u.locale
    from found
    join travel_travellers tt on tt.id = found.traveller_id
    join travel_requests r on r.id = found.request_id
    join persons p on p.id = tt.person_id
    join organisations o on o.id = p.organisation_id
    left join dependants d on d.id = tt.dependant_id
    left join users u on u.id = p.user_id and u.is_active
    left join places pl on pl.path = found.where_path
    order by found.presence desc, found.arrives_at nulls first, p.family_name, p.given_name, d.given_name`);
  return ((result as unknown as { rows: Row[] }).rows ?? []).map((row) => ({
    travellerId: row.traveller_id,
    personId: row.person_id,
    dependantId: row.dependant_id,
    name: row.dependant_id ? `${row.kin_given} ${row.kin_family}` : `${row.given} ${row.family}`,
    organisationId: row.organisation_id,
    organisationCode: row.organisation_code,
    personPlacePath: row.person_path,
    requestId: row.request_id,
    number: row.number,
    presence: row.presence,
    wherePlaceId: row.where_place_id,
    whereName: row.where_name,
    wherePath: row.where_path,
    arrivesAt: row.arrives_at === null ? null : new Date(row.arrives_at),
    userId: row.user_id,
    email: row.email,
    locale: row.locale,
  }));
}

/**
 * The area an incident's travellers are counted in: the nearest Security Area or Designated Area
 * holding its place (a duty station is too narrow: a traveller at the next locality is as exposed).
 */
export async function areaOf(db: Db, placePath: string): Promise<{ id: string; name: string; path: string } | null> {
  const ids = placePath.split("/").filter(Boolean);
  if (ids.length === 0) return null;
  const result = await db.execute(sql`
    select id, name, path from places
    where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) and kind <> 'duty_station'
    order by length(path) desc limit 1`);
  const [row] = (result as unknown as { rows: { id: string; name: string; path: string }[] }).rows;
  return row ?? null;
}
