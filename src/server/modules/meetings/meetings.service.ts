import { and, asc, count, desc, eq, ilike, inArray, sql } from "drizzle-orm";
import type { MeetingBody, MeetingInput } from "../../../core/meetings/meetings.schemas.ts";
import { bodyPlaceKind } from "../../../core/meetings/meetings.schemas.ts";
import { deriveMembers } from "../../../core/meetings/membership.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { todayIso } from "../../platform/clock.ts";
import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { ForbiddenError, NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { iso, likePattern } from "../../platform/http/schemas.ts";
import { appointments, inForceOn } from "../appointments/index.ts";
import { persons } from "../personnel/index.ts";
import { organisations, places, readablePlace } from "../structure/index.ts";
import { meetingPolicy } from "./meetings.policy.ts";
import { actionPoints, meetingAttendees, meetings } from "./meetings.tables.ts";
import { sanitiseMinutes } from "./minutes.ts";

export type MeetingRow = typeof meetings.$inferSelect;
const personName = sql<string>`${persons.givenName} || ' ' || ${persons.familyName}`;

export type MeetingListQuery = {
  page: number;
  pageSize: number;
  q?: string;
  body?: MeetingBody;
  placeId?: string;
  order: "asc" | "desc";
};

export async function listMeetings(context: ServiceContext, query: MeetingListQuery) {
  const { db } = context.database;
  const place = query.placeId ? await readablePlace(context, query.placeId) : undefined;
  const where = and(
    scopeCondition(context.actor, "meeting.read", meetings.placePath, "ignore"),
    place ? sql`${meetings.placePath} like ${`${place.path}%`}` : undefined,
    query.body ? eq(meetings.body, query.body) : undefined,
    query.q ? ilike(meetings.title, likePattern(query.q)) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        meeting: meetings,
        placeName: places.name,
        attendeeCount: sql<number>`(select count(*)::int from ${meetingAttendees} where ${meetingAttendees.meetingId} = ${meetings.id})`,
        openActionCount: sql<number>`(select count(*)::int from ${actionPoints} where ${actionPoints.meetingId} = ${meetings.id} and ${actionPoints.status} = 'open' and ${actionPoints.kind} = 'action')`,
      })
      .from(meetings)
      .innerJoin(places, eq(places.id, meetings.placeId))
      .where(where)
      .orderBy(query.order === "asc" ? asc(meetings.heldOn) : desc(meetings.heldOn), asc(meetings.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(meetings).where(where),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.meeting.id,
      body: row.meeting.body,
      placeId: row.meeting.placeId,
      placeName: row.placeName,
      heldOn: row.meeting.heldOn,
      title: row.meeting.title,
      location: row.meeting.location,
      attendeeCount: Number(row.attendeeCount),
      openActionCount: Number(row.openActionCount),
      actions: meetingPolicy.actions(context.actor, row.meeting),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function readableMeeting(context: ServiceContext, id: string): Promise<MeetingRow> {
  const [row] = await context.database.db.select().from(meetings).where(eq(meetings.id, id));
  if (!row || !meetingPolicy.canRead(context.actor, row)) throw new NotFoundError("Meeting");
  return row;
}

export async function getMeeting(context: ServiceContext, id: string) {
  const meeting = await readableMeeting(context, id);
  const { db } = context.database;
  const [[place], attendees, points] = await Promise.all([
    db.select({ name: places.name }).from(places).where(eq(places.id, meeting.placeId)),
    db
      .select({ personId: meetingAttendees.personId, personName, attendance: meetingAttendees.attendance })
      .from(meetingAttendees)
      .innerJoin(persons, eq(persons.id, meetingAttendees.personId))
      .where(eq(meetingAttendees.meetingId, id))
      .orderBy(asc(persons.familyName)),
    db
      .select({ point: actionPoints, ownerName: personName })
      .from(actionPoints)
      .leftJoin(persons, eq(persons.id, actionPoints.ownerPersonId))
      .where(eq(actionPoints.meetingId, id))
      .orderBy(asc(actionPoints.createdAt), asc(actionPoints.id)),
  ]);
  const actions = meetingPolicy.actions(context.actor, meeting);
  return {
    id: meeting.id,
    body: meeting.body,
    placeId: meeting.placeId,
    placeName: place?.name ?? "",
    heldOn: meeting.heldOn,
    title: meeting.title,
    location: meeting.location,
    minutesHtml: meeting.minutesHtml,
    attendeeCount: attendees.length,
    openActionCount: points.filter((row) => row.point.status === "open" && row.point.kind === "action").length,
    attendees,
    actionPoints: points.map(({ point, ownerName }) => ({
      id: point.id,
      kind: point.kind,
      text: point.text,
      ownerPersonId: point.ownerPersonId,
      ownerName: point.ownerPersonId ? ownerName : null,
      dueOn: point.dueOn,
      status: point.status,
      actions,
    })),
    createdAt: iso(meeting.createdAt) as string,
    updatedAt: iso(meeting.updatedAt) as string,
    actions,
  };
}

async function assertPersons(db: Db, field: string, ids: string[]) {
  if (ids.length === 0) return;
  const found = await db.select({ id: persons.id }).from(persons).where(inArray(persons.id, ids));
  if (found.length !== new Set(ids).size) throw new RuleError(field, "names a person who does not exist");
}

export async function createMeeting(context: ServiceContext, input: MeetingInput) {
  const { db } = context.database;
  const place = await readablePlace(context, input.placeId);
  if (place.kind !== bodyPlaceKind[input.body]) {
    throw new RuleError("placeId", `A ${input.body.toUpperCase()} meets for a ${bodyPlaceKind[input.body].replace("_", " ")}`);
  }
  if (!meetingPolicy.canCreate(context.actor, { placePath: place.path })) {
    throw new ForbiddenError("You may not record meetings for this area");
  }
  await assertPersons(db, "attendees", input.attendees.map((attendee) => attendee.personId));
  const { attendees, ...fields } = input;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ ...fields, minutesHtml: await sanitiseMinutes(fields.minutesHtml), placePath: place.path })
      .returning();
    if (attendees.length) await tx.insert(meetingAttendees).values(attendees.map((attendee) => ({ ...attendee, meetingId: row.id })));
    await recordAudit(tx, context.audit, {
      action: "create",
      entityType: "meeting",
      entityId: row.id,
      changes: { ...diffRecords(null, row), attendees: { from: null, to: attendees } },
    });
    return row;
  });
  return getMeeting(context, created.id);
}

