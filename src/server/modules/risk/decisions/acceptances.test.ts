import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemContext } from "../../../platform/http/context.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { srmReportDecisions } from "./acceptances.service.ts";
import { type InsertedAssessment, decisionsTestKit, insertAssessment } from "../risk-test-support.ts";

/**
 * The acceptable-risk board and the acceptances the DO records (issue 4 §4), on an approved
 * Mali assessment whose scenarios put each activity in a different cell of the rule.
 */
let t: TestApp;
const kit = decisionsTestKit(() => t);
const { place, organisation, send, rate, auditOf } = kit;
let srm: InsertedAssessment;
let draft: InsertedAssessment;

type Item = {
  activityKey: string;
  activityName: string;
  status: string;
  reason: string | null;
  approver: string | null;
  riskClass: string | null;
  mayProceed: boolean;
  canAccept: boolean;
  highestResidualLevel: { code: string } | null;
  pcAssessment: { id: string; level: string } | null;
  scenarios: { title: string }[];
  acceptances: { acceptedByName: string; isCurrent: boolean; approverRole: string }[];
};

async function board(email: string, id = srm.id) {
  const response = await send(email, "GET", `/api/srm-assessments/${id}/acceptable-risk`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: Item[]; counts: Record<string, number>; assessment: { status: string } };
}
const itemOf = async (name: string, email = demo.doMali) => (await board(email)).items.find((item) => item.activityName === name) as Item;
const accept = (email: string, body: Record<string, unknown>, id = srm.id) => send(email, "POST", `/api/srm-assessments/${id}/acceptances`, body);
const rateActivity = (name: string, organisationCode: string, level: string, extra: Record<string, unknown> = {}) =>
  rate(demo.pcsaMali, { placeId: place("Mali"), organisationId: organisation(organisationCode), activityKey: srm.keyOf(name), activityName: name, level, ...extra });

beforeAll(async () => {
  t = await startTestApp();
  await kit.load();
  // UN SRM 5 × 5, residual (likelihood, impact): (3,3) Medium, (4,3) High, (5,4) Very high, (5,5) Unacceptable.
  srm = await insertAssessment(t, {
    placeName: "Mali",
    activities: [
      { name: "Food distribution", organisationCode: "WFP" },
      { name: "Vaccination campaign", organisationCode: "UNICEF" },
      { name: "Emergency surgery", organisationCode: "WHO" },
      { name: "Road convoy", organisationCode: "WFP" },
      { name: "Office administration", organisationCode: "UNDP" },
      { name: "Camp registration", organisationCode: "UNHCR" },
      { name: "Teacher training", organisationCode: "UNICEF" },
    ],
    scenarios: [
      { title: "Looting of a distribution site", residual: [4, 3], activities: ["Food distribution"] },
      { title: "Crowd unrest at a vaccination post", residual: [3, 3], activities: ["Vaccination campaign"] },
      { title: "Kidnapping of a vaccination team", residual: [4, 3], activities: ["Vaccination campaign"] },
      { title: "Attack on the field hospital", residual: [5, 4], activities: ["Emergency surgery"] },
      { title: "IED on the Mopti–Gao road", residual: [5, 5], activities: ["Road convoy"] },
      { title: "Theft at a school", residual: [3, 3], activities: ["Teacher training", "Camp registration"] },
    ],
  });
  draft = await insertAssessment(t, {
    placeName: "Mali",
    status: "in_review",
    activities: [{ name: "Vaccination campaign", organisationCode: "UNICEF" }],
    scenarios: [{ title: "Kidnapping", residual: [4, 3], activities: ["Vaccination campaign"] }],
  });
  await rateActivity("Food distribution", "WFP", "pc3");
  await rateActivity("Vaccination campaign", "UNICEF", "pc2");
  // An older PC1 rating and one for another year do not apply: the latest overlapping one does.
  await rateActivity("Vaccination campaign", "UNICEF", "pc1", { approvedOn: "2025-12-01" });
  await rateActivity("Vaccination campaign", "UNICEF", "pc1", { periodFrom: "2027-01-01", periodTo: "2027-12-31", approvedOn: "2026-02-01" });
  await rateActivity("Emergency surgery", "WHO", "pc1");
  await rateActivity("Road convoy", "WFP", "pc1");
  await rateActivity("Office administration", "UNDP", "pc4");
  await rateActivity("Teacher training", "UNICEF", "pc4");
});
afterAll(() => t.close());

