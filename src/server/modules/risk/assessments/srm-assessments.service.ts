import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, ilike, inArray, lt, sql } from "drizzle-orm";
import type { AssessmentStatus } from "../../../../core/risk/risk-enums.ts";
import { riskCell } from "../../../../core/risk/risk-matrix.ts";
import type { RiskLevel, RiskMatrix } from "../../../../core/risk/risk-matrix.types.ts";
import type { AssessmentInput, AssessmentPatch } from "../../../../core/risk/srm.schemas.ts";
import { scenarioProblems } from "../../../../core/risk/srm-rules.ts";
import { threatCategories } from "../../../../core/risk/security-levels.ts";
import { scopeCondition } from "../../../platform/access/scope-sql.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ForbiddenError, RuleError } from "../../../platform/http/errors.ts";
import { iso, likePattern } from "../../../platform/http/schemas.ts";
import { organisations, places } from "../../structure/index.ts";
import { assessmentPolicy } from "../risk.policy.ts";
import { defaultMatrix, findMatrix } from "../matrices/risk-matrices.service.ts";
import { type AssessmentRow, assessmentActions, assessmentArea, editableAssessment, presentCell, readableAssessment } from "./srm-records.ts";
import { riskMatrices, srmActivities, srmAssessments, srmScenarios, srmThreats } from "./srm.tables.ts";

export type AssessmentListQuery = {
  page: number;
  pageSize: number;
  q?: string;
  order: "asc" | "desc";
  placeId?: string;
  status?: AssessmentStatus;
  allVersions: boolean;
};

const isReviewOverdue = (row: Pick<AssessmentRow, "status" | "reviewDueOn">) => row.status === "approved" && row.reviewDueOn < todayIso();

/** The highest residual level among scenarios, by the rank of each assessment's own matrix. */
async function highestResidualLevels(db: Db, rows: Pick<AssessmentRow, "id" | "matrixId">[]) {
  const result = new Map<string, RiskLevel>();
  if (rows.length === 0) return result;
  const [scenarios, matrices] = await Promise.all([
    db
      .select({ assessmentId: srmScenarios.assessmentId, likelihood: srmScenarios.residualLikelihood, impact: srmScenarios.residualImpact })
      .from(srmScenarios)
      .where(inArray(srmScenarios.assessmentId, rows.map((row) => row.id))),
    db.select({ id: riskMatrices.id, definition: riskMatrices.definition }).from(riskMatrices).where(inArray(riskMatrices.id, [...new Set(rows.map((row) => row.matrixId))])),
  ]);
  const matrixOf = new Map(rows.map((row) => [row.id, matrices.find((matrix) => matrix.id === row.matrixId)?.definition as RiskMatrix]));
  for (const scenario of scenarios) {
    const level = riskCell(matrixOf.get(scenario.assessmentId) as RiskMatrix, scenario.likelihood, scenario.impact).level;
    const current = result.get(scenario.assessmentId);
    if (!current || level.rank > current.rank) result.set(scenario.assessmentId, level);
  }
  return result;
}

