import { asc, eq } from "drizzle-orm";
import { followUpSummary, isFollowUpOverdue, victimProblems } from "../../../core/victims/victim-rules.ts";
import type { VictimCaseInput, VictimCasePatch } from "../../../core/victims/victims.schemas.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { todayIso } from "../../platform/clock.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { AppError, ForbiddenError, NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/schemas.ts";
import { incidentAccess, incidents, places, readablePerson } from "./victim-deps.ts";
import { victimCasePolicy } from "./victims.policy.ts";
import { victimCases, victimFollowUps } from "./victims.tables.ts";

export type VictimCaseRow = typeof victimCases.$inferSelect;
export type FollowUpRow = typeof victimFollowUps.$inferSelect;

/** Reads of the register are audited: `read_sensitive`, in a transaction of its own. */
export function auditRead(context: ServiceContext, entityId: string, changes?: Record<string, { from: unknown; to: unknown }>) {
  return context.database.db.transaction((tx) => recordAudit(tx, context.audit, { action: "read_sensitive", entityType: "victim_case", entityId, changes }));
}

/**
 * A case the caller may read: in the area of one of their victim.read grants, and about an
 * incident they may read (a case must not reveal a sexual assault to someone without
 * need-to-know). Anything else is "not found", exactly as a missing case.
 */
export async function readableVictimCase(context: ServiceContext, id: string): Promise<VictimCaseRow> {
  const [row] = await context.database.db.select().from(victimCases).where(eq(victimCases.id, id));
  if (!row || !victimCasePolicy.canRead(context.actor, row)) throw new NotFoundError("Victim case");
  await incidentAccess(context, row.incidentId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Victim case") : error;
  });
  return row;
}

/** A case the caller may change: readable, theirs to manage, and open. */
export async function changeableVictimCase(context: ServiceContext, id: string): Promise<VictimCaseRow> {
  const row = await readableVictimCase(context, id);
  if (!victimCasePolicy.canManage(context.actor, row)) throw new ForbiddenError("You may not change this case");
  if (row.status !== "open") throw new RuleError("status", "This case is closed: reopen it before changing it");
  return row;
}

/** The name of a personnel record the caller may read; any other id reads as a missing person. */
async function victimNameOf(context: ServiceContext, personId: string): Promise<string> {
  const person = await readablePerson(context, personId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new RuleError("victimPersonId", "names a person who does not exist") : error;
  });
  return `${person.givenName} ${person.familyName}`;
}

function assertVictim(victim: { victimPersonId?: string | null; victimName?: string | null }) {
  const problems = victimProblems(victim);
  if (problems.length) throw new AppError(422, "rule_violation", problems.map((problem) => `${problem.field} ${problem.message}`).join("; "), problems);
}

const withoutBookkeeping = ({ createdByUserId: _createdBy, ...row }: VictimCaseRow) => row;

export async function createVictimCase(context: ServiceContext, input: VictimCaseInput) {
  assertVictim(input);
  const { row: incident } = await incidentAccess(context, input.incidentId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new RuleError("incidentId", "names an incident that does not exist") : error;
  });
  if (!victimCasePolicy.canManage(context.actor, incident)) throw new ForbiddenError("You may not open a case in this area");
  const victimName = input.victimPersonId ? await victimNameOf(context, input.victimPersonId) : (input.victimName as string);
  const created = await context.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(victimCases)
      .values({
        incidentId: incident.id,
        placePath: incident.placePath,
        victimPersonId: input.victimPersonId ?? null,
        victimName,
        perpetratorKind: input.perpetratorKind,
        perpetratorDetail: input.perpetratorDetail ?? null,
        investigationStatus: input.investigationStatus,
        judicialStatus: input.judicialStatus,
        nextOfKinFocalPointName: input.nextOfKinFocalPointName ?? null,
        nextOfKinFocalPointContact: input.nextOfKinFocalPointContact ?? null,
        notes: input.notes ?? null,
        createdByUserId: context.actor.userId,
      })
      .returning();
    await recordAudit(tx, context.audit, { action: "create", entityType: "victim_case", entityId: row.id, changes: diffRecords(null, withoutBookkeeping(row)) });
    return row;
  });
  return presentVictimCase(context, created);
}

/**
 * A PATCH changes the fields it names. The victim's name follows the personnel record when
 * one is linked; unlinking the record keeps the name unless a new one is given.
 */
