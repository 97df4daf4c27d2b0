import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { maxImportRows } from "../../../../core/import-limits.ts";
import { verifyAuditChain } from "../../../platform/audit/audit.service.ts";
import { todayIso } from "../../../platform/clock.ts";
import { sheetOfRows, workbookWithSheet } from "../../../platform/import/hostile-workbooks.testing.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";

/**
 * Importing training certificates from a learning platform's export (issue 13 §1), through the
 * machinery of the incident import: the preview and its suggested mapping, every row checked as
 * the API checks a certificate with problems by row and column in the caller's language, people
 * outside the importer's scope "not found", one transaction, and a second import adding nothing.
 */
let t: TestApp;
const boundary = "----vigil-certificate-import";
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Part = { name: string; value: string } | { name: string; fileName: string; content: Buffer | string; contentType: string };
type Outcome = { inserted: number; duplicates: number; rejected: number; errors: { row: number; field: string; message: string }[] };

function multipart(parts: Part[]) {
  const chunks = parts.flatMap((part) =>
    "value" in part
      ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`)]
      : [
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.contentType}\r\n\r\n`),
          Buffer.from(part.content),
          Buffer.from("\r\n"),
        ],
  );
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const csvPart = (content: string, fileName = "certificates.csv"): Part => ({ name: "file", fileName, content, contentType: "text/csv" });
const upload = (email: string, url: string, parts: Part[]) => t.request(email, { method: "POST", url, ...multipart(parts) });
const preview = (email: string, parts: Part[]) => upload(email, "/api/training/certificates/imports/preview", parts);
const importFile = (email: string, parts: Part[]) => upload(email, "/api/training/certificates/imports", parts);

/** People with no certificate yet, each with an index number no one else has. */
type Someone = { id: string; index_number: string; email: string | null };
async function someone(where: string): Promise<Someone> {
  const [row] = await t.database.query<Someone>(
    `select p.id, p.index_number, pp.email from persons p
       join organisations o on o.id = p.organisation_id
       left join person_private pp on pp.person_id = p.id
     where ${where} and p.user_id is null and p.index_number is not null and pp.email is not null
       and not exists (select 1 from training_certificates c where c.person_id = p.id)
       and (select count(*) from persons q where q.index_number = p.index_number) = 1
     order by p.index_number limit 1`,
  );
  return row;
}
const inMali = "p.place_path like (select path from places where name = 'Mali') || '%'";

let wfpMali: Someone;
let unicefMali: Someone;
let haiti: Someone;
let wardenPerson: string;

beforeAll(async () => {
  t = await startTestApp();
  wfpMali = await someone(`${inMali} and o.code = 'WFP'`);
  unicefMali = await someone(`${inMali} and o.code = 'UNICEF'`);
  haiti = await someone("p.place_path like (select path from places where name = 'Haiti') || '%'");
  [{ id: wardenPerson }] = await t.database.query<{ id: string }>("select p.id from persons p join users u on u.id = p.user_id where u.email = $1", [demo.wardenBamako]);
});
afterAll(() => t.close());

const certificatesOf = (personId: string) =>
  t.database.query<{ code: string; completed_on: string; expires_on: string; expiry_reason: string | null; issuer: string | null; source: string }>(
    `select co.code, c.completed_on::text, c.expires_on::text, c.expiry_reason, c.issuer, c.source
       from training_certificates c join training_courses co on co.id = c.course_id where c.person_id = $1 order by c.completed_on`,
    [personId],
  );

describe("the preview and the mapping step", () => {
  it("suggests a mapping from a learning platform's English headers (semicolons)", async () => {
    const file = ["Learner email;Course code;Completion date;Expiry date;Provider", "a@b.org;BSAFE;2025-01-10;;UN learning"].join("\n");
    const response = await preview(demo.pcsaMali, [csvPart(file)]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      format: "csv",
      columns: ["Learner email", "Course code", "Completion date", "Expiry date", "Provider"],
      rowCount: 1,
      sampleRows: [{ row: 2, cells: ["a@b.org", "BSAFE", "2025-01-10", "", "UN learning"] }],
      suggestedMapping: { person: "Learner email", course: "Course code", completedOn: "Completion date", expiresOn: "Expiry date", issuer: "Provider" },
      fields: ["person", "course", "completedOn", "expiresOn", "issuer"],
    });
  });

  it("suggests one from French headers too", async () => {
    const response = await preview(demo.pcsaMali, [csvPart("Matricule,Formation,Date de fin,Date d'expiration,Émetteur\n")]);
    expect(response.json().suggestedMapping).toEqual({ person: "Matricule", course: "Formation", completedOn: "Date de fin", expiresOn: "Date d'expiration", issuer: "Émetteur" });
  });

  it("refuses a mapping naming a column the file lacks, and one without the person, naming the mapping's field", async () => {
    const file = csvPart("Who,Course,Completed\n123,BSAFE,2020-01-01");
    const unknown = await importFile(demo.pcsaMali, [file, { name: "mapping", value: JSON.stringify({ person: "Staff", course: "Course", completedOn: "Completed" }) }]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues).toEqual([{ field: "mapping.person", message: 'Names the column "Staff", which the file does not have' }]);
    const unmapped = await importFile(demo.pcsaMali, [file]);
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json().issues).toEqual([{ field: "mapping.person", message: "Map a column to the person (index number or e-mail)" }]);
    const notJson = await importFile(demo.pcsaMali, [file, { name: "mapping", value: '{"person": "Who", "colour": "Course"}' }]);
    expect(notJson.json().issues).toEqual([{ field: "mapping", message: 'Unrecognized key: "colour"' }]);
  });

  it("refuses a request without a file, naming the file", async () => {
    const response = await importFile(demo.pcsaMali, [{ name: "mapping", value: "{}" }]);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].field).toBe("file");
  });
});

