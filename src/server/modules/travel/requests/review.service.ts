import { and, asc, eq, sql } from "drizzle-orm";
import type { LegDecisionInput } from "../../../../core/travel/itinerary.ts";
import type { TravelNoticeKind } from "../../../../core/travel/travel-notice.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock } from "../../../platform/clock.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../../platform/http/errors.ts";
import { notifyUsers } from "../../../platform/notify/notifications.ts";
import { places } from "../../structure/index.ts";
import { sendBriefing } from "./briefing.service.ts";
import { type LegStatus, statusFromLegs, travellerAccounts } from "./clearance.service.ts";
import { requestPolicy } from "./requests.policy.ts";
import { type RequestStatus, type StepAction, travelLegs, travelRequestSteps, travelRequests, travelTravellers } from "./requests.tables.ts";
import { newVerificationToken } from "./verification.service.ts";

/**
 * A reviewer's decision on one leg, the traveller's cancellation and acknowledgement of the
 * conditions. Each is one transaction with its step in the trip's history and its audit entry;
 * the trip's status follows from its legs'. Rows are locked (FOR UPDATE) so two reviewers
 * deciding the same trip at once each see the other's decision.
 */

export async function tripScope(db: Db, requestId: string) {
  // One statement: the trip and its travellers' person ids (a dependant's row carries their staff member's).
  const [row] = await db
    .select({
      request: travelRequests,
      travellerPersonIds: sql<string[]>`(select coalesce(json_agg(t.person_id), '[]'::json) from travel_travellers t where t.request_id = ${travelRequests.id} and t.person_id is not null)`,
    })
    .from(travelRequests)
    .where(eq(travelRequests.id, requestId));
  if (!row) return null;
  const { request, travellerPersonIds } = row;
  return { request, scope: { ...request, travellerPersonIds } };
}

async function restatus(tx: Db, requestId: string, now: Date): Promise<{ before: RequestStatus; after: RequestStatus }> {
  const [request] = await tx.select({ status: travelRequests.status }).from(travelRequests).where(eq(travelRequests.id, requestId)).for("update");
  const legs = await tx.select({ status: travelLegs.status }).from(travelLegs).where(eq(travelLegs.requestId, requestId)).orderBy(asc(travelLegs.position));
  const after = statusFromLegs(legs.map((leg) => leg.status as LegStatus));
  if (after !== request.status) {
    await tx
      .update(travelRequests)
      // A new clearance, a new token: a PDF printed for an earlier one no longer verifies.
      .set({ status: after, updatedAt: now, ...(after === "cleared" ? { clearedAt: now, verificationToken: newVerificationToken() } : {}) })
      .where(eq(travelRequests.id, requestId));
  }
  return { before: request.status, after };
}

const stepOf = (input: LegDecisionInput): StepAction =>
  input.decision === "clear" ? (input.conditions.length ? "cleared_with_conditions" : "cleared") : input.decision === "refuse" ? "refused" : "changes_requested";

