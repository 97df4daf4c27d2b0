import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/test-database.ts";
import { loadResponsibilityRegister } from "./responsibilities.service.ts";

/**
 * The register is loaded at every start (cli/database.command.ts): rewritten only when the
 * shipped data differ from the stored rows, and then restored whole.
 */
let database: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

describe("loading the responsibility register", () => {
  it("leaves the stored rows untouched when they hold this version's data", async () => {
    await loadResponsibilityRegister(database);
    const before = await database.query<{ id: string; xmin: string }>("select id, xmin::text from responsibilities order by id");
    expect(before.length).toBeGreaterThan(100);
    await loadResponsibilityRegister(database);
    expect(await database.query("select id, xmin::text from responsibilities order by id")).toEqual(before);
  });

  it("restores the shipped data when a stored row differs or is missing", async () => {
    const [first, second] = await database.query<{ id: string; text: string }>("select id, text from responsibilities order by id limit 2");
    await database.query("update responsibilities set text = 'edited behind the register' where id = $1", [first.id]);
    await database.query("delete from responsibilities where id = $1", [second.id]);
    const count = await loadResponsibilityRegister(database);
    const rows = await database.query<{ id: string; text: string }>("select id, text from responsibilities order by id limit 2");
    expect(rows).toEqual([first, second]);
    expect((await database.query<{ n: number }>("select count(*)::int as n from responsibilities"))[0].n).toBe(count);
  });
});
