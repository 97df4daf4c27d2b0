import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Issue 12 §3.8: exports for people open well in a spreadsheet — a byte-order mark on CSV,
 * readable headers in the reader's language, real dates, a frozen header, a filter and widths
 * in XLSX — and the codes stay available for machines; an export in French reads back.
 */
let t: TestApp;
const get = (email: string, query: string) => t.request(email, { method: "GET", url: `/api/incidents/export?${query}` });

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("CSV for people and for machines", () => {
  it("starts a CSV with readable headers with a UTF-8 byte-order mark, in French with lang=fr", async () => {
    const english = await get(demo.analyst, "format=csv");
    expect([...english.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [englishHeader] = parse(english.body, { bom: true }) as string[][];
    expect(englishHeader.slice(0, 4)).toEqual(["ID", "Occurred at (UTC)", "Local date and time", "Time zone"]);
    const [frenchHeader] = parse((await get(demo.analyst, "format=csv&lang=fr")).body, { bom: true }) as string[][];
    expect(frenchHeader).toEqual(expect.arrayContaining(["Identifiant", "Date et heure (UTC)", "Lieu d'affectation", "Concerne l'ONU", "Catégorie", "Tué", "Zone désignée"]));
  });

  it("keeps the column codes, without byte-order mark, for machines (headers=codes, or the HXL choice)", async () => {
    for (const query of ["format=csv&headers=codes&lang=fr", "format=csv&hxl=true&lang=fr"]) {
      const response = await get(demo.analyst, query);
      expect(response.rawPayload[0]).toBe("i".charCodeAt(0));
      expect((parse(response.body) as string[][])[0].slice(0, 3)).toEqual(["id", "occurred_at_utc", "occurred_at_local"]);
    }
    expect((await get(demo.analyst, "format=csv&headers=labels")).json().message).toContain("headers");
  });
});

describe("XLSX for people", () => {
  it("has real dates with a date format, a frozen bold header, an autofilter, column widths and French headers", async () => {
    const response = await get(demo.analyst, "format=xlsx&lang=fr");
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(JSON.stringify(sheet.autoFilter)).toMatch(/A1/);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(["Identifiant", "Date et heure (UTC)", "Date et heure locales"]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBeGreaterThan(30);
    const local = sheet.getRow(2).getCell(3);
    expect(local.type).toBe(ExcelJS.ValueType.Date);
    expect(local.numFmt).toBe("yyyy-mm-dd hh:mm");
    // The date shown is the incident's local wall-clock time, the same as the CSV's text.
    const [, first] = parse((await get(demo.analyst, "format=csv&headers=codes")).body) as string[][];
    expect((local.value as Date).toISOString().slice(0, 19).replace("T", " ")).toBe(first[2]);
    expect(sheet.getRow(2).getCell(2).value).toBe(first[1]);
  });

  it("freezes both rows and filters on the hashtag row in the HXL workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await get(demo.analyst, "format=xlsx&hxl=true")).rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect((sheet.getRow(2).values as unknown[])[1]).toBe("#meta+id");
  });
});

describe("an export with French headers imported back", () => {
  it("maps every column the import needs from the French headers, and finds each incident already there", async () => {
    const csv = (await get(demo.pcsaMali, "format=csv&lang=fr")).body;
    const rows = (parse(csv, { bom: true }) as string[][]).length - 1;
    const boundary = "----vigil-export-fr";
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="export.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from(csv),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents/imports", payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
    expect(response.json()).toMatchObject({ inserted: 0, duplicates: rows, rejected: 0, errors: [] });
  });
});
