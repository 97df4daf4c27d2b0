import { and, count, eq, ne } from "drizzle-orm";
import type { AssessmentStatus } from "../../../core/risk/risk-enums.ts";
import type { ApprovalInput } from "../../../core/risk/srm.schemas.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { clock, todayIso } from "../../platform/clock.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { ConflictError, ForbiddenError, RuleError } from "../../platform/http/errors.ts";
import { assessmentPolicy } from "./risk.policy.ts";
import { getAssessment } from "./srm-assessments.service.ts";
import { type AssessmentRow, assertStatus, editableAssessment, readableAssessment } from "./srm-records.ts";
import { srmAssessments, srmScenarios } from "./srm.tables.ts";

/**
 * An assessment's life: the security professionals draft it and submit it for review; the
 * review may send it back; the area's DO approves it after consulting the SMT, which freezes it
 * and supersedes the version approved before it.
 */

/** Moves `row` from `from` to `to` unless someone moved it first (the status is the guard). */
async function transition(context: ServiceContext, row: AssessmentRow, from: AssessmentStatus, to: AssessmentStatus, action: string) {
  await context.database.db.transaction(async (tx) => {
    const [after] = await tx
      .update(srmAssessments)
      .set({ status: to, updatedAt: new Date() })
      .where(and(eq(srmAssessments.id, row.id), eq(srmAssessments.status, from)))
      .returning();
    if (!after) throw new ConflictError("status", "The assessment changed meanwhile: reload it");
    await recordAudit(tx, context.audit, { action, entityType: "srm_assessment", entityId: row.id, changes: diffRecords(row, after) });
  });
  return getAssessment(context, row.id);
}

export async function submitAssessment(context: ServiceContext, id: string) {
  const row = await editableAssessment(context, id, "submitting it for review");
  const [{ scenarios }] = await context.database.db.select({ scenarios: count() }).from(srmScenarios).where(eq(srmScenarios.assessmentId, id));
  if (scenarios === 0) throw new RuleError("scenarios", "must hold at least one risk scenario before the assessment is submitted for review");
  return transition(context, row, "draft", "in_review", "submit");
}

export async function returnAssessment(context: ServiceContext, id: string) {
  const row = await readableAssessment(context, id);
  if (!assessmentPolicy.canUpdate(context.actor, row)) throw new ForbiddenError("You may not change this assessment");
  assertStatus(row, "in_review", "returning it to draft");
  return transition(context, row, "in_review", "draft", "return_to_draft");
}

export async function approveAssessment(context: ServiceContext, id: string, input: ApprovalInput) {
  const row = await readableAssessment(context, id);
  if (!assessmentPolicy.canApprove(context.actor, row)) throw new ForbiddenError("Only the Designated Official of the area approves its assessment");
  assertStatus(row, "in_review", "approving it");
  if (input.smtConsultedOn > todayIso()) throw new RuleError("smtConsultedOn", "cannot be in the future: the SMT is consulted before the approval");
  const now = clock.now();
  await context.database.db.transaction(async (tx) => {
    const [after] = await tx
      .update(srmAssessments)
      .set({
        status: "approved",
        smtConsultedOn: input.smtConsultedOn,
        approvalConditions: input.conditions?.trim() || null,
        approvedAt: now,
        approvedByUserId: context.audit.actor.userId,
        approvedByName: context.actor.displayName,
        updatedAt: now,
      })
      .where(and(eq(srmAssessments.id, id), eq(srmAssessments.status, "in_review")))
      .returning();
    if (!after) throw new ConflictError("status", "The assessment changed meanwhile: reload it");
    await recordAudit(tx, context.audit, { action: "approve", entityType: "srm_assessment", entityId: id, changes: diffRecords(row, after) });
    const superseded = await tx
      .update(srmAssessments)
      .set({ status: "superseded", updatedAt: now })
      .where(and(eq(srmAssessments.lineageId, row.lineageId), eq(srmAssessments.status, "approved"), ne(srmAssessments.id, id)))
      .returning({ id: srmAssessments.id });
    for (const previous of superseded) {
      await recordAudit(tx, context.audit, {
        action: "supersede",
        entityType: "srm_assessment",
        entityId: previous.id,
        changes: { status: { from: "approved", to: "superseded" }, supersededById: { from: null, to: id } },
      });
    }
  });
  return getAssessment(context, id);
}