export async function updateVictimCase(context: ServiceContext, id: string, patch: VictimCasePatch) {
  const before = await changeableVictimCase(context, id);
  const victimPersonId = patch.victimPersonId !== undefined ? patch.victimPersonId : before.victimPersonId;
  let victimName = before.victimName;
  if (patch.victimPersonId) victimName = await victimNameOf(context, patch.victimPersonId);
  else if (!victimPersonId && patch.victimName !== undefined) victimName = patch.victimName as string;
  assertVictim({ victimPersonId, victimName });
  const pick = <K extends keyof VictimCasePatch & keyof VictimCaseRow>(key: K) => (patch[key] !== undefined ? patch[key] : before[key]) as VictimCaseRow[K];
  const after = await context.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(victimCases)
      .set({
        victimPersonId,
        victimName,
        perpetratorKind: pick("perpetratorKind"),
        perpetratorDetail: pick("perpetratorDetail"),
        investigationStatus: pick("investigationStatus"),
        judicialStatus: pick("judicialStatus"),
        nextOfKinFocalPointName: pick("nextOfKinFocalPointName"),
        nextOfKinFocalPointContact: pick("nextOfKinFocalPointContact"),
        notes: pick("notes"),
        updatedAt: new Date(),
      })
      .where(eq(victimCases.id, id))
      .returning();
    await recordAudit(tx, context.audit, { action: "update", entityType: "victim_case", entityId: id, changes: diffRecords(before, row) });
    return row;
  });
  return presentVictimCase(context, after);
}

/** Closes a case (its open actions no longer fall due) or reopens it. */
export async function transitionVictimCase(context: ServiceContext, id: string, to: "open" | "closed") {
  const before = await readableVictimCase(context, id);
  if (!victimCasePolicy.canManage(context.actor, before)) throw new ForbiddenError(`You may not ${to === "closed" ? "close" : "reopen"} this case`);
  if (before.status === to) throw new RuleError("to", `This case is already ${to}`);
  const after = await context.database.db.transaction(async (tx) => {
    const [row] = await tx.update(victimCases).set({ status: to, updatedAt: new Date() }).where(eq(victimCases.id, id)).returning();
    await recordAudit(tx, context.audit, { action: "update", entityType: "victim_case", entityId: id, changes: { status: { from: before.status, to } } });
    return row;
  });
  return presentVictimCase(context, after);
}

/** One case with its follow-up actions; every read is written to the audit trail. */
export async function getVictimCase(context: ServiceContext, id: string) {
  const row = await readableVictimCase(context, id);
  await auditRead(context, id);
  return presentVictimCase(context, row);
}

export function presentFollowUp(followUp: FollowUpRow, today: string, caseStatus: VictimCaseRow["status"]) {
  return {
    id: followUp.id,
    action: followUp.action,
    dueDate: followUp.dueDate,
    ownerName: followUp.ownerName,
    doneAt: iso(followUp.doneAt),
    isOverdue: isFollowUpOverdue(followUp, today, caseStatus),
    createdAt: iso(followUp.createdAt) as string,
  };
}

/** The case as answered to a caller allowed to read it (write answers are not audited as reads: the change is). */
export async function presentVictimCase(context: ServiceContext, row: VictimCaseRow) {
  const { db } = context.database;
  const [followUps, [incident]] = await Promise.all([
    db.select().from(victimFollowUps).where(eq(victimFollowUps.caseId, row.id)).orderBy(asc(victimFollowUps.dueDate), asc(victimFollowUps.createdAt)),
    db
      .select({ categoryCode: incidents.categoryCode, occurredAt: incidents.occurredAt, status: incidents.status, placeId: incidents.placeId, placeName: places.name })
      .from(incidents)
      .innerJoin(places, eq(places.id, incidents.placeId))
      .where(eq(incidents.id, row.incidentId)),
  ]);
  const today = todayIso();
  const summary = followUpSummary(followUps, today, row.status);
  return {
    id: row.id,
    incidentId: row.incidentId,
    incident: { categoryCode: incident.categoryCode, occurredAt: iso(incident.occurredAt) as string, status: incident.status },
    placeId: incident.placeId,
    placeName: incident.placeName,
    victimPersonId: row.victimPersonId,
    victimName: row.victimName,
    perpetratorKind: row.perpetratorKind,
    perpetratorDetail: row.perpetratorDetail,
    investigationStatus: row.investigationStatus,
    judicialStatus: row.judicialStatus,
    nextOfKinFocalPointName: row.nextOfKinFocalPointName,
    nextOfKinFocalPointContact: row.nextOfKinFocalPointContact,
    notes: row.notes,
    status: row.status,
    nextFollowUpDue: summary.nextDueDate,
    openFollowUpCount: summary.openCount,
    overdueFollowUpCount: summary.overdueCount,
    followUps: followUps.map((followUp) => presentFollowUp(followUp, today, row.status)),
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
    actions: victimCasePolicy.actions(context.actor, row),
  };
}
