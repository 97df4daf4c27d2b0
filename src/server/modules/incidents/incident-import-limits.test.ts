import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxImportRows, maxImportUnpackedBytes, maxImportZipEntries } from "../../../core/import-limits.ts";
import { CommandError, importIncidentsCommand } from "../../cli/incidents.command.ts";
import { zipChunks } from "../../platform/files/zip-write.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { paddedSheet, sheetOfRows, wideSheet, withDeclaredSize, workbookWithSheet } from "./incident-import.testing.ts";

/**
 * The import limits (core/import-limits.ts) against hostile files: an 800,000-row workbook of a
 * few megabytes once exhausted the heap and killed the server. Each is refused with a 413 (or a
 * 400 for a forged archive) naming `file`, and the heap stays flat while it is refused.
 */
let t: TestApp;
let directory: string;
const boundary = "----vigil-import-limits";
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function multipart(fileName: string, content: Buffer, contentType: string) {
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const preview = (fileName: string, content: Buffer, contentType = xlsxType) =>
  t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents/imports/preview", ...multipart(fileName, content, contentType) });

/** Heap growth while `action` runs: a bound far below what parsing the file whole takes (hundreds of MB), far above noise. */
async function heapGrowth<T>(action: () => Promise<T>): Promise<{ result: T; megabytes: number }> {
  const before = process.memoryUsage().heapUsed;
  const result = await action();
  return { result, megabytes: (process.memoryUsage().heapUsed - before) / 1024 / 1024 };
}

const heapBoundMegabytes = 150;

beforeAll(async () => {
  t = await startTestApp();
  directory = await mkdtemp(path.join(tmpdir(), "vigil-import-limits-"));
});
afterAll(async () => {
  await t.close();
  await rm(directory, { recursive: true, force: true });
});

describe("an XLSX past the limits", () => {
  it("refuses an 800,000-row workbook with 413 naming the file and the row limit, without the heap growing", async () => {
    const bomb = workbookWithSheet(sheetOfRows(800_000));
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    const { result: response, megabytes } = await heapGrowth(() => preview("bomb.xlsx", bomb));
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json().issues).toEqual([{ field: "file", message: `has more than ${maxImportRows.toLocaleString("en-US")} rows: split it into smaller files` }]);
    expect(megabytes).toBeLessThan(heapBoundMegabytes);
  }, 60_000);

  it("refuses a workbook whose directory declares more than the unpacked limit, before inflating it", async () => {
    const declared = withDeclaredSize(workbookWithSheet(paddedSheet(1000)), "xl/worksheets/sheet1.xml", maxImportUnpackedBytes + 1);
    const response = await preview("big.xlsx", declared);
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json().issues).toEqual([{ field: "file", message: "unpacks to more than 200 MB: split it into smaller files" }]);
  });

  it("stops inflating at the size the directory declares when the directory understates it", async () => {
    // 50 MB of sheet declared as 1,000 bytes: the directory passes, the inflation must not.
    const forged = withDeclaredSize(workbookWithSheet(paddedSheet(50 * 1024 * 1024)), "xl/worksheets/sheet1.xml", 1000);
    const { result: response, megabytes } = await heapGrowth(() => preview("forged.xlsx", forged));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().issues[0]).toEqual({
      field: "file",
      message: "is not a readable XLSX workbook: the entry xl/worksheets/sheet1.xml unpacks to more than the 1000 bytes its directory declares",
    });
    expect(megabytes).toBeLessThan(heapBoundMegabytes);
  }, 30_000);

  it("refuses a row of more than 100 columns, and a zip of more parts than a workbook has", async () => {
    const wide = await preview("wide.xlsx", workbookWithSheet(wideSheet(101)));
    expect(wide.statusCode, wide.body).toBe(413);
    expect(wide.json().issues).toEqual([{ field: "file", message: "uses column 101; at most 100 columns are read: remove the columns beyond" }]);
    const parts = Array.from({ length: maxImportZipEntries + 1 }, (_, index) => ({ name: `part${index}.xml`, content: Buffer.from("<x/>") }));
    const crowded = await preview("crowded.xlsx", Buffer.concat(zipChunks(parts)));
    expect(crowded.statusCode, crowded.body).toBe(413);
    expect(crowded.json().issues[0]).toMatchObject({ field: "file", message: expect.stringMatching(/holds more than 10,000 parts/) });
  });

  it("still reads a workbook within the limits through the streaming reader", async () => {
    const response = await preview("fine.xlsx", workbookWithSheet(sheetOfRows(3)));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ format: "xlsx", columns: ["duty_station"], rowCount: 3, sampleRows: [{ row: 2, cells: ["1"] }, { row: 3 }, { row: 4 }] });
  });
});

describe("a CSV past the limits", () => {
  const csvOfRows = (rows: number) => Buffer.from(`duty_station\n${"Bamako\n".repeat(rows)}`);

  it("reads 100,000 data rows and refuses 100,001 with 413 naming the row limit", async () => {
    const atLimit = await preview("limit.csv", csvOfRows(maxImportRows), "text/csv");
    expect(atLimit.statusCode, atLimit.body.slice(0, 300)).toBe(200);
    expect(atLimit.json().rowCount).toBe(maxImportRows);
    const over = await preview("over.csv", csvOfRows(maxImportRows + 1), "text/csv");
    expect(over.statusCode).toBe(413);
    expect(over.json().issues).toEqual([{ field: "file", message: "has more than 100,000 rows: split it into smaller files" }]);
  }, 60_000);

  it("stops at the column limit on a line of a million commas, without the heap growing", async () => {
    const { result: response, megabytes } = await heapGrowth(() => preview("commas.csv", Buffer.from(`a${",".repeat(1_000_000)}\n`), "text/csv"));
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json().issues).toEqual([{ field: "file", message: "uses column 101; at most 100 columns are read: remove the columns beyond" }]);
    expect(megabytes).toBeLessThan(heapBoundMegabytes);
  });

  it("refuses an upload over 50 MB with 413 naming the file", async () => {
    const response = await preview("huge.csv", Buffer.alloc(50 * 1024 * 1024 + 1, "a"), "text/csv");
    expect(response.statusCode).toBe(413);
    expect(response.json().issues).toEqual([{ field: "file", message: "is larger than 50 MB: split it into smaller files" }]);
  }, 60_000);
});

describe("vigil import incidents", () => {
  it("refuses the 800,000-row workbook with the same limit (exit code 2)", async () => {
    const file = path.join(directory, "bomb.xlsx");
    await writeFile(file, workbookWithSheet(sheetOfRows(800_000)));
    const failure = await importIncidentsCommand(t.database, file, { user: demo.pcsaMali }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandError);
    expect(failure).toMatchObject({ exitCode: 2, message: "file: has more than 100,000 rows: split it into smaller files" });
  }, 60_000);

  it("does not read a file over 50 MB at all", async () => {
    const file = path.join(directory, "huge.csv");
    await writeFile(file, "");
    // A sparse file: its size says 60 MB without 60 MB written.
    await truncate(file, 60 * 1024 * 1024);
    const failure = await importIncidentsCommand(t.database, file, { user: demo.pcsaMali }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ exitCode: 2, message: `${file} is larger than 50 MB: split it into smaller files` });
  });
});
