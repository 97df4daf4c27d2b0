import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type SecurityLevelChangeInput, securityLevelChangeProblems } from "../../../../core/risk/decisions.schemas.ts";
import type { SecurityLevel } from "../../../../core/risk/security-levels.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { cachedReference } from "../../../platform/cache/reference-cache.ts";
import { clock } from "../../../platform/clock.ts";
import type { Database, Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { pathIds, places } from "../../structure/index.ts";
import { type CategoryLevels, securityLevelChanges } from "../decisions/decisions.tables.ts";
import { areaFor } from "../decisions/decisions-support.ts";
import { securityLevelPolicy } from "../risk.policy.ts";
import { assignedTo, holdersOf, sendNotice } from "./security-level-notices.ts";

/**
 * The Security Level System (issue 4 §5): per Designated Area or Security Area, a level for each
 * threat category and an overall level. A change is proposed by the security professionals,
 * approved by the DO and endorsed by UNDSS (the country's desk officer); it takes effect at
 * endorsement. Every change is kept.
 */

type ChangeRow = typeof securityLevelChanges.$inferSelect;
const pendingStatuses = ["proposed", "approved"] as const;
const parents = alias(places, "parent");

/** The level in force of every Designated Area and Security Area, for the map and the area pages. */
export async function listSecurityLevels(context: ServiceContext) {
  const { db } = context.database;
  const [areas, changes] = await Promise.all([
    db
      .select({ place: places, parentCountry: parents.countryCode })
      .from(places)
      .leftJoin(parents, eq(parents.id, places.parentId))
      .where(inArray(places.kind, ["designated_area", "security_area"]))
      .orderBy(asc(places.path)),
    db
      .select()
      .from(securityLevelChanges)
      .where(inArray(securityLevelChanges.status, ["endorsed", ...pendingStatuses])),
  ]);
  const inForce = new Map<string, ChangeRow>();
  const pending = new Map<string, ChangeRow>();
  for (const change of changes) {
    if (change.status !== "endorsed") pending.set(change.placeId, change);
    else if (!inForce.has(change.placeId) || (inForce.get(change.placeId)?.endorsedAt as Date) < (change.endorsedAt as Date)) inForce.set(change.placeId, change);
  }
  let pendingCount = 0;
  const items = areas.map(({ place, parentCountry }) => {
    const current = inForce.get(place.id);
    const waiting = pending.get(place.id);
    const actions = waiting ? securityLevelPolicy.actions(context.actor, waiting) : [];
    if (actions.length > 0) pendingCount += 1;
    return {
      placeId: place.id,
      placeName: place.name,
      kind: place.kind as "designated_area" | "security_area",
      countryCode: place.countryCode ?? parentCountry ?? null,
      parentId: place.parentId,
      changeId: current?.id ?? null,
      levels: current?.levels ?? null,
      overall: current?.overall ?? null,
      endorsedAt: iso(current?.endorsedAt),
      pendingChange: waiting && securityLevelPolicy.canSeeProposals(context.actor, waiting) ? { id: waiting.id, status: waiting.status, overall: waiting.overall, actions } : null,
    };
  });
  return { items, pendingCount };
}

const proposer = alias(users, "proposer");
const approver = alias(users, "approver");
const endorser = alias(users, "endorser");
const rejecter = alias(users, "rejecter");

function presentChange(context: ServiceContext, row: { change: ChangeRow; proposedByName: string | null; approvedByName: string | null; endorsedByName: string | null; rejectedByName: string | null }) {
  const { change } = row;
  return {
    id: change.id,
    placeId: change.placeId,
    levels: change.levels,
    overall: change.overall,
    justification: change.justification,
    status: change.status,
    proposedByName: row.proposedByName,
    proposedAt: iso(change.proposedAt) as string,
    approvedByName: row.approvedByName,
    approvedAt: iso(change.approvedAt),
    endorsedByName: row.endorsedByName,
    endorsedAt: iso(change.endorsedAt),
    rejectedByName: row.rejectedByName,
    rejectedAt: iso(change.rejectedAt),
    rejectionReason: change.rejectionReason,
    actions: securityLevelPolicy.actions(context.actor, change),
  };
}

function selectChanges(context: ServiceContext) {
  return context.database.db
    .select({
      change: securityLevelChanges,
      proposedByName: proposer.displayName,
      approvedByName: approver.displayName,
      endorsedByName: endorser.displayName,
      rejectedByName: rejecter.displayName,
    })
    .from(securityLevelChanges)
    .leftJoin(proposer, eq(proposer.id, securityLevelChanges.proposedByUserId))
    .leftJoin(approver, eq(approver.id, securityLevelChanges.approvedByUserId))
    .leftJoin(endorser, eq(endorser.id, securityLevelChanges.endorsedByUserId))
    .leftJoin(rejecter, eq(rejecter.id, securityLevelChanges.rejectedByUserId));
}

async function getChange(context: ServiceContext, id: string) {
  const [row] = await selectChanges(context).where(eq(securityLevelChanges.id, id));
  return presentChange(context, row);
}

/** The history of one area, newest first; changes not yet endorsed (or rejected) only for those involved. */
export async function areaLevelHistory(context: ServiceContext, placeId: string) {
  const place = await areaFor(context, placeId, () => true);
  const record = { placePath: place.path };
  const isInvolved = securityLevelPolicy.canSeeProposals(context.actor, record);
  const rows = await selectChanges(context)
    .where(and(eq(securityLevelChanges.placeId, placeId), isInvolved ? undefined : eq(securityLevelChanges.status, "endorsed")))
    .orderBy(desc(securityLevelChanges.proposedAt), desc(securityLevelChanges.id));
  const items = rows.map((row) => presentChange(context, row));
  const current = items.filter((item) => item.status === "endorsed").sort((a, b) => (b.endorsedAt as string).localeCompare(a.endorsedAt as string))[0];
  return {
    place: { id: place.id, name: place.name, kind: place.kind as "designated_area" | "security_area", parentId: place.parentId },
    inForce: current ? { changeId: current.id, levels: current.levels, overall: current.overall, endorsedAt: current.endorsedAt as string } : null,
    items,
    actions: securityLevelPolicy.canPropose(context.actor, record) ? ["propose"] : [],
  };
}

export async function proposeLevelChange(context: ServiceContext, input: SecurityLevelChangeInput) {
  const place = await areaFor(context, input.placeId, (placePath) => securityLevelPolicy.canPropose(context.actor, { placePath }));
  const [problem] = securityLevelChangeProblems(input);
  if (problem) throw new RuleError(problem.field, problem.message);
  const { db } = context.database;
  const created = await db.transaction(async (tx) => {
    const [waiting] = await tx
      .select({ id: securityLevelChanges.id })
      .from(securityLevelChanges)
      .where(and(eq(securityLevelChanges.placeId, place.id), inArray(securityLevelChanges.status, [...pendingStatuses])));
    if (waiting) throw new ConflictError("placeId", "This area already has a change awaiting approval or endorsement: decide on it first");
    const [row] = await tx
      .insert(securityLevelChanges)
      .values({
        placeId: place.id,
        placePath: place.path,
        levels: input.levels as CategoryLevels,
        overall: input.overall as SecurityLevel,
        justification: input.justification?.trim() || null,
        proposedByUserId: context.actor.userId,
        proposedAt: clock.now(),
      })
      .returning();
    await recordAudit(tx, context.audit, { action: "propose", entityType: "security_level_change", entityId: row.id, changes: diffRecords(null, row) });
    await sendNotice(tx, context.database, "proposed", row, place.name, await holdersOf(tx, ["do", "do_ai"], place.path), { byEmail: false });
    return row;
  });
  return getChange(context, created.id);
}

/** The change if the caller may act on it at all; any other reads as missing. */
async function actionableChange(context: ServiceContext, id: string, mayAct: (record: { placePath: string }) => boolean) {
  const [row] = await context.database.db.select().from(securityLevelChanges).where(eq(securityLevelChanges.id, id));
  if (!row || !mayAct(row)) throw new NotFoundError("Security level change");
  const [place] = await context.database.db.select({ name: places.name }).from(places).where(eq(places.id, row.placeId));
  return { change: row, placeName: place.name };
}

function assertStatus(change: ChangeRow, expected: ChangeRow["status"], step: string) {
  if (change.status !== expected) throw new ConflictError("status", `The change is ${change.status}: only a ${expected} change can be ${step}`);
}

async function proposerAccount(tx: Db, change: ChangeRow) {
  if (!change.proposedByUserId) return [];
  return tx
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, change.proposedByUserId), eq(users.isActive, true)));
}

