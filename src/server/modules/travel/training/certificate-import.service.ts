import { reEvaluatePerson } from "../requests/reevaluate.service.ts";
import { type SQL, and, eq, or, sql } from "drizzle-orm";
import {
  type CertificateLookups,
  type CertificateMapping,
  type ImportPerson,
  addKey,
  certificateImportFields,
  courseLookup,
  personKey,
  readCertificateRow,
  resolveCertificateColumns,
  suggestCertificateMapping,
} from "../../../../core/travel/certificate-import.ts";
import { scopeCondition } from "../../../platform/access/scope-sql.ts";
import { recordAuditEntries } from "../../../platform/audit/audit-batch.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { readImportFile } from "../../../platform/import/import-file.ts";
import { type ImportOutcome, assertMapping, emptyOutcome, importPreview, rejectRow } from "../../../platform/import/import-result.ts";
import { callerLanguage } from "../../../platform/language/caller-language.ts";
import { personPolicy, personPrivate, persons } from "../../personnel/index.ts";
import { trainingPolicy } from "./training.policy.ts";
import { trainingCourses } from "./training.tables.ts";

/**
 * Training certificates from a learning platform's export, through the import machinery the
 * incident import uses (platform/import: the file within the import limits, the preview and
 * mapping step, per-row errors). Each row is checked as `POST /api/training/certificates` checks
 * a body; the whole file is stored in one transaction, each certificate with its own `create`
 * audit entry. One certificate per person, course and completion day: a row already stored (or
 * twice in the file) is a duplicate, so importing the same export again adds nothing.
 */

/** The columns of an uploaded file, its first rows and the mapping Vigil suggests. */
export async function previewCertificateImport(fileName: string, content: Buffer) {
  const file = await readImportFile(fileName, content);
  return importPreview(file, suggestCertificateMapping(file.headers, file.hashtags), certificateImportFields);
}

// Keys per lookup statement, sent as one array parameter each.
const keysPerQuery = 1000;
// Rows per INSERT: one array per column, so a chunk is eight parameters whatever its size.
const rowsPerInsert = 5000;

/**
 * The people the file names, among those the importer may add certificates for
 * (training.certificate.write over their duty station and organisation): a person outside that
 * scope is never loaded, so their row reads "person not found" exactly as for no one at all.
 * Matched by index number, account e-mail, or contact e-mail where the importer may read contacts.
 */
async function peopleNamed(context: ServiceContext, keys: readonly string[]): Promise<CertificateLookups["people"]> {
  const people = new Map<string, ImportPerson | "ambiguous">();
  const inScope = scopeCondition(context.actor, "training.certificate.write", persons.placePath, persons.organisationId);
  for (let start = 0; start < keys.length; start += keysPerQuery) {
    const chunk = keys.slice(start, start + keysPerQuery);
    const wanted = new Set(chunk);
    const indexNumbers = chunk.filter((key) => key.startsWith("index:")).map((key) => key.slice(6));
    const emails = chunk.filter((key) => key.startsWith("email:")).map((key) => key.slice(6));
    const matches: SQL[] = [];
    if (indexNumbers.length) matches.push(sql`lower(replace(${persons.indexNumber}, ' ', '')) = any(${sql.param(indexNumbers)}::text[])`);
    if (emails.length) matches.push(sql`lower(${users.email}) = any(${sql.param(emails)}::text[])`, sql`lower(${personPrivate.email}) = any(${sql.param(emails)}::text[])`);
    const rows = await context.database.db
      .select({
        id: persons.id,
        placePath: persons.placePath,
        organisationId: persons.organisationId,
        indexNumber: persons.indexNumber,
        accountEmail: users.email,
        contactEmail: personPrivate.email,
      })
      .from(persons)
      .leftJoin(users, eq(users.id, persons.userId))
      .leftJoin(personPrivate, eq(personPrivate.personId, persons.id))
      .where(and(or(...matches), inScope));
    for (const row of rows) {
      const person = { id: row.id, placePath: row.placePath, organisationId: row.organisationId };
      if (!trainingPolicy.canManage(context.actor, person)) continue;
      const rowKeys = [row.indexNumber && personKey(row.indexNumber), row.accountEmail && personKey(row.accountEmail)];
      // Contacts are need-to-know: an e-mail found only there identifies the person to those who may read it.
      if (row.contactEmail && personPolicy.canReadSensitive(context.actor, person)) rowKeys.push(personKey(row.contactEmail));
      for (const key of new Set(rowKeys)) if (key && wanted.has(key)) addKey(people, key, person);
    }
  }
  return people;
}

type NewCertificate = {
  personId: string;
  courseId: string;
  completedOn: string;
  expiresOn: string;
  expiryReason: string | null;
  issuer: string | null;
  source: "import";
  createdByUserId: string;
  row: number;
};