describe("importing a learning platform's export", () => {
  const tomorrow = addDays(todayIso(), 1);
  let file: string;

  beforeAll(() => {
    file = [
      "Index number,Course,Completion date,Expiry date,Issuer",
      `${wfpMali.index_number},BSAFE,15/01/2020,,UN learning platform`,
      `${(unicefMali.email as string).toUpperCase()},SSAFE (safe and secure approaches in field environments),2020-02-10,2023-03-31,UN learning platform`,
      `${demo.wardenBamako},sait-mli,2020-03-01,2022-03-01,`,
      "999999999,BSAFE,2020-01-15,,",
      `${wfpMali.index_number},First aid,2020-01-20,,`,
      `${wfpMali.index_number},BSAFE,31/02/2020,,`,
      `${haiti.index_number},BSAFE,2020-01-15,,`,
      `${wfpMali.index_number},ASIST,2020-01-15,,`,
      `${wfpMali.index_number},BSAFE,${tomorrow},,`,
      `${wfpMali.index_number},BSAFE,2020-01-15,,a second line of the same certificate`,
      `${wfpMali.index_number},BSAFE,2020-06-01,2019-01-01,`,
    ].join("\n");
  });

  it("stores the valid rows, counts the one repeated in the file, and names each refused row, column and problem", async () => {
    const response = await importFile(demo.pcsaMali, [csvPart(file)]);
    expect(response.statusCode, response.body).toBe(200);
    const outcome = response.json() as Outcome;
    expect({ ...outcome, errors: undefined }).toEqual({ inserted: 3, duplicates: 1, rejected: 7, errors: undefined });
    expect(outcome.errors).toEqual([
      { row: 5, field: "Index number", message: 'Person not found: "999999999"' },
      { row: 6, field: "Course", message: 'Unknown course "First aid": use its code (as BSAFE) or its name in English or French' },
      { row: 7, field: "Completion date", message: '"31/02/2020" is not a date: write it as 2025-03-31 (ISO, year first) or 31/03/2025 (day/month/year)' },
      // Outside the P/C/SA's scope: the same words as for no one at all.
      { row: 8, field: "Index number", message: `Person not found: "${haiti.index_number}"` },
      { row: 9, field: "Course", message: "The course ASIST is no longer offered: it takes no new certificates" },
      { row: 10, field: "Completion date", message: "Must not be in the future" },
      { row: 12, field: "Expiry date", message: "Must not be before the completion date" },
    ]);
  });

  it("stores them as the API would: computed expiry, an expiry the file changes kept with its reason, source import", async () => {
    expect(await certificatesOf(wfpMali.id)).toEqual([
      { code: "BSAFE", completed_on: "2020-01-15", expires_on: "2023-01-15", expiry_reason: null, issuer: "UN learning platform", source: "import" },
    ]);
    expect(await certificatesOf(unicefMali.id)).toEqual([
      { code: "SSAFE", completed_on: "2020-02-10", expires_on: "2023-03-31", expiry_reason: "Imported from the learning platform", issuer: "UN learning platform", source: "import" },
    ]);
    // Found by the account's e-mail; the expiry the file gives is the computed one: no override.
    expect(await certificatesOf(wardenPerson)).toContainEqual({ code: "SAIT-MLI", completed_on: "2020-03-01", expires_on: "2022-03-01", expiry_reason: null, issuer: null, source: "import" });
  });

  it("audits every certificate it created, with the file and row, keeping the chain valid", async () => {
    const entries = await t.database.query<{ actor_name: string; changes: Record<string, { to: unknown }> }>(
      "select actor_name, changes from audit_log where entity_type = 'training_certificate' and action = 'create' and changes ? 'importedFrom' order by seq",
    );
    expect(entries.map((entry) => entry.changes.importedFrom.to)).toEqual(["certificates.csv, row 2", "certificates.csv, row 3", "certificates.csv, row 4"]);
    expect(entries[0]).toMatchObject({ actor_name: "P/C/SA Mali", changes: { personId: { to: wfpMali.id }, completedOn: { to: "2020-01-15" }, source: { to: "import" } } });
    expect(await verifyAuditChain(t.database)).toMatchObject({ isValid: true });
  });

  it("adds nothing when the same file is imported again: the stored rows are duplicates, the same rows refused", async () => {
    const response = await importFile(demo.pcsaMali, [csvPart(file)]);
    expect(response.json()).toMatchObject({ inserted: 0, duplicates: 4, rejected: 7 });
    const [{ count }] = await t.database.query<{ count: number }>("select count(*)::int as count from training_certificates where source = 'import'");
    expect(count).toBe(3);
  });

  it("finds an organisation's focal point only their organisation's people, in French for a French reader", async () => {
    expect((await t.request(demo.sfpWfpMali, { method: "PATCH", url: "/api/auth/me", payload: { locale: "fr" } })).statusCode).toBe(200);
    const lines = ["Matricule;Formation;Date de fin", `${wfpMali.index_number};SAIT-MLI;03/04/2020`, `${unicefMali.index_number};BSAFE;03/04/2020`, `${wfpMali.index_number};BSAFE;2020-13-01`];
    const response = await importFile(demo.sfpWfpMali, [csvPart(lines.join("\n"), "export.csv")]);
    expect(response.json()).toEqual({
      inserted: 1,
      duplicates: 0,
      rejected: 2,
      errors: [
        { row: 3, field: "Matricule", message: `Personne introuvable\u00a0: «\u00a0${unicefMali.index_number}\u00a0»` },
        {
          row: 4,
          field: "Date de fin",
          message: "«\u00a02020-13-01\u00a0» n'est pas une date\u00a0: écrivez-la 2025-03-31 (ISO, l'année d'abord) ou 31/03/2025 (jour/mois/année)",
        },
      ],
    });
    // Day first: the 3rd of April.
    expect(await certificatesOf(wfpMali.id)).toContainEqual(expect.objectContaining({ code: "SAIT-MLI", completed_on: "2020-04-03" }));
  });
});

