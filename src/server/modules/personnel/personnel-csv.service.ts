import { Readable, pipeline } from "node:stream";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify";
import { asc, eq, gt, and, sql } from "drizzle-orm";
import { type HeaderLanguage, type HeaderStyle, columnCodeOf, headerRow } from "../../../core/language/csv-headers.ts";
import { csvColumns, personnelHeaderNames } from "../../../core/personnel/personnel-csv-headers.ts";
import { type PersonInput, personInput } from "../../../core/personnel/personnel.schemas.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { users } from "../../platform/auth/auth.tables.ts";
import { boundedCsvCast, checkImportRows, checkImportSize } from "../../platform/files/import-bounds.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { AppError } from "../../platform/http/errors.ts";
import { organisations, places } from "../structure/index.ts";
import { personPolicy } from "./personnel.policy.ts";
import { type PersonnelFilter, insertPerson, personListColumns, personnelWhere } from "./personnel.service.ts";
import { persons } from "./personnel.tables.ts";

// The column codes and their readable names live in core (the web's import help names them too).
export { csvColumns } from "../../../core/personnel/personnel-csv-headers.ts";

// A cell starting with = + - @ (or a tab or carriage return) runs as a formula when the file is
// opened in a spreadsheet (OWASP "CSV injection"): the export prefixes it with a quote, and the
// import removes that quote again, so an export can be re-imported unchanged.
const formulaStart = /^[=+\-@\t\r]/;
const neutralise = (value: string) => (formulaStart.test(value) ? `'${value}` : value);
const unneutralise = (value: string) => (value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value);

export type PersonnelExportFormat = { lang?: HeaderLanguage; headers: HeaderStyle };

/** The caller's own language (their account's locale, kept in step with the web's switch), for the headers. */
async function callerHeaderLanguage(context: ServiceContext): Promise<HeaderLanguage> {
  const [row] = await context.database.db.select({ locale: users.locale }).from(users).where(eq(users.id, context.actor.userId));
  return row?.locale?.startsWith("fr") ? "fr" : "en";
}

/**
 * Streams the filtered list as CSV, page by page on the primary key (keyset), so memory
 * stays flat whatever the size. Contacts are never exported. Headers are readable names in
 * `lang` for people, or the column codes for machines; the import reads either back.
 */
export async function exportPersonnelCsv(context: ServiceContext, filter: PersonnelFilter, format: PersonnelExportFormat): Promise<Readable> {
  const where = await personnelWhere(context, filter);
  const lang = format.lang ?? (await callerHeaderLanguage(context));
  const { db } = context.database;
  const pageSize = 1000;
  async function* rows() {
    let afterId: string | null = null;
    for (;;) {
      const page = await db
        .select(personListColumns)
        .from(persons)
        .innerJoin(organisations, eq(organisations.id, persons.organisationId))
        .innerJoin(places, eq(places.id, persons.dutyStationId))
        .where(and(where, afterId ? gt(persons.id, afterId) : undefined))
        .orderBy(asc(persons.id))
        .limit(pageSize);
      for (const row of page) {
        const { person } = row;
        yield [
          person.indexNumber ?? "",
          person.givenName,
          person.familyName,
          person.sex,
          person.recruitmentType,
          person.category,
          person.grade ?? "",
          row.organisationCode,
          row.dutyStationName,
        ].map(neutralise);
      }
      if (page.length < pageSize) return;
      afterId = page[page.length - 1].person.id;
    }
  }
  // pipeline (not pipe) so a failing query ends the response instead of leaving it hanging.
  return pipeline(Readable.from(rows()), stringify({ header: true, columns: headerRow(csvColumns, personnelHeaderNames, lang, format.headers) }), () => {});
}

export type ImportError = { row: number; field: string; message: string };

const columnToField: Record<string, string> = {
  index_number: "indexNumber",
  given_name: "givenName",
  family_name: "familyName",
  sex: "sex",
  recruitment_type: "recruitmentType",
  category: "category",
  grade: "grade",
  organisation: "organisationId",
  duty_station: "dutyStationId",
  phone: "phone",
  mobile: "mobile",
  email: "email",
  residential_address: "residentialAddress",
};

/**
 * Imports personnel from CSV (header row as in the export, by code or by readable name, plus
 * optional phone, mobile, email, residential_address). Row numbers are spreadsheet line numbers (header = 1).
 * Valid rows are committed together; each bad row is reported and skipped. The file is held to
 * the import limits while it is parsed: 413 naming `file` and the limit.
 */
