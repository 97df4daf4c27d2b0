import { type SQL, sql } from "drizzle-orm";
import { type HeadcountGroup, mergeHeadcountGroups } from "../../../../core/travel/headcount.ts";
import type { Db } from "../../../platform/db/database.ts";

/**
 * Where a person is at a moment (issue 13 §4): at the destination of the latest leg they have set
 * out on, of a cleared or notified trip under way; otherwise at their duty station. A leg counts
 * from its departure (the traveller is on the way to that place), and a trip ends at its return:
 * after it the person is home again. A dependant is at their staff member's duty station unless
 * they travel themselves (a staff member's mission leaves the family at home).
 *
 * The trips under way are found first, through the range `tstzrange(departs_at, returns_at, '[]')`
 * that the partial GiST index `travel_requests_under_way_idx` serves, then their latest leg and
 * their travellers by index (materialised, so the planner does not read every traveller of the
 * year to join a few thousand trips).
 */
const whereaboutsOf = (at: Date, columns: SQL) => sql`
  with under_way as materialized (
    select r.id from travel_requests r
    where r.status in ('cleared', 'notified') and tstzrange(r.departs_at, r.returns_at, '[]') @> ${at.toISOString()}::timestamptz
  ),
  legs as materialized (
    select distinct on (l.request_id) l.request_id, l.to_path, l.to_place_id, l.departure_at
    from under_way u join travel_legs l on l.request_id = u.id
    where l.departure_at <= ${at.toISOString()}
    order by l.request_id, l.departure_at desc
  )
  select distinct on (tt.person_id, tt.dependant_id) ${columns}
  from legs l join travel_travellers tt on tt.request_id = l.request_id
  order by tt.person_id, tt.dependant_id, l.departure_at desc`;

/** `moving` lists, for the moment given, each traveller of a trip under way with where they are (used by the in-trip alerts). */
export const moving = (at: Date) => whereaboutsOf(at, sql`tt.person_id, tt.dependant_id, l.to_path`);

/** `moving` with the trip and the place of the leg: what the headcount's list shows. */
const whereabouts = (at: Date) => whereaboutsOf(at, sql`tt.person_id, tt.dependant_id, l.to_path, l.to_place_id, l.request_id`);

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

/**
 * `presentIn`'s rows that come first in name order (family name, given name, then id), `limit` of
 * them at most, of some organisations only if given: each of the four branches takes its first
 * `limit` rows by name through an index (`persons_family_name_idx`, `dependants_name_idx`), so a
 * page of the list reads about a page's worth of people per branch instead of the whole area. The
 * caller orders the (at most 4 × limit) rows again and cuts its page.
 */
