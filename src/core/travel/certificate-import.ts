import { type ColumnMapping, type MappedColumns, type MappingProblem, cellOf, columnMappingInput, mapColumns, normaliseWords, suggestColumns } from "../import-columns.ts";
import { earliestDate, latestDate } from "../structure/structure.schemas.ts";
import { type ImportLanguage, importWords, sentence } from "./certificate-import.messages.ts";
import { type CertificateInput, certificateInput, certificateProblems, computedExpiry } from "./training.ts";

/**
 * Training certificates from a learning platform's export (CSV or XLSX): the fields a column can
 * be mapped to, the header words that suggest a mapping (English and French, and what learning
 * platforms write), and one row read into the body `POST /api/training/certificates` takes,
 * checked by the same schema and rules. Pure: the people and courses come in as lookups.
 */

export const certificateImportFields = ["person", "course", "completedOn", "expiresOn", "issuer"] as const;
export type CertificateImportField = (typeof certificateImportFields)[number];
export type CertificateMapping = ColumnMapping<CertificateImportField>;

export const certificateMappingInput = columnMappingInput(certificateImportFields);

/** Header words for each field, best first. */
const synonyms: Record<CertificateImportField, readonly string[]> = {
  person: [
    "index number",
    "index no",
    "index",
    "staff id",
    "staff number",
    "employee id",
    "employee number",
    "personnel number",
    "person",
    "e-mail",
    "email",
    "email address",
    "learner email",
    "user email",
    "work email",
    "numero d index",
    "matricule",
    "courriel",
    "adresse electronique",
    "personne",
  ],
  course: ["course code", "course", "course name", "course title", "training", "module", "code formation", "code du cours", "formation", "cours", "intitule"],
  completedOn: [
    "completed on",
    "completion date",
    "date completed",
    "date of completion",
    "completed",
    "completion",
    "passed on",
    "date",
    "date de fin",
    "date d achevement",
    "termine le",
    "date de reussite",
  ],
  expiresOn: ["expires on", "expiry date", "expiration date", "expiry", "expires", "valid until", "valid to", "date d expiration", "expiration", "valable jusqu au"],
  issuer: ["issuer", "issued by", "provider", "platform", "learning platform", "emetteur", "delivre par", "organisme", "plateforme"],
};

export function suggestCertificateMapping(headers: readonly string[], hashtags: readonly string[] | null = null): CertificateMapping {
  return suggestColumns(certificateImportFields, synonyms, headers, hashtags);
}

export type CertificateColumns = MappedColumns<CertificateImportField>;

/** The mapping checked against the file: the person, the course and the completion date are needed. */
export function resolveCertificateColumns(
  headers: readonly string[],
  mapping: CertificateMapping,
  language: ImportLanguage,
): { columns: CertificateColumns; problems: MappingProblem[] } {
  const words = importWords(language);
  const { columns, problems } = mapColumns(certificateImportFields, headers, mapping, words.missingColumn);
  for (const field of ["person", "course", "completedOn"] as const) {
    const isReported = problems.some((problem) => problem.field === `mapping.${field}`);
    if (columns.index[field] === undefined && !isReported) problems.push({ field: `mapping.${field}`, message: words.mapColumn[field] });
  }
  return { columns, problems };
}

/** Someone a certificate may be imported for (in the importer's scope). */
export type ImportPerson = { id: string; placePath: string; organisationId: string };
export type ImportCourse = { id: string; code: string; nameEn: string; nameFr: string; validityMonths: number; isActive: boolean };

export type CertificateLookups = {
  /** People by `personKey` of their index number and e-mails; only those the importer may add certificates for. */
  people: Map<string, ImportPerson | "ambiguous">;
  /** Courses by normalised code, and English and French name. */
  courses: Map<string, ImportCourse | "ambiguous">;
};

/** How a person cell is compared: an e-mail (it has an @) or an index number, case and spaces aside. */
export function personKey(text: string): string {
  const value = text.trim().toLowerCase();
  return value.includes("@") ? `email:${value}` : `index:${value.replace(/\s+/g, "")}`;
}

/** Adds a key to a lookup: a second, different record under the same key makes it ambiguous. */
export function addKey<T extends { id: string }>(map: Map<string, T | "ambiguous">, key: string, record: T): void {
  const present = map.get(key);
  map.set(key, present === undefined || (present !== "ambiguous" && present.id === record.id) ? record : "ambiguous");
}

export function courseLookup(courses: readonly ImportCourse[]): CertificateLookups["courses"] {
  const byKey = new Map<string, ImportCourse | "ambiguous">();
  const codes = new Set(courses.map((course) => normaliseWords(course.code)));
  for (const course of courses) addKey(byKey, normaliseWords(course.code), course);
  // A code is never taken over by another course's name; two courses of one name are ambiguous.
  for (const course of courses) {
    for (const name of [course.nameEn, course.nameFr]) if (!codes.has(normaliseWords(name))) addKey(byKey, normaliseWords(name), course);
  }
  return byKey;
}

