import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type ClearanceRules, type LegFacts, type TravellerFacts, defaultClearanceRules, requiredCourses } from "../../../../core/travel/clearance.ts";
import { clearanceRulesInput } from "../../../../core/travel/clearance.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { cachedReference } from "../../../platform/cache/reference-cache.ts";
import { activityStanding, securityLevelInForce, securityLevelInForceFor, travelConditions, travelConditionsFor } from "../../risk/index.ts";
import { organisations, pathIds } from "../../structure/index.ts";
import { personnelPresent } from "../headcount/presence.service.ts";
import { trainingCertificates, trainingCourses } from "../training/training.tables.ts";
import { clearanceRuleSets, clearanceSuspensions } from "./requests.tables.ts";

/**
 * Gathers what the clearance rules weigh (core/travel/clearance.ts), from the risk module's public
 * surface (levels, activities, measures), the training tables, the headcount and the area's own
 * rules and suspensions. Pure evaluation stays in core; this file only reads.
 */

export type TravellerRow = {
  personId: string | null;
  dependantId: string | null;
  name: string;
  organisationId: string;
  organisationCode: string;
  recruitmentType: string;
};

export type EffectiveRules = { rules: ClearanceRules; ruleSetId: string | null; placeId: string | null; version: number | null };

/** The rules of the deepest area above the destination that has any (a Security Area's override, else its Designated Area's), latest version. */
export async function effectiveRules(db: Db, destinationPath: string): Promise<EffectiveRules> {
  const lineage = pathIds(destinationPath);
  const rows = await db
    .select({ id: clearanceRuleSets.id, placeId: clearanceRuleSets.placeId, placePath: clearanceRuleSets.placePath, version: clearanceRuleSets.version, rules: clearanceRuleSets.rules })
    .from(clearanceRuleSets)
    .where(inArray(clearanceRuleSets.placeId, lineage))
    .orderBy(desc(sql`length(${clearanceRuleSets.placePath})`), desc(clearanceRuleSets.version))
    .limit(1);
  const best = rows[0];
  if (!best) return { rules: defaultClearanceRules, ruleSetId: null, placeId: null, version: null };
  // Stored rules are parsed again so a version saved before a new setting existed gets its default.
  return { rules: clearanceRulesInput.parse(best.rules), ruleSetId: best.id, placeId: best.placeId, version: best.version };
}

/** The latest certificate of each course per person, by course code (a renewal supersedes). */
export async function certificatesOf(db: Db, personIds: readonly string[]): Promise<Map<string, TravellerFacts["certificates"]>> {
  const byPerson = new Map<string, TravellerFacts["certificates"]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db
    .select({ personId: trainingCertificates.personId, code: trainingCourses.code, expiresOn: sql<string>`max(${trainingCertificates.expiresOn})::text` })
    .from(trainingCertificates)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingCertificates.courseId))
    .where(inArray(trainingCertificates.personId, [...personIds]))
    .groupBy(trainingCertificates.personId, trainingCourses.code);
  for (const row of rows) {
    const held = byPerson.get(row.personId) ?? {};
    held[row.code] = { courseName: row.code, expiresOn: row.expiresOn };
    byPerson.set(row.personId, held);
  }
  return byPerson;
}

export function travellerFacts(rows: readonly TravellerRow[], certificates: Map<string, TravellerFacts["certificates"]>): TravellerFacts[] {
  return rows.map((row) => ({
    name: row.name,
    isPersonnel: row.personId !== null && row.dependantId === null,
    certificates: (row.personId && row.dependantId === null && certificates.get(row.personId)) || {},
    internationallyRecruited: row.recruitmentType === "international",
    organisation: row.organisationCode,
  }));
}

async function suspensionsAt(db: Db, destinationPath: string) {
  return db
    .select({ organisation: organisations.code, reason: clearanceSuspensions.reason })
    .from(clearanceSuspensions)
    .innerJoin(organisations, eq(organisations.id, clearanceSuspensions.organisationId))
    .where(and(isNull(clearanceSuspensions.liftedAt), sql`${destinationPath} like ${clearanceSuspensions.placePath} || '%'`));
}

export type LegToEvaluate = { fromPath: string; toPlaceId: string; toPath: string; departureLocal: string; departureAt: Date; arrivalAt: Date; operatorId: string | null; transport: string };
export type TripToEvaluate = { activityKey: string | null; isLateNotification: boolean; filedAt: Date; returnsAt: Date; organisationIds: string[] };

/** Everything one leg's decision weighs, with the rule version and the level change it used. */
export async function legFacts(
  context: ServiceContext,
  trip: TripToEvaluate,
  leg: LegToEvaluate,
  today: string,
  air: LegFacts["air"],
  reuse = false,
): Promise<{ facts: LegFacts; ruleSetId: string | null; levelChangeId: string | null; conditions: string[] }> {
  const { db } = context.database;
  // Reused while the reference stamp holds (a change to any of them renews it, migration 0025).
  const kept = <T>(space: string, load: () => Promise<T>) => (reuse ? cachedReference(context.database, context.referenceStamp, space, leg.toPath, load) : load());
  const [effective, level, suspended, conditions, activity] = await Promise.all([
    kept("clearance-rules", () => effectiveRules(db, leg.toPath)),
    reuse ? securityLevelInForceFor(context, leg.toPlaceId, leg.toPath) : securityLevelInForce(context.database, leg.toPlaceId, leg.toPath),
    kept("clearance-suspensions", () => suspensionsAt(db, leg.toPath)),
    reuse ? travelConditionsFor(context, leg.toPath, trip.organisationIds) : travelConditions(db, leg.toPath, trip.organisationIds),
    trip.activityKey ? activityStanding(context, trip.activityKey) : Promise.resolve(null),
  ]);
  const { rules } = effective;
  const hasCeiling = rules.ceilingTotal !== null || rules.ceilingInternational !== null;
  // The ceiling counts the area the rules belong to (the whole Security or Designated Area).
  const ceilingPath = effective.placeId ? leg.toPath.slice(0, leg.toPath.indexOf(`/${effective.placeId}/`) + effective.placeId.length + 2) : leg.toPath;
  const present = hasCeiling ? await personnelPresent(db, ceilingPath, leg.arrivalAt) : { total: 0, international: 0, byOrganisation: {} };
  const courseNames = Object.fromEntries(requiredCourses(rules).map((code) => [code, code]));
  const facts: LegFacts = {
    level: level?.overall ?? null,
    rules,
    courseNames,
    activity,
    today,
    returnOn: trip.returnsAt.toISOString().slice(0, 10),
    leadDaysGiven: Math.floor((leg.departureAt.getTime() - trip.filedAt.getTime()) / 86_400_000),
    isLateNotification: trip.isLateNotification,
    present,
    suspendedOrganisations: suspended,
    // Gathered for all the trip's air legs at once (air/air-facts.service.ts).
    air,
  };
  return { facts, ruleSetId: effective.ruleSetId, levelChangeId: level?.changeId ?? null, conditions };
}