export async function importPersonnelCsv(context: ServiceContext, text: string) {
  checkImportSize(Buffer.byteLength(text));
  let records: Record<string, string>[];
  let rowNumbers: number[];
  try {
    const parsed: { record: Record<string, string>; info: { records: number; empty_lines: number } }[] = parse(text, {
      // Codes or readable names (English or French), so that any export reads back.
      columns: (header: string[]) => header.map((name) => columnCodeOf(name, personnelHeaderNames)),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      // Rows, columns and cells counted as they are read: the import limits (core/import-limits.ts).
      cast: boundedCsvCast(),
    });
    records = parsed.map((item) => Object.fromEntries(Object.entries(item.record).map(([key, value]) => [key, unneutralise(value)])));
    // A spreadsheet shows a skipped blank line as a row, and a quoted multi-line cell as one row.
    rowNumbers = parsed.map((item) => 1 + item.info.records + item.info.empty_lines);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(400, "validation", `The file is not valid CSV: ${(error as Error).message}`, [
      { field: "file", message: "is not valid CSV" },
    ]);
  }
  checkImportRows(records.length);
  const missing = ["given_name", "family_name", "sex", "recruitment_type", "category", "organisation", "duty_station"].filter(
    (column) => records.length > 0 && !(column in records[0]),
  );
  if (missing.length) {
    throw new AppError(400, "validation", `Missing columns: ${missing.join(", ")}`, [
      { field: "file", message: `missing columns: ${missing.join(", ")}` },
    ]);
  }
  const { db } = context.database;
  const organisationRows = await db.select({ id: organisations.id, code: organisations.code }).from(organisations);
  const organisationByCode = new Map(organisationRows.map((row) => [row.code.toLowerCase(), row.id]));
  const stationRows = await db
    .select({ id: places.id, name: places.name, path: places.path })
    .from(places)
    // Only stations in the caller's scope: one outside it reads as unknown, like a missing one.
    .where(and(sql`${places.kind} = 'duty_station'`, scopeCondition(context.actor, "place.read", places.path, "ignore")));
  const stationByName = new Map(stationRows.map((row) => [row.name.toLowerCase(), row]));

  const errors: ImportError[] = [];
  const accepted: { input: PersonInput; placePath: string }[] = [];
  records.forEach((record, index) => {
    const row = rowNumbers[index];
    const organisationId = organisationByCode.get((record.organisation ?? "").toLowerCase());
    const station = stationByName.get((record.duty_station ?? "").toLowerCase());
    if (!organisationId) errors.push({ row, field: "organisation", message: `unknown organisation code "${record.organisation ?? ""}"` });
    if (!station) errors.push({ row, field: "duty_station", message: `unknown duty station "${record.duty_station ?? ""}"` });
    const contacts = {
      phone: record.phone || null,
      mobile: record.mobile || null,
      email: record.email || null,
      residentialAddress: record.residential_address || null,
    };
    const candidate = {
      organisationId: organisationId ?? "00000000-0000-4000-8000-000000000000",
      dutyStationId: station?.id ?? "00000000-0000-4000-8000-000000000000",
      indexNumber: record.index_number || null,
      givenName: record.given_name ?? "",
      familyName: record.family_name ?? "",
      sex: record.sex,
      recruitmentType: record.recruitment_type,
      category: record.category,
      grade: record.grade || null,
      private: Object.values(contacts).some(Boolean) ? contacts : undefined,
    };
    const parsed = personInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path.at(-1) ?? "row");
        const column = Object.entries(columnToField).find(([, name]) => name === field)?.[0] ?? field;
        errors.push({ row, field: column, message: issue.message });
      }
      return;
    }
    if (!organisationId || !station) return;
    if (!personPolicy.canCreate(context.actor, { placePath: station.path, organisationId })) {
      errors.push({ row, field: "duty_station", message: "you may not add personnel of this organisation here" });
      return;
    }
    accepted.push({ input: parsed.data, placePath: station.path });
  });
  await db.transaction(async (tx) => {
    for (const { input, placePath } of accepted) await insertPerson(tx, context, input, placePath);
  });
  errors.sort((a, b) => a.row - b.row);
  return { created: accepted.length, errors };
}
