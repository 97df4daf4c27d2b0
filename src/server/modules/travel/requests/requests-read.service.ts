import { type SQL, and, asc, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import { grantsFor } from "../../../../core/access/scope.ts";
import type { Permission } from "../../../../core/access/permissions.ts";
import { reasonText } from "../../../../core/travel/clearance-reasons.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import type { RuleLanguage } from "../../../../core/incidents/incident-rules.messages.ts";
import { callerLanguage } from "../../../platform/language/caller-language.ts";
import { dependants, persons } from "../../personnel/index.ts";
import { organisations, places } from "../../structure/index.ts";
import type { LegStatus } from "./clearance.service.ts";
import { type TripScope, requestPolicy } from "./requests.policy.ts";
import { type RequestStatus, travelLegs, travelRequestSteps, travelRequests, travelTravellers } from "./requests.tables.ts";
import { tripScope } from "./review.service.ts";
import { verificationUrl } from "./verification.service.ts";

/**
 * Reading trips: one trip with its legs, reasons (worded in the reader's language), conditions and
 * history; the caller's list; a reviewer's queue. Itineraries are need-to-know (requests.policy.ts):
 * anyone else gets "not found", and a read by someone other than the traveller is audited, since
 * a trip holds where a person will sleep and whom to call there.
 */

/** SQL: the trips a grant of `permission` covers (any of the trip's places, and its organisations for an organisation's grant). */
export function tripScopeCondition(context: ServiceContext, permission: Permission): SQL | undefined {
  const grants = grantsFor(context.actor, permission);
  if (grants.some((grant) => grant.placePath === null && grant.organisationId === null)) return undefined;
  const parts = grants.map((grant) =>
    and(
      grant.placePath === null ? undefined : sql`exists (select 1 from unnest(${travelRequests.scopePaths}) as p(path) where p.path like ${`${grant.placePath}%`})`,
      grant.organisationId === null ? undefined : sql`${grant.organisationId}::uuid = any(${travelRequests.organisationIds})`,
    ) ?? sql`true`,
  );
  // No grant at all covers nothing: undefined would read as "every trip" (the global grant above).
  return parts.length ? or(...parts) : sql`false`;
}

function ownTrips(context: ServiceContext): SQL {
  const { personId, userId } = context.actor;
  const asTraveller = personId ? sql`exists (select 1 from travel_travellers t where t.request_id = ${travelRequests.id} and t.person_id = ${personId})` : sql`false`;
  return or(eq(travelRequests.filedByUserId, userId), asTraveller) as SQL;
}

async function travellersOf(context: ServiceContext, requestIds: readonly string[]) {
  if (requestIds.length === 0) return [];
  return context.database.db
    .select({
      requestId: travelTravellers.requestId,
      personId: travelTravellers.personId,
      dependantId: travelTravellers.dependantId,
      name: sql<string>`case when ${travelTravellers.dependantId} is null then ${persons.givenName} || ' ' || ${persons.familyName} else ${dependants.givenName} || ' ' || ${dependants.familyName} end`,
      organisationCode: organisations.code,
    })
    .from(travelTravellers)
    .innerJoin(persons, eq(persons.id, travelTravellers.personId))
    .innerJoin(organisations, eq(organisations.id, persons.organisationId))
    .leftJoin(dependants, eq(dependants.id, travelTravellers.dependantId))
    .where(inArray(travelTravellers.requestId, [...requestIds]))
    .orderBy(asc(travelTravellers.position));
}

const fromPlace = sql<string>`(select name from places where id = ${travelLegs.fromPlaceId})`;
const toPlace = sql<string>`(select name from places where id = ${travelLegs.toPlaceId})`;

export async function getRequest(context: ServiceContext, requestId: string) {
  const { db } = context.database;
  // The trip and its parts are read at once (one round trip, not two); nothing is answered or
  // audited before the policy has passed on the trip.
  const [trip, language, travellers, legs, steps] = await Promise.all([
    tripScope(db, requestId),
    callerLanguage(context),
    travellersOf(context, [requestId]),
    db.select({ leg: travelLegs, fromName: fromPlace, toName: toPlace }).from(travelLegs).where(eq(travelLegs.requestId, requestId)).orderBy(asc(travelLegs.position)),
    db
      .select({ step: travelRequestSteps, actorName: users.displayName })
      .from(travelRequestSteps)
      .leftJoin(users, eq(users.id, travelRequestSteps.actorUserId))
      .where(eq(travelRequestSteps.requestId, requestId))
      // A filing writes "filed" and "evaluated" at the same instant: "filed" comes first, as in its answer.
      .orderBy(asc(travelRequestSteps.at), sql`${travelRequestSteps.action} <> 'filed'`),
  ]);
  if (!trip || !requestPolicy.canRead(context.actor, trip.scope)) throw new NotFoundError("Travel request");
  if (!requestPolicy.canCancel(context.actor, trip.scope)) {
    await db.transaction((tx) => recordAudit(tx, context.audit, { action: "read_sensitive", entityType: "travel_request", entityId: requestId }));
  }
  return presentTrip(context, language, { ...trip, travellers: travellers.map(({ requestId: _request, ...row }) => row), legs, steps });
}

export type TripParts = {
  request: typeof travelRequests.$inferSelect;
  scope: TripScope;
  travellers: { personId: string | null; dependantId: string | null; name: string; organisationCode: string }[];
  legs: { leg: typeof travelLegs.$inferSelect; fromName: string; toName: string }[];
  steps: { step: typeof travelRequestSteps.$inferSelect; actorName: string | null }[];
};

/** A trip as its reader sees it, from its rows (read back, or just written by a filing). */
export function presentTrip(context: ServiceContext, language: RuleLanguage, { request, scope, travellers, legs, steps }: TripParts) {
  const isOwn = requestPolicy.canCancel(context.actor, scope);
  const isOpen = request.status !== "cancelled" && request.status !== "refused" && request.returnsAt > new Date();
  return {
    ...presentRequest(request),
    activityKey: request.activityKey,
    conditionsAcknowledgedAt: iso(request.conditionsAcknowledgedAt),
    travellers,
    legs: legs.map(({ leg, fromName, toName }) => ({
      id: leg.id,
      position: leg.position,
      fromPlaceId: leg.fromPlaceId,
      fromName,
      fromLocality: leg.fromLocality,
      toPlaceId: leg.toPlaceId,
      toName,
      toLocality: leg.toLocality,
      toLatitude: leg.toLatitude,
      toLongitude: leg.toLongitude,
      departureLocal: leg.departureLocal,
      arrivalLocal: leg.arrivalLocal,
      departureAt: iso(leg.departureAt) as string,
      arrivalAt: iso(leg.arrivalAt) as string,
      transport: leg.transport,
      operatorId: leg.operatorId,
      vehicleArrangement: leg.vehicleArrangement,
      accommodation: leg.accommodation,
      contact: leg.contact,
      status: leg.status as LegStatus,
      reviewer: leg.reviewer,
      reasons: leg.reasons.map((reason) => ({ code: reason.code, text: reasonText(reason, language) })),
      conditions: leg.conditions,
      ruleSetId: leg.ruleSetId,
      decisionNote: leg.decisionNote,
      decidedAt: iso(leg.decidedAt),
      canDecide: (leg.status === "review" || leg.status === "blocked") && requestPolicy.canDecideLeg(context.actor, leg),
    })),
    history: steps.map(({ step, actorName }) => ({ action: step.action, legId: step.legId, actorName, note: step.note, at: iso(step.at) as string })),
    // Whoever reads the trip may download its PDF, which carries the same address in its QR code.
    verificationUrl: request.status === "cleared" && request.verificationToken ? verificationUrl(context.database, request.verificationToken) : null,
    actions: [
      ...(isOpen && isOwn ? ["cancel"] : []),
      ...(request.status === "cleared" && isOwn && !request.conditionsAcknowledgedAt ? ["acknowledge"] : []),
    ],
  };
}

function presentRequest(request: typeof travelRequests.$inferSelect) {
  return {
    id: request.id,
    number: request.number,
    kind: request.kind,
    status: request.status,
    purpose: request.purpose,
    isLateNotification: request.isLateNotification,
    departsAt: iso(request.departsAt) as string,
    returnsAt: iso(request.returnsAt) as string,
    clearedAt: iso(request.clearedAt),
    createdAt: iso(request.createdAt) as string,
  };
}

export type RequestListQuery = { scope: "mine" | "area"; status?: RequestStatus; page: number; pageSize: number };

/** The caller's own trips, or (scope "area") every trip their travel rights cover, latest departure first. */
export async function listRequests(context: ServiceContext, query: RequestListQuery) {
  const { db } = context.database;
  const visible = query.scope === "mine" ? ownTrips(context) : (tripScopeCondition(context, "travel.request.read") ?? sql`true`);
  const where = and(visible, query.status ? eq(travelRequests.status, query.status) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(travelRequests)
      .where(where)
      .orderBy(desc(travelRequests.departsAt), asc(travelRequests.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(travelRequests).where(where),
  ]);
  const travellers = await travellersOf(context, rows.map((row) => row.id));
  return {
    items: rows.map((row) => ({ ...presentRequest(row), travellers: travellers.filter((one) => one.requestId === row.id).map((one) => one.name) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * A reviewer's queue: the legs waiting for review into the places their clearance rights cover
 * (at levels 5–6 only the DO's), earliest departure first, with the reasons, the travellers and
 * each traveller's count of earlier trips.
 */
export async function reviewQueue(context: ServiceContext, query: { placeId?: string; page: number; pageSize: number }) {
  const { db } = context.database;
  const grantCondition = (permission: Permission, reviewer: SQL) => {
    const grants = grantsFor(context.actor, permission);
    if (grants.length === 0) return undefined;
    const paths = grants.some((grant) => grant.placePath === null) ? sql`true` : or(...grants.map((grant) => sql`${travelLegs.toPath} like ${`${grant.placePath}%`}`));
    return and(reviewer, paths);
  };
  const mine = or(
    grantCondition("travel.clearance.review", sql`${travelLegs.reviewer} <> 'do'`),
    grantCondition("travel.clearance.approve_high", sql`${travelLegs.reviewer} = 'do'`),
  );
  const [place] = query.placeId ? await db.select({ path: places.path }).from(places).where(eq(places.id, query.placeId)) : [];
  if (query.placeId && !place) throw new NotFoundError("Place");
  const where = and(eq(travelLegs.status, "review"), mine ?? sql`false`, place ? sql`${travelLegs.toPath} like ${`${place.path}%`}` : undefined);
  const [language, rows, [{ total }]] = await Promise.all([
    callerLanguage(context),
    db
      .select({ leg: travelLegs, request: travelRequests, toName: toPlace, fromName: fromPlace })
      .from(travelLegs)
      .innerJoin(travelRequests, eq(travelRequests.id, travelLegs.requestId))
      .where(where)
      .orderBy(asc(travelLegs.departureAt), asc(travelLegs.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(travelLegs).where(where),
  ]);
  const travellers = await travellersOf(context, [...new Set(rows.map((row) => row.request.id))]);
  return {
    items: rows.map(({ leg, request, toName, fromName }) => ({
      legId: leg.id,
      requestId: request.id,
      number: request.number,
      purpose: request.purpose,
      fromName,
      toName,
      departureLocal: leg.departureLocal,
      departureAt: iso(leg.departureAt) as string,
      transport: leg.transport,
      reviewer: leg.reviewer,
      reasons: leg.reasons.map((reason) => ({ code: reason.code, text: reasonText(reason, language) })),
      travellers: travellers.filter((one) => one.requestId === request.id).map((one) => ({ name: one.name, organisationCode: one.organisationCode, personId: one.personId })),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
