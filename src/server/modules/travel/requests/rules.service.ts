import { and, asc, desc, eq, ilike, inArray, isNull, max, sql } from "drizzle-orm";
import { can } from "../../../../core/access/scope.ts";
import type { ClearanceRules } from "../../../../core/travel/clearance.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { clock } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ConflictError, NotFoundError, RuleError, databaseErrorCode } from "../../../platform/http/errors.ts";
import { iso, likePattern } from "../../../platform/http/schemas.ts";
import { organisations, places } from "../../structure/index.ts";
import { effectiveRules } from "./clearance-facts.ts";
import { reEvaluateArea } from "./reevaluate.service.ts";
import { requestPolicy } from "./requests.policy.ts";
import { clearanceRuleSets, clearanceSuspensions } from "./requests.tables.ts";

/**
 * An area's clearance system (issue 13 §3): its rules, versioned (a Designated Area's, and a
 * Security Area's override of them), and the organisations whose clearance the DO has suspended.
 * Each change evaluates again the trips into the area that have not departed.
 */

async function area(context: ServiceContext, placeId: string, kinds: readonly string[]) {
  const [place] = await context.database.db.select({ id: places.id, path: places.path, kind: places.kind, name: places.name }).from(places).where(eq(places.id, placeId));
  if (!place) throw new NotFoundError("Place");
  if (!kinds.includes(place.kind)) throw new RuleError("placeId", kinds.length === 1 ? "must be a Designated Area" : "must be a Designated Area or a Security Area");
  return place;
}

export async function rulesOf(context: ServiceContext, placeId: string) {
  const place = await area(context, placeId, ["designated_area", "security_area"]);
  const { db } = context.database;
  const [effective, versions] = await Promise.all([
    effectiveRules(db, place.path),
    db
      .select({ set: clearanceRuleSets, createdByName: users.displayName })
      .from(clearanceRuleSets)
      .leftJoin(users, eq(users.id, clearanceRuleSets.createdByUserId))
      .where(eq(clearanceRuleSets.placeId, placeId))
      .orderBy(desc(clearanceRuleSets.version)),
  ]);
  return {
    placeId,
    placeName: place.name,
    effective: { ...effective.rules, ruleSetId: effective.ruleSetId, fromPlaceId: effective.placeId, version: effective.version },
    versions: versions.map(({ set, createdByName }) => ({ id: set.id, version: set.version, rules: set.rules, note: set.note, createdByName, createdAt: iso(set.createdAt) as string })),
    canManage: can(context.actor, "travel.rules.manage", { placePath: place.path, organisationId: null }),
  };
}

export async function saveRules(context: ServiceContext, placeId: string, rules: ClearanceRules, note: string | null) {
  const place = await area(context, placeId, ["designated_area", "security_area"]);
  // Out of the caller's areas the place is answered as missing, as every record out of scope is.
  if (!can(context.actor, "travel.rules.manage", { placePath: place.path, organisationId: null })) throw new NotFoundError("Place");
  const { db } = context.database;
  const created = await db
    .transaction(async (tx) => {
    // The unique (place, version) refuses a second writer that read the same latest version.
    const [{ latest }] = await tx.select({ latest: max(clearanceRuleSets.version) }).from(clearanceRuleSets).where(eq(clearanceRuleSets.placeId, placeId));
    const previous = latest ? (await tx.select().from(clearanceRuleSets).where(and(eq(clearanceRuleSets.placeId, placeId), eq(clearanceRuleSets.version, latest))))[0] : null;
    const [row] = await tx
      .insert(clearanceRuleSets)
      .values({ placeId, placePath: place.path, version: (latest ?? 0) + 1, rules, note, createdByUserId: context.audit.actor.userId })
      .returning();
    await recordAudit(tx, context.audit, { action: "create", entityType: "clearance_rule_set", entityId: row.id, changes: diffRecords(previous?.rules ?? null, rules) });
    return row;
    })
    .catch((error: unknown) => {
      // Two saves that read the same latest version: the second is told, not answered 500.
      if (databaseErrorCode(error) === "23505") throw new ConflictError("version", "the rules were changed meanwhile: read them again, then save");
      throw error;
    });
  await reEvaluateArea(context, place.path, `rules v${created.version}`);
  return rulesOf(context, placeId);
}

