import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { type Assessment, type References, addDrcDoLogin, assessmentBody, call, deskMali, demoReferences, doDrc, scenarioBody } from "./srm-test-support.ts";

/**
 * The life of an SRM assessment through the API, on a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): draft → content → review → approval by the area's DO → immutable → new
 * version → diff → approval of version 2, which supersedes version 1.
 */
let t: TestApp;
let r: References;

beforeAll(async () => {
  t = await startTestApp();
  r = await demoReferences(t);
  await addDrcDoLogin(t, r.drc);
});
afterAll(() => t.close());

describe("an SRM assessment from draft to its second approved version", () => {
  let v1: Assessment;
  let v2: Assessment;
  let scenarioKey: string;

  it("starts as a draft of version 1 on the default matrix, authored by the caller", async () => {
    const created = await call(t, demo.pcsaMali, "POST", "/api/srm-assessments", assessmentBody(r.mali, { title: "SRM Mali 2026" }));
    expect(created.status).toBe(201);
    v1 = created.body;
    expect(v1).toMatchObject({ version: 1, lineageId: v1.id, status: "draft", matrix: { code: "un_srm_5x5", version: 1 }, approval: null });
    expect(created.body).toMatchObject({ placeName: "Mali", authorName: "P/C/SA Mali" });
    expect(v1.threats.map((threat) => [threat.category, threat.id, threat.intent])).toEqual([
      ["armed_conflict", null, null],
      ["terrorism", null, null],
      ["crime", null, null],
      ["civil_unrest", null, null],
      ["hazards", null, null],
    ]);
    expect(v1.actions).toEqual(["update", "submit", "delete"]);
  });

  it("records the activities per organisation, keeping the key of an item sent back with it", async () => {
    const first = await call(t, demo.pcsaMali, "PUT", `/api/srm-assessments/${v1.id}/activities`, {
      items: [
        { organisationId: r.wfp, name: "Food distribution in Mopti" },
        { organisationId: r.unicef, name: "Vaccination campaign", description: "Polio, second round" },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body.activities.map((activity) => [activity.organisationCode, activity.name])).toEqual([
      ["WFP", "Food distribution in Mopti"],
      ["UNICEF", "Vaccination campaign"],
    ]);
    const [food, vaccination] = first.body.activities;
    const again = await call(t, demo.pcsaMali, "PUT", `/api/srm-assessments/${v1.id}/activities`, {
      items: [
        { key: vaccination.key, organisationId: r.unicef, name: "Vaccination campaign", description: "Polio and measles" },
        { key: food.key, organisationId: r.wfp, name: "Food distribution in Mopti" },
      ],
    });
    expect(again.body.activities.map((activity) => [activity.key, activity.description])).toEqual([
      [vaccination.key, "Polio and measles"],
      [food.key, ""],
    ]);
    v1 = again.body;
  });

  it("records the threat assessment per category", async () => {
    const response = await call(t, demo.pcsaMali, "PUT", `/api/srm-assessments/${v1.id}/threats`, {
      items: [
        { category: "armed_conflict", intent: 4, capability: 4, inhibitingContext: 2, narrative: "Armed groups active on the main roads." },
        { category: "hazards", capability: 3, narrative: "Seasonal floods." },
      ],
    });
    expect(response.status).toBe(200);
    const byCategory = Object.fromEntries(response.body.threats.map((threat) => [threat.category, threat]));
    expect(byCategory.armed_conflict).toMatchObject({ intent: 4, narrative: "Armed groups active on the main roads." });
    expect(byCategory.hazards).toMatchObject({ intent: null, narrative: "Seasonal floods." });
    expect(byCategory.crime.id).toBeNull();
  });

  it("adds a scenario with inherent and residual risk read from the matrix", async () => {
    const response = await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${v1.id}/scenarios`, scenarioBody({ activityKeys: [v1.activities[1].key] }));
    expect(response.status).toBe(201);
    const [scenario] = response.body.scenarios;
    scenarioKey = scenario.key;
    // Likely × Severe is High; Moderately likely × Moderate is Medium (DOMAIN.md §2).
    expect(scenario.inherent.level.code).toBe("high");
    expect(scenario.residual.level.code).toBe("medium");
    expect(scenario.activityKeys).toEqual([v1.activities[1].key]);
  });

  it("is submitted for review, after which its header can no longer be edited", async () => {
    const submitted = await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${v1.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("in_review");
    expect((await call(t, demo.pcsaMali, "PATCH", `/api/srm-assessments/${v1.id}`, { title: "Changed" })).status).toBe(409);
    expect((await call(t, demo.doMali, "GET", `/api/srm-assessments/${v1.id}`)).body.actions).toEqual(["approve", "return_for_revision"]);
  });

  it("is approved by the area's DO only: not the P/C/SA or an ASC (403), not another area's DO (404)", async () => {
    const body = { smtConsultedOn: todayIso(), conditions: "Review the road scenarios after the rainy season." };
    expect((await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${v1.id}/approve`, body)).status).toBe(403);
    expect((await call(t, demo.ascMopti, "POST", `/api/srm-assessments/${v1.id}/approve`, body)).status).toBe(403);
    expect((await call(t, doDrc, "POST", `/api/srm-assessments/${v1.id}/approve`, body)).status).toBe(404);
    const future = await call(t, demo.doMali, "POST", `/api/srm-assessments/${v1.id}/approve`, { smtConsultedOn: addDays(todayIso(), 1) });
    expect([future.status, future.fields]).toEqual([422, ["smtConsultedOn"]]);
    const missing = await call(t, demo.doMali, "POST", `/api/srm-assessments/${v1.id}/approve`, {});
    expect([missing.status, missing.fields]).toEqual([400, ["smtConsultedOn"]]);

    const approved = await call(t, demo.doMali, "POST", `/api/srm-assessments/${v1.id}/approve`, body);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("approved");
    expect(approved.body.approval).toMatchObject({ byName: "DO Mali", smtConsultedOn: todayIso(), conditions: body.conditions });
    // The approval's answer adds what became of earlier acceptances (none: this is version 1).
    const { acceptanceCarryOver, ...assessment } = approved.body as Assessment & { acceptanceCarryOver: unknown };
    expect(acceptanceCarryOver).toBe(null);
    v1 = assessment;
  });

  it("refuses every write on the approved version with 409", async () => {
    const scenarioId = v1.scenarios[0].id;
    const writes: [string, "POST" | "PATCH" | "PUT" | "DELETE", string, unknown?][] = [
      [demo.pcsaMali, "PATCH", `/api/srm-assessments/${v1.id}`, { title: "Changed" }],
      [demo.pcsaMali, "PUT", `/api/srm-assessments/${v1.id}/activities`, { items: [] }],
      [demo.pcsaMali, "PUT", `/api/srm-assessments/${v1.id}/threats`, { items: [] }],
      [demo.pcsaMali, "POST", `/api/srm-assessments/${v1.id}/scenarios`, scenarioBody()],
      [demo.pcsaMali, "PATCH", `/api/srm-scenarios/${scenarioId}`, { residualLikelihood: 2 }],
      [demo.pcsaMali, "DELETE", `/api/srm-scenarios/${scenarioId}`],
      [demo.pcsaMali, "POST", `/api/srm-assessments/${v1.id}/submit`],
      [demo.pcsaMali, "POST", `/api/srm-assessments/${v1.id}/return`],
      [demo.pcsaMali, "DELETE", `/api/srm-assessments/${v1.id}`],
      [demo.doMali, "POST", `/api/srm-assessments/${v1.id}/approve`, { smtConsultedOn: todayIso() }],
    ];
    for (const [email, method, url, payload] of writes) {
      const response = await call(t, email, method, url, payload);
      expect([method, url, response.status]).toEqual([method, url, 409]);
    }
    const unchanged = (await call(t, demo.pcsaMali, "GET", `/api/srm-assessments/${v1.id}`)).body;
    expect({ ...unchanged, actions: [] }).toEqual({ ...v1, actions: [] });
  });

  it("is changed through a new version: a draft copy whose items keep their keys", async () => {
    const created = await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${v1.id}/versions`);
    expect(created.status).toBe(201);
    v2 = created.body;
    expect(v2).toMatchObject({ version: 2, lineageId: v1.id, status: "draft", approval: null, matrix: v1.matrix });
    expect(v2.activities.map((activity) => activity.key)).toEqual(v1.activities.map((activity) => activity.key));
    expect(v2.scenarios.map((scenario) => [scenario.key, scenario.activityKeys])).toEqual(v1.scenarios.map((scenario) => [scenario.key, scenario.activityKeys]));
    expect(v2.threats).toEqual(v1.threats.map((threat) => ({ ...threat, id: v2.threats.find((copy) => copy.category === threat.category)?.id ?? null })));
    expect(v2.versions.map((version) => [version.version, version.status])).toEqual([
      [1, "approved"],
      [2, "draft"],
    ]);
    const twice = await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${v1.id}/versions`);
    expect([twice.status, twice.fields]).toEqual([409, ["version"]]);
    expect((await call(t, demo.pcsaMali, "GET", `/api/srm-assessments/${v1.id}`)).body.actions).toEqual([]);
  });

  it("shows exactly the edited field in the diff between the versions", async () => {
    const scenario = v2.scenarios[0];
    const edited = await call(t, demo.pcsaMali, "PATCH", `/api/srm-scenarios/${scenario.id}`, { residualLikelihood: 2 });
    expect(edited.status).toBe(200);
    expect(edited.body.scenarios[0].residual.level.code).toBe("low");
    const diff = await call<Record<string, unknown>>(t, demo.pcsaMali, "GET", `/api/srm-assessments/${v2.id}/diff?against=${v1.id}`);
    expect(diff.status).toBe(200);
    const none = { added: [], removed: [], changed: [] };
    expect(diff.body).toMatchObject({
      from: { id: v1.id, version: 1, status: "approved" },
      to: { id: v2.id, version: 2, status: "draft" },
      // The new version proposes its own next review (a year ahead) instead of copying version 1's.
      header: [{ field: "reviewDueOn", from: v1.reviewDueOn, to: v2.reviewDueOn }],
      activities: none,
      threats: none,
      scenarios: { ...none, changed: [{ key: scenarioKey, title: scenario.title, changes: [{ field: "residualLikelihood", from: 3, to: 2 }] }] },
    });
    expect(diff.body.activityNames).toEqual(Object.fromEntries(v1.activities.map((activity) => [activity.key, activity.name])));
  });

  it("lists the newest version of each assessment, or every version on request", async () => {
    const newest = await call<{ items: { id: string; version: number }[]; total: number }>(t, demo.doMali, "GET", `/api/srm-assessments?placeId=${r.mali}&q=SRM%20Mali%202026`);
    expect([newest.body.items.map((item) => item.id), newest.body.total]).toEqual([[v2.id], 1]);
    const every = await call<{ items: { id: string; version: number; highestResidualLevel: { code: string } | null }[] }>(
      t,
      demo.doMali,
      "GET",
      `/api/srm-assessments?q=SRM%20Mali%202026&allVersions=true&order=asc`,
    );
    expect(every.body.items.map((item) => [item.version, item.highestResidualLevel?.code])).toEqual([
      [1, "medium"],
      [2, "low"],
    ]);
    const approved = await call<{ items: { id: string }[] }>(t, demo.doMali, "GET", "/api/srm-assessments?status=approved&q=SRM%20Mali%202026");
    expect(approved.body.items.map((item) => item.id)).toEqual([v1.id]);
  });

  it("supersedes version 1 when version 2 is approved", async () => {
    expect((await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${v2.id}/submit`)).status).toBe(200);
    const approved = await call(t, demo.doMali, "POST", `/api/srm-assessments/${v2.id}/approve`, { smtConsultedOn: todayIso() });
    expect(approved.status).toBe(200);
    expect(approved.body.versions.map((version) => [version.version, version.status])).toEqual([
      [1, "superseded"],
      [2, "approved"],
    ]);
    const old = await call(t, demo.pcsaMali, "GET", `/api/srm-assessments/${v1.id}`);
    expect([old.body.status, old.body.actions]).toEqual(["superseded", []]);
    expect((await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${v1.id}/versions`)).status).toBe(409);
    const audit = await t.database.query<{ action: string }>("select action from audit_log where entity_type = 'srm_assessment' and entity_id = $1 order by seq", [v1.id]);
    expect(audit.map((row) => row.action)).toEqual(["create", "update_activities", "update_activities", "update_threats", "submit", "approve", "supersede"]);
  });

  it("is read by the desk officer and the organisations of the area, without write actions", async () => {
    for (const email of [deskMali, demo.repUnicefMali, demo.analyst]) {
      const response = await call(t, email, "GET", `/api/srm-assessments/${v2.id}`);
      expect([email, response.status, response.body.actions]).toEqual([email, 200, []]);
    }
    expect((await call(t, demo.wardenBamako, "GET", `/api/srm-assessments/${v2.id}`)).status).toBe(403);
    expect((await call(t, demo.ascMopti, "GET", `/api/srm-assessments/${v2.id}`)).status).toBe(404);
    expect((await call(t, doDrc, "GET", `/api/srm-assessments/${v2.id}`)).status).toBe(404);
  });
});
