import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import type { actionPointInput, actionPointPatch } from "../../../core/meetings/meetings.schemas.ts";
import { addDays } from "../../../core/appointments/continuity.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { todayIso } from "../../platform/clock.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { ForbiddenError, NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { persons } from "../personnel/index.ts";
import { places } from "../structure/index.ts";
import { getMeeting, readableMeeting } from "./meetings.service.ts";
import { meetingPolicy } from "./meetings.policy.ts";
import { actionPoints, meetings } from "./meetings.tables.ts";

type ActionPointInput = z.infer<typeof actionPointInput>;
type ActionPointPatch = z.infer<typeof actionPointPatch>;

async function assertOwner(context: ServiceContext, ownerPersonId: string | null | undefined) {
  if (!ownerPersonId) return;
  const [owner] = await context.database.db.select({ id: persons.id }).from(persons).where(eq(persons.id, ownerPersonId));
  if (!owner) throw new RuleError("ownerPersonId", "The owner does not exist");
}

export async function addActionPoint(context: ServiceContext, meetingId: string, input: ActionPointInput) {
  const meeting = await readableMeeting(context, meetingId);
  if (!meetingPolicy.canUpdate(context.actor, meeting)) throw new ForbiddenError("You may not change this meeting");
  await assertOwner(context, input.ownerPersonId);
  await context.database.db.transaction(async (tx) => {
    const [row] = await tx.insert(actionPoints).values({ ...input, meetingId }).returning();
    await recordAudit(tx, context.audit, { action: "create", entityType: "action_point", entityId: row.id, changes: diffRecords(null, row) });
  });
  return getMeeting(context, meetingId);
}

async function editableActionPoint(context: ServiceContext, id: string) {
  const [row] = await context.database.db.select().from(actionPoints).where(eq(actionPoints.id, id));
  if (!row) throw new NotFoundError("Action point");
  const meeting = await readableMeeting(context, row.meetingId).catch(() => {
    throw new NotFoundError("Action point");
  });
  if (!meetingPolicy.canUpdate(context.actor, meeting)) throw new ForbiddenError("You may not change this meeting");
  return row;
}

export async function updateActionPoint(context: ServiceContext, id: string, patch: ActionPointPatch) {
  const before = await editableActionPoint(context, id);
  await assertOwner(context, patch.ownerPersonId);
  await context.database.db.transaction(async (tx) => {
    const [after] = await tx.update(actionPoints).set({ ...patch, updatedAt: new Date() }).where(eq(actionPoints.id, id)).returning();
    await recordAudit(tx, context.audit, { action: "update", entityType: "action_point", entityId: id, changes: diffRecords(before, after) });
  });
  return getMeeting(context, before.meetingId);
}

export async function deleteActionPoint(context: ServiceContext, id: string) {
  const before = await editableActionPoint(context, id);
  await context.database.db.transaction(async (tx) => {
    await tx.delete(actionPoints).where(eq(actionPoints.id, id));
    await recordAudit(tx, context.audit, { action: "delete", entityType: "action_point", entityId: id, changes: diffRecords(before, null) });
  });
}

/** Open action points due within `days` (and every overdue one) in the caller's scope. */
export async function upcomingActionPoints(context: ServiceContext, days: number, limit: number) {
  const today = todayIso();
  const rows = await context.database.db
    .select({
      id: actionPoints.id,
      text: actionPoints.text,
      dueOn: actionPoints.dueOn,
      ownerName: sql<string | null>`${persons.givenName} || ' ' || ${persons.familyName}`,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      placeName: places.name,
    })
    .from(actionPoints)
    .innerJoin(meetings, eq(meetings.id, actionPoints.meetingId))
    .innerJoin(places, eq(places.id, meetings.placeId))
    .leftJoin(persons, eq(persons.id, actionPoints.ownerPersonId))
    .where(
      and(
        scopeCondition(context.actor, "meeting.read", meetings.placePath, "ignore"),
        eq(actionPoints.status, "open"),
        eq(actionPoints.kind, "action"),
        lte(actionPoints.dueOn, addDays(today, days)),
      ),
    )
    .orderBy(asc(actionPoints.dueOn))
    .limit(limit);
  return rows.map((row) => ({ ...row, isOverdue: row.dueOn !== null && row.dueOn < today }));
}
