import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxImportRows } from "../../../core/import-limits.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * The personnel CSV import is held to the same limits as the incident import
 * (core/import-limits.ts) while it is parsed: a 413 naming `file` and the limit, before any row
 * is checked or stored.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const importCsv = (body: string) =>
  t.request(demo.pcsaMali, { method: "POST", url: "/api/personnel/import", payload: body, headers: { "content-type": "text/csv" } });

describe("personnel import limits", () => {
  it("refuses more than 100,000 rows with 413 naming the file, storing nothing", async () => {
    const [before] = await t.database.query<{ count: number }>("select count(*)::int as count from persons");
    const response = await importCsv(`given_name\n${"Ama\n".repeat(maxImportRows + 1)}`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(413);
    expect(response.json().issues).toEqual([{ field: "file", message: "has more than 100,000 rows: split it into smaller files" }]);
    const [after] = await t.database.query<{ count: number }>("select count(*)::int as count from persons");
    expect(after.count).toBe(before.count);
  });

  it("stops at the column limit on a line of a million commas", async () => {
    const response = await importCsv(`given_name${",".repeat(1_000_000)}\n`);
    expect(response.statusCode).toBe(413);
    expect(response.json().issues).toEqual([{ field: "file", message: "uses column 101; at most 100 columns are read: remove the columns beyond" }]);
  });
});
