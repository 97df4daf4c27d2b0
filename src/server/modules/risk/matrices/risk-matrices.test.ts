import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unSrmMatrix } from "../../../../core/risk/risk-matrices.data.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { type References, approvedAssessment, assessmentBody, call, demoReferences, scenarioBody } from "../assessments/srm-test-support.ts";

/**
 * The matrix library: administrators add and edit matrices; a version used by an approved
 * assessment is frozen, so editing it makes the next version and the assessment keeps its own.
 */
let t: TestApp;
let r: References;

type Matrix = { id: string; code: string; version: number; isDefault: boolean; inUse: boolean; frozen: boolean; createdVersion?: boolean; definition: typeof unSrmMatrix };
type MatrixList = { items: Matrix[] };

beforeAll(async () => {
  t = await startTestApp();
  r = await demoReferences(t);
});
afterAll(() => t.close());

const { version: _, ...shipped } = unSrmMatrix;
/** A 3 × 3 matrix of five levels, the shipped scales cut down. */
const small = {
  ...shipped,
  code: "test_3x3",
  name: { en: "Test 3 × 3", fr: "Essai 3 × 3" },
  likelihood: unSrmMatrix.likelihood.slice(0, 3),
  impact: unSrmMatrix.impact.slice(0, 3),
  levels: unSrmMatrix.levels.slice(0, 5),
  grid: [
    ["very_low", "low", "medium"],
    ["low", "medium", "high"],
    ["medium", "high", "high"],
  ],
};