export async function listAssessments(context: ServiceContext, query: AssessmentListQuery) {
  const { db } = context.database;
  const area = query.placeId ? await assessmentArea(context, query.placeId) : undefined;
  // The newest version of each lineage among those the status filter keeps.
  // The outer row is named in full: drizzle leaves the columns of a single-table query (the count) unqualified.
  const newest = sql`not exists (select 1 from srm_assessments newer where newer.lineage_id = "srm_assessments"."lineage_id" and newer.version > "srm_assessments"."version"${
    query.status ? sql` and newer.status = ${query.status}` : sql``
  })`;
  const where = and(
    scopeCondition(context.actor, "srm.read", srmAssessments.placePath, "ignore"),
    area ? sql`${srmAssessments.placePath} like ${`${area.path}%`}` : undefined,
    query.status ? eq(srmAssessments.status, query.status) : undefined,
    query.q ? ilike(srmAssessments.title, likePattern(query.q)) : undefined,
    query.allVersions ? undefined : newest,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        row: srmAssessments,
        placeName: places.name,
        scenarioCount: sql<number>`(select count(*)::int from ${srmScenarios} where ${srmScenarios.assessmentId} = ${srmAssessments.id})`,
        hasNewerVersion: sql<boolean>`exists (select 1 from srm_assessments newer where newer.lineage_id = "srm_assessments"."lineage_id" and newer.version > "srm_assessments"."version")`,
      })
      .from(srmAssessments)
      .innerJoin(places, eq(places.id, srmAssessments.placeId))
      .where(where)
      .orderBy(query.order === "asc" ? asc(srmAssessments.updatedAt) : desc(srmAssessments.updatedAt), asc(srmAssessments.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(srmAssessments).where(where),
  ]);
  const highest = await highestResidualLevels(db, rows.map(({ row }) => row));
  return {
    items: rows.map(({ row, placeName, scenarioCount, hasNewerVersion }) => {
      const level = highest.get(row.id);
      return {
        id: row.id,
        lineageId: row.lineageId,
        version: row.version,
        placeId: row.placeId,
        placeName,
        title: row.title,
        status: row.status,
        periodFrom: row.periodFrom,
        periodTo: row.periodTo,
        reviewDueOn: row.reviewDueOn,
        reviewOverdue: isReviewOverdue(row),
        approvedAt: iso(row.approvedAt),
        scenarioCount: Number(scenarioCount),
        highestResidualLevel: level ? { code: level.code, label: level.label, colour: level.colour } : null,
        actions: assessmentActions(context, row, Boolean(hasNewerVersion)),
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getAssessment(context: ServiceContext, id: string) {
  const row = await readableAssessment(context, id);
  const { db } = context.database;
  const [[place], matrixRow, activities, threats, scenarios, versions] = await Promise.all([
    db.select({ name: places.name, kind: places.kind }).from(places).where(eq(places.id, row.placeId)),
    findMatrix(db, row.matrixId),
    db
      .select({ activity: srmActivities, organisationCode: organisations.code })
      .from(srmActivities)
      .innerJoin(organisations, eq(organisations.id, srmActivities.organisationId))
      .where(eq(srmActivities.assessmentId, id))
      .orderBy(asc(srmActivities.position), asc(srmActivities.id)),
    db.select().from(srmThreats).where(eq(srmThreats.assessmentId, id)),
    db.select().from(srmScenarios).where(eq(srmScenarios.assessmentId, id)).orderBy(asc(srmScenarios.position), asc(srmScenarios.id)),
    db
      .select({ id: srmAssessments.id, version: srmAssessments.version, status: srmAssessments.status, approvedAt: srmAssessments.approvedAt })
      .from(srmAssessments)
      .where(eq(srmAssessments.lineageId, row.lineageId))
      .orderBy(asc(srmAssessments.version)),
  ]);
  const matrix = (matrixRow as NonNullable<typeof matrixRow>).definition;
  const threatOf = new Map(threats.map((threat) => [threat.category, threat]));
  return {
    id: row.id,
    lineageId: row.lineageId,
    version: row.version,
    placeId: row.placeId,
    placeName: place?.name ?? "",
    placeKind: place?.kind ?? "designated_area",
    title: row.title,
    status: row.status,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    reviewDueOn: row.reviewDueOn,
    reviewOverdue: isReviewOverdue(row),
    summary: row.summary,
    authorUserId: row.authorUserId,
    authorName: row.authorName,
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
    matrix: { id: row.matrixId, code: matrix.code, version: matrix.version, definition: matrix },
    activities: activities.map(({ activity, organisationCode }) => ({
      id: activity.id,
      key: activity.key,
      organisationId: activity.organisationId,
      organisationCode,
      name: activity.name,
      description: activity.description,
    })),
    threats: threatCategories.map((category) => {
      const threat = threatOf.get(category);
      return {
        category,
        id: threat?.id ?? null,
        key: threat?.key ?? null,
        intent: threat?.intent ?? null,
        capability: threat?.capability ?? null,
        inhibitingContext: threat?.inhibitingContext ?? null,
        narrative: threat?.narrative ?? "",
      };
    }),
    scenarios: scenarios.map((scenario) => ({
      id: scenario.id,
      key: scenario.key,
      threatCategory: scenario.threatCategory,
      title: scenario.title,
      description: scenario.description,
      exposed: scenario.exposed,
      inherentLikelihood: scenario.inherentLikelihood,
      inherentImpact: scenario.inherentImpact,
      residualLikelihood: scenario.residualLikelihood,
      residualImpact: scenario.residualImpact,
      measuresText: scenario.measuresText,
      strategies: scenario.strategies,
      justification: scenario.justification,
      activityKeys: scenario.activityKeys,
      inherent: presentCell(riskCell(matrix, scenario.inherentLikelihood, scenario.inherentImpact)),
      residual: presentCell(riskCell(matrix, scenario.residualLikelihood, scenario.residualImpact)),
    })),
    versions: versions.map((version) => ({ ...version, approvedAt: iso(version.approvedAt) })),
    approval: row.approvedAt
      ? {
          byUserId: row.approvedByUserId,
          byName: row.approvedByName ?? "",
          at: iso(row.approvedAt) as string,
          conditions: row.approvalConditions,
          smtConsultedOn: row.smtConsultedOn,
        }
      : null,
    returnedForRevision:
      row.status === "draft" && row.returnedAt ? { byName: row.returnedByName ?? "", at: iso(row.returnedAt) as string, reason: row.returnReason ?? "" } : null,
    // An older version links to the newest one, so that no one revises or reads a stale version unawares.
    newerVersion: (() => {
      const newest = versions.at(-1);
      return newest && newest.version > row.version ? { id: newest.id, version: newest.version, status: newest.status } : null;
    })(),
    actions: assessmentActions(context, row, versions.some((version) => version.version > row.version)),
  };
}

export async function createAssessment(context: ServiceContext, input: AssessmentInput) {
  const { db } = context.database;
  const place = await assessmentArea(context, input.placeId);
  if (!assessmentPolicy.canUpdate(context.actor, { placePath: place.path })) throw new ForbiddenError("You may not draft assessments for this area");
  if (place.kind === "duty_station") throw new RuleError("placeId", "must be a Designated Area or a Security Area, not a duty station");
  const matrix = input.matrixId ? await findMatrix(db, input.matrixId) : await defaultMatrix(db);
  if (!matrix) throw new RuleError("matrixId", "names a risk matrix that does not exist");
  const { matrixId: _, placeId, ...fields } = input;
  // Version 1 starts its own lineage: the lineage id is the first version's id.
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(srmAssessments)
      .values({
        ...fields,
        id,
        lineageId: id,
        version: 1,
        placeId,
        placePath: place.path,
        matrixId: matrix.id,
        // The audit's account id: null when the system acts (demo seed, CLI), whose actor names no account.
        authorUserId: context.audit.actor.userId,
        authorName: context.actor.displayName,
      })
      .returning();
    await recordAudit(tx, context.audit, { action: "create", entityType: "srm_assessment", entityId: id, changes: diffRecords(null, row) });
  });
  return getAssessment(context, id);
}

export async function updateAssessment(context: ServiceContext, id: string, patch: AssessmentPatch) {
  const { db } = context.database;
  const before = await editableAssessment(context, id);
  const periodFrom = patch.periodFrom ?? before.periodFrom;
  const periodTo = patch.periodTo ?? before.periodTo;
  if (periodTo < periodFrom) throw new RuleError("periodTo", "must be on or after the start of the time frame");
  if (patch.matrixId && patch.matrixId !== before.matrixId) {
    const matrix = await findMatrix(db, patch.matrixId);
    if (!matrix) throw new RuleError("matrixId", "names a risk matrix that does not exist");
    // The scenarios already rated must fit the new matrix's scales.
    const [activities, scenarios] = await Promise.all([
      db.select({ key: srmActivities.key }).from(srmActivities).where(eq(srmActivities.assessmentId, id)),
      db.select().from(srmScenarios).where(eq(srmScenarios.assessmentId, id)),
    ]);
    const keys = new Set(activities.map((activity) => activity.key));
    for (const scenario of scenarios) {
      const problems = scenarioProblems(matrix.definition, scenario, keys);
      if (problems.length) throw new RuleError("matrixId", `does not fit the scenario "${scenario.title}": ${problems[0].field} ${problems[0].message}`);
    }
  }
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(srmAssessments)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(srmAssessments.id, id))
      .returning();
    await recordAudit(tx, context.audit, { action: "update", entityType: "srm_assessment", entityId: id, changes: diffRecords(before, after) });
  });
  return getAssessment(context, id);
}