export async function approveLevelChange(context: ServiceContext, id: string) {
  const { change, placeName } = await actionableChange(context, id, (record) => securityLevelPolicy.canApprove(context.actor, record));
  assertStatus(change, "proposed", "approved");
  await context.database.db.transaction(async (tx) => {
    const [after] = await tx
      .update(securityLevelChanges)
      .set({ status: "approved", approvedByUserId: context.actor.userId, approvedAt: clock.now() })
      .where(and(eq(securityLevelChanges.id, id), eq(securityLevelChanges.status, "proposed")))
      .returning();
    if (!after) throw new ConflictError("status", "The change was decided on meanwhile");
    await recordAudit(tx, context.audit, { action: "approve", entityType: "security_level_change", entityId: id, changes: diffRecords(change, after) });
    await sendNotice(tx, context.database, "approved", after, placeName, await proposerAccount(tx, after), { byEmail: true });
    await sendNotice(tx, context.database, "approved", after, placeName, await holdersOf(tx, ["desk_officer"], after.placePath), { byEmail: false });
  });
  return getChange(context, id);
}

/**
 * Who must hear, in this process, that a level took effect: travel evaluates again the trips into
 * the area (issue 13 §3). Registered by the composition root (server.ts) so that the risk module
 * needs no knowledge of travel. Called after the commit; if the process dies first, travel's daily
 * re-evaluation catches up.
 */