describe("importing XLSX", () => {
  it("reads the first sheet, date cells as days, errors by sheet row", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Completions");
    sheet.addRow(["Email", "Course code", "Completed on"]);
    sheet.addRow([unicefMali.email, "BSAFE", new Date(Date.UTC(2021, 4, 20))]);
    sheet.addRow([]);
    sheet.addRow([unicefMali.email, "BSAFE", "20/05/21"]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await importFile(demo.pcsaMali, [{ name: "file", fileName: "completions.xlsx", content, contentType: xlsxType }]);
    expect(response.json()).toMatchObject({ inserted: 1, rejected: 1, errors: [{ row: 4, field: "Completed on", message: expect.stringMatching(/^"20\/05\/21" is not a date/) }] });
    expect(await certificatesOf(unicefMali.id)).toContainEqual(expect.objectContaining({ code: "BSAFE", completed_on: "2021-05-20", expires_on: "2024-05-20" }));
  });
});

describe("a hostile file", () => {
  it("is held to the import limits: an 800,000-row workbook is refused with 413 naming the file", async () => {
    const bomb = workbookWithSheet(sheetOfRows(800_000));
    for (const send of [preview, importFile]) {
      const response = await send(demo.pcsaMali, [{ name: "file", fileName: "bomb.xlsx", content: bomb, contentType: xlsxType }]);
      expect(response.statusCode, response.body.slice(0, 300)).toBe(413);
      expect(response.json().issues).toEqual([{ field: "file", message: `has more than ${maxImportRows.toLocaleString("en-US")} rows: split it into smaller files` }]);
    }
  }, 120_000);

  it("stops at the column limit on a line of a million commas, and refuses an upload over 50 MB", async () => {
    const commas = await importFile(demo.pcsaMali, [csvPart(`a${",".repeat(1_000_000)}\n`)]);
    expect(commas.statusCode).toBe(413);
    expect(commas.json().issues).toEqual([{ field: "file", message: "uses column 101; at most 100 columns are read: remove the columns beyond" }]);
    const huge = await preview(demo.pcsaMali, [{ name: "file", fileName: "huge.csv", content: Buffer.alloc(50 * 1024 * 1024 + 1, "a"), contentType: "text/csv" }]);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().issues).toEqual([{ field: "file", message: "is larger than 50 MB: split it into smaller files" }]);
  }, 60_000);

  it("with NUL characters and cells too long to name anyone is refused row by row, not by the database", async () => {
    const lines = ["Index number,Course,Completion date,Issuer", `${wfpMali.index_number}\u0000,BSAFE,2020-01-01,`, `${"9".repeat(5000)},BSAFE,2020-01-01,`, `${wfpMali.index_number},BSAFE,2020-07-01,${"x".repeat(201)}`];
    const response = await importFile(demo.pcsaMali, [csvPart(lines.join("\n"))]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().errors).toEqual([
      { row: 2, field: "Index number", message: "Must not contain the NUL character" },
      { row: 3, field: "Index number", message: `Person not found: "${"9".repeat(80)}"` },
      { row: 4, field: "Issuer", message: "Must be at most 200 characters" },
    ]);
  });
});
