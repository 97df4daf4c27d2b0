import { and, asc, inArray, isNull, or, sql } from "drizzle-orm";
import type { MeasureCategory } from "../../../../core/risk/risk-enums.ts";
import { cachedReference } from "../../../platform/cache/reference-cache.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { srmMeasures } from "./measures.tables.ts";

/**
 * The SRM measures that bind a traveller (issue 13 §3): those of the destination's areas, for
 * everyone or for the traveller's organisation, in force (implemented or verified), in the
 * categories that govern movement and conduct: vehicles (daylight road movement, convoys),
 * procedures, personal protection and telecommunications (carry a radio). Premises, medical and
 * residential measures are the area's own business, not a traveller's condition. Their titles
 * become the clearance's conditions, which the traveller acknowledges.
 */
const travelCategories: MeasureCategory[] = ["vehicles", "procedures", "personal_protection", "telecoms"];

export async function travelConditions(db: Db, destinationPath: string, organisationIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({ title: srmMeasures.title })
    .from(srmMeasures)
    .where(
      and(
        sql`${destinationPath} like ${srmMeasures.placePath} || '%'`,
        inArray(srmMeasures.category, travelCategories),
        inArray(srmMeasures.status, ["implemented", "verified"]),
        organisationIds.length ? or(isNull(srmMeasures.organisationId), inArray(srmMeasures.organisationId, [...organisationIds])) : isNull(srmMeasures.organisationId),
      ),
    )
    .orderBy(asc(srmMeasures.title));
  return rows.map((row) => row.title);
}

/** `travelConditions`, reused like `securityLevelInForceFor` (a measure's change renews the stamp, migration 0025); the same caveat. */
export function travelConditionsFor(context: ServiceContext, destinationPath: string, organisationIds: readonly string[]): Promise<string[]> {
  const key = `${destinationPath}|${[...organisationIds].sort().join(",")}`;
  return cachedReference(context.database, context.referenceStamp, "travel-conditions", key, () => travelConditions(context.database.db, destinationPath, organisationIds));
}
