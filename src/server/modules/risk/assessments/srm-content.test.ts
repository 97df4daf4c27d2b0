import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { clock, todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { type Assessment, type References, approvedAssessment, assessmentBody, call, deskMali, demoReferences, scenarioBody } from "./srm-test-support.ts";

/** The rules of an assessment's header and content, scope by area, deletion and overdue reviews. */
let t: TestApp;
let r: References;
const realNow = clock.now;

beforeAll(async () => {
  t = await startTestApp();
  r = await demoReferences(t);
});
afterAll(async () => {
  clock.now = realNow;
  await t.close();
});

const draft = async (placeId: string, email: string = demo.pcsaMali, overrides: Record<string, unknown> = {}) => {
  const created = await call(t, email, "POST", "/api/srm-assessments", assessmentBody(placeId, overrides));
  if (created.status !== 201) throw new Error(`${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
};

describe("the header of an assessment", () => {
  it("covers a Designated Area or a Security Area, never a duty station", async () => {
    const station = await call(t, demo.pcsaMali, "POST", "/api/srm-assessments", assessmentBody(r.bamakoStation));
    expect([station.status, station.fields]).toEqual([422, ["placeId"]]);
    const area = await call(t, demo.ascMopti, "POST", "/api/srm-assessments", assessmentBody(r.moptiArea));
    expect(area.status).toBe(201);
    expect(area.body).toMatchObject({ placeName: "Mopti Security Area", placeKind: "security_area", authorName: "ASC Mopti" });
  });

  it("refuses an area outside the caller's scope as if it did not exist, and callers without the right", async () => {
    const outside = await call(t, demo.ascMopti, "POST", "/api/srm-assessments", assessmentBody(r.mali));
    const missing = await call(t, demo.ascMopti, "POST", "/api/srm-assessments", assessmentBody("00000000-0000-4000-8000-000000000000"));
    expect([outside.status, outside.body]).toEqual([404, missing.body]);
    expect((await call(t, demo.doMali, "POST", "/api/srm-assessments", assessmentBody(r.mali))).status).toBe(403);
    expect((await call(t, demo.repUnicefMali, "POST", "/api/srm-assessments", assessmentBody(r.mali))).status).toBe(403);
  });

  it("names the field at fault: dates out of order, an unknown matrix, a missing title", async () => {
    const dates = await call(t, demo.pcsaMali, "POST", "/api/srm-assessments", assessmentBody(r.mali, { periodTo: addDays(todayIso(), -1) }));
    expect([dates.status, dates.fields]).toEqual([400, ["periodTo"]]);
    const matrix = await call(t, demo.pcsaMali, "POST", "/api/srm-assessments", assessmentBody(r.mali, { matrixId: "00000000-0000-4000-8000-000000000000" }));
    expect([matrix.status, matrix.fields]).toEqual([422, ["matrixId"]]);
    const title = await call(t, demo.pcsaMali, "POST", "/api/srm-assessments", assessmentBody(r.mali, { title: "  " }));
    expect([title.status, title.fields]).toEqual([400, ["title"]]);
    const created = await draft(r.mali);
    const patched = await call(t, demo.pcsaMali, "PATCH", `/api/srm-assessments/${created.id}`, { periodTo: addDays(todayIso(), -10) });
    expect([patched.status, patched.fields]).toEqual([422, ["periodTo"]]);
  });

  it("moves a draft to another matrix only if its scenarios fit the new scales", async () => {
    const matrices = (await call<{ items: { id: string; code: string }[] }>(t, demo.pcsaMali, "GET", "/api/risk-matrices")).body.items;
    const guide = matrices.find((matrix) => matrix.code === "guide_2008_lxi")?.id as string;
    const created = await draft(r.mali);
    await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${created.id}/scenarios`, scenarioBody());
    const moved = await call(t, demo.pcsaMali, "PATCH", `/api/srm-assessments/${created.id}`, { matrixId: guide });
    expect(moved.status).toBe(200);
    // On the 2008 matrix, 4 × 4 = 16 is High and 3 × 3 = 9 Medium, with its suggested strategies.
    expect(moved.body.matrix.code).toBe("guide_2008_lxi");
    expect(moved.body.scenarios[0].inherent).toMatchObject({ level: { code: "high" }, score: 16, strategies: ["control", "avoid"] });
    expect(moved.body.scenarios[0].residual).toMatchObject({ level: { code: "medium" }, score: 9 });
  });
});

