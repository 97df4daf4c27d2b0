import { sql } from "drizzle-orm";
import type { HeadcountGroup } from "../../../../core/travel/headcount.ts";
import type { Db } from "../../../platform/db/database.ts";

/**
 * Where a person is at a moment (issue 13 §4): at the destination of the latest leg they have set
 * out on, of a cleared or notified trip under way; otherwise at their duty station. A leg counts
 * from its departure (the traveller is on the way to that place), and a trip ends at its return:
 * after it the person is home again. A dependant is at their staff member's duty station unless
 * they travel themselves (a staff member's mission leaves the family at home).
 *
 * "Under way" is read through the range `tstzrange(departs_at, returns_at, '[]')`, which the
 * partial GiST index `travel_requests_under_way_idx` serves: a moment then finds the few trips
 * under way among a year's trips without reading every earlier departure.
 */
const underWay = (at: Date) =>
  sql`r.status in ('cleared', 'notified') and tstzrange(r.departs_at, r.returns_at, '[]') @> ${at.toISOString()}::timestamptz
    and l.departure_at <= ${at.toISOString()}`;

/** `moving` lists, for the moment given, each traveller of a trip under way with where they are (used by the in-trip alerts). */
export const moving = (at: Date) => sql`
  select distinct on (tt.person_id, tt.dependant_id) tt.person_id, tt.dependant_id, l.to_path
  from travel_travellers tt
  join travel_requests r on r.id = tt.request_id
  join travel_legs l on l.request_id = r.id
  where ${underWay(at)}
  order by tt.person_id, tt.dependant_id, l.departure_at desc`;

/** `moving` with the trip and the place of the leg: what the headcount's list shows. */
const whereabouts = (at: Date) => sql`
  select distinct on (tt.person_id, tt.dependant_id) tt.person_id, tt.dependant_id, l.to_path, l.to_place_id, r.id as request_id
  from travel_travellers tt
  join travel_requests r on r.id = tt.request_id
  join travel_legs l on l.request_id = r.id
  where ${underWay(at)}
  order by tt.person_id, tt.dependant_id, l.departure_at desc`;

/**
 * Everyone present in an area (a place path; the area and every place below it) at a moment, one
 * row each: `kind`, `person_id` or `dependant_id`, `sponsor_id` (the staff member; a person is
 * their own), organisation, recruitment type (a dependant's is their staff member's), sex, where
 * they are (`place_id`, `place_path`), `home_path` (the staff member's duty station) and the trip
 * (`request_id`, null when at home).
 *
 * Who counts (DOMAIN §1, §4, §6: the UN answers for its personnel and their eligible family):
 * - every person of the personnel register stationed in the area, unless a trip under way has
 *   taken them out of it (the register holds current personnel: a person who leaves is removed);
 * - their eligible dependants, unless a trip of their own has taken them out of it; a dependant
 *   marked not eligible is not the UN's to count at home;
 * - every traveller of a cleared or notified trip whose latest leg set out on goes into the area
 *   (personnel, or a dependant, eligible or not: the clearance put them on the area's books).
 * Trips under review, refused, blocked, cancelled or waiting for changes move nobody.
 */
export const presentIn = (areaPath: string, at: Date) => {
  const prefix = `${areaPath}%`;
  // `home` (the people stationed in the area) drives the two "at home" branches: the area's
  // dependants are found through their staff member (dependants_person_idx), never by reading
  // every dependant of every area.
  return sql`
    with w as materialized (${whereabouts(at)}),
    home as materialized (
      select p.id, p.organisation_id, p.recruitment_type, p.sex, p.duty_station_id, p.place_path from persons p where p.place_path like ${prefix}
    )
    select 'personnel' as kind, p.id as person_id, null::uuid as dependant_id, p.id as sponsor_id, p.organisation_id, p.recruitment_type, p.sex,
      coalesce(w.to_place_id, p.duty_station_id) as place_id, coalesce(w.to_path, p.place_path) as place_path, p.place_path as home_path, w.request_id
    from home p left join w on w.person_id = p.id and w.dependant_id is null
    where w.to_path is null or w.to_path like ${prefix}
    union all
    select 'personnel', p.id, null::uuid, p.id, p.organisation_id, p.recruitment_type, p.sex, w.to_place_id, w.to_path, p.place_path, w.request_id
    from w join persons p on p.id = w.person_id and w.dependant_id is null
    where w.to_path like ${prefix} and p.place_path not like ${prefix}
    union all
    select 'dependant', null::uuid, d.id, p.id, p.organisation_id, p.recruitment_type, d.sex,
      coalesce(w.to_place_id, p.duty_station_id), coalesce(w.to_path, p.place_path), p.place_path, w.request_id
    from home p join dependants d on d.person_id = p.id left join w on w.dependant_id = d.id
    where d.is_eligible and (w.to_path is null or w.to_path like ${prefix})
    union all
    select 'dependant', null::uuid, d.id, p.id, p.organisation_id, p.recruitment_type, d.sex, w.to_place_id, w.to_path, p.place_path, w.request_id
    from w join dependants d on d.id = w.dependant_id join persons p on p.id = d.person_id
    where w.to_path like ${prefix} and not (p.place_path like ${prefix} and d.is_eligible)`;
};

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The headcount in groups (organisation × kind × recruitment × sex × place), optionally of some organisations only. */
export async function headcountGroups(db: Db, areaPath: string, at: Date, organisationIds?: readonly string[]): Promise<HeadcountGroup[]> {
  const onlyOrganisations = organisationIds ? sql`where h.organisation_id in (${sql.join(organisationIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  if (organisationIds && organisationIds.length === 0) return [];
  const result = await db.execute(sql`
    select h.organisation_id as "organisationId", h.kind, h.recruitment_type as "recruitmentType", h.sex, h.place_id as "placeId", count(*)::int as count
    from (${presentIn(areaPath, at)}) h ${onlyOrganisations}
    group by h.organisation_id, h.kind, h.recruitment_type, h.sex, h.place_id`);
  return rowsOf<HeadcountGroup>(result);
}

/** The people present (ids only): whom the crisis module addresses its messages to. */
export async function peopleInArea(db: Db, areaPath: string, at: Date): Promise<{ personIds: string[]; dependantIds: string[] }> {
  const rows = rowsOf<{ person_id: string | null; dependant_id: string | null }>(
    await db.execute(sql`select h.person_id, h.dependant_id from (${presentIn(areaPath, at)}) h`),
  );
  return {
    personIds: rows.flatMap((row) => (row.person_id ? [row.person_id] : [])),
    dependantIds: rows.flatMap((row) => (row.dependant_id ? [row.dependant_id] : [])),
  };
}

export type PresentCounts = { total: number; international: number; byOrganisation: Record<string, { total: number; international: number }> };

/**
 * Personnel present in an area at a moment, by organisation code: the headcount's personnel
 * (dependants are not counted against a ceiling). For the clearance ceilings.
 */
export async function personnelPresent(db: Db, areaPath: string, at: Date): Promise<PresentCounts> {
  const result = await db.execute(sql`
    select o.code as organisation, count(*)::int as total, count(*) filter (where h.recruitment_type = 'international')::int as international
    from (${presentIn(areaPath, at)}) h join organisations o on o.id = h.organisation_id
    where h.kind = 'personnel'
    group by o.code`);
  const counts: PresentCounts = { total: 0, international: 0, byOrganisation: {} };
  for (const row of rowsOf<{ organisation: string; total: number; international: number }>(result)) {
    counts.total += row.total;
    counts.international += row.international;
    counts.byOrganisation[row.organisation] = { total: row.total, international: row.international };
  }
  return counts;
}
