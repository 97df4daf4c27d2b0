import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { type BoardStatus, activityDecision, applicableAssessment, highestLevel, mayProceed } from "../../../../core/risk/acceptable-risk-board.ts";
import { defaultAcceptableRiskRule } from "../../../../core/risk/acceptable-risk.ts";
import type { RiskAcceptanceInput } from "../../../../core/risk/decisions.schemas.ts";
import { riskCell } from "../../../../core/risk/risk-matrix.ts";
import type { RiskLevel } from "../../../../core/risk/risk-matrix.types.ts";
import { srmCode } from "../../../../core/risk/srm-report-labels.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { clock } from "../../../platform/clock.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { scopeCondition } from "../../../platform/access/scope-sql.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { organisations, placeInScope, places } from "../../structure/index.ts";
import { previousApprovedVersion, withCarryOver } from "../assessments/acceptance-carry-over.service.ts";
import { pcAssessments, riskAcceptances } from "./decisions.tables.ts";
import { under } from "./decisions-support.ts";
import { assessmentPolicy, programmePolicy } from "../risk.policy.ts";
import type { DecisionSource } from "../report/srm-report.service.ts";
import { riskMatrices, srmActivities, srmAssessments, srmScenarios } from "../assessments/srm.tables.ts";

/**
 * The acceptable-risk decision per activity of an SRM assessment version (issue 4 §4, DOMAIN.md
 * §2): its programme criticality against the highest residual risk of the scenarios concerning
 * it, and the acceptances the DO records (for a Very high risk, on the USG UNDSS's decision).
 */

const levelOut = (level: RiskLevel) => ({ code: level.code, label: level.label, colour: level.colour, rank: level.rank });
type AcceptanceRow = typeof riskAcceptances.$inferSelect & { recordedByName: string | null };

async function readAssessment(context: ServiceContext, id: string) {
  const [row] = await context.database.db
    .select({ assessment: srmAssessments, placeName: places.name, matrix: riskMatrices })
    .from(srmAssessments)
    .innerJoin(places, eq(places.id, srmAssessments.placeId))
    .innerJoin(riskMatrices, eq(riskMatrices.id, srmAssessments.matrixId))
    .where(eq(srmAssessments.id, id));
  return row;
}

async function loadAssessment(context: ServiceContext, id: string) {
  const row = await readAssessment(context, id);
  if (!row || !assessmentPolicy.canRead(context.actor, row.assessment)) throw new NotFoundError("SRM assessment");
  return row;
}

/**
 * The board of one assessment version, as the API answers it, with what the DO accepted on the
 * version approved before and whether it carries over (assessments/acceptance-carry-over.service.ts).
 */
export async function acceptableRiskBoard(context: ServiceContext, assessmentId: string) {
  const loaded = await loadAssessment(context, assessmentId);
  const board = await boardOf(context, loaded);
  const previous = await previousApprovedVersion(context.database.db, loaded.assessment);
  // Versions share their area: whoever reads this one reads the earlier one.
  const previousBoard = previous ? await boardOf(context, await loadAssessment(context, previous.id)) : null;
  return withCarryOver(board, previousBoard);
}

