import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guide2008Matrix, unSrmMatrix } from "../../../../core/risk/risk-matrices.data.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { call } from "../assessments/srm-test-support.ts";

/**
 * Issue 11, item 16: the API refuses the unsound matrices the soundness check used to accept,
 * with a 422 naming each field, in the administrator's language; "accept" at the highest level
 * stands only with a justification.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Refusal = { error: string; issues: { field: string; message: string }[] };
const { version: _, ...unSrm } = unSrmMatrix;
const { version: __, ...guide } = guide2008Matrix;
const withLevel = (index: number, change: object) => unSrm.levels.map((level, at) => (at === index ? { ...level, ...change } : level));

describe("unsound risk matrices, through the API", () => {
  it("refuses two levels with the same rank (a)", async () => {
    const response = await call<Refusal>(t, demo.admin, "POST", "/api/risk-matrices", { ...unSrm, code: "same_rank", levels: withLevel(3, { rank: 2 }) });
    expect([response.status, response.body.error, response.fields]).toEqual([422, "rule_violation", ["levels.3.rank"]]);
  });

  it("refuses a grid that steps down between two levels of the same rank (b)", async () => {
    // "medium" and "high" share rank 2; a "medium" right of a "high" is a step down all the same.
    const grid = unSrm.grid.map((row) => [...row]);
    grid[3][2] = "high";
    grid[3][3] = "medium";
    const response = await call(t, demo.admin, "POST", "/api/risk-matrices", { ...unSrm, code: "tied_grid", levels: withLevel(3, { rank: 2 }), grid });
    expect([response.status, response.fields]).toEqual([422, ["levels.3.rank", "grid.3.3", "grid.3.3"]]);
  });

  it("refuses acceptability that eases as the rank rises (c)", async () => {
    const response = await call(t, demo.admin, "POST", "/api/risk-matrices", { ...unSrm, code: "easing", levels: withLevel(1, { acceptability: "high" }) });
    expect([response.status, response.fields]).toEqual([422, ["levels.2.acceptability"]]);
  });

  it("refuses a grid where every cell is the same level (d)", async () => {
    const grid = unSrm.grid.map((row) => row.map(() => "medium"));
    const response = await call(t, demo.admin, "POST", "/api/risk-matrices", { ...unSrm, code: "flat", grid });
    expect([response.status, response.fields]).toEqual([422, ["grid"]]);
  });

  it("accepts 'accept' at the highest level only with a justification, which it keeps (e)", async () => {
    const strategies = (guide.strategies ?? []).map((row, l) => row.map((cell, i) => (l === 4 && i === 4 ? ["avoid", "accept"] : cell)));
    const refused = await call(t, demo.admin, "POST", "/api/risk-matrices", { ...guide, code: "accept_top", strategies, justification: "  " });
    expect([refused.status, refused.fields]).toEqual([422, ["justification"]]);
    const justification = "Insured premises with no staff on site: the residual loss is accepted by the DO.";
    const created = await call<{ definition: { justification?: string } }>(t, demo.admin, "POST", "/api/risk-matrices", { ...guide, code: "accept_top", strategies, justification });
    expect([created.status, created.body.definition.justification]).toEqual([201, justification]);
  });

  it("writes the messages in the administrator's language", async () => {
    await t.database.query("update users set locale = 'fr' where email = $1", [demo.admin]);
    try {
      const response = await call<Refusal>(t, demo.admin, "POST", "/api/risk-matrices", { ...unSrm, code: "same_rank_fr", levels: withLevel(3, { rank: 2 }) });
      expect(response.status).toBe(422);
      expect(response.body.issues[0].message).toMatch(/^Le niveau « high » a le rang 2/);
    } finally {
      await t.database.query("update users set locale = 'en' where email = $1", [demo.admin]);
    }
  });

  it("still accepts both shipped matrices as new codes", async () => {
    for (const [code, matrix] of [["copy_un", unSrm], ["copy_guide", guide]] as const) {
      expect((await call(t, demo.admin, "POST", "/api/risk-matrices", { ...matrix, code })).status).toBe(201);
    }
  });
});