export const presentInFirstByName = (areaPath: string, at: Date, options: { direction: "asc" | "desc"; limit: number; organisationIds?: readonly string[] }) => {
  const prefix = `${areaPath}%`;
  const direction = sql.raw(options.direction === "desc" ? "desc" : "asc");
  const only = options.organisationIds
    ? sql`and p.organisation_id in (${sql.join(options.organisationIds.map((id) => sql`${id}::uuid`), sql`, `)})`
    : sql``;
  const first = (family: SQL, given: SQL, id: SQL) => sql`order by ${family} ${direction}, ${given} ${direction}, ${id} limit ${options.limit}`;
  const personOrder = first(sql`p.family_name`, sql`p.given_name`, sql`p.id`);
  const dependantOrder = first(sql`d.family_name`, sql`d.given_name`, sql`d.id`);
  return sql`
    with w as materialized (${whereabouts(at)})
    (select 'personnel' as kind, p.id as person_id, null::uuid as dependant_id, p.id as sponsor_id, p.organisation_id, p.recruitment_type, p.sex,
      coalesce(w.to_place_id, p.duty_station_id) as place_id, coalesce(w.to_path, p.place_path) as place_path, p.place_path as home_path, w.request_id
    from persons p left join w on w.person_id = p.id and w.dependant_id is null
    where p.place_path like ${prefix} and (w.to_path is null or w.to_path like ${prefix}) ${only}
    ${personOrder})
    union all
    (select 'personnel', p.id, null::uuid, p.id, p.organisation_id, p.recruitment_type, p.sex, w.to_place_id, w.to_path, p.place_path, w.request_id
    from w join persons p on p.id = w.person_id and w.dependant_id is null
    where w.to_path like ${prefix} and p.place_path not like ${prefix} ${only}
    ${personOrder})
    union all
    (select 'dependant', null::uuid, d.id, p.id, p.organisation_id, p.recruitment_type, d.sex,
      coalesce(w.to_place_id, p.duty_station_id), coalesce(w.to_path, p.place_path), p.place_path, w.request_id
    from dependants d join persons p on p.id = d.person_id left join w on w.dependant_id = d.id
    where p.place_path like ${prefix} and d.is_eligible and (w.to_path is null or w.to_path like ${prefix}) ${only}
    ${dependantOrder})
    union all
    (select 'dependant', null::uuid, d.id, p.id, p.organisation_id, p.recruitment_type, d.sex, w.to_place_id, w.to_path, p.place_path, w.request_id
    from w join dependants d on d.id = w.dependant_id join persons p on p.id = d.person_id
    where w.to_path like ${prefix} and not (p.place_path like ${prefix} and d.is_eligible) ${only}
    ${dependantOrder})`;
};

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * The groups of the people stationed in an area, as if nobody travelled: personnel at their duty
 * station and (unless `personnelOnly`) their eligible dependants there. The part of the headcount
 * that does not depend on the moment: the service keeps it while the reference stamp holds.
 * Covering indexes (`persons_headcount_idx`, `dependants_headcount_idx`) answer it from the indexes.
 */
export async function stationedGroups(db: Db, areaPath: string, personnelOnly = false): Promise<HeadcountGroup[]> {
  const prefix = `${areaPath}%`;
  const dependants = personnelOnly
    ? sql``
    : sql`union all
    select p.organisation_id, 'dependant', p.recruitment_type, d.sex, p.duty_station_id, count(*)::int
    from persons p join dependants d on d.person_id = p.id
    where p.place_path like ${prefix} and d.is_eligible
    group by p.organisation_id, p.recruitment_type, d.sex, p.duty_station_id`;
  const result = await db.execute(sql`
    select p.organisation_id as "organisationId", 'personnel' as kind, p.recruitment_type as "recruitmentType", p.sex, p.duty_station_id as "placeId", count(*)::int as count
    from persons p where p.place_path like ${prefix}
    group by p.organisation_id, p.recruitment_type, p.sex, p.duty_station_id
    ${dependants}`);
  return rowsOf<HeadcountGroup>(result);
}

/**
 * The corrections the trips under way at a moment make to `stationedGroups`: each traveller
 * counted at home in the area (personnel, eligible dependants) is taken off there, and each
 * traveller whose latest leg goes into the area is counted where it goes — the same rule as
 * `presentIn`. Only the travellers who matter are followed to their leg: those stationed in the
 * area, and those of a trip that touches it (`scope_paths` holds every leg's places, so a trip
 * that does not touch the area cannot bring anyone into it).
 */
