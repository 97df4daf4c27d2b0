import { eq, inArray } from "drizzle-orm";
import type { AppointmentRole } from "../../../../core/access/roles.ts";
import type { TravelNoticeKind } from "../../../../core/travel/travel-notice.ts";
import { type LegDecision, type LegOutcome, type Reason, type TravellerFacts, evaluateLeg } from "../../../../core/travel/clearance.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { type NotificationInput, notifyUsers } from "../../../platform/notify/notifications.ts";
import { holdersOf } from "../../appointments/index.ts";
import { persons } from "../../personnel/index.ts";
import { places } from "../../structure/index.ts";
import { airFactsOf } from "../air/air-facts.service.ts";
import { type LegToEvaluate, type TravellerRow, type TripToEvaluate, certificatesOf, legFacts, travellerFacts } from "./clearance-facts.ts";
import { type RequestStatus, travelLegs, travelRequests } from "./requests.tables.ts";

/**
 * Evaluating a trip against the clearance rules, and telling people of the outcome. The leg's
 * reviewers hear of a leg waiting for them; the travellers of every outcome.
 */

export type LegEvaluation = LegDecision & { conditions: string[]; ruleSetId: string | null; levelChangeId: string | null };
export type TripEvaluation = { status: RequestStatus; legs: LegEvaluation[] };
export type LegStatus = LegOutcome | "changes_requested" | "notified";

/** The trip's status from its legs' statuses: the most severe decides; cleared only when every leg is. */
export function statusFromLegs(statuses: readonly LegStatus[]): RequestStatus {
  if (statuses.every((status) => status === "notified")) return "notified";
  if (statuses.includes("refused")) return "refused";
  if (statuses.includes("changes_requested")) return "changes_requested";
  if (statuses.includes("blocked")) return "blocked";
  if (statuses.includes("review")) return "under_review";
  return "cleared";
}

/**
 * `certificates`: the travellers' certificates when the caller read them already (a filing reads
 * them beside the travellers). `reuseFacts`: the area's rules, level, suspensions and measures
 * through the reference cache — only for a request that changed nothing before (a filing).
 */
export type EvaluateOptions = { certificates?: Map<string, TravellerFacts["certificates"]>; reuseFacts?: boolean };

export async function evaluateTrip(context: ServiceContext, trip: TripToEvaluate, travellers: readonly TravellerRow[], legs: readonly LegToEvaluate[], options: EvaluateOptions = {}): Promise<TripEvaluation> {
  const today = todayIso();
  const personnelIds = travellers.flatMap((row) => (row.personId && !row.dependantId ? [row.personId] : []));
  const [certificates, air] = await Promise.all([options.certificates ?? certificatesOf(context.database.db, personnelIds), airFactsOf(context.database.db, legs, trip.organisationIds)]);
  const facts = travellerFacts(travellers, certificates);
  const evaluated = await Promise.all(
    legs.map(async (leg, index) => {
      const gathered = await legFacts(context, trip, leg, today, air[index], options.reuseFacts === true);
      return { ...evaluateLeg(gathered.facts, facts), conditions: gathered.conditions, ruleSetId: gathered.ruleSetId, levelChangeId: gathered.levelChangeId };
    }),
  );
  return { status: statusFromLegs(evaluated.map((leg) => leg.outcome)), legs: evaluated };
}

const reviewerRoles = (reviewer: string): AppointmentRole[] => (reviewer === "do" ? ["do", "do_ai"] : ["asc", "asc_ai", "pcsa", "asa", "csfp"]);

type RequestFacts = { id: string; number: string; status: RequestStatus; departsAt: Date; filedByUserId: string | null };
type LegFactsForNotice = { toPlaceId: string; toPath: string; outcome: LegStatus; reviewer: string; reasons: Reason[] };

/** Accounts of the travellers who have one, and of whoever filed the trip for them. */
export async function travellerAccounts(tx: Db, travellers: readonly Pick<TravellerRow, "personId">[], filedByUserId: string | null) {
  const personIds = [...new Set(travellers.flatMap((row) => (row.personId ? [row.personId] : [])))];
  const rows = personIds.length ? await tx.select({ userId: persons.userId }).from(persons).where(inArray(persons.id, personIds)) : [];
  return [...new Set([...rows.flatMap((row) => (row.userId ? [row.userId] : [])), ...(filedByUserId ? [filedByUserId] : [])])];
}