export async function deleteAssessment(context: ServiceContext, id: string) {
  const before = await editableAssessment(context, id, "deleting");
  await context.database.db.transaction(async (tx) => {
    await tx.delete(srmAssessments).where(eq(srmAssessments.id, id));
    await recordAudit(tx, context.audit, { action: "delete", entityType: "srm_assessment", entityId: id, changes: diffRecords(before, null) });
  });
}

/** Approved assessments in force, in the caller's scope, whose review date has passed (the dashboard; a compliance finding). */
export async function overdueReviews(context: ServiceContext, limit = 50) {
  const scope = scopeCondition(context.actor, "srm.read", srmAssessments.placePath, "ignore");
  const rows = await context.database.db
    .select({
      id: srmAssessments.id,
      lineageId: srmAssessments.lineageId,
      version: srmAssessments.version,
      placeId: srmAssessments.placeId,
      placeName: places.name,
      title: srmAssessments.title,
      reviewDueOn: srmAssessments.reviewDueOn,
    })
    .from(srmAssessments)
    .innerJoin(places, eq(places.id, srmAssessments.placeId))
    .where(and(scope, eq(srmAssessments.status, "approved"), lt(srmAssessments.reviewDueOn, todayIso())))
    .orderBy(asc(srmAssessments.reviewDueOn), asc(srmAssessments.id))
    .limit(limit);
  return rows;
}
