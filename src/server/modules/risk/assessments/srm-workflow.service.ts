import { and, count, eq, ne } from "drizzle-orm";
import type { AssessmentStatus } from "../../../../core/risk/risk-enums.ts";
import type { ApprovalInput, ReturnForRevisionInput } from "../../../../core/risk/srm.schemas.ts";
import { reviewDateProblem } from "../../../../core/risk/srm-review.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock, todayIso } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ConflictError, ForbiddenError, RuleError } from "../../../platform/http/errors.ts";
import { acceptableRiskBoard } from "../decisions/acceptances.service.ts";
import { copyCarriedAcceptances } from "./acceptance-carry-over.service.ts";
import { assessmentPolicy } from "../risk.policy.ts";
import { notifySrm } from "./srm-notices.ts";
import { getAssessment } from "./srm-assessments.service.ts";
import { type AssessmentRow, assertStatus, editableAssessment, readableAssessment } from "./srm-records.ts";
import { srmAssessments, srmScenarios } from "./srm.tables.ts";

/**
 * An assessment's life: the security professionals draft it and submit it for review (the
 * area's DO is told); they may take it back, or the DO returns it for revision with a reason
 * (the author is told); the DO approves it after consulting the SMT, which freezes it,
 * supersedes the version approved before it and carries over the acceptances that still hold.
 * Neither submission nor approval accepts a review date already reached (issue 12 §3.3).
 */

/** Moves `row` from `from` to `to` unless someone moved it first (the status is the guard). */
async function transition(
  context: ServiceContext,
  row: AssessmentRow,
  from: AssessmentStatus,
  to: AssessmentStatus,
  action: string,
  extra: { set?: Partial<AssessmentRow>; notify?: "submitted" | "returned"; reason?: string } = {},
) {
  await context.database.db.transaction(async (tx) => {
    const [after] = await tx
      .update(srmAssessments)
      .set({ ...extra.set, status: to, updatedAt: clock.now() })
      .where(and(eq(srmAssessments.id, row.id), eq(srmAssessments.status, from)))
      .returning();
    if (!after) throw new ConflictError("status", "The assessment changed meanwhile: reload it");
    await recordAudit(tx, context.audit, { action, entityType: "srm_assessment", entityId: row.id, changes: diffRecords(row, after) });
    if (extra.notify) await notifySrm(tx, context.database, extra.notify, after, context.audit.actor, extra.reason ?? null);
  });
  return getAssessment(context, row.id);
}

export async function submitAssessment(context: ServiceContext, id: string) {
  const row = await editableAssessment(context, id, "submitting it for review");
  const [{ scenarios }] = await context.database.db.select({ scenarios: count() }).from(srmScenarios).where(eq(srmScenarios.assessmentId, id));
  if (scenarios === 0) throw new RuleError("scenarios", "must hold at least one risk scenario before the assessment is submitted for review");
  const reviewProblem = reviewDateProblem(row.reviewDueOn, todayIso(), "submit");
  if (reviewProblem) throw new RuleError("reviewDueOn", reviewProblem);
  return transition(context, row, "draft", "in_review", "submit", { notify: "submitted" });
}

/** The DO sends an assessment in review back to its author, saying why (issue 12 §3.3). */
export async function returnForRevision(context: ServiceContext, id: string, input: ReturnForRevisionInput) {
  const row = await readableAssessment(context, id);
  if (!assessmentPolicy.canApprove(context.actor, row)) throw new ForbiddenError("Only the Designated Official of the area returns its assessment for revision");
  assertStatus(row, "in_review", "returning it for revision");
  const set = { returnedAt: clock.now(), returnedByName: context.actor.displayName, returnReason: input.reason };
  return transition(context, row, "in_review", "draft", "return_for_revision", { set, notify: "returned", reason: input.reason });
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
  const reviewProblem = reviewDateProblem(row.reviewDueOn, todayIso(), "approve");
  if (reviewProblem) throw new RuleError("reviewDueOn", reviewProblem);
  // Read before the transaction: an assessment in review cannot change, and the earlier
  // version's acceptances are the DO's own, who is approving now.
  const { carryOver, items } = await acceptableRiskBoard(context, id);
  const carried = items.flatMap((item) => (item.previousDecision?.carriesOver ? [item.previousDecision.acceptance.id] : []));
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
    await copyCarriedAcceptances(tx, context.audit, id, carried);
  });
  return { ...(await getAssessment(context, id)), acceptanceCarryOver: carryOver };
}
