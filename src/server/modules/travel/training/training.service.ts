import { asc, desc, eq } from "drizzle-orm";
import {
  type CertificateInput,
  type CertificatePatch,
  type CourseInput,
  type CoursePatch,
  certificateProblems,
  certificateStatus,
  computedExpiry,
} from "../../../../core/travel/training.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { AppError, ConflictError, ForbiddenError, NotFoundError, RuleError, databaseErrorCode } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { persons } from "../../personnel/index.ts";
import { reEvaluatePerson } from "../requests/reevaluate.service.ts";
import { trainingPolicy } from "./training.policy.ts";
import { trainingCertificates, trainingCourses } from "./training.tables.ts";

type CourseRow = typeof trainingCourses.$inferSelect;
type CertificateRow = typeof trainingCertificates.$inferSelect;
type Holder = { id: string; placePath: string; organisationId: string };

const isUniqueViolation = (error: unknown) => databaseErrorCode(error) === "23505";

const courseOut = (row: CourseRow) => ({ ...row, createdAt: iso(row.createdAt) as string, updatedAt: iso(row.updatedAt) as string });

export async function listCourses(context: ServiceContext, query: { includeInactive?: "true" | "false" }) {
  const rows = await context.database.db.select().from(trainingCourses).orderBy(asc(trainingCourses.code));
  const items = query.includeInactive === "true" ? rows : rows.filter((row) => row.isActive);
  return { items: items.map(courseOut) };
}

export async function createCourse(context: ServiceContext, input: CourseInput) {
  try {
    const row = await context.database.db.transaction(async (tx) => {
      const [created] = await tx.insert(trainingCourses).values(input).returning();
      await recordAudit(tx, context.audit, { action: "create", entityType: "training_course", entityId: created.id, changes: diffRecords(null, input) });
      return created;
    });
    return courseOut(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("code", `a course with the code ${input.code} already exists`);
    throw error;
  }
}

async function courseById(context: ServiceContext, id: string): Promise<CourseRow | undefined> {
  const [row] = await context.database.db.select().from(trainingCourses).where(eq(trainingCourses.id, id));
  return row;
}

export async function updateCourse(context: ServiceContext, id: string, patch: CoursePatch) {
  const before = await courseById(context, id);
  if (!before) throw new NotFoundError("Course");
  const row = await context.database.db.transaction(async (tx) => {
    const [updated] = await tx.update(trainingCourses).set({ ...patch, updatedAt: new Date() }).where(eq(trainingCourses.id, id)).returning();
    await recordAudit(tx, context.audit, { action: "update", entityType: "training_course", entityId: id, changes: diffRecords(before, updated) });
    return updated;
  });
  return courseOut(row);
}

/** The person a certificate belongs to, or "not found" for a caller who may not read their certificates. */
async function holderFor(context: ServiceContext, personId: string): Promise<Holder> {
  const [person] = await context.database.db
    .select({ id: persons.id, placePath: persons.placePath, organisationId: persons.organisationId })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person || !trainingPolicy.canRead(context.actor, person)) throw new NotFoundError("Person");
  return person;
}

function certificateOut(context: ServiceContext, holder: Holder, row: CertificateRow, course: CourseRow) {
  return {
    id: row.id,
    personId: row.personId,
    courseId: row.courseId,
    courseCode: course.code,
    courseNameEn: course.nameEn,
    courseNameFr: course.nameFr,
    completedOn: row.completedOn,
    expiresOn: row.expiresOn,
    expiryReason: row.expiryReason,
    issuer: row.issuer,
    source: row.source,
    hasFile: row.fileId !== null,
    status: certificateStatus(row.expiresOn, todayIso()),
    createdAt: iso(row.createdAt) as string,
    actions: trainingPolicy.actions(context.actor, holder, row.source),
  };
}

export async function listCertificates(context: ServiceContext, personId: string) {
  const holder = await holderFor(context, personId);
  const rows = await context.database.db
    .select({ certificate: trainingCertificates, course: trainingCourses })
    .from(trainingCertificates)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingCertificates.courseId))
    .where(eq(trainingCertificates.personId, personId))
    .orderBy(asc(trainingCourses.code), desc(trainingCertificates.completedOn));
  return { items: rows.map(({ certificate, course }) => certificateOut(context, holder, certificate, course)) };
}

function assertRules(input: { completedOn: string; expiresOn?: string | null; expiryReason?: string | null }) {
  const problems = certificateProblems(input, todayIso());
  if (problems.length) throw new AppError(422, "rule_violation", problems.map((problem) => `${problem.field} ${problem.message}`).join("; "), problems);
}