async function placeNames(tx: Db, ids: readonly string[]) {
  const rows = ids.length ? await tx.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, [...ids])) : [];
  return new Map(rows.map((row) => [row.id, row.name]));
}

type Notice = { userIds: string[]; input: NotificationInput };

/** The accounts to tell of each leg waiting for review (none for the others), read in one go. */
export function legReviewers(db: Db, legs: readonly Pick<LegFactsForNotice, "outcome" | "reviewer" | "toPath">[]): Promise<string[][]> {
  return Promise.all(legs.map(async (leg) => (leg.outcome === "review" ? (await holdersOf(db, reviewerRoles(leg.reviewer), leg.toPath)).map((one) => one.id) : [])));
}

/**
 * Who is told what after an evaluation, from the facts gathered: each leg waiting for review goes
 * to its reviewers (`reviewers`, per leg); the travellers' accounts hear whether the trip is
 * cleared, blocked (with the first reason) or refused.
 */
export function evaluationNotices(
  context: ServiceContext,
  request: RequestFacts,
  legs: readonly LegFactsForNotice[],
  travellers: readonly Pick<TravellerRow, "name">[],
  known: { placeNames: ReadonlyMap<string, string>; accounts: readonly string[]; reviewers: readonly string[][] },
  options: { backToReview?: boolean } = {},
): Notice[] {
  const names = known.placeNames;
  const travellerNames = travellers.map((row) => row.name).join(", ");
  const departure = request.departsAt.toISOString().slice(0, 16).replace("T", " ");
  const target = { entityType: "travel_request", entityId: request.id };
  const notices: Notice[] = legs.flatMap((leg, index) => {
    if (leg.outcome !== "review") return [];
    const params = { kind: "review" as const, number: request.number, travellers: travellerNames, destination: names.get(leg.toPlaceId) ?? "", departure };
    const userIds = (known.reviewers[index] ?? []).filter((id) => id !== context.actor.userId);
    return [{ userIds, input: { kind: "travel_review", message: { key: "travel", params }, ...target } }];
  });
  const accounts = known.accounts.filter((id) => id !== context.actor.userId || request.status === "cleared");
  const focus = legs.find((leg) => leg.outcome !== "cleared") ?? legs[legs.length - 1];
  const base = { number: request.number, destination: names.get(focus.toPlaceId) ?? "", reason: focus.reasons.find((reason) => reason.code !== "level_auto") ?? null };
  const kind: TravelNoticeKind | null = options.backToReview && request.status !== "cleared" ? "back_to_review" : noticeOf[request.status] ?? null;
  if (kind) notices.push({ userIds: [...accounts], input: { kind: `travel_${kind}`, message: { key: "travel", params: { kind, ...base } }, ...target } });
  return notices;
}

/**
 * After an evaluation (a re-evaluation, a decision): `evaluationNotices`, with what they need read
 * in the caller's transaction — nothing is told unless the trip is stored. A filing writes the same
 * notices within its own statement (requests-file.service.ts).
 */
export async function notifyAfterEvaluation(
  tx: Db,
  context: ServiceContext,
  request: RequestFacts,
  legs: readonly LegFactsForNotice[],
  travellers: readonly Pick<TravellerRow, "personId" | "name">[],
  options: { backToReview?: boolean } = {},
) {
  const [placeNamesRead, accounts, reviewers] = [
    await placeNames(tx, [...new Set(legs.map((leg) => leg.toPlaceId))]),
    await travellerAccounts(tx, travellers, request.filedByUserId),
    await legReviewers(tx, legs),
  ];
  for (const notice of evaluationNotices(context, request, legs, travellers, { placeNames: placeNamesRead, accounts, reviewers }, options)) {
    await notifyUsers(tx, notice.userIds, notice.input);
  }
}

const noticeOf: Partial<Record<RequestStatus, TravelNoticeKind>> = { cleared: "cleared", blocked: "blocked", refused: "refused" };

/** The request row for a leg, for the policy and the notices. */
export async function requestOfLeg(db: Db, legId: string) {
  const [row] = await db.select({ leg: travelLegs, request: travelRequests }).from(travelLegs).innerJoin(travelRequests, eq(travelRequests.id, travelLegs.requestId)).where(eq(travelLegs.id, legId));
  return row ?? null;
}
