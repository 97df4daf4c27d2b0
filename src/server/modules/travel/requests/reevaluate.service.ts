import { type SQL, and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Reason } from "../../../../core/travel/clearance.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock } from "../../../platform/clock.ts";
import { enqueueJob } from "../../../platform/jobs/job-queue.ts";
import { appConfigOf } from "../../../platform/notify/app-config.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { dependants, persons } from "../../personnel/index.ts";
import { organisations } from "../../structure/index.ts";
import type { TravellerRow } from "./clearance-facts.ts";
import { type LegEvaluation, type LegStatus, evaluateTrip, notifyAfterEvaluation, statusFromLegs } from "./clearance.service.ts";
import { sendBriefing } from "./briefing.service.ts";
import { type RequestStatus, travelLegs, travelRequestSteps, travelRequests, travelTravellers } from "./requests.tables.ts";
import { newVerificationToken } from "./verification.service.ts";

/**
 * Re-evaluation (issue 13 §3): when a security level changes, a rule version changes, a
 * certificate is added or lapses, or a suspension is recorded or lifted, the trips not yet
 * departed are evaluated again. A leg cleared automatically that no longer passes goes back to
 * review (or is blocked); a leg a reviewer cleared goes back only if something new weighs against
 * it that the reviewer did not see; a blocked leg whose facts have changed proceeds. The
 * travellers and the reviewers are told.
 */

const reconsidered: RequestStatus[] = ["under_review", "blocked", "cleared"];

/** A reason as the reviewer saw it, without the figures that move every day (ceiling counts, days left). */
function reasonKey(reason: Reason): string {
  if (reason.code === "ceiling") return `ceiling:${reason.kind}:${reason.limit}:${reason.organisation}`;
  if (reason.code === "late_request") return "late_request";
  return JSON.stringify(reason);
}

type LegRow = typeof travelLegs.$inferSelect;

/** The leg's new status, or null when it stays as it is. */
function nextStatus(leg: LegRow, fresh: LegEvaluation): LegStatus | null {
  if (leg.status === "review" || leg.status === "blocked") return fresh.outcome === leg.status ? null : fresh.outcome;
  if (leg.status !== "cleared" || fresh.outcome === "cleared") return null;
  if (!leg.decidedByUserId || fresh.outcome === "blocked" || fresh.outcome === "refused") return fresh.outcome;
  const seen = new Set(leg.reasons.map(reasonKey));
  return fresh.reasons.some((reason) => reason.code !== "level_auto" && !seen.has(reasonKey(reason))) ? "review" : null;
}

async function travellersOf(context: ServiceContext, requestId: string): Promise<TravellerRow[]> {
  const rows = await context.database.db
    .select({
      personId: travelTravellers.personId,
      dependantId: travelTravellers.dependantId,
      given: persons.givenName,
      family: persons.familyName,
      kinGiven: dependants.givenName,
      kinFamily: dependants.familyName,
      organisationId: persons.organisationId,
      organisationCode: organisations.code,
      recruitmentType: persons.recruitmentType,
    })
    .from(travelTravellers)
    .innerJoin(persons, eq(persons.id, travelTravellers.personId))
    .innerJoin(organisations, eq(organisations.id, persons.organisationId))
    .leftJoin(dependants, eq(dependants.id, travelTravellers.dependantId))
    .where(eq(travelTravellers.requestId, requestId))
    .orderBy(asc(travelTravellers.position));
  return rows.map((row) => ({
    personId: row.personId,
    dependantId: row.dependantId,
    name: row.dependantId ? `${row.kinGiven} ${row.kinFamily}` : `${row.given} ${row.family}`,
    organisationId: row.organisationId,
    organisationCode: row.organisationCode,
    recruitmentType: row.dependantId ? "dependant" : row.recruitmentType,
  }));
}

/** Evaluates one trip again; returns whether anything changed. */
export async function reEvaluateRequest(context: ServiceContext, requestId: string, cause: string): Promise<boolean> {
  const { db } = context.database;
  const now = clock.now();
  const [request] = await db.select().from(travelRequests).where(eq(travelRequests.id, requestId));
  if (!request || !reconsidered.includes(request.status)) return false;
  const legs = (await db.select().from(travelLegs).where(eq(travelLegs.requestId, requestId)).orderBy(asc(travelLegs.position))).filter((leg) => leg.departureAt > now);
  if (legs.length === 0) return false;
  const travellers = await travellersOf(context, requestId);
  const trip = { activityKey: request.activityKey, isLateNotification: request.isLateNotification, filedAt: request.createdAt, returnsAt: request.returnsAt, organisationIds: request.organisationIds };
  const fresh = await evaluateTrip(context, trip, travellers, legs);
  const changes = legs.map((leg, index) => ({ leg, fresh: fresh.legs[index], next: nextStatus(leg, fresh.legs[index]) })).filter((change) => change.next !== null);
  if (changes.length === 0) return false;
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: travelRequests.status }).from(travelRequests).where(eq(travelRequests.id, requestId)).for("update");
    // A reviewer or the traveller acted meanwhile: their step stands, the next trigger looks again.
    if (locked.status !== request.status) return false;
    for (const { leg, fresh: decision, next } of changes) {
      await tx
        .update(travelLegs)
        .set({
          status: next as LegStatus,
          reviewer: decision.reviewer,
          reasons: decision.reasons,
          ruleSetId: decision.ruleSetId,
          levelChangeId: decision.levelChangeId,
          evaluatedAt: now,
          ...(next === "cleared" ? { conditions: decision.conditions, decidedAt: now, decidedByUserId: null } : { decidedAt: null, decidedByUserId: null, decisionNote: null }),
        })
        .where(eq(travelLegs.id, leg.id));
    }
    const all = await tx.select({ id: travelLegs.id, status: travelLegs.status }).from(travelLegs).where(eq(travelLegs.requestId, requestId));
    const status = statusFromLegs(all.map((leg) => leg.status as LegStatus));
    await tx
      .update(travelRequests)
      .set({
        status,
        updatedAt: now,
        clearedAt: status === "cleared" ? now : null,
        conditionsAcknowledgedAt: status === "cleared" ? request.conditionsAcknowledgedAt : null,
        // Cleared anew: a new token (the token of a clearance withdrawn stays, and verifies as not valid).
        ...(status === "cleared" && request.status !== "cleared" ? { verificationToken: newVerificationToken() } : {}),
      })
      .where(eq(travelRequests.id, requestId));
    await tx.insert(travelRequestSteps).values({ requestId, action: "re_evaluated", actorUserId: null, note: `${cause}: ${status}`, at: now });
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "travel_request",
      entityId: requestId,
      changes: { ...diffRecords({ status: request.status }, { status }), cause: { from: null, to: cause }, legs: { from: changes.map((one) => one.leg.status), to: changes.map((one) => one.next) } },
    });
    if (status !== request.status) {
      const noticeLegs = changes.map(({ leg, fresh: decision, next }) => ({ toPlaceId: leg.toPlaceId, toPath: leg.toPath, outcome: next as LegStatus, reviewer: decision.reviewer, reasons: decision.reasons }));
      await notifyAfterEvaluation(tx, context, { ...request, status }, noticeLegs, travellers, { backToReview: request.status === "cleared" });
      if (status === "cleared") await sendBriefing(tx, context, requestId);
    }
    return true;
  });
}

