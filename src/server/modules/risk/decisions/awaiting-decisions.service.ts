import { and, asc, eq, inArray, or } from "drizzle-orm";
import { grantsFor } from "../../../../core/access/scope.ts";
import { scopeCondition } from "../../../platform/access/scope-sql.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { places } from "../../structure/index.ts";
import { acceptableRiskBoard } from "./acceptances.service.ts";
import { securityLevelChanges } from "./decisions.tables.ts";
import { srmAssessments } from "../assessments/srm.tables.ts";

/**
 * The risk module's decisions awaiting the caller (issue 12 §3.3), for the dashboard's "awaiting
 * your decision" card: SRM assessments in review for the area's DO, residual risks the DO must
 * accept, and security level changes awaiting the DO's approval or UNDSS's endorsement. Each
 * list is filtered in SQL by the grants of the permission the decision needs, so a caller sees
 * only what they may decide.
 */

export type AwaitingDecision = {
  kind: "srm_approval" | "risk_acceptance" | "security_level_approval" | "security_level_endorsement";
  /** The record decided on (assessment, level change); with `activityKey` for an acceptance. */
  id: string;
  placeId: string;
  placeName: string;
  /** What it is about: the assessment's title, the activity's name; null for a level change. */
  subject: string | null;
  /** Kind-specific facts the card shows (version, organisation, overall level). */
  details: Record<string, string | number | null>;
  /** Since when it waits. */
  since: string;
};

/** Assessments in review in the areas the caller approves. */
async function srmApprovals(context: ServiceContext): Promise<AwaitingDecision[]> {
  if (grantsFor(context.actor, "srm.approve").length === 0) return [];
  const rows = await context.database.db
    .select({ row: srmAssessments, placeName: places.name })
    .from(srmAssessments)
    .innerJoin(places, eq(places.id, srmAssessments.placeId))
    .where(and(eq(srmAssessments.status, "in_review"), scopeCondition(context.actor, "srm.approve", srmAssessments.placePath, "ignore")))
    .orderBy(asc(srmAssessments.updatedAt));
  return rows.map(({ row, placeName }) => ({
    kind: "srm_approval",
    id: row.id,
    placeId: row.placeId,
    placeName,
    subject: row.title,
    details: { version: row.version, reviewDueOn: row.reviewDueOn },
    since: iso(row.updatedAt) as string,
  }));
}

/** Residual risks of approved assessments that the caller (the area's DO) must accept before the activity goes ahead. */
async function riskAcceptances(context: ServiceContext): Promise<AwaitingDecision[]> {
  if (grantsFor(context.actor, "risk.accept").length === 0) return [];
  const approved = await context.database.db
    .select({ id: srmAssessments.id, approvedAt: srmAssessments.approvedAt })
    .from(srmAssessments)
    .where(and(eq(srmAssessments.status, "approved"), scopeCondition(context.actor, "risk.accept", srmAssessments.placePath, "ignore")))
    .orderBy(asc(srmAssessments.approvedAt));
  const items: AwaitingDecision[] = [];
  // Few approved assessments per DO (one per area in force): the board of each is cheap enough.
  for (const assessment of approved) {
    const board = await acceptableRiskBoard(context, assessment.id);
    for (const item of board.items.filter((candidate) => candidate.canAccept)) {
      items.push({
        kind: "risk_acceptance",
        id: assessment.id,
        placeId: board.assessment.placeId,
        placeName: board.assessment.placeName,
        subject: item.activityName,
        details: {
          activityKey: item.activityKey,
          organisationCode: item.organisationCode,
          residualLevel: item.highestResidualLevel?.code ?? null,
          criticality: item.pcAssessment?.level ?? null,
          approver: item.approver,
          version: board.assessment.version,
        },
        since: iso(assessment.approvedAt) as string,
      });
    }
  }
  return items;
}

/** Level changes proposed in the caller's areas (DO: approve) or approved there (desk officer: endorse). */
async function levelChanges(context: ServiceContext): Promise<AwaitingDecision[]> {
  const mayApprove = grantsFor(context.actor, "security_level.approve").length > 0;
  const mayEndorse = grantsFor(context.actor, "security_level.endorse").length > 0;
  if (!mayApprove && !mayEndorse) return [];
  const toApprove = and(eq(securityLevelChanges.status, "proposed"), scopeCondition(context.actor, "security_level.approve", securityLevelChanges.placePath, "ignore"));
  const toEndorse = and(eq(securityLevelChanges.status, "approved"), scopeCondition(context.actor, "security_level.endorse", securityLevelChanges.placePath, "ignore"));
  const rows = await context.database.db
    .select({ change: securityLevelChanges, placeName: places.name })
    .from(securityLevelChanges)
    .innerJoin(places, eq(places.id, securityLevelChanges.placeId))
    .where(and(inArray(securityLevelChanges.status, ["proposed", "approved"]), or(mayApprove ? toApprove : undefined, mayEndorse ? toEndorse : undefined)))
    .orderBy(asc(securityLevelChanges.proposedAt));
  return rows.map(({ change, placeName }) => ({
    kind: change.status === "proposed" ? "security_level_approval" : "security_level_endorsement",
    id: change.id,
    placeId: change.placeId,
    placeName,
    subject: null,
    details: { overall: change.overall },
    since: iso(change.status === "proposed" ? change.proposedAt : change.approvedAt) as string,
  }));
}

/** One provider per kind of decision; the decisions module gathers them. */
export const riskDecisionProviders = [srmApprovals, riskAcceptances, levelChanges];