export async function decideLeg(context: ServiceContext, legId: string, input: LegDecisionInput) {
  const { db } = context.database;
  const [found] = await db.select().from(travelLegs).where(eq(travelLegs.id, legId));
  const trip = found && (await tripScope(db, found.requestId));
  if (!found || !trip || !requestPolicy.canRead(context.actor, trip.scope)) throw new NotFoundError("Travel leg");
  if (!requestPolicy.canDecideLeg(context.actor, found)) {
    throw new ForbiddenError(found.reviewer === "do" ? "At security level 5 or 6 the Designated Official decides this leg" : "Only the destination area's clearance reviewers decide this leg");
  }
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [leg] = await tx.select().from(travelLegs).where(eq(travelLegs.id, legId)).for("update");
    // Only a leg waiting for review is cleared by hand; a blocked one waits for its facts to change.
    const decidable: LegStatus[] = input.decision === "clear" ? ["review"] : ["review", "blocked"];
    if (!decidable.includes(leg.status as LegStatus)) throw new ConflictError("decision", `this leg is ${leg.status.replace("_", " ")}: it cannot be ${input.decision === "clear" ? "cleared" : "decided"} now`);
    const status: LegStatus = input.decision === "clear" ? "cleared" : input.decision === "refuse" ? "refused" : "changes_requested";
    const changes = { status, conditions: [...leg.conditions, ...input.conditions], decisionNote: input.note ?? null, decidedByUserId: context.audit.actor.userId, decidedAt: now };
    await tx.update(travelLegs).set(changes).where(eq(travelLegs.id, legId));
    const { after } = await restatus(tx, leg.requestId, now);
    await tx.insert(travelRequestSteps).values({ requestId: leg.requestId, legId, action: stepOf(input), actorUserId: context.audit.actor.userId, note: input.note ?? (input.conditions.join("; ") || null), at: now });
    await recordAudit(tx, context.audit, { action: "update", entityType: "travel_leg", entityId: legId, changes: diffRecords({ status: leg.status, conditions: leg.conditions }, { status, conditions: changes.conditions }) });
    const kind: TravelNoticeKind | null = after === "cleared" ? "cleared" : status === "refused" ? "refused" : status === "changes_requested" ? "changes_requested" : null;
    if (kind) {
      const travellers = await tx.select({ personId: travelTravellers.personId }).from(travelTravellers).where(eq(travelTravellers.requestId, leg.requestId));
      const accounts = (await travellerAccounts(tx, travellers, trip.request.filedByUserId)).filter((id) => id !== context.actor.userId);
      const [place] = await tx.select({ name: places.name }).from(places).where(eq(places.id, leg.toPlaceId));
      const params = { kind, number: trip.request.number, destination: place?.name ?? "", note: input.note ?? null, decidedBy: context.actor.displayName };
      await notifyUsers(tx, accounts, { kind: `travel_${kind}`, message: { key: "travel", params }, entityType: "travel_request", entityId: leg.requestId });
    }
    if (after === "cleared") await sendBriefing(tx, context, leg.requestId);
    return { requestId: leg.requestId, status: after };
  });
}

/** The traveller (or whoever filed it) cancels a trip that is not over; it leaves the headcount. */
export async function cancelRequest(context: ServiceContext, requestId: string, reason: string | null) {
  const { db } = context.database;
  const trip = await tripScope(db, requestId);
  if (!trip || !requestPolicy.canRead(context.actor, trip.scope)) throw new NotFoundError("Travel request");
  if (!requestPolicy.canCancel(context.actor, trip.scope)) throw new ForbiddenError("Only the traveller or whoever filed the trip may cancel it");
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(travelRequests).where(eq(travelRequests.id, requestId)).for("update");
    if (row.status === "cancelled" || row.status === "refused") throw new ConflictError("status", `the trip is already ${row.status}`);
    if (row.returnsAt < now) throw new ConflictError("status", "the trip is over: it can no longer be cancelled");
    await tx.update(travelRequests).set({ status: "cancelled", updatedAt: now }).where(eq(travelRequests.id, requestId));
    await tx.insert(travelRequestSteps).values({ requestId, action: "cancelled", actorUserId: context.audit.actor.userId, note: reason, at: now });
    await recordAudit(tx, context.audit, { action: "update", entityType: "travel_request", entityId: requestId, changes: diffRecords({ status: row.status }, { status: "cancelled" }) });
    return { requestId, status: "cancelled" as const };
  });
}

/** The traveller acknowledges the conditions of a cleared trip (the area's measures, the reviewer's own). */
export async function acknowledgeConditions(context: ServiceContext, requestId: string) {
  const { db } = context.database;
  const trip = await tripScope(db, requestId);
  if (!trip || !requestPolicy.canRead(context.actor, trip.scope)) throw new NotFoundError("Travel request");
  if (!requestPolicy.canCancel(context.actor, trip.scope)) throw new ForbiddenError("Only the traveller or whoever filed the trip acknowledges its conditions");
  if (trip.request.status !== "cleared") throw new ConflictError("status", "only a cleared trip's conditions are acknowledged");
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.update(travelRequests).set({ conditionsAcknowledgedAt: now, updatedAt: now }).where(and(eq(travelRequests.id, requestId), sql`${travelRequests.conditionsAcknowledgedAt} is null`));
    await tx.insert(travelRequestSteps).values({ requestId, action: "acknowledged", actorUserId: context.audit.actor.userId, at: now });
    await recordAudit(tx, context.audit, { action: "update", entityType: "travel_request", entityId: requestId, changes: diffRecords({ conditionsAcknowledgedAt: null }, { conditionsAcknowledgedAt: now.toISOString() }) });
  });
  return { requestId, acknowledgedAt: now.toISOString() };
}