const duplicate = () => new ConflictError("completedOn", "this person already holds a certificate of this course completed on that day");

export async function createCertificate(context: ServiceContext, input: CertificateInput) {
  const holder = await holderFor(context, input.personId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new RuleError("personId", "names a person who does not exist") : error;
  });
  if (!trainingPolicy.canAdd(context.actor, holder)) throw new ForbiddenError("You may not add certificates for this person");
  const course = await courseById(context, input.courseId);
  if (!course) throw new RuleError("courseId", "names a course that does not exist");
  if (!course.isActive) throw new RuleError("courseId", `the course ${course.code} is no longer offered: it takes no new certificates`);
  assertRules(input);
  const values = {
    personId: holder.id,
    courseId: course.id,
    completedOn: input.completedOn,
    expiresOn: input.expiresOn ?? computedExpiry(input.completedOn, course.validityMonths),
    expiryReason: input.expiresOn ? (input.expiryReason ?? null) : null,
    issuer: input.issuer ?? null,
    source: context.actor.personId === holder.id ? ("upload" as const) : ("focal_point" as const),
    createdByUserId: context.actor.userId,
  };
  try {
    const row = await context.database.db.transaction(async (tx) => {
      const [created] = await tx.insert(trainingCertificates).values(values).returning();
      await recordAudit(tx, context.audit, { action: "create", entityType: "training_certificate", entityId: created.id, changes: diffRecords(null, values) });
      return created;
    });
    await reEvaluatePerson(context, holder.id, "certificate");
    return certificateOut(context, holder, row, course);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

/** A certificate the caller may read, with its course and person; "not found" for anyone else. */
export async function readableCertificate(context: ServiceContext, id: string) {
  const [found] = await context.database.db
    .select({ certificate: trainingCertificates, course: trainingCourses })
    .from(trainingCertificates)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingCertificates.courseId))
    .where(eq(trainingCertificates.id, id));
  if (!found) throw new NotFoundError("Certificate");
  const holder = await holderFor(context, found.certificate.personId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Certificate") : error;
  });
  return { ...found, holder };
}

/** A certificate as the API answers it, read again (after its file changed). */
export async function certificateView(context: ServiceContext, id: string) {
  const { certificate, course, holder } = await readableCertificate(context, id);
  return certificateOut(context, holder, certificate, course);
}

/** A certificate the caller may change: readable (else 404), theirs to manage (else 403). */
async function manageableCertificate(context: ServiceContext, id: string) {
  const found = await readableCertificate(context, id);
  if (!trainingPolicy.canManage(context.actor, found.holder)) throw new ForbiddenError("You may not change this person's certificates");
  return found;
}

export async function updateCertificate(context: ServiceContext, id: string, patch: CertificatePatch) {
  const { certificate: before, course, holder } = await manageableCertificate(context, id);
  const completedOn = patch.completedOn ?? before.completedOn;
  // An expiry set by hand stays until cleared (null): then it is computed again from the course.
  const override = patch.expiresOn === undefined ? (before.expiryReason ? before.expiresOn : null) : patch.expiresOn;
  const expiryReason = override ? (patch.expiryReason === undefined ? before.expiryReason : patch.expiryReason) : null;
  assertRules({ completedOn, expiresOn: override, expiryReason });
  const changes = {
    completedOn,
    expiresOn: override ?? computedExpiry(completedOn, course.validityMonths),
    expiryReason,
    issuer: patch.issuer === undefined ? before.issuer : patch.issuer,
    updatedAt: new Date(),
  };
  try {
    const row = await context.database.db.transaction(async (tx) => {
      const [updated] = await tx.update(trainingCertificates).set(changes).where(eq(trainingCertificates.id, id)).returning();
      await recordAudit(tx, context.audit, { action: "update", entityType: "training_certificate", entityId: id, changes: diffRecords(before, updated) });
      return updated;
    });
    await reEvaluatePerson(context, holder.id, "certificate");
    return certificateOut(context, holder, row, course);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

export async function deleteCertificate(context: ServiceContext, id: string) {
  const { certificate } = await manageableCertificate(context, id);
  await context.database.db.transaction(async (tx) => {
    await tx.delete(trainingCertificates).where(eq(trainingCertificates.id, id));
    await recordAudit(tx, context.audit, { action: "delete", entityType: "training_certificate", entityId: id, changes: diffRecords(certificate, null) });
  });
  await reEvaluatePerson(context, certificate.personId, "certificate removed");
}
