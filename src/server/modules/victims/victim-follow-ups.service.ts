import { and, eq } from "drizzle-orm";
import type { FollowUpInput, FollowUpPatch } from "../../../core/victims/victims.schemas.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { type FollowUpRow, changeableVictimCase, presentVictimCase } from "./victims.service.ts";
import { victimCases, victimFollowUps } from "./victims.tables.ts";

/**
 * Follow-up actions belong wholly to their case: their changes are written to the case's own
 * audit trail (actions `follow_up_add`, `follow_up_update`, `follow_up_delete`), so the case's
 * history tells the whole follow-up story.
 */
function followUpChanges(before: FollowUpRow | null, after: FollowUpRow | null) {
  const fields = (row: FollowUpRow | null) => row && { action: row.action, dueDate: row.dueDate, ownerName: row.ownerName, doneAt: row.doneAt };
  return { followUpId: { from: before?.id ?? null, to: after?.id ?? null }, ...diffRecords(fields(before), fields(after)) };
}

async function followUpOf(context: ServiceContext, caseId: string, followUpId: string): Promise<FollowUpRow> {
  const [row] = await context.database.db
    .select()
    .from(victimFollowUps)
    .where(and(eq(victimFollowUps.id, followUpId), eq(victimFollowUps.caseId, caseId)));
  if (!row) throw new NotFoundError("Follow-up action");
  return row;
}

// Any change to a follow-up is a change to its case.
const touchCase = (tx: Db, caseId: string) =>
  tx.update(victimCases).set({ updatedAt: new Date() }).where(eq(victimCases.id, caseId)).returning();

export async function addFollowUp(context: ServiceContext, caseId: string, input: FollowUpInput) {
  await changeableVictimCase(context, caseId);
  const updated = await context.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(victimFollowUps)
      .values({ caseId, action: input.action, dueDate: input.dueDate, ownerName: input.ownerName ?? null })
      .returning();
    await recordAudit(tx, context.audit, { action: "follow_up_add", entityType: "victim_case", entityId: caseId, changes: followUpChanges(null, row) });
    return (await touchCase(tx, caseId))[0];
  });
  return presentVictimCase(context, updated);
}

/** Edits an action; `isDone` marks it done (time-stamped now) or undone. */
export async function updateFollowUp(context: ServiceContext, caseId: string, followUpId: string, patch: FollowUpPatch) {
  await changeableVictimCase(context, caseId);
  const before = await followUpOf(context, caseId, followUpId);
  const doneAt = patch.isDone === undefined ? before.doneAt : patch.isDone ? (before.doneAt ?? new Date()) : null;
  const updated = await context.database.db.transaction(async (tx) => {
    const [after] = await tx
      .update(victimFollowUps)
      .set({
        action: patch.action ?? before.action,
        dueDate: patch.dueDate ?? before.dueDate,
        ownerName: patch.ownerName !== undefined ? patch.ownerName : before.ownerName,
        doneAt,
      })
      .where(eq(victimFollowUps.id, followUpId))
      .returning();
    await recordAudit(tx, context.audit, { action: "follow_up_update", entityType: "victim_case", entityId: caseId, changes: followUpChanges(before, after) });
    return (await touchCase(tx, caseId))[0];
  });
  return presentVictimCase(context, updated);
}

export async function deleteFollowUp(context: ServiceContext, caseId: string, followUpId: string) {
  await changeableVictimCase(context, caseId);
  const before = await followUpOf(context, caseId, followUpId);
  await context.database.db.transaction(async (tx) => {
    await tx.delete(victimFollowUps).where(eq(victimFollowUps.id, followUpId));
    await recordAudit(tx, context.audit, { action: "follow_up_delete", entityType: "victim_case", entityId: caseId, changes: followUpChanges(before, null) });
    await touchCase(tx, caseId);
  });
}