/** Which trips a change may concern: what a queued re-evaluation carries to the job. */
export type ReEvaluationTarget =
  | { kind: "area"; path: string }
  | { kind: "operator"; operatorId: string }
  | { kind: "organisation_air"; organisationId: string }
  | { kind: "person"; personId: string }
  | { kind: "all" };

function whereOf(target: ReEvaluationTarget): SQL {
  switch (target.kind) {
    case "area":
      return sql`exists (select 1 from travel_legs l where l.request_id = ${travelRequests.id} and l.to_path like ${`${target.path}%`})`;
    case "operator":
      return sql`exists (select 1 from travel_legs l where l.request_id = ${travelRequests.id} and l.operator_id = ${target.operatorId})`;
    case "organisation_air":
      return sql`${target.organisationId}::uuid = any(${travelRequests.organisationIds}) and exists (select 1 from travel_legs l where l.request_id = ${travelRequests.id} and l.operator_id is not null)`;
    case "person":
      return sql`exists (select 1 from travel_travellers t where t.request_id = ${travelRequests.id} and t.person_id = ${target.personId})`;
    case "all":
      return sql`true`;
  }
}

export const reEvaluationJobName = "travel-clearance-reevaluation-queued";

/** Trips re-evaluated now (`changed` of them changed), and trips handed to the background job. */
export type ReEvaluationOutcome = { changed: number; queued: number };

/**
 * The trips not yet over that a change concerns, evaluated again one by one. Up to
 * `REEVALUATION_INLINE_TRIPS` of them within the request; more are handed to the background job
 * (a Designated Area at scale holds thousands: a request re-evaluating them all took a minute
 * under load), unless `inline` (the job itself, the daily pass) or no job runner serves here.
 */
export async function reEvaluateTrips(context: ServiceContext, target: ReEvaluationTarget, cause: string, inline = false): Promise<ReEvaluationOutcome> {
  const rows = await context.database.db
    .select({ id: travelRequests.id })
    .from(travelRequests)
    .where(and(inArray(travelRequests.status, reconsidered), gt(travelRequests.returnsAt, clock.now()), whereOf(target)))
    .orderBy(asc(travelRequests.departsAt));
  if (!inline && rows.length > appConfigOf(context.database).reEvaluationInlineTrips) {
    if (await enqueueJob(context.database, reEvaluationJobName, { target, cause })) return { changed: 0, queued: rows.length };
  }
  let changed = 0;
  for (const row of rows) if (await reEvaluateRequest(context, row.id, cause)) changed += 1;
  return { changed, queued: 0 };
}

/** After a security level, a rule version or a suspension changes in an area: the trips with a leg into it. */
export const reEvaluateArea = (context: ServiceContext, areaPath: string, cause: string) => reEvaluateTrips(context, { kind: "area", path: areaPath }, cause);

/** After an air operator's category changes or an RMT on it is decided (issue 13 §5): the trips with a leg on it. */
export const reEvaluateOperator = (context: ServiceContext, operatorId: string, cause: string) => reEvaluateTrips(context, { kind: "operator", operatorId }, cause);

/** After an organisation's RMT policy changes: its trips with an air leg. */
export const reEvaluateOrganisationAir = (context: ServiceContext, organisationId: string, cause: string) =>
  reEvaluateTrips(context, { kind: "organisation_air", organisationId }, cause);

/** After a person's certificates change: their trips (few: always within the request). */
export const reEvaluatePerson = (context: ServiceContext, personId: string, cause: string) => reEvaluateTrips(context, { kind: "person", personId }, cause, true);

/**
 * The daily pass: every trip not yet over is evaluated again, which catches a certificate lapsing
 * before departure (no event marks it) and any change whose re-evaluation a restart lost.
 */
export async function reEvaluateAll(context: ServiceContext): Promise<number> {
  return (await reEvaluateTrips(context, { kind: "all" }, "daily re-evaluation", true)).changed;
}