export async function updateMeeting(context: ServiceContext, id: string, patch: Partial<Omit<MeetingInput, "body" | "placeId">>) {
  const { db } = context.database;
  const before = await readableMeeting(context, id);
  if (!meetingPolicy.canUpdate(context.actor, before)) throw new ForbiddenError("You may not change this meeting");
  const { attendees, ...fields } = patch;
  if (attendees) await assertPersons(db, "attendees", attendees.map((attendee) => attendee.personId));
  await db.transaction(async (tx) => {
    const previousAttendees = await tx
      .select({ personId: meetingAttendees.personId, attendance: meetingAttendees.attendance })
      .from(meetingAttendees)
      .where(eq(meetingAttendees.meetingId, id));
    const [after] = await tx
      .update(meetings)
      .set({
        ...fields,
        ...(fields.minutesHtml !== undefined ? { minutesHtml: await sanitiseMinutes(fields.minutesHtml) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(meetings.id, id))
      .returning();
    const changes = diffRecords(before, after);
    if (attendees) {
      await tx.delete(meetingAttendees).where(eq(meetingAttendees.meetingId, id));
      if (attendees.length) await tx.insert(meetingAttendees).values(attendees.map((attendee) => ({ ...attendee, meetingId: id })));
      changes.attendees = { from: previousAttendees, to: attendees };
    }
    await recordAudit(tx, context.audit, { action: "update", entityType: "meeting", entityId: id, changes });
  });
  return getMeeting(context, id);
}

export async function deleteMeeting(context: ServiceContext, id: string) {
  const before = await readableMeeting(context, id);
  if (!meetingPolicy.canDelete(context.actor, before)) throw new ForbiddenError("You may not delete this meeting");
  await context.database.db.transaction(async (tx) => {
    await tx.delete(meetings).where(eq(meetings.id, id));
    await recordAudit(tx, context.audit, { action: "delete", entityType: "meeting", entityId: id, changes: diffRecords(before, null) });
  });
}

/** Members of a body for an area, derived from the appointments in force today. */
export async function bodyMembers(context: ServiceContext, placeId: string, body: MeetingBody) {
  const place = await readablePlace(context, placeId);
  if (!meetingPolicy.canRead(context.actor, { placePath: place.path })) throw new NotFoundError("Place");
  // Appointments on the area itself or below it (an ASA sits on the DA's Security Cell).
  const rows = await context.database.db
    .select({ personId: appointments.personId, personName, role: appointments.role, organisationCode: organisations.code })
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .leftJoin(organisations, eq(organisations.id, appointments.organisationId))
    .where(and(sql`${appointments.placePath} like ${`${place.path}%`}`, inForceOn(todayIso())))
    .orderBy(asc(persons.familyName));
  return { items: deriveMembers(body, rows) };
}
