import { sql } from "drizzle-orm";
import type { Db } from "../../../platform/db/database.ts";

/**
 * Where a person is at a moment (issue 13 §4): at the destination of the latest leg they have set
 * out on, of a cleared or notified trip under way; otherwise at their duty station. A leg counts
 * from its departure (the traveller is on the way to that place), and a trip ends at its return:
 * after it the person is home again. Dependants are counted with their person unless they travel.
 *
 * `moving` lists, for the moment given, each traveller of a trip under way with where they are.
 */
const moving = (at: Date) => sql`
  select distinct on (coalesce(tt.person_id, tt.dependant_id)) tt.person_id, tt.dependant_id, l.to_path
  from travel_travellers tt
  join travel_requests r on r.id = tt.request_id
  join travel_legs l on l.request_id = r.id
  where r.status in ('cleared', 'notified') and r.departs_at <= ${at.toISOString()} and r.returns_at >= ${at.toISOString()}
    and l.departure_at <= ${at.toISOString()}
  order by coalesce(tt.person_id, tt.dependant_id), l.departure_at desc`;

export type PresentCounts = { total: number; international: number; byOrganisation: Record<string, { total: number; international: number }> };

/**
 * Personnel present in an area at a moment, by organisation code: those stationed there who are
 * not away, plus those whose trip has brought them there. For the clearance ceilings.
 */
export async function personnelPresent(db: Db, areaPath: string, at: Date): Promise<PresentCounts> {
  const prefix = `${areaPath}%`;
  const result = await db.execute(sql`
    with moving as (${moving(at)}),
    present as (
      select p.id, p.organisation_id, p.recruitment_type from persons p
      where p.place_path like ${prefix}
        and not exists (select 1 from moving m where m.person_id = p.id and m.to_path not like ${prefix})
      union
      select p.id, p.organisation_id, p.recruitment_type from moving m join persons p on p.id = m.person_id
      where m.to_path like ${prefix}
    )
    select o.code as organisation, count(*)::int as total, count(*) filter (where present.recruitment_type = 'international')::int as international
    from present join organisations o on o.id = present.organisation_id
    group by o.code`);
  const counts: PresentCounts = { total: 0, international: 0, byOrganisation: {} };
  for (const row of (result as unknown as { rows: unknown[] }).rows as { organisation: string; total: number; international: number }[]) {
    counts.total += row.total;
    counts.international += row.international;
    counts.byOrganisation[row.organisation] = { total: row.total, international: row.international };
  }
  return counts;
}
