import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, max } from "drizzle-orm";
import { threatCategoryLabels } from "../../../../core/risk/security-levels.ts";
import { proposedReviewDate } from "../../../../core/risk/srm-review.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type SrmSnapshot, diffSrmVersions } from "../../../../core/risk/srm-diff.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ConflictError, ForbiddenError, RuleError } from "../../../platform/http/errors.ts";
import { organisations } from "../../structure/index.ts";
import { assessmentPolicy } from "../risk.policy.ts";
import { findMatrix } from "../matrices/risk-matrices.service.ts";
import { getAssessment } from "./srm-assessments.service.ts";
import { type AssessmentRow, assertStatus, findAssessment, readableAssessment } from "./srm-records.ts";
import { srmActivities, srmAssessments, srmScenarios, srmThreats } from "./srm.tables.ts";

/**
 * Versions of an assessment. An approved version is immutable: changing it means drafting
 * version n + 1, a copy whose activities, threats and scenarios keep their keys, and comparing
 * the two shows what changed.
 */

export async function createVersion(context: ServiceContext, id: string) {
  const { db } = context.database;
  const current = await readableAssessment(context, id);
  if (!assessmentPolicy.canUpdate(context.actor, current)) throw new ForbiddenError("You may not change this assessment");
  assertStatus(current, "approved", "making a new version");
  const [newer] = await db
    .select({ version: srmAssessments.version, status: srmAssessments.status })
    .from(srmAssessments)
    .where(and(eq(srmAssessments.lineageId, current.lineageId), gt(srmAssessments.version, current.version)));
  if (newer) throw new ConflictError("version", `Version ${newer.version} is already ${newer.status === "draft" ? "being drafted" : "in review"}: change that one`);
  const newId = randomUUID();
  await db.transaction(async (tx) => {
    const [{ latest }] = await tx.select({ latest: max(srmAssessments.version) }).from(srmAssessments).where(eq(srmAssessments.lineageId, current.lineageId));
    const [row] = await tx
      .insert(srmAssessments)
      .values({
        id: newId,
        lineageId: current.lineageId,
        version: (latest ?? current.version) + 1,
        placeId: current.placeId,
        placePath: current.placePath,
        matrixId: current.matrixId,
        title: current.title,
        periodFrom: current.periodFrom,
        periodTo: current.periodTo,
        // A new version is a fresh review: it proposes the next review a year from now rather
        // than copying a date that may already have passed (issue 12 §3.3); the author may change it.
        reviewDueOn: proposedReviewDate(todayIso()),
        summary: current.summary,
        authorUserId: context.audit.actor.userId,
        authorName: context.actor.displayName,
      })
      .returning();
    await copyContent(tx, current.id, newId);
    await recordAudit(tx, context.audit, {
      action: "new_version",
      entityType: "srm_assessment",
      entityId: newId,
      changes: { ...diffRecords(null, row), previousVersionId: { from: null, to: current.id } },
    });
  });
  return getAssessment(context, newId);
}

/** Copies activities, threats and scenarios with their keys (new ids), so the versions pair up. */
async function copyContent(tx: Db, fromId: string, toId: string) {
  // One after the other: a transaction is one connection, which runs one query at a time.
  const activities = await tx.select().from(srmActivities).where(eq(srmActivities.assessmentId, fromId));
  const threats = await tx.select().from(srmThreats).where(eq(srmThreats.assessmentId, fromId));
  const scenarios = await tx.select().from(srmScenarios).where(eq(srmScenarios.assessmentId, fromId));
  const copy = <T extends { id: string; assessmentId: string }>(rows: T[]) => rows.map(({ id: _, ...rest }) => ({ ...rest, assessmentId: toId }));
  if (activities.length) await tx.insert(srmActivities).values(copy(activities));
  if (threats.length) await tx.insert(srmThreats).values(copy(threats));
  if (scenarios.length) await tx.insert(srmScenarios).values(copy(scenarios));
}

async function snapshotOf(db: Db, row: AssessmentRow): Promise<{ snapshot: SrmSnapshot; activityNames: [string, string][] }> {
  const [matrix, activities, threats, scenarios] = await Promise.all([
    findMatrix(db, row.matrixId),
    db
      .select({ activity: srmActivities, organisationCode: organisations.code })
      .from(srmActivities)
      .innerJoin(organisations, eq(organisations.id, srmActivities.organisationId))
      .where(eq(srmActivities.assessmentId, row.id))
      .orderBy(asc(srmActivities.position), asc(srmActivities.id)),
    db.select().from(srmThreats).where(eq(srmThreats.assessmentId, row.id)),
    db.select().from(srmScenarios).where(eq(srmScenarios.assessmentId, row.id)).orderBy(asc(srmScenarios.position), asc(srmScenarios.id)),
  ]);
  const snapshot: SrmSnapshot = {
    header: {
      title: row.title,
      periodFrom: row.periodFrom,
      periodTo: row.periodTo,
      reviewDueOn: row.reviewDueOn,
      summary: row.summary,
      matrix: matrix ? `${matrix.code} v${matrix.version}` : row.matrixId,
    },
    activities: activities.map(({ activity, organisationCode }) => ({
      key: activity.key,
      title: activity.name,
      organisation: organisationCode,
      name: activity.name,
      description: activity.description,
    })),
    threats: threats.map((threat) => ({
      key: threat.category,
      title: threatCategoryLabels[threat.category].en,
      intent: threat.intent,
      capability: threat.capability,
      inhibitingContext: threat.inhibitingContext,
      narrative: threat.narrative,
    })),
    scenarios: scenarios.map(({ id: _, assessmentId: __, position: ___, ...scenario }) => scenario),
  };
  return { snapshot, activityNames: activities.map(({ activity }) => [activity.key, activity.name]) };
}

/** What changed from version `againstId` to version `id` of the same assessment. */
export async function diffVersions(context: ServiceContext, id: string, againstId: string) {
  const { db } = context.database;
  const to = await readableAssessment(context, id);
  const from = await findAssessment(db, againstId);
  // Versions of one assessment share its area, so an unreadable one is never of this lineage.
  if (!from || from.lineageId !== to.lineageId || !assessmentPolicy.canRead(context.actor, from)) {
    throw new RuleError("against", "must be another version of this assessment");
  }
  const [before, after] = await Promise.all([snapshotOf(db, from), snapshotOf(db, to)]);
  const version = (row: AssessmentRow) => ({ id: row.id, version: row.version, status: row.status });
  return {
    from: version(from),
    to: version(to),
    ...diffSrmVersions(before.snapshot, after.snapshot),
    // Scenarios name activities by key: the names of both versions, the newer winning.
    activityNames: Object.fromEntries([...before.activityNames, ...after.activityNames]),
  };
}