describe("the matrix library", () => {
  it("lists the two shipped matrices, the UN SRM one as the default, to every signed-in user", async () => {
    const list = await call<MatrixList>(t, demo.staff, "GET", "/api/risk-matrices");
    expect(list.status).toBe(200);
    expect(list.body.items.map((item) => [item.code, item.version, item.isDefault])).toEqual([
      ["guide_2008_lxi", 1, false],
      ["un_srm_5x5", 1, true],
    ]);
    const detail = await call<Matrix>(t, demo.staff, "GET", `/api/risk-matrices/${list.body.items[1].id}`);
    expect(detail.body.definition).toEqual(unSrmMatrix);
    expect((await call(t, demo.staff, "GET", "/api/risk-matrices/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("is kept by the system administrator only", async () => {
    expect((await call(t, demo.doMali, "POST", "/api/risk-matrices", small)).status).toBe(403);
    expect((await call(t, demo.pcsaMali, "PUT", `/api/risk-matrices/00000000-0000-4000-8000-000000000000`, small)).status).toBe(403);
  });

  it("refuses unsound grids, naming the field at fault", async () => {
    const cases: [string, object, number, string[]][] = [
      ["a cell lower than the one below it", { grid: [small.grid[0], ["low", "very_low", "high"], small.grid[2]] }, 422, ["grid.1.1", "grid.1.1"]],
      ["an unknown level", { grid: [small.grid[0], small.grid[1], ["medium", "high", "extreme"]] }, 422, ["grid.2.2"]],
      ["a missing row", { grid: small.grid.slice(0, 2) }, 422, ["grid"]],
      ["a short row", { grid: [small.grid[0], small.grid[1].slice(0, 2), small.grid[2]] }, 422, ["grid.1"]],
      ["steps out of order", { impact: [small.impact[0], small.impact[2], small.impact[1]] }, 422, ["impact.1.value", "impact.2.value"]],
      ["a treatment grid of the wrong shape", { strategies: [[["accept"]]] }, 422, ["strategies"]],
      ["a colour that is not one", { levels: [{ ...small.levels[0], colour: "green" }, ...small.levels.slice(1)] }, 400, ["levels.0.colour"]],
      ["an unknown strategy", { strategies: [[["ignore"]]] }, 400, ["strategies.0.0.0"]],
      ["a single-step scale", { likelihood: small.likelihood.slice(0, 1) }, 400, ["likelihood"]],
    ];
    for (const [name, change, status, fields] of cases) {
      const response = await call(t, demo.admin, "POST", "/api/risk-matrices", { ...small, ...change });
      expect({ name, status: response.status, fields: response.fields }).toEqual({ name, status, fields });
    }
  });

  it("adds a matrix as version 1 of a new code, and refuses the same code again", async () => {
    const created = await call<Matrix>(t, demo.admin, "POST", "/api/risk-matrices", small);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "test_3x3", version: 1, isDefault: false, inUse: false, frozen: false });
    expect(created.body.definition).toMatchObject({ code: "test_3x3", version: 1, grid: small.grid });
    const again = await call(t, demo.admin, "POST", "/api/risk-matrices", small);
    expect([again.status, again.fields]).toEqual([409, ["code"]]);
  });
});

describe("editing a matrix", () => {
  const editable = { ...small, code: "test_edit" };
  let matrix: Matrix;

  beforeAll(async () => {
    matrix = (await call<Matrix>(t, demo.admin, "POST", "/api/risk-matrices", editable)).body;
  });

  it("changes an unused version in place", async () => {
    const edited = await call<Matrix>(t, demo.admin, "PUT", `/api/risk-matrices/${matrix.id}`, { ...small, code: undefined, name: { en: "Edited", fr: "Modifiée" } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: matrix.id, version: 1, createdVersion: false, name: { en: "Edited", fr: "Modifiée" } });
    const renamed = await call(t, demo.admin, "PUT", `/api/risk-matrices/${matrix.id}`, { ...editable, code: "other_code" });
    expect([renamed.status, renamed.fields]).toEqual([422, ["code"]]);
  });

  it("changes a version used by drafts in place, keeping their scenarios on the scales", async () => {
    const draft = await call(t, demo.pcsaMali, "POST", "/api/srm-assessments", assessmentBody(r.mali, { matrixId: matrix.id }));
    expect(draft.body.matrix).toMatchObject({ id: matrix.id, code: "test_edit" });
    const scenario = await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${draft.body.id}/scenarios`, scenarioBody({ inherentLikelihood: 3, inherentImpact: 3, residualLikelihood: 2, residualImpact: 2 }));
    expect(scenario.body.scenarios[0].inherent.level.code).toBe("high");
    const listed = (await call<MatrixList>(t, demo.admin, "GET", "/api/risk-matrices")).body.items.find((item) => item.id === matrix.id);
    expect(listed).toMatchObject({ inUse: true, frozen: false });

    const shrunk = await call(t, demo.admin, "PUT", `/api/risk-matrices/${matrix.id}`, {
      ...editable,
      likelihood: small.likelihood.slice(0, 2),
      grid: small.grid.slice(0, 2),
    });
    expect([shrunk.status, shrunk.fields]).toEqual([422, ["likelihood"]]);
    const regraded = await call<Matrix>(t, demo.admin, "PUT", `/api/risk-matrices/${matrix.id}`, { ...editable, grid: [small.grid[0], small.grid[1], ["medium", "high", "very_high"]] });
    expect([regraded.status, regraded.body.createdVersion, regraded.body.id]).toEqual([200, false, matrix.id]);
    const after = await call(t, demo.pcsaMali, "GET", `/api/srm-assessments/${draft.body.id}`);
    expect(after.body.scenarios[0].inherent.level.code).toBe("very_high");
  });

  it("makes version 2 when the version is used by an approved assessment, which keeps version 1", async () => {
    const onScale = { inherentLikelihood: 3, inherentImpact: 3, residualLikelihood: 2, residualImpact: 2 };
    const approved = await approvedAssessment(t, r.mali, { matrixId: matrix.id, title: "On the frozen matrix" }, onScale);
    const listed = (await call<MatrixList>(t, demo.admin, "GET", "/api/risk-matrices")).body.items.find((item) => item.id === matrix.id);
    expect(listed).toMatchObject({ inUse: true, frozen: true });

    const edited = await call<Matrix>(t, demo.admin, "PUT", `/api/risk-matrices/${matrix.id}`, { ...editable, grid: [small.grid[0], small.grid[1], ["high", "high", "very_high"]] });
    expect(edited.status).toBe(201);
    expect(edited.body).toMatchObject({ code: "test_edit", version: 2, createdVersion: true, inUse: false, frozen: false });
    expect(edited.body.id).not.toBe(matrix.id);
    expect(edited.body.definition.grid[2]).toEqual(["high", "high", "very_high"]);

    const kept = await call<Matrix>(t, demo.admin, "GET", `/api/risk-matrices/${matrix.id}`);
    expect(kept.body.definition.grid[2]).toEqual(["medium", "high", "very_high"]);
    const assessment = await call(t, demo.pcsaMali, "GET", `/api/srm-assessments/${approved.id}`);
    expect(assessment.body.matrix).toMatchObject({ id: matrix.id, version: 1 });
    const again = await call<Matrix>(t, demo.admin, "PUT", `/api/risk-matrices/${matrix.id}`, editable);
    expect([again.status, again.body.version]).toEqual([201, 3]);
    const audit = await t.database.query<{ action: string }>("select action from audit_log where entity_type = 'risk_matrix' and entity_id = $1 order by seq", [edited.body.id]);
    expect(audit.map((row) => row.action)).toEqual(["create"]);
  });
});

describe("the default matrix", () => {
  it("is the one new assessments start with, one at a time", async () => {
    const list = (await call<MatrixList>(t, demo.admin, "GET", "/api/risk-matrices")).body.items;
    const guide = list.find((item) => item.code === "guide_2008_lxi") as Matrix;
    const chosen = await call<Matrix>(t, demo.admin, "POST", `/api/risk-matrices/${guide.id}/default`);
    expect([chosen.status, chosen.body.isDefault]).toEqual([200, true]);
    const after = (await call<MatrixList>(t, demo.admin, "GET", "/api/risk-matrices")).body.items;
    expect(after.filter((item) => item.isDefault).map((item) => item.code)).toEqual(["guide_2008_lxi"]);
    const created = await call(t, demo.pcsaMali, "POST", "/api/srm-assessments", assessmentBody(r.mali));
    expect(created.body.matrix).toMatchObject({ id: guide.id, code: "guide_2008_lxi" });
    expect((await call(t, demo.doMali, "POST", `/api/risk-matrices/${guide.id}/default`)).status).toBe(403);
  });

  it("passes to the new version when the frozen default is edited", async () => {
    const list = (await call<MatrixList>(t, demo.admin, "GET", "/api/risk-matrices")).body.items;
    const guide = list.find((item) => item.code === "guide_2008_lxi") as Matrix;
    await approvedAssessment(t, r.mali, { title: "On the 2008 matrix", matrixId: guide.id });
    const detail = (await call<Matrix>(t, demo.admin, "GET", `/api/risk-matrices/${guide.id}`)).body;
    const { code: __, version: ___, ...definition } = detail.definition;
    const edited = await call<Matrix>(t, demo.admin, "PUT", `/api/risk-matrices/${guide.id}`, { ...definition, name: { en: "2008 guide, revised", fr: "Guide de 2008, révisé" } });
    expect([edited.status, edited.body.version, edited.body.isDefault]).toEqual([201, 2, true]);
    const defaults = (await call<MatrixList>(t, demo.admin, "GET", "/api/risk-matrices")).body.items.filter((item) => item.isDefault);
    expect(defaults.map((item) => [item.code, item.version])).toEqual([["guide_2008_lxi", 2]]);
  });
});
