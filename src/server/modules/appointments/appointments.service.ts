import { type SQL, and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { AppointmentInput, AppointmentPatch } from "../../../core/appointments/appointments.schemas.ts";
import { isInForce, isValidTenure, overlaps } from "../../../core/appointments/continuity.ts";
import { type AppointmentRole, roleRules } from "../../../core/access/roles.ts";
import { cleanFileName } from "../../../core/file-name.ts";
import { attachmentContentType, checkAttachment } from "../../../core/incidents/incident-attachment-types.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { todayIso } from "../../platform/clock.ts";
import type { Db } from "../../platform/db/database.ts";
import { files } from "../../platform/files/files.tables.ts";
import { storeFile } from "../../platform/files/store-file.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { iso, likePattern } from "../../platform/http/schemas.ts";
import { persons } from "../personnel/index.ts";
import { findPlace, organisations, placePolicy, places, readablePlace } from "../structure/index.ts";
import { appointmentPolicy } from "./appointments.policy.ts";
import { appointments } from "./appointments.tables.ts";

export type AppointmentRow = typeof appointments.$inferSelect;

const columns = {
  appointment: appointments,
  personName: sql<string>`${persons.givenName} || ' ' || ${persons.familyName}`,
  placeName: places.name,
  placeKind: places.kind,
  organisationCode: organisations.code,
  letterFileName: files.name,
};

function selectAppointments(db: Db) {
  return db
    .select(columns)
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .innerJoin(places, eq(places.id, appointments.placeId))
    .leftJoin(organisations, eq(organisations.id, appointments.organisationId))
    .leftJoin(files, eq(files.id, appointments.letterFileId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof selectAppointments>["execute"]>>[number];

export function presentAppointment(context: ServiceContext, row: Joined) {
  const { appointment } = row;
  return {
    id: appointment.id,
    personId: appointment.personId,
    personName: row.personName,
    role: appointment.role,
    placeId: appointment.placeId,
    placeName: row.placeName,
    placeKind: row.placeKind,
    organisationId: appointment.organisationId,
    organisationCode: row.organisationCode,
    startsOn: appointment.startsOn,
    endsOn: appointment.endsOn,
    appointedBy: appointment.appointedBy,
    letterNumber: appointment.letterNumber,
    letterDate: appointment.letterDate,
    hasLetter: appointment.letterFileId !== null,
    letterFileName: row.letterFileName,
    notes: appointment.notes,
    isActive: isInForce(appointment, todayIso()),
    createdAt: iso(appointment.createdAt) as string,
    updatedAt: iso(appointment.updatedAt) as string,
    actions: appointmentPolicy.actions(context.actor, appointment),
  };
}

export function inForceOn(day: string): SQL {
  return and(lte(appointments.startsOn, day), or(isNull(appointments.endsOn), gte(appointments.endsOn, day))) as SQL;
}

export type AppointmentListQuery = {
  page: number;
  pageSize: number;
  q?: string;
  placeId?: string;
  personId?: string;
  role?: AppointmentRole;
  activeOn?: string;
  sort: "startsOn" | "role" | "person";
  order: "asc" | "desc";
};

export async function listAppointments(context: ServiceContext, query: AppointmentListQuery) {
  const { db } = context.database;
  const place = query.placeId ? await readablePlace(context, query.placeId) : undefined;
  const where = and(
    scopeCondition(context.actor, "appointment.read", appointments.placePath, "ignore"),
    place ? sql`${appointments.placePath} like ${`${place.path}%`}` : undefined,
    query.personId ? eq(appointments.personId, query.personId) : undefined,
    query.role ? eq(appointments.role, query.role) : undefined,
    query.activeOn ? inForceOn(query.activeOn) : undefined,
    query.q ? or(ilike(persons.familyName, likePattern(query.q)), ilike(persons.givenName, likePattern(query.q))) : undefined,
  );
  const direction = query.order === "desc" ? desc : asc;
  const sort = { startsOn: appointments.startsOn, role: appointments.role, person: persons.familyName }[query.sort];
  const [rows, [{ total }]] = await Promise.all([
    selectAppointments(db)
      .where(where)
      .orderBy(direction(sort), asc(appointments.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(appointments).innerJoin(persons, eq(persons.id, appointments.personId)).where(where),
  ]);
  return { items: rows.map((row) => presentAppointment(context, row)), total, page: query.page, pageSize: query.pageSize };
}

async function readableAppointment(context: ServiceContext, id: string): Promise<AppointmentRow> {
  const [row] = await context.database.db.select().from(appointments).where(eq(appointments.id, id));
  if (!row || !appointmentPolicy.canRead(context.actor, row)) throw new NotFoundError("Appointment");
  return row;
}

export async function getAppointment(context: ServiceContext, id: string) {
  await readableAppointment(context, id);
  const [row] = await selectAppointments(context.database.db).where(eq(appointments.id, id));
  return presentAppointment(context, row);
}

type Candidate = Omit<AppointmentRow, "id" | "createdAt" | "updatedAt" | "letterFileId"> & { id?: string };

/** The role's rules: where it may be held, whether it names an organisation, valid dates. */
async function assertAppointmentRules(db: Db, candidate: Candidate) {
  const rule = roleRules[candidate.role];
  const place = await findPlace(db, candidate.placeId);
  if (!place) throw new RuleError("placeId", "The place does not exist");
  if (!rule.placeKinds.includes(place.kind)) {
    throw new RuleError("placeId", `A ${candidate.role} appointment is made on a ${rule.placeKinds.join(" or ").replaceAll("_", " ")}`);
  }
  if (rule.hasOrganisation && !candidate.organisationId) {
    throw new RuleError("organisationId", "This role is held for an organisation: choose one");
  }
  if (!isValidTenure(candidate)) throw new RuleError("endsOn", "must be on or after the start date");
  return place;
}

/**
 * Single-holder roles may not overlap at one place (DO and DO a.i. share one slot). Runs
 * under a per-place lock inside the writing transaction, so two concurrent appointments
 * cannot both pass.
 */
async function assertNoOverlap(tx: Db, candidate: Candidate) {
  const slot = roleRules[candidate.role].slot;
  if (!slot) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`appointment:${candidate.placeId}`}))`);
  const slotRoles = (Object.keys(roleRules) as AppointmentRole[]).filter((role) => roleRules[role].slot === slot);
  const others = await tx
    .select({ appointment: appointments, personName: sql<string>`${persons.givenName} || ' ' || ${persons.familyName}` })
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .where(
      and(
        eq(appointments.placeId, candidate.placeId),
        inArray(appointments.role, slotRoles),
        roleRules[candidate.role].hasOrganisation && candidate.organisationId
          ? eq(appointments.organisationId, candidate.organisationId)
          : undefined,
      ),
    );
  const clash = others.find((other) => other.appointment.id !== candidate.id && overlaps(other.appointment, candidate));
  if (clash) {
    const { appointment } = clash;
    throw new ConflictError(
      "startsOn",
      `Overlaps the ${appointment.role.replace("_", " ").toUpperCase()} appointment of ${clash.personName} (${appointment.startsOn} to ${appointment.endsOn ?? "open-ended"}); only one holder at a time`,
    );
  }
}

export async function createAppointment(context: ServiceContext, input: AppointmentInput) {
  const { db } = context.database;
  const candidate: Candidate = {
    ...input,
    organisationId: input.organisationId ?? null,
    endsOn: input.endsOn ?? null,
    letterNumber: input.letterNumber ?? null,
    letterDate: input.letterDate ?? null,
    notes: input.notes ?? null,
    placePath: "",
  };
  const [person] = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, input.personId));
  if (!person) throw new RuleError("personId", "The person does not exist");
  // A place outside the caller's scope is answered as a missing one: its existence is not revealed.
  const target = await findPlace(db, input.placeId);
  if (!target || !placePolicy.canRead(context.actor, target)) throw new RuleError("placeId", "The place does not exist");
  const place = await assertAppointmentRules(db, candidate);
  candidate.placePath = place.path;
  if (!appointmentPolicy.canCreate(context.actor, candidate)) {
    throw new ForbiddenError("You may not make this appointment here");
  }
  const created = await db.transaction(async (tx) => {
    await assertNoOverlap(tx, candidate);
    const [row] = await tx.insert(appointments).values(candidate).returning();
    await recordAudit(tx, context.audit, {
      action: "create",
      entityType: "appointment",
      entityId: row.id,
      changes: diffRecords(null, row),
    });
    return row;
  });
  return getAppointment(context, created.id);
}

export async function updateAppointment(context: ServiceContext, id: string, patch: AppointmentPatch) {
  const { db } = context.database;
  const before = await readableAppointment(context, id);
  if (!appointmentPolicy.canUpdate(context.actor, before)) throw new ForbiddenError("You may not change this appointment");
  const candidate: Candidate = { ...before, ...patch } as Candidate;
  await assertAppointmentRules(db, candidate);
  await db.transaction(async (tx) => {
    await assertNoOverlap(tx, candidate);
    const [after] = await tx
      .update(appointments)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(appointments.id, id))
      .returning();
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "appointment",
      entityId: id,
      changes: diffRecords(before, after),
    });
  });
  return getAppointment(context, id);
}

export async function deleteAppointment(context: ServiceContext, id: string) {
  const before = await readableAppointment(context, id);
  if (!appointmentPolicy.canDelete(context.actor, before)) throw new ForbiddenError("You may not delete this appointment");
  await context.database.db.transaction(async (tx) => {
    await tx.delete(appointments).where(eq(appointments.id, id));
    await recordAudit(tx, context.audit, {
      action: "delete",
      entityType: "appointment",
      entityId: id,
      changes: diffRecords(before, null),
    });
  });
}

const letterTypes = new Set(["application/pdf", "image/png", "image/jpeg"]);

/**
 * Stores the scanned appointment letter (PDF or image) in the database and links it. Its content
 * is checked as incident attachments are (its first bytes must be those of the type it claims),
 * so a page or a script never reaches the database dressed as a PDF or an image.
 */
export async function attachLetter(
  context: ServiceContext,
  id: string,
  upload: { name: string; contentType: string; content: Buffer },
) {
  const before = await readableAppointment(context, id);
  if (!appointmentPolicy.canUpdate(context.actor, before)) throw new ForbiddenError("You may not change this appointment");
  const name = cleanFileName(upload.name, "letter");
  const contentType = attachmentContentType(upload.contentType, name);
  if (!contentType || !letterTypes.has(contentType)) throw new RuleError("file", "must be a PDF, PNG or JPEG file");
  const check = checkAttachment({ name, declaredType: contentType, content: upload.content });
  if ("problem" in check) throw new RuleError("file", check.problem);
  const file = { name, contentType, content: upload.content };
  await context.database.db.transaction(async (tx) => {
    const fileId = await storeFile(tx, file);
    await tx.update(appointments).set({ letterFileId: fileId, updatedAt: new Date() }).where(eq(appointments.id, id));
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "appointment",
      entityId: id,
      changes: { letterFile: { from: before.letterFileId, to: `${fileId} (${file.name})` } },
    });
  });
  return getAppointment(context, id);
}

export async function readLetter(context: ServiceContext, id: string) {
  const appointment = await readableAppointment(context, id);
  if (!appointment.letterFileId) throw new NotFoundError("Appointment letter");
  const [file] = await context.database.db.select().from(files).where(eq(files.id, appointment.letterFileId));
  if (!file) throw new NotFoundError("Appointment letter");
  return file;
}