/** The board of an assessment already loaded (and its reading allowed) by the caller. */
async function boardOf(context: ServiceContext, { assessment, placeName, matrix }: Awaited<ReturnType<typeof loadAssessment>>) {
  const assessmentId = assessment.id;
  const { db } = context.database;
  const [activities, scenarios, acceptances] = await Promise.all([
    db
      .select({ activity: srmActivities, organisationCode: organisations.code })
      .from(srmActivities)
      .innerJoin(organisations, eq(organisations.id, srmActivities.organisationId))
      .where(eq(srmActivities.assessmentId, assessmentId))
      .orderBy(asc(srmActivities.position), asc(srmActivities.name)),
    db.select().from(srmScenarios).where(eq(srmScenarios.assessmentId, assessmentId)).orderBy(asc(srmScenarios.position), asc(srmScenarios.title)),
    db
      .select({ acceptance: riskAcceptances, recordedByName: users.displayName })
      .from(riskAcceptances)
      .leftJoin(users, eq(users.id, riskAcceptances.acceptedByUserId))
      .where(eq(riskAcceptances.assessmentId, assessmentId))
      .orderBy(asc(riskAcceptances.acceptedAt)),
  ]);
  const keys = activities.map((row) => row.activity.key);
  const ratings = keys.length ? await db.select().from(pcAssessments).where(inArray(pcAssessments.activityKey, keys)) : [];
  const definition = matrix.definition;
  const period = { from: assessment.periodFrom, to: assessment.periodTo };
  const isApproved = assessment.status === "approved";
  const mayAccept = programmePolicy.canAccept(context.actor, assessment);

  const items = activities.map(({ activity, organisationCode }) => {
    const concerning = scenarios
      .filter((scenario) => scenario.activityKeys.includes(activity.key))
      .map((scenario) => ({ scenario, level: riskCell(definition, scenario.residualLikelihood, scenario.residualImpact).level }));
    const highest = highestLevel(concerning.map((item) => item.level));
    const rating = applicableAssessment(
      ratings.filter((pc) => pc.activityKey === activity.key).map((pc) => ({ ...pc, createdAt: (iso(pc.createdAt) as string) })),
      period,
    );
    const recorded: AcceptanceRow[] = acceptances
      .filter((row) => row.acceptance.activityKey === activity.key)
      .map((row) => ({ ...row.acceptance, recordedByName: row.recordedByName }));
    // An acceptance holds while the rating and the risk it was given for are the ones in force.
    const isCurrent = (row: AcceptanceRow) => rating !== null && row.pcAssessmentId === rating.id && row.criticality === rating.level && row.residualLevel === highest?.code;
    const decision = activityDecision({ criticality: rating?.level ?? null, highest, isAccepted: recorded.some(isCurrent) });
    return {
      activityKey: activity.key,
      activityId: activity.id,
      activityName: activity.name,
      organisationId: activity.organisationId,
      organisationCode,
      pcAssessment: rating && {
        id: rating.id,
        level: rating.level,
        activityName: rating.activityName,
        periodFrom: rating.periodFrom,
        periodTo: rating.periodTo,
        approverName: rating.approverName,
        approvedOn: rating.approvedOn,
      },
      scenarios: concerning.map(({ scenario, level }) => ({
        id: scenario.id,
        key: scenario.key,
        title: scenario.title,
        threatCategory: scenario.threatCategory,
        residualLikelihood: scenario.residualLikelihood,
        residualImpact: scenario.residualImpact,
        residualLevel: levelOut(level),
      })),
      highestResidualLevel: highest && levelOut(highest),
      ...decision,
      mayProceed: mayProceed(decision.status),
      acceptances: recorded.map((row) => presentAcceptance(row, isCurrent(row))),
      canAccept: mayAccept && isApproved && decision.status === "needs_acceptance",
    };
  });
  const counts = Object.fromEntries(
    (["no_pc", "allowed", "needs_acceptance", "accepted", "blocked"] as BoardStatus[]).map((status) => [status, items.filter((item) => item.status === status).length]),
  ) as Record<BoardStatus, number>;
  return {
    assessment: {
      id: assessment.id,
      title: assessment.title,
      version: assessment.version,
      status: assessment.status,
      placeId: assessment.placeId,
      placeName,
      periodFrom: assessment.periodFrom,
      periodTo: assessment.periodTo,
      matrix: { id: matrix.id, code: matrix.code, version: matrix.version },
    },
    rule: defaultAcceptableRiskRule.map((row) => ({ ...row })),
    counts,
    items,
  };
}