export async function listSuspensions(context: ServiceContext, placeId: string) {
  const place = await area(context, placeId, ["designated_area"]);
  // Anyone whose travel rights reach into the area (an organisation's focal point included) reads them.
  if (!requestPolicy.reachesArea(context.actor, place.path)) throw new NotFoundError("Place");
  const rows = await context.database.db
    .select({ suspension: clearanceSuspensions, organisationCode: organisations.code })
    .from(clearanceSuspensions)
    .innerJoin(organisations, eq(organisations.id, clearanceSuspensions.organisationId))
    .where(eq(clearanceSuspensions.placeId, place.id))
    .orderBy(desc(clearanceSuspensions.suspendedAt));
  return {
    items: rows.map(({ suspension, organisationCode }) => ({
      id: suspension.id,
      organisationId: suspension.organisationId,
      organisationCode,
      reason: suspension.reason,
      suspendedAt: iso(suspension.suspendedAt) as string,
      liftedAt: iso(suspension.liftedAt),
    })),
    canManage: can(context.actor, "travel.suspension.manage", { placePath: place.path, organisationId: null }),
  };
}

export async function suspendOrganisation(context: ServiceContext, input: { placeId: string; organisationId: string; reason: string }) {
  const place = await area(context, input.placeId, ["designated_area"]);
  if (!can(context.actor, "travel.suspension.manage", { placePath: place.path, organisationId: null })) throw new NotFoundError("Place");
  const { db } = context.database;
  const [organisation] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId));
  if (!organisation) throw new RuleError("organisationId", "names an organisation that does not exist");
  const id = await db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: clearanceSuspensions.id })
      .from(clearanceSuspensions)
      .where(and(eq(clearanceSuspensions.placeId, place.id), eq(clearanceSuspensions.organisationId, input.organisationId), isNull(clearanceSuspensions.liftedAt)));
    if (open) throw new ConflictError("organisationId", "this organisation's clearance is already suspended in the area");
    const values = { placeId: place.id, placePath: place.path, organisationId: input.organisationId, reason: input.reason, suspendedByUserId: context.audit.actor.userId };
    const [row] = await tx.insert(clearanceSuspensions).values(values).returning({ id: clearanceSuspensions.id });
    await recordAudit(tx, context.audit, { action: "create", entityType: "clearance_suspension", entityId: row.id, changes: diffRecords(null, values) });
    return row.id;
  });
  await reEvaluateArea(context, place.path, "organisation suspended");
  return { id };
}

export async function liftSuspension(context: ServiceContext, id: string) {
  const { db } = context.database;
  const [row] = await db.select().from(clearanceSuspensions).where(eq(clearanceSuspensions.id, id));
  if (!row || !can(context.actor, "travel.suspension.manage", { placePath: row.placePath, organisationId: null })) throw new NotFoundError("Suspension");
  if (row.liftedAt) throw new ConflictError("id", "this suspension is already lifted");
  await db.transaction(async (tx) => {
    await tx.update(clearanceSuspensions).set({ liftedAt: clock.now(), liftedByUserId: context.audit.actor.userId }).where(eq(clearanceSuspensions.id, id));
    await recordAudit(tx, context.audit, { action: "update", entityType: "clearance_suspension", entityId: id, changes: diffRecords({ liftedAt: null }, { liftedAt: clock.now().toISOString() }) });
  });
  await reEvaluateArea(context, row.placePath, "suspension lifted");
  return { id };
}

/** Places a trip may go to or leave from, by name: every signed-in person files trips, so names are not need-to-know. */
export async function searchTravelPlaces(context: ServiceContext, query: { q?: string; limit: number }) {
  const term = query.q?.trim();
  const rows = await context.database.db
    .select({ id: places.id, name: places.name, kind: places.kind, path: places.path, timeZone: places.timeZone })
    .from(places)
    .where(term ? ilike(places.name, likePattern(term)) : undefined)
    .orderBy(asc(sql`length(${places.path})`), asc(places.name))
    .limit(query.limit);
  const parentIds = [...new Set(rows.flatMap((row) => row.path.split("/").filter(Boolean).slice(0, -1)))];
  const parents = parentIds.length ? await context.database.db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, parentIds)) : [];
  const names = new Map(parents.map((row) => [row.id, row.name]));
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      within: row.path
        .split("/")
        .filter(Boolean)
        .slice(0, -1)
        .map((id) => names.get(id) ?? "")
        .join(" › "),
    })),
  };
}