const isoDay = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * A day as the API takes it (YYYY-MM-DD), from ISO (a spreadsheet's date cells read as ISO, with
 * a time at midnight) or day/month/year as written in French and in most places Vigil serves
 * (never month first: 03/04/2025 is the 3rd of April).
 */
export function readDay(text: string): { value: string } | { problem: "format" | "range" } {
  const iso = isoDay.exec(text);
  const first = iso ? null : dayFirst.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : first ? [first[3], first[2], first[1]] : null;
  if (!parts) return { problem: "format" };
  const [year, month, day] = parts.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { problem: "format" };
  const value = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return value < earliestDate || value > latestDate ? { problem: "range" } : { value };
}

/** Why an expiry given by the file differs from the computed one: the learning platform said so. */
export const importedExpiryReason = "Imported from the learning platform";

export type CertificateRow =
  | { ok: true; input: CertificateInput & { expiresOn: string; expiryReason: string | null }; person: ImportPerson; course: ImportCourse }
  | { ok: false; issues: MappingProblem[] };

const issuerMax = 200;

/**
 * Reads and checks one row, every problem at once, each under the file's column. `today` is the
 * server's day, so that no completion lies ahead (the API's rule).
 */
export function readCertificateRow(
  cells: readonly string[],
  columns: CertificateColumns,
  lookups: CertificateLookups,
  language: ImportLanguage,
  today: string,
): CertificateRow {
  const words = importWords(language);
  const issues: { field: CertificateImportField; message: string }[] = [];
  const flag = (field: CertificateImportField, message: string) => issues.push({ field, message });
  const cell = (field: CertificateImportField) => cellOf(cells, columns, field);
  const toIssues = () => issues.map((issue) => ({ field: columns.header[issue.field] ?? issue.field, message: issue.message }));

  for (const field of certificateImportFields) if (cell(field).includes("\u0000")) flag(field, words.nul);
  if (issues.length) return { ok: false, issues: toIssues() };

  const personText = cell("person");
  const person = personText ? lookups.people.get(personKey(personText)) : undefined;
  if (!personText) flag("person", words.personRequired);
  // Someone outside the importer's scope is not in the lookup: "not found", as for no one at all.
  else if (!person) flag("person", words.personNotFound(personText));
  else if (person === "ambiguous") flag("person", words.personAmbiguous(personText));

  const courseText = cell("course");
  const course = courseText ? lookups.courses.get(normaliseWords(courseText)) : undefined;
  if (!courseText) flag("course", words.courseRequired);
  else if (!course) flag("course", words.courseNotFound(courseText));
  else if (course === "ambiguous") flag("course", words.courseAmbiguous(courseText));
  else if (!course.isActive) flag("course", words.courseRetired(course.code));

  const dayOf = (field: CertificateImportField): string | null => {
    const text = cell(field);
    if (!text) return null;
    const read = readDay(text);
    if ("value" in read) return read.value;
    flag(field, read.problem === "range" ? words.dateRange : words.notADate(text));
    return null;
  };
  const completedOn = dayOf("completedOn");
  if (!cell("completedOn")) flag("completedOn", words.required);
  const givenExpiry = dayOf("expiresOn");
  const issuer = cell("issuer") || null;
  if (issuer && issuer.length > issuerMax) flag("issuer", words.tooLong(issuerMax));
  if (issues.length || !completedOn || typeof person !== "object" || typeof course !== "object") return { ok: false, issues: toIssues() };

  // An expiry that differs from the course's is the platform's word against Vigil's: kept, as an
  // override with its reason, as a focal point would enter it by hand.
  const isOverride = givenExpiry !== null && givenExpiry !== computedExpiry(completedOn, course.validityMonths);
  const candidate = {
    personId: person.id,
    courseId: course.id,
    completedOn,
    expiresOn: isOverride ? givenExpiry : null,
    expiryReason: isOverride ? importedExpiryReason : null,
    issuer,
  };
  const parsed = certificateInput.safeParse(candidate);
  const fieldOf = (path: string): CertificateImportField => (path === "personId" ? "person" : path === "courseId" ? "course" : path === "expiryReason" ? "expiresOn" : (path as CertificateImportField));
  // The schema is the API's backstop: what it could refuse was checked above, in the reader's language.
  if (!parsed.success) for (const issue of parsed.error.issues) flag(fieldOf(issue.path.join(".")), sentence(issue.message));
  for (const problem of certificateProblems(candidate, today, language)) flag(fieldOf(problem.field), sentence(problem.message));
  if (issues.length || !parsed.success) return { ok: false, issues: toIssues() };
  const expiresOn = candidate.expiresOn ?? computedExpiry(completedOn, course.validityMonths);
  return { ok: true, input: { ...parsed.data, expiresOn, expiryReason: candidate.expiryReason }, person, course };
}