describe("the content of a draft", () => {
  let assessment: Assessment;

  beforeAll(async () => {
    assessment = await draft(r.mali);
    const withActivities = await call(t, demo.pcsaMali, "PUT", `/api/srm-assessments/${assessment.id}/activities`, {
      items: [
        { organisationId: r.wfp, name: "Food distribution" },
        { organisationId: r.unicef, name: "Vaccination" },
      ],
    });
    assessment = withActivities.body;
  });

  it("refuses an activity of an unknown organisation or with a foreign key, naming the item", async () => {
    const url = `/api/srm-assessments/${assessment.id}/activities`;
    const organisation = await call(t, demo.pcsaMali, "PUT", url, {
      items: [
        { organisationId: r.wfp, name: "Food" },
        { organisationId: "00000000-0000-4000-8000-000000000000", name: "Ghost" },
      ],
    });
    expect([organisation.status, organisation.fields]).toEqual([422, ["items.1.organisationId"]]);
    const key = await call(t, demo.pcsaMali, "PUT", url, { items: [{ key: "00000000-0000-4000-8000-000000000000", organisationId: r.wfp, name: "Food" }] });
    expect([key.status, key.fields]).toEqual([422, ["items.0.key"]]);
    const twice = assessment.activities[0].key;
    const duplicate = await call(t, demo.pcsaMali, "PUT", url, {
      items: [
        { key: twice, organisationId: r.wfp, name: "Food" },
        { key: twice, organisationId: r.wfp, name: "Food again" },
      ],
    });
    expect([duplicate.status, duplicate.fields]).toEqual([422, ["items.1.key"]]);
  });

  it("refuses a threat category assessed twice, a hazard with an intent, and ratings off the scale", async () => {
    const url = `/api/srm-assessments/${assessment.id}/threats`;
    const twice = await call(t, demo.pcsaMali, "PUT", url, { items: [{ category: "crime" }, { category: "crime" }] });
    expect([twice.status, twice.fields]).toEqual([422, ["items.1.category"]]);
    const hazard = await call(t, demo.pcsaMali, "PUT", url, { items: [{ category: "hazards", intent: 2 }] });
    expect([hazard.status, hazard.fields]).toEqual([422, ["items.0.intent"]]);
    const rating = await call(t, demo.pcsaMali, "PUT", url, { items: [{ category: "crime", capability: 6 }] });
    expect([rating.status, rating.fields]).toEqual([400, ["items.0.capability"]]);
  });

  it("checks scenarios against the matrix's scales and the assessment's activities", async () => {
    const url = `/api/srm-assessments/${assessment.id}/scenarios`;
    const scale = await call(t, demo.pcsaMali, "POST", url, scenarioBody({ inherentLikelihood: 6 }));
    expect([scale.status, scale.fields]).toEqual([422, ["inherentLikelihood"]]);
    const activity = await call(t, demo.pcsaMali, "POST", url, scenarioBody({ activityKeys: ["00000000-0000-4000-8000-000000000000"] }));
    expect([activity.status, activity.fields]).toEqual([422, ["activityKeys.0"]]);
    const strategy = await call(t, demo.pcsaMali, "POST", url, scenarioBody({ strategies: ["ignore"] }));
    expect([strategy.status, strategy.fields]).toEqual([400, ["strategies.0"]]);
    const exposure = await call(t, demo.pcsaMali, "POST", url, scenarioBody({ exposed: ["people", "people"] }));
    expect([exposure.status, exposure.fields]).toEqual([400, ["exposed"]]);
  });

  it("wants a justification for a residual risk above the inherent one", async () => {
    const url = `/api/srm-assessments/${assessment.id}/scenarios`;
    const higher = { inherentLikelihood: 2, inherentImpact: 2, residualLikelihood: 4, residualImpact: 4 };
    const bare = await call(t, demo.pcsaMali, "POST", url, scenarioBody(higher));
    expect([bare.status, bare.fields]).toEqual([422, ["justification"]]);
    const explained = await call(t, demo.pcsaMali, "POST", url, scenarioBody({ ...higher, justification: "The escort makes the convoy a target." }));
    expect(explained.status).toBe(201);
    const scenario = explained.body.scenarios.at(-1);
    const cleared = await call(t, demo.pcsaMali, "PATCH", `/api/srm-scenarios/${scenario?.id}`, { justification: "" });
    expect([cleared.status, cleared.fields]).toEqual([422, ["justification"]]);
  });

  it("drops a removed activity from the scenarios that concerned it", async () => {
    const [food, vaccination] = assessment.activities;
    const added = await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${assessment.id}/scenarios`, scenarioBody({ activityKeys: [food.key, vaccination.key] }));
    const scenarioId = added.body.scenarios.at(-1)?.id;
    const replaced = await call(t, demo.pcsaMali, "PUT", `/api/srm-assessments/${assessment.id}/activities`, { items: [{ key: food.key, organisationId: r.wfp, name: "Food distribution" }] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.scenarios.find((scenario) => scenario.id === scenarioId)?.activityKeys).toEqual([food.key]);
  });

  it("deletes a scenario, then answers 404 for it", async () => {
    const added = await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${assessment.id}/scenarios`, scenarioBody({ title: "To delete" }));
    const scenarioId = added.body.scenarios.find((scenario) => scenario.title === "To delete")?.id;
    expect((await call(t, demo.ascMopti, "DELETE", `/api/srm-scenarios/${scenarioId}`)).status).toBe(404);
    expect((await call(t, demo.pcsaMali, "DELETE", `/api/srm-scenarios/${scenarioId}`)).status).toBe(204);
    expect((await call(t, demo.pcsaMali, "DELETE", `/api/srm-scenarios/${scenarioId}`)).status).toBe(404);
    const audit = await t.database.query<{ action: string }>("select action from audit_log where entity_type = 'srm_scenario' and entity_id = $1 order by seq", [scenarioId]);
    expect(audit.map((row) => row.action)).toEqual(["create", "delete"]);
  });
});