describe("the acceptable-risk board", () => {
  it("decides each activity by its criticality against the highest residual risk concerning it", async () => {
    const { items, counts } = await board(demo.doMali);
    const summary = Object.fromEntries(items.map((item) => [item.activityName, [item.status, item.reason, item.approver, item.highestResidualLevel?.code ?? null, item.pcAssessment?.level ?? null]]));
    expect(summary).toEqual({
      "Food distribution": ["blocked", "criticality_too_low", null, "high", "pc3"],
      "Vaccination campaign": ["needs_acceptance", null, "do", "high", "pc2"],
      "Emergency surgery": ["needs_acceptance", null, "usg_undss", "very_high", "pc1"],
      "Road convoy": ["blocked", "unacceptable", null, "unacceptable", "pc1"],
      "Office administration": ["allowed", "no_scenario", "srm", null, "pc4"],
      "Camp registration": ["no_pc", "no_pc", null, "medium", null],
      "Teacher training": ["allowed", null, "srm", "medium", "pc4"],
    });
    expect(counts).toEqual({ no_pc: 1, allowed: 2, needs_acceptance: 2, accepted: 0, blocked: 2 });
    const vaccination = items.find((item) => item.activityName === "Vaccination campaign") as Item;
    expect(vaccination.scenarios.map((scenario) => scenario.title)).toEqual(["Crowd unrest at a vaccination post", "Kidnapping of a vaccination team"]);
    expect(items.filter((item) => item.mayProceed).map((item) => item.activityName).sort()).toEqual(["Office administration", "Teacher training"]);
  });

  it("offers the acceptance to the area's DO only, on the activities that need one", async () => {
    const asDo = (await board(demo.doMali)).items.filter((item) => item.canAccept).map((item) => item.activityName);
    expect(asDo.sort()).toEqual(["Emergency surgery", "Vaccination campaign"]);
    expect((await board(demo.pcsaMali)).items.some((item) => item.canAccept)).toBe(false);
    expect((await board(demo.repUnicefMali)).items).toHaveLength(7);
  });

  it("is not shown outside the area: 404 for the ASC of Mopti and for an assessment that does not exist", async () => {
    const asc = await send(demo.ascMopti, "GET", `/api/srm-assessments/${srm.id}/acceptable-risk`);
    const missing = await send(demo.ascMopti, "GET", `/api/srm-assessments/${crypto.randomUUID()}/acceptable-risk`);
    expect(asc.statusCode).toBe(404);
    expect(asc.json()).toEqual(missing.json());
  });
});

describe("accepting a residual risk", () => {
  it("lets the DO accept the High risk of a PC2 activity in their own name; the P/C/SA gets 403", async () => {
    const key = srm.keyOf("Vaccination campaign");
    const pcsa = await accept(demo.pcsaMali, { activityKey: key, reason: "Vaccination is lifesaving for the children of Mopti." });
    expect(pcsa.statusCode).toBe(403);
    const short = await accept(demo.doMali, { activityKey: key, reason: "ok" });
    expect(short.statusCode).toBe(400);
    expect(short.json().issues[0].field).toBe("reason");
    const named = await accept(demo.doMali, { activityKey: key, reason: "Accepted after the SMT of 10 January.", acceptedByName: "Someone else" });
    expect(named.statusCode).toBe(422);
    expect(named.json().issues[0].field).toBe("acceptedByName");

    const response = await accept(demo.doMali, { activityKey: key, reason: "Accepted after the SMT of 10 January: escorts and a hibernation plan." });
    expect(response.statusCode, response.body).toBe(201);
    const acceptance = response.json();
    expect(acceptance).toMatchObject({
      activityKey: key,
      criticality: "pc2",
      residualLevel: "high",
      riskClass: "high",
      approverRole: "do",
      acceptedByName: "DO Mali",
      recordedByName: "DO Mali",
    });
    const item = await itemOf("Vaccination campaign");
    expect(item).toMatchObject({ status: "accepted", mayProceed: true, canAccept: false });
    expect(item.acceptances).toHaveLength(1);
    const [entry] = await auditOf("risk_acceptance", acceptance.id);
    expect(entry).toMatchObject({ action: "accept_risk", actor_name: "DO Mali" });
    expect(entry.changes.reason.to).toContain("hibernation plan");

    const again = await accept(demo.doMali, { activityKey: key, reason: "Accepting the same risk a second time." });
    expect(again.statusCode).toBe(409);
  });

  it("needs the USG UNDSS named for a Very high risk of a PC1 activity", async () => {
    const key = srm.keyOf("Emergency surgery");
    const unnamed = await accept(demo.doMali, { activityKey: key, reason: "Surgery saves lives in the conflict zone." });
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.json().issues).toEqual([{ field: "acceptedByName", message: "is required: name the USG UNDSS whose decision you record" }]);
    const response = await accept(demo.doMali, { activityKey: key, reason: "USG UNDSS decision of 20 January, with the WHO Director-General.", acceptedByName: "USG UNDSS G. Example" });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ approverRole: "usg_undss", riskClass: "very_high", criticality: "pc1", acceptedByName: "USG UNDSS G. Example", recordedByName: "DO Mali" });
    expect((await itemOf("Emergency surgery")).status).toBe("accepted");
  });

  it("never accepts an Unacceptable risk, a criticality too low, a risk that needs no acceptance, or an unrated activity (422 on activityKey)", async () => {
    const cases: [string, string][] = [
      ["Road convoy", "is blocked: an Unacceptable residual risk is never accepted"],
      ["Food distribution", "is blocked: its programme criticality is too low for its residual risk"],
      ["Teacher training", "needs no acceptance: its residual risk is within the approved SRM"],
      ["Camp registration", "has no programme criticality assessment for this time frame: it is blocked until one is recorded"],
    ];
    for (const [name, message] of cases) {
      const response = await accept(demo.doMali, { activityKey: srm.keyOf(name), reason: "Trying to accept this risk anyway." });
      expect(response.statusCode, name).toBe(422);
      expect(response.json().issues).toEqual([{ field: "activityKey", message }]);
    }
    const unknown = await accept(demo.doMali, { activityKey: crypto.randomUUID(), reason: "An activity of another assessment." });
    expect(unknown.json().issues[0]).toEqual({ field: "activityKey", message: "is not an activity of this assessment version" });
  });

  it("accepts on the approved version only (409), and not outside the DO's area (404)", async () => {
    const response = await accept(demo.doMali, { activityKey: draft.keyOf("Vaccination campaign"), reason: "Too early: the SMT has not finished." }, draft.id);
    expect(response.statusCode).toBe(409);
    expect((await board(demo.doMali, draft.id)).items[0].canAccept).toBe(false);
    const haiti = await insertAssessment(t, { placeName: "Haiti", activities: [{ name: "Shelter", organisationCode: "UNHCR" }], scenarios: [] });
    expect((await accept(demo.doMali, { activityKey: haiti.keyOf("Shelter"), reason: "Not my area at all." }, haiti.id)).statusCode).toBe(404);
  });

  it("asks for a new acceptance when a new rating applies, keeps the old one on record, and keeps the rating it relied on", async () => {
    const reliedOn = (await itemOf("Vaccination campaign")).pcAssessment?.id as string;
    await rateActivity("Vaccination campaign", "UNICEF", "pc2", { approvedOn: "2026-03-01", rationale: "Re-rated for the second semester." });
    const item = await itemOf("Vaccination campaign");
    expect(item.status).toBe("needs_acceptance");
    expect(item.pcAssessment?.id).not.toBe(reliedOn);
    expect(item.acceptances.map((row) => row.isCurrent)).toEqual([false]);
    const deleted = await send(demo.pcsaMali, "DELETE", `/api/pc-assessments/${reliedOn}`);
    expect(deleted.statusCode).toBe(409);
  });
});