type LevelListener = (context: ServiceContext, areaPath: string) => Promise<unknown>;
const levelListeners = new Set<LevelListener>();
export function onSecurityLevelInForce(listener: LevelListener): void {
  levelListeners.add(listener);
}

/** UNDSS endorses: the change takes effect, and everyone assigned to the area is told. */
export async function endorseLevelChange(context: ServiceContext, id: string) {
  const { change, placeName } = await actionableChange(context, id, (record) => securityLevelPolicy.canEndorse(context.actor, record));
  assertStatus(change, "approved", "endorsed");
  await context.database.db.transaction(async (tx) => {
    const [after] = await tx
      .update(securityLevelChanges)
      .set({ status: "endorsed", endorsedByUserId: context.actor.userId, endorsedAt: clock.now() })
      .where(and(eq(securityLevelChanges.id, id), eq(securityLevelChanges.status, "approved")))
      .returning();
    if (!after) throw new ConflictError("status", "The change was decided on meanwhile");
    const recipients = await assignedTo(tx, after.placePath);
    const proposers = (await proposerAccount(tx, after)).filter((account) => !recipients.some((recipient) => recipient.id === account.id));
    await sendNotice(tx, context.database, "endorsed", after, placeName, [...recipients, ...proposers], { byEmail: true });
    await recordAudit(tx, context.audit, {
      action: "endorse",
      entityType: "security_level_change",
      entityId: id,
      changes: { ...diffRecords(change, after), notified: { from: null, to: [...recipients, ...proposers].map((recipient) => recipient.id) } },
    });
  });
  for (const listener of levelListeners) {
    // The level is in force whatever a listener does; a failure is reported, not returned as the endorsement's.
    await listener(context, change.placePath).catch((error: unknown) => process.emitWarning(`After the level change ${id}: ${String(error)}`));
  }
  return getChange(context, id);
}