function presentAcceptance(row: AcceptanceRow, isCurrent: boolean) {
  return {
    id: row.id,
    activityKey: row.activityKey,
    pcAssessmentId: row.pcAssessmentId,
    criticality: row.criticality,
    residualLevel: row.residualLevel,
    riskClass: row.riskClass,
    approverRole: row.approverRole,
    acceptedByName: row.acceptedByName,
    recordedByName: row.recordedByName,
    reason: row.reason,
    acceptedAt: iso(row.acceptedAt) as string,
    carriedFromId: row.carriedFromId,
    isCurrent,
  };
}

/**
 * The DO (or DO a.i.) of the area records an acceptance: their own for a High risk, the USG
 * UNDSS's (named in `acceptedByName`) for a Very high one. Only on an approved version, and only
 * where the rule asks for an acceptance.
 */
export async function acceptRisk(context: ServiceContext, assessmentId: string, input: RiskAcceptanceInput) {
  const loaded = await loadAssessment(context, assessmentId);
  const { assessment } = loaded;
  if (!programmePolicy.canAccept(context.actor, assessment)) throw new ForbiddenError("Only the area's Designated Official records the acceptance of a residual risk");
  if (assessment.status !== "approved") throw new ConflictError("status", `The assessment is ${assessment.status}: risks are accepted on the approved version only`);
  const board = await boardOf(context, loaded);
  const item = board.items.find((candidate) => candidate.activityKey === input.activityKey);
  if (!item) throw new RuleError("activityKey", "is not an activity of this assessment version");
  if (item.status === "accepted") throw new ConflictError("activityKey", "The residual risk of this activity is already accepted for its criticality in force");
  if (item.status !== "needs_acceptance") throw new RuleError("activityKey", refusalOf(item.status, item.reason));
  const isUsg = item.approver === "usg_undss";
  if (isUsg && !input.acceptedByName) throw new RuleError("acceptedByName", "is required: name the USG UNDSS whose decision you record");
  if (!isUsg && input.acceptedByName) throw new RuleError("acceptedByName", "is only for a decision of the USG UNDSS: a High risk is accepted in your own name");
  const rating = item.pcAssessment as NonNullable<typeof item.pcAssessment>;
  const level = item.highestResidualLevel as NonNullable<typeof item.highestResidualLevel>;
  const created = await context.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(riskAcceptances)
      .values({
        assessmentId,
        placePath: assessment.placePath,
        activityKey: item.activityKey,
        pcAssessmentId: rating.id,
        residualLevel: level.code,
        riskClass: item.riskClass as NonNullable<typeof item.riskClass>,
        criticality: rating.level,
        approverRole: item.approver as "do" | "usg_undss",
        acceptedByUserId: context.actor.userId,
        acceptedByName: isUsg ? (input.acceptedByName as string) : context.actor.displayName,
        reason: input.reason,
        acceptedAt: clock.now(),
      })
      .returning();
    await recordAudit(tx, context.audit, { action: "accept_risk", entityType: "risk_acceptance", entityId: row.id, changes: diffRecords(null, row) });
    return row;
  });
  return presentAcceptance({ ...created, recordedByName: context.actor.displayName }, true);
}

function refusalOf(status: BoardStatus, reason: string | null): string {
  if (status === "no_pc") return "has no programme criticality assessment for this time frame: it is blocked until one is recorded";
  if (status === "allowed") return "needs no acceptance: its residual risk is within the approved SRM";
  if (reason === "unacceptable") return "is blocked: an Unacceptable residual risk is never accepted";
  return "is blocked: its programme criticality is too low for its residual risk";
}

export type AcceptanceListQuery = { page: number; pageSize: number; order: "asc" | "desc"; placeId?: string; assessmentId?: string };