describe("the register of acceptances", () => {
  it("lists who accepted which risk, when and why, in the caller's scope", async () => {
    // The demo holds one acceptance of its own (Mali's SRM): look at this test's assessment.
    const response = await send(demo.repUnicefMali, "GET", `/api/risk-acceptances?placeId=${place("Mali")}&assessmentId=${srm.id}`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Record<string, unknown>[];
    expect(items.map((item) => [item.activityName, item.organisationCode, item.approverRole, item.acceptedByName])).toEqual([
      ["Emergency surgery", "WHO", "usg_undss", "USG UNDSS G. Example"],
      ["Vaccination campaign", "UNICEF", "do", "DO Mali"],
    ]);
    expect(items[0]).toMatchObject({ assessmentId: srm.id, placeName: "Mali", residualLevel: "very_high", criticality: "pc1" });
    expect((await send(demo.ascMopti, "GET", "/api/risk-acceptances")).json().items).toEqual([]);
    const everywhere = (await send(demo.analyst, "GET", "/api/risk-acceptances?pageSize=200")).json().items as { assessmentId: string }[];
    expect(everywhere.filter((item) => item.assessmentId === srm.id)).toHaveLength(2);
    expect((await send(demo.doMali, "GET", `/api/risk-acceptances?placeId=${place("Haiti")}`)).statusCode).toBe(404);
  });

  it("gives the SRM report its decision lines, in the report's language", async () => {
    const lines = await srmReportDecisions(systemContext(t.database), srm.id, "fr");
    expect(lines.find((line) => line.activityName === "Emergency surgery")).toEqual({
      activityName: "Emergency surgery",
      organisationCode: "WHO",
      criticality: "pc1",
      residualLevel: "Très élevé",
      outcome: "accepted",
      approver: "usg_undss",
      acceptances: [expect.stringMatching(/^USG UNDSS G\. Example, \d{4}-\d{2}-\d{2} \(SGA UNDSS\): USG UNDSS decision of 20 January/)],
    });
    expect(lines.find((line) => line.activityName === "Road convoy")).toMatchObject({ outcome: "blocked", approver: null, acceptances: [] });
  });
});
