import { sql } from "drizzle-orm";
import { incidentCategories } from "../../../core/incidents/incident-taxonomy.data.ts";
import type { Config } from "../../platform/config.ts";
import type { Db } from "../../platform/db/database.ts";

/** Categories whose attack on premises makes an incident critical (armed, explosive, shelling). */
const attackCodes = incidentCategories.filter((category) => category.isAttack).map((category) => category.code);

export type IncidentCount = { categoryCode: string; count: number };

/**
 * Critical incidents reported in an area (its path and every place under it) during a period,
 * counted by category, for the travel briefing (issue 13 §4). Critical as the deployment's flash
 * alerts define it (`Config["flashAlert"]`: the critical categories, mass casualty, attack on
 * premises) except that an incident need not have affected the UN: a traveller is exposed to
 * what happens in the place, not only to what happened to colleagues. Drafts are not reports
 * yet and are left out. Only counts leave this function: a sensitive incident (sexual assault)
 * is counted like any other and never described, so the briefing needs no need-to-know check.
 */
export async function criticalIncidentCounts(db: Db, rule: Config["flashAlert"], placePath: string, from: Date, to: Date): Promise<IncidentCount[]> {
  const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((value) => sql`${value}`), sql`, `)}]::text[]`;
  const [codes, attacks] = [textArray(rule.categoryCodes), textArray(attackCodes)];
  const result = await db.execute(sql`
    select i.category_code as "categoryCode", count(*)::int as count
    from incidents i
    where i.status <> 'draft'
      and i.place_path like ${`${placePath}%`}
      and i.occurred_at >= ${from.toISOString()} and i.occurred_at < ${to.toISOString()}
      and (
        i.category_code = any(${codes})
        or (${rule.isAttackOnPremises} and i.category_code = any(${attacks}) and jsonb_array_length(i.premises_affected) > 0)
        or (${rule.isMassCasualty} and (
          select coalesce(sum(p.count), 0) from incident_people p where p.incident_id = i.id and p.outcome in ('killed', 'injured')
        ) >= ${rule.massCasualtyThreshold})
      )
    group by i.category_code
    order by count desc, i.category_code`);
  return (result as unknown as { rows: IncidentCount[] }).rows;
}