/** The DO rejects a proposed change; UNDSS an approved one. The proposer is told why. */
export async function rejectLevelChange(context: ServiceContext, id: string, reason: string) {
  const { actor } = context;
  const { change, placeName } = await actionableChange(context, id, (record) => securityLevelPolicy.canApprove(actor, record) || securityLevelPolicy.canEndorse(actor, record));
  if (change.status === "endorsed" || change.status === "rejected") throw new ConflictError("status", `The change is ${change.status}: it can no longer be rejected`);
  if (!securityLevelPolicy.actions(actor, change).includes("reject")) {
    throw new ForbiddenError(change.status === "proposed" ? "A proposed change is rejected by the Designated Official" : "An approved change is rejected by UNDSS (the desk officer)");
  }
  await context.database.db.transaction(async (tx) => {
    const [after] = await tx
      .update(securityLevelChanges)
      .set({ status: "rejected", rejectedByUserId: actor.userId, rejectedAt: clock.now(), rejectionReason: reason })
      .where(and(eq(securityLevelChanges.id, id), eq(securityLevelChanges.status, change.status)))
      .returning();
    if (!after) throw new ConflictError("status", "The change was decided on meanwhile");
    await recordAudit(tx, context.audit, { action: "reject", entityType: "security_level_change", entityId: id, changes: diffRecords(change, after) });
    await sendNotice(tx, context.database, "rejected", after, placeName, await proposerAccount(tx, after), { byEmail: true });
  });
  return getChange(context, id);
}

export type LevelInForce = { areaId: string; areaName: string; changeId: string; levels: CategoryLevels; overall: SecurityLevel; endorsedAt: string };

/**
 * The security level in force at a place: the area's own, or for a duty station (or an area
 * without one) the nearest area above it that has one. Null when none has. For travel clearance.
 */
export async function securityLevelInForce(database: Database, placeId: string, knownPath?: string): Promise<LevelInForce | null> {
  const { db } = database;
  // A caller that already holds the place's path (a trip's leg) saves the look-up.
  const [place] = knownPath ? [{ path: knownPath }] : await db.select({ path: places.path }).from(places).where(eq(places.id, placeId));
  if (!place) return null;
  const lineage = pathIds(place.path);
  const rows = await db
    .select({ change: securityLevelChanges, areaName: places.name, areaPath: places.path })
    .from(securityLevelChanges)
    .innerJoin(places, eq(places.id, securityLevelChanges.placeId))
    .where(and(inArray(securityLevelChanges.placeId, lineage), eq(securityLevelChanges.status, "endorsed"), ne(places.kind, "duty_station")))
    .orderBy(desc(securityLevelChanges.endorsedAt));
  // Nearest area first, then its latest endorsement.
  const best = rows.sort((a, b) => b.areaPath.length - a.areaPath.length)[0];
  if (!best) return null;
  return {
    areaId: best.change.placeId,
    areaName: best.areaName,
    changeId: best.change.id,
    levels: best.change.levels,
    overall: best.change.overall,
    endorsedAt: iso(best.change.endorsedAt) as string,
  };
}

/**
 * `securityLevelInForce`, reused while the reference stamp read with the caller's session holds (a
 * level change renews it, migration 0025). Only for a request that has changed nothing before it
 * asks (a filing): a re-evaluation after a level change still holds the stamp read before it.
 */
export function securityLevelInForceFor(context: ServiceContext, placeId: string, path: string): Promise<LevelInForce | null> {
  return cachedReference(context.database, context.referenceStamp, "security-level-in-force", placeId, () => securityLevelInForce(context.database, placeId, path));
}