export async function travellingCorrections(db: Db, areaPath: string, at: Date, personnelOnly = false): Promise<HeadcountGroup[]> {
  const prefix = `${areaPath}%`;
  const moment = at.toISOString();
  const dependants = personnelOnly
    ? sql``
    : sql`union all
      select t.request_id, t.person_id, t.dependant_id, 'dependant', p.organisation_id, p.recruitment_type, d.sex, p.duty_station_id, p.place_path, d.is_eligible
      from travellers t join dependants d on d.id = t.dependant_id join persons p on p.id = d.person_id
      where t.who in (select who from touching) or p.place_path like ${prefix}`;
  const result = await db.execute(sql`
    with under_way as materialized (
      select r.id, exists (select 1 from unnest(r.scope_paths) as s(path) where s.path like ${prefix}) as touches
      from travel_requests r
      where r.status in ('cleared', 'notified') and tstzrange(r.departs_at, r.returns_at, '[]') @> ${moment}::timestamptz
    ),
    travellers as materialized (
      select tt.request_id, tt.person_id, tt.dependant_id, coalesce(tt.dependant_id, tt.person_id) as who, u.touches
      from under_way u join travel_travellers tt on tt.request_id = u.id
    ),
    -- A traveller on a trip that touches the area is followed on all their trips under way: their
    -- latest leg may belong to another trip (overlapping trips are refused when filed, but the rule
    -- must not depend on it).
    touching as materialized (select distinct who from travellers where touches),
    concerned as materialized (
      select t.request_id, t.person_id, t.dependant_id, 'personnel' as kind, p.organisation_id, p.recruitment_type, p.sex,
        p.duty_station_id as home_id, p.place_path as home_path, true as eligible
      from travellers t join persons p on p.id = t.person_id
      where t.dependant_id is null and (t.who in (select who from touching) or p.place_path like ${prefix})
      ${dependants}
    ),
    m as (
      select distinct on (c.person_id, c.dependant_id) c.*, l.to_place_id, l.to_path
      from concerned c
      join lateral (
        select l.to_place_id, l.to_path, l.departure_at from travel_legs l
        where l.request_id = c.request_id and l.departure_at <= ${moment} order by l.departure_at desc limit 1
      ) l on true
      order by c.person_id, c.dependant_id, l.departure_at desc
    )
    select organisation_id as "organisationId", kind, recruitment_type as "recruitmentType", sex, place_id as "placeId", sum(delta)::int as count
    from (
      select organisation_id, kind, recruitment_type, sex, home_id as place_id, -1 as delta from m where eligible and home_path like ${prefix}
      union all
      select organisation_id, kind, recruitment_type, sex, to_place_id, 1 from m where to_path like ${prefix}
    ) corrections
    group by organisation_id, kind, recruitment_type, sex, place_id`);
  return rowsOf<HeadcountGroup>(result);
}

/**
 * The headcount in groups (organisation × kind × recruitment × sex × place), optionally of some
 * organisations only. `stationed` may be given (kept from an earlier call); it is read otherwise.
 */
export async function headcountGroups(
  db: Db,
  areaPath: string,
  at: Date,
  organisationIds?: readonly string[],
  stationed?: readonly HeadcountGroup[],
): Promise<HeadcountGroup[]> {
  if (organisationIds && organisationIds.length === 0) return [];
  // One after the other: on a transaction's connection the queries would queue anyway.
  const home = stationed ?? (await stationedGroups(db, areaPath));
  const groups = mergeHeadcountGroups(home, await travellingCorrections(db, areaPath, at));
  if (!organisationIds) return groups;
  const only = new Set(organisationIds);
  return groups.filter((group) => only.has(group.organisationId));
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
  const home = await stationedGroups(db, areaPath, true);
  const groups = mergeHeadcountGroups(home, await travellingCorrections(db, areaPath, at, true));
  const counts: PresentCounts = { total: 0, international: 0, byOrganisation: {} };
  if (groups.length === 0) return counts;
  const organisationIds = [...new Set(groups.map((group) => group.organisationId))];
  const codes = new Map(
    rowsOf<{ id: string; code: string }>(
      await db.execute(sql`select id, code from organisations where id in (${sql.join(organisationIds.map((id) => sql`${id}::uuid`), sql`, `)})`),
    ).map((row) => [row.id, row.code]),
  );
  for (const group of groups) {
    const code = codes.get(group.organisationId) ?? group.organisationId;
    const international = group.recruitmentType === "international" ? group.count : 0;
    counts.total += group.count;
    counts.international += international;
    const organisation = counts.byOrganisation[code] ?? { total: 0, international: 0 };
    organisation.total += group.count;
    organisation.international += international;
    counts.byOrganisation[code] = organisation;
  }
  return counts;
}