describe("review, deletion and the diff's lineage", () => {
  it("needs a scenario before review, and can be returned to draft", async () => {
    const created = await draft(r.mali);
    const empty = await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${created.id}/submit`);
    expect([empty.status, empty.fields]).toEqual([422, ["scenarios"]]);
    await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${created.id}/scenarios`, scenarioBody());
    expect((await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${created.id}/submit`)).body.status).toBe("in_review");
    expect((await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${created.id}/submit`)).status).toBe(409);
    const returned = await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${created.id}/return`);
    expect([returned.status, returned.body.status]).toEqual([200, "draft"]);
    expect((await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${created.id}/return`)).status).toBe(409);
  });

  it("deletes a draft, and only a draft", async () => {
    const created = await draft(r.mali);
    expect((await call(t, demo.repUnicefMali, "DELETE", `/api/srm-assessments/${created.id}`)).status).toBe(403);
    expect((await call(t, demo.pcsaMali, "DELETE", `/api/srm-assessments/${created.id}`)).status).toBe(204);
    expect((await call(t, demo.pcsaMali, "GET", `/api/srm-assessments/${created.id}`)).status).toBe(404);
  });

  it("compares versions of one assessment only", async () => {
    const one = await draft(r.mali);
    const other = await draft(r.mali);
    const diff = await call(t, demo.pcsaMali, "GET", `/api/srm-assessments/${one.id}/diff?against=${other.id}`);
    expect([diff.status, diff.fields]).toEqual([422, ["against"]]);
    const self = await call<{ header: unknown[] }>(t, demo.pcsaMali, "GET", `/api/srm-assessments/${one.id}/diff?against=${one.id}`);
    expect([self.status, self.body.header]).toEqual([200, []]);
  });
});