/** Stores the certificates not stored yet (ON CONFLICT DO NOTHING on person, course and day); returns them with their ids. */
async function insertCertificates(tx: Db, rows: readonly NewCertificate[]): Promise<(NewCertificate & { id: string })[]> {
  const stored: (NewCertificate & { id: string })[] = [];
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    const chunk = rows.slice(start, start + rowsPerInsert);
    const column = <T>(pick: (row: NewCertificate) => T) => sql.param(chunk.map(pick));
    const result = await tx.execute(sql`
      insert into training_certificates (person_id, course_id, completed_on, expires_on, expiry_reason, issuer, source, created_by_user_id)
      select * from unnest(${column((row) => row.personId)}::uuid[], ${column((row) => row.courseId)}::uuid[], ${column((row) => row.completedOn)}::date[],
        ${column((row) => row.expiresOn)}::date[], ${column((row) => row.expiryReason)}::text[], ${column((row) => row.issuer)}::text[],
        ${column((row) => row.source)}::text[], ${column((row) => row.createdByUserId)}::uuid[])
      on conflict (person_id, course_id, completed_on) do nothing
      returning id, person_id, course_id, completed_on::text`);
    const byKey = new Map(chunk.map((row) => [`${row.personId} ${row.courseId} ${row.completedOn}`, row]));
    for (const created of (result as unknown as { rows: { id: string; person_id: string; course_id: string; completed_on: string }[] }).rows) {
      const row = byKey.get(`${created.person_id} ${created.course_id} ${created.completed_on}`);
      if (row) stored.push({ ...row, id: created.id });
    }
  }
  return stored;
}

export type CertificateImportRequest = {
  fileName: string;
  content: Buffer;
  /** Target field → column header; the suggested mapping when absent. */
  mapping?: CertificateMapping;
};

/** Imports certificates from CSV or XLSX: errors per row in the caller's language, duplicates counted, the rest stored at once. */
export async function importCertificateFile(context: ServiceContext, request: CertificateImportRequest): Promise<ImportOutcome> {
  const file = await readImportFile(request.fileName, request.content);
  const language = await callerLanguage(context);
  const { columns, problems } = resolveCertificateColumns(file.headers, request.mapping ?? suggestCertificateMapping(file.headers, file.hashtags), language);
  assertMapping(problems);

  const personColumn = columns.index.person as number;
  // Only what could name someone: no NUL (PostgreSQL refuses it in a parameter), no more than an e-mail's length.
  const keys = [...new Set(file.rows.map(({ cells }) => (cells[personColumn] ?? "").trim()).filter((text) => text && text.length <= 320 && !text.includes("\u0000")).map(personKey))];
  const courses = await context.database.db.select().from(trainingCourses);
  const lookups: CertificateLookups = { people: await peopleNamed(context, keys), courses: courseLookup(courses) };

  const outcome = emptyOutcome();
  const today = todayIso();
  const toStore: NewCertificate[] = [];
  const seen = new Set<string>();
  for (const { row, cells } of file.rows) {
    const read = readCertificateRow(cells, columns, lookups, language, today);
    if (!read.ok) {
      rejectRow(outcome, row, read.issues);
      continue;
    }
    const { input } = read;
    const key = `${input.personId} ${input.courseId} ${input.completedOn}`;
    if (seen.has(key)) {
      outcome.duplicates += 1;
      continue;
    }
    seen.add(key);
    const { expiresOn, expiryReason, completedOn } = input;
    toStore.push({ personId: input.personId, courseId: input.courseId, completedOn, expiresOn, expiryReason, issuer: input.issuer ?? null, source: "import", createdByUserId: context.actor.userId, row });
  }
  if (toStore.length === 0) return outcome;

  const fileName = request.fileName.slice(0, 200);
  const stored = await context.database.db.transaction(async (tx) => {
    const created = await insertCertificates(tx, toStore);
    await recordAuditEntries(
      tx,
      context.audit,
      created.map(({ id, row, ...values }) => ({
        action: "create",
        entityType: "training_certificate",
        entityId: id,
        changes: { ...diffRecords(null, values), importedFrom: { from: null, to: `${fileName}, row ${row}` } },
      })),
    );
    return created;
  });
  outcome.inserted = stored.length;
  // Trips of the people certified are decided again (a blocked trip may now proceed).
  for (const personId of new Set(stored.map((row) => row.personId))) await reEvaluatePerson(context, personId, "certificate imported");
  // Already stored, by an earlier import or by hand (or by an import running at the same moment).
  outcome.duplicates += toStore.length - stored.length;
  return outcome;
}