/** The register of acceptances in the caller's scope, newest first by default (for reports). */
export async function listRiskAcceptances(context: ServiceContext, query: AcceptanceListQuery) {
  const { db } = context.database;
  let placePath: string | undefined;
  if (query.placeId) {
    placePath = (await placeInScope(context, query.placeId, (path) => programmePolicy.canRead(context.actor, { placePath: path }))).path;
  }
  const where = and(
    scopeCondition(context.actor, "programme.read", riskAcceptances.placePath, "ignore"),
    placePath ? sql`${riskAcceptances.placePath} like ${under(placePath)}` : undefined,
    query.assessmentId ? eq(riskAcceptances.assessmentId, query.assessmentId) : undefined,
  );
  const direction = query.order === "asc" ? asc : desc;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        acceptance: riskAcceptances,
        recordedByName: users.displayName,
        assessmentTitle: srmAssessments.title,
        assessmentVersion: srmAssessments.version,
        placeId: srmAssessments.placeId,
        placeName: places.name,
        activityName: srmActivities.name,
        organisationCode: organisations.code,
      })
      .from(riskAcceptances)
      .innerJoin(srmAssessments, eq(srmAssessments.id, riskAcceptances.assessmentId))
      .innerJoin(places, eq(places.id, srmAssessments.placeId))
      .leftJoin(srmActivities, and(eq(srmActivities.assessmentId, riskAcceptances.assessmentId), eq(srmActivities.key, riskAcceptances.activityKey)))
      .leftJoin(organisations, eq(organisations.id, srmActivities.organisationId))
      .leftJoin(users, eq(users.id, riskAcceptances.acceptedByUserId))
      .where(where)
      .orderBy(direction(riskAcceptances.acceptedAt), asc(riskAcceptances.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(riskAcceptances).where(where),
  ]);
  return {
    items: rows.map((row) => {
      const { isCurrent: _omitted, ...acceptance } = presentAcceptance({ ...row.acceptance, recordedByName: row.recordedByName }, true);
      return {
        ...acceptance,
        assessmentId: row.acceptance.assessmentId,
        assessmentTitle: row.assessmentTitle,
        assessmentVersion: row.assessmentVersion,
        placeId: row.placeId,
        placeName: row.placeName,
        activityName: row.activityName ?? "",
        organisationCode: row.organisationCode ?? "",
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The acceptable-risk lines of the SRM report (report/srm-report.service.ts `DecisionSource`). */
export const srmReportDecisions: DecisionSource = async (context, assessmentId, lang) => {
  const board = await acceptableRiskBoard(context, assessmentId);
  return board.items.map((item) => ({
    activityName: item.activityName,
    organisationCode: item.organisationCode,
    criticality: item.pcAssessment?.level ?? null,
    residualLevel: item.highestResidualLevel?.label[lang] ?? null,
    outcome: item.status,
    approver: item.approver === "do" || item.approver === "usg_undss" ? item.approver : null,
    acceptances: item.acceptances.filter((row) => row.isCurrent).map((row) => `${row.acceptedByName}, ${row.acceptedAt.slice(0, 10)} (${srmCode(row.approverRole, lang)}): ${row.reason}`),
  }));
};

/**
 * Where an activity stands on the latest approved SRM version that holds it, for travel clearance
 * at levels 5–6 (issue 13 §3). No reading right is checked: the traveller learns only the
 * standing (allowed, accepted, needs acceptance, blocked) and the activity's name, which they chose.
 */
export async function activityStanding(context: ServiceContext, activityKey: string): Promise<{ name: string; status: BoardStatus } | null> {
  const [latest] = await context.database.db
    .select({ id: srmAssessments.id })
    .from(srmActivities)
    .innerJoin(srmAssessments, eq(srmAssessments.id, srmActivities.assessmentId))
    .where(and(eq(srmActivities.key, activityKey), eq(srmAssessments.status, "approved")))
    .orderBy(desc(srmAssessments.version))
    .limit(1);
  const loaded = latest && (await readAssessment(context, latest.id));
  if (!loaded) return null;
  const item = (await boardOf(context, loaded)).items.find((candidate) => candidate.activityKey === activityKey);
  return item ? { name: item.activityName, status: item.status } : null;
}