describe("overdue reviews", () => {
  it("flags the approved version in force once its review date has passed, for the dashboard", async () => {
    const approved = await approvedAssessment(t, r.moptiArea, { title: "SRM Mopti overdue", reviewDueOn: addDays(todayIso(), 10) });
    const listed = async (email: string) =>
      (await call<{ items: { id: string; reviewOverdue: boolean }[] }>(t, email, "GET", "/api/srm-assessments?q=SRM%20Mopti%20overdue")).body.items;
    expect((await listed(demo.doMali)).map((item) => item.reviewOverdue)).toEqual([false]);
    const overdue = async (email: string) => ((await call<{ overdueReviews: { id: string }[] }>(t, email, "GET", "/api/dashboard")).body.overdueReviews ?? []).map((item) => item.id);
    expect(await overdue(demo.doMali)).not.toContain(approved.id);

    const later = addDays(todayIso(), 11);
    clock.now = () => new Date(`${later}T12:00:00.000Z`);
    try {
      expect((await listed(demo.doMali)).map((item) => item.reviewOverdue)).toEqual([true]);
      for (const email of [demo.doMali, demo.ascMopti, deskMali, demo.analyst]) expect({ email, ids: await overdue(email) }).toEqual({ email, ids: expect.arrayContaining([approved.id]) });
      expect(await overdue(demo.wardenBamako)).toEqual([]);
      // A draft of version 2 does not settle the review: version 1 is still the one in force.
      await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${approved.id}/versions`);
      expect(await overdue(demo.doMali)).toContain(approved.id);
    } finally {
      clock.now = realNow;
    }
  });
});

describe("the history of an assessment", () => {
  type History = { items: { action: string; subject: string | null; changes: Record<string, { from: unknown; to: unknown }> }[] };

  it("shows its own steps and every change to its scenarios, named by the scenario, even once deleted", async () => {
    const created = await draft(r.mali, demo.pcsaMali, { title: "SRM with a history" });
    const added = await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${created.id}/scenarios`, scenarioBody({ title: "Carjacking at night" }));
    const scenario = added.body.scenarios.at(-1) as { id: string };
    await call(t, demo.pcsaMali, "PATCH", `/api/srm-scenarios/${scenario.id}`, { residualLikelihood: 2 });
    await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${created.id}/scenarios`, scenarioBody({ title: "Flooding of the compound", threatCategory: "hazards" }));
    const flood = (await call(t, demo.pcsaMali, "GET", `/api/srm-assessments/${created.id}`)).body.scenarios.find((item) => item.title === "Flooding of the compound") as { id: string };
    expect((await call(t, demo.pcsaMali, "DELETE", `/api/srm-scenarios/${flood.id}`)).status).toBe(204);
    await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${created.id}/submit`);

    const history = await call<History>(t, demo.doMali, "GET", `/api/history/srm_assessment/${created.id}`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((item) => [item.action, item.subject])).toEqual([
      ["create", null],
      ["scenario_create", "Carjacking at night"],
      ["scenario_update", "Carjacking at night"],
      ["scenario_create", "Flooding of the compound"],
      ["scenario_delete", "Flooding of the compound"],
      ["submit", null],
    ]);
    expect(history.body.items[2].changes.residualLikelihood).toEqual({ from: 3, to: 2 });
    expect(history.body.items[5].changes.status).toEqual({ from: "draft", to: "in_review" });
    // Outside the area's scope the record does not exist.
    expect((await call(t, demo.ascMopti, "GET", `/api/history/srm_assessment/${created.id}`)).status).toBe(404);
  });
});
