import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { decisionsTestKit, insertAssessment } from "../risk-test-support.ts";

/** Programme criticality assessments: CRUD, the organisation rule, scope and the activity link. */
let t: TestApp;
const kit = decisionsTestKit(() => t);
const { place, organisation, send, rate, auditOf } = kit;

beforeAll(async () => {
  t = await startTestApp();
  await kit.load();
});
afterAll(() => t.close());

describe("rating an activity's programme criticality", () => {
  let unicefRating: string;

  it("lets the UNICEF representative rate a UNICEF activity in Mali, and audits it", async () => {
    const created = await rate(demo.repUnicefMali, { placeId: place("Mali"), organisationId: organisation("UNICEF"), activityName: "Measles vaccination", level: "pc2" });
    unicefRating = created.id;
    const response = await send(demo.repUnicefMali, "GET", `/api/pc-assessments/${created.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      placeName: "Mali",
      organisationCode: "UNICEF",
      activityName: "Measles vaccination",
      level: "pc2",
      activityKey: null,
      approvedOn: "2026-01-15",
      actions: ["update", "delete"],
    });
    const [entry] = await auditOf("pc_assessment", created.id);
    expect(entry).toMatchObject({ action: "create", actor_name: "UNICEF Representative Mali" });
    expect(entry.changes.level).toEqual({ from: null, to: "pc2" });
  });

  it("refuses the UNICEF representative a rating for WFP (403), and lets the P/C/SA rate for any organisation", async () => {
    const refused = await send(demo.repUnicefMali, "POST", "/api/pc-assessments", {
      placeId: place("Mali"),
      organisationId: organisation("WFP"),
      activityName: "School meals",
      periodFrom: "2026-01-01",
      periodTo: "2026-12-31",
      level: "pc3",
      rationale: "Not theirs to rate.",
      approverName: "Someone",
      approvedOn: "2026-01-15",
    });
    expect(refused.statusCode).toBe(403);
    const wfp = await rate(demo.pcsaMali, { placeId: place("Mopti Security Area"), organisationId: organisation("WFP"), activityName: "School meals", level: "pc3" });
    expect(wfp.level).toBe("pc3");
  });

  it("shows every organisation's ratings to the representative, but lets them change only their own", async () => {
    const list = await send(demo.repUnicefMali, "GET", `/api/pc-assessments?placeId=${place("Mali")}`);
    expect(list.statusCode).toBe(200);
    // The demo's own ratings are of its SRM's activities: these tests' ratings name none.
    const items = (list.json().items as { organisationCode: string; actions: string[]; activityKey: string | null }[]).filter((item) => item.activityKey === null);
    expect(items.map((item) => item.organisationCode).sort()).toEqual(["UNICEF", "WFP"]);
    expect(items.find((item) => item.organisationCode === "WFP")?.actions).toEqual([]);
    const wfpId = (items as unknown as { id: string; organisationCode: string }[]).find((item) => item.organisationCode === "WFP")?.id;
    expect((await send(demo.repUnicefMali, "PATCH", `/api/pc-assessments/${wfpId}`, { level: "pc1" })).statusCode).toBe(403);
    expect((await send(demo.repUnicefMali, "DELETE", `/api/pc-assessments/${wfpId}`)).statusCode).toBe(403);
    const sfp = await send(demo.sfpWfpMali, "PATCH", `/api/pc-assessments/${wfpId}`, { level: "pc2", rationale: "Revised after the lean season assessment." });
    expect(sfp.statusCode, sfp.body).toBe(200);
    expect(sfp.json()).toMatchObject({ level: "pc2", rationale: "Revised after the lean season assessment." });
  });

  it("filters by organisation and level, and scopes the ASC of Mopti to Mopti", async () => {
    const byLevel = await send(demo.pcsaMali, "GET", `/api/pc-assessments?level=pc2&organisationId=${organisation("UNICEF")}`);
    expect((byLevel.json().items as { id: string }[]).map((item) => item.id)).toEqual([unicefRating]);
    const asc = await send(demo.ascMopti, "GET", "/api/pc-assessments");
    expect((asc.json().items as { placeName: string }[]).map((item) => item.placeName)).toEqual(["Mopti Security Area"]);
    expect((await send(demo.ascMopti, "GET", `/api/pc-assessments/${unicefRating}`)).statusCode).toBe(404);
    expect((await send(demo.ascMopti, "GET", `/api/pc-assessments?placeId=${place("Haiti")}`)).statusCode).toBe(404);
  });

  it("refuses a duty station, a period that ends before it starts, and an approval in the future, naming the field", async () => {
    const base = { organisationId: organisation("UNICEF"), activityName: "Nutrition", periodFrom: "2026-01-01", periodTo: "2026-12-31", level: "pc3", rationale: "Why", approverName: "Rep", approvedOn: "2026-01-15" };
    const station = await send(demo.pcsaMali, "POST", "/api/pc-assessments", { ...base, placeId: place("Bamako") });
    expect(station.statusCode).toBe(422);
    expect(station.json().issues).toEqual([{ field: "placeId", message: "must be a Designated Area or Security Area, not a duty station" }]);
    const period = await send(demo.pcsaMali, "POST", "/api/pc-assessments", { ...base, placeId: place("Mali"), periodTo: "2025-12-31" });
    expect(period.statusCode).toBe(422);
    expect(period.json().issues).toEqual([{ field: "periodTo", message: "must be on or after periodFrom" }]);
    const future = await send(demo.pcsaMali, "POST", "/api/pc-assessments", { ...base, placeId: place("Mali"), approvedOn: "2099-01-01" });
    expect(future.json().issues).toEqual([{ field: "approvedOn", message: "must not be in the future" }]);
    const badLevel = await send(demo.pcsaMali, "POST", "/api/pc-assessments", { ...base, placeId: place("Mali"), level: "pc5" });
    expect(badLevel.statusCode).toBe(400);
    expect(JSON.stringify(badLevel.json().issues)).toContain("level");
  });

  it("answers 404 for Haiti, as for a place that does not exist", async () => {
    const body = { organisationId: organisation("UNICEF"), activityName: "Nutrition", periodFrom: "2026-01-01", periodTo: "2026-12-31", level: "pc3", rationale: "Why", approverName: "Rep", approvedOn: "2026-01-15" };
    const haiti = await send(demo.pcsaMali, "POST", "/api/pc-assessments", { ...body, placeId: place("Haiti") });
    const missing = await send(demo.pcsaMali, "POST", "/api/pc-assessments", { ...body, placeId: crypto.randomUUID() });
    expect(haiti.statusCode).toBe(404);
    expect(haiti.json()).toEqual(missing.json());
  });

  it("links a rating to an SRM activity only of that organisation in an assessment of that area", async () => {
    const assessment = await insertAssessment(t, {
      placeName: "Mali",
      status: "draft",
      activities: [
        { name: "Water trucking", organisationCode: "UNICEF" },
        { name: "Cash transfers", organisationCode: "WFP" },
      ],
      scenarios: [],
    });
    const linked = await rate(demo.repUnicefMali, { placeId: place("Mali"), organisationId: organisation("UNICEF"), activityKey: assessment.keyOf("Water trucking"), activityName: "Water trucking", level: "pc2" });
    expect(linked.id).toBeTruthy();
    const wrongOrganisation = await send(demo.pcsaMali, "POST", "/api/pc-assessments", {
      placeId: place("Mali"),
      organisationId: organisation("UNICEF"),
      activityKey: assessment.keyOf("Cash transfers"),
      activityName: "Cash transfers",
      periodFrom: "2026-01-01",
      periodTo: "2026-12-31",
      level: "pc2",
      rationale: "Why",
      approverName: "Rep",
      approvedOn: "2026-01-15",
    });
    expect(wrongOrganisation.statusCode).toBe(422);
    expect(wrongOrganisation.json().issues[0].field).toBe("activityKey");
    const wrongArea = await send(demo.pcsaMali, "PATCH", `/api/pc-assessments/${unicefRating}`, { activityKey: crypto.randomUUID() });
    expect(wrongArea.statusCode).toBe(422);
    expect(wrongArea.json().issues[0].field).toBe("activityKey");
  });

  it("deletes a rating no acceptance relies on, with an audit entry", async () => {
    const created = await rate(demo.pcsaMali, { placeId: place("Mali"), organisationId: organisation("WHO"), activityName: "Cholera treatment", level: "pc1" });
    const response = await send(demo.pcsaMali, "DELETE", `/api/pc-assessments/${created.id}`);
    expect(response.statusCode).toBe(204);
    expect((await send(demo.pcsaMali, "GET", `/api/pc-assessments/${created.id}`)).statusCode).toBe(404);
    expect((await auditOf("pc_assessment", created.id)).map((entry) => entry.action)).toEqual(["create", "delete"]);
  });
});
