import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { systemContext } from "../../../platform/http/context.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { trainingOverviewCsv } from "./training-overview.service.ts";

/**
 * The training view per area and organisation (issue 13 §1): for BSAFE (or a course named), how
 * many of the people in scope hold it valid, expiring, expired or not at all, who they are, and
 * the same as CSV. A small organisation of five people at Mopti gives exact counts; the demo
 * gives the scope. Who may call it is in training.matrix.ts.
 */
let t: TestApp;
let organisation: string;
let bsafe: string;
let sait: string;
let mopti: string;
const today = todayIso();
const people: Record<"valid" | "renewed" | "expiring" | "expired" | "missing", string> = { valid: "", renewed: "", expiring: "", expired: "", missing: "" };

type Overview = {
  course: { code: string };
  counts: { personnel: number; valid: number; expiring: number; expired: number; missing: number };
  validShare: number | null;
  items: { personId: string; familyName: string; status: string; expiresOn: string | null; organisationCode: string; dutyStationName: string }[];
  total: number;
};

const get = (email: string, url: string) => t.request(email, { method: "GET", url });
async function overview(email: string, query: string): Promise<Overview> {
  const response = await get(email, `/api/training/overview?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function created(email: string, url: string, payload: unknown): Promise<string> {
  const response = await t.request(email, { method: "POST", url, payload: payload as never });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  organisation = await created(demo.admin, "/api/organisations", { code: "TRAINVIEW", name: "Training view test organisation", kind: "fund_programme" });
  [{ id: mopti }] = await t.database.query<{ id: string }>("select id from places where name = 'Mopti' and kind = 'duty_station'");
  const courses = (await get(demo.admin, "/api/training/courses")).json().items as { id: string; code: string }[];
  bsafe = courses.find((course) => course.code === "BSAFE")?.id as string;
  sait = courses.find((course) => course.code === "SAIT-MLI")?.id as string;
  for (const [position, key] of (Object.keys(people) as (keyof typeof people)[]).entries()) {
    people[key] = await created(demo.pcsaMali, "/api/personnel", {
      organisationId: organisation,
      dutyStationId: mopti,
      givenName: "Test",
      familyName: `${String.fromCharCode(65 + position)}-${key}`,
      sex: "female",
      recruitmentType: "locally_recruited",
      category: "general_service",
    });
  }
  const certificate = (personId: string, completedOn: string, expiresOn?: string) =>
    created(demo.pcsaMali, "/api/training/certificates", { personId, courseId: bsafe, completedOn, ...(expiresOn ? { expiresOn, expiryReason: "Set for the test" } : {}) });
  await certificate(people.valid, addDays(today, -30));
  // An expired certificate and its renewal: the renewal counts.
  await certificate(people.renewed, addDays(today, -1200), addDays(today, -20));
  await certificate(people.renewed, addDays(today, -10));
  await certificate(people.expiring, addDays(today, -400), addDays(today, 30));
  await certificate(people.expired, addDays(today, -1200), addDays(today, -5));
});
afterAll(() => t.close());

describe("the training view", () => {
  it("counts an organisation's people by their BSAFE and lists those missing or expired first", async () => {
    const view = await overview(demo.pcsaMali, `organisationId=${organisation}`);
    expect(view.course.code).toBe("BSAFE");
    expect(view.counts).toEqual({ personnel: 5, valid: 2, expiring: 1, expired: 1, missing: 1 });
    expect(view.validShare).toBe(0.6);
    expect(view.items.map((item) => [item.personId, item.status])).toEqual([
      [people.missing, "missing"],
      [people.expired, "expired"],
      [people.expiring, "expiring"],
      [people.valid, "valid"],
      [people.renewed, "valid"],
    ]);
    expect(view.items[1]).toMatchObject({ expiresOn: addDays(today, -5), organisationCode: "TRAINVIEW", dutyStationName: "Mopti" });
    expect(view.items[0].expiresOn).toBeNull();
  });

  it("lists only one standing on request, keeping the counts of the whole filter, a page at a time", async () => {
    const expired = await overview(demo.pcsaMali, `organisationId=${organisation}&status=expired`);
    expect(expired.items.map((item) => item.personId)).toEqual([people.expired]);
    expect([expired.total, expired.counts.personnel]).toEqual([1, 5]);
    const second = await overview(demo.pcsaMali, `organisationId=${organisation}&pageSize=2&page=2`);
    expect(second.items.map((item) => item.personId)).toEqual([people.expiring, people.valid]);
    expect(second.total).toBe(5);
  });

  it("looks at another course when asked: nobody of the organisation holds Mali's induction", async () => {
    const view = await overview(demo.pcsaMali, `organisationId=${organisation}&courseId=${sait}`);
    expect(view.course.code).toBe("SAIT-MLI");
    expect(view.counts).toMatchObject({ personnel: 5, missing: 5 });
    const unknown = await get(demo.pcsaMali, `/api/training/overview?courseId=00000000-0000-4000-8000-000000000000`);
    expect([unknown.statusCode, unknown.json().message]).toEqual([404, "Course not found"]);
  });

  it("counts every person of the caller's scope, and never one outside it", async () => {
    const [{ mali }] = await t.database.query<{ mali: number }>(
      "select count(*)::int as mali from persons where place_path like (select path from places where name = 'Mali' and kind = 'designated_area') || '%'",
    );
    const all = await overview(demo.pcsaMali, "");
    expect(all.counts.personnel).toBe(mali);
    // The demo's lapsed BSAFE in Mali.
    expect(all.counts.expired).toBeGreaterThanOrEqual(1);
    // WFP's focal point covers WFP's people only: the test organisation's are not theirs.
    expect((await overview(demo.sfpWfpMali, `organisationId=${organisation}`)).counts).toEqual({ personnel: 0, valid: 0, expiring: 0, expired: 0, missing: 0 });
    expect((await overview(demo.sfpWfpMali, `organisationId=${organisation}`)).validShare).toBeNull();
    const wfp = await overview(demo.sfpWfpMali, "pageSize=200");
    expect(new Set(wfp.items.map((item) => item.organisationCode))).toEqual(new Set(["WFP"]));
    // The ASC of Mopti sees Mopti's people, not Bamako's, and an area out of scope is "not found", as a missing one.
    expect((await overview(demo.ascMopti, `organisationId=${organisation}`)).counts.personnel).toBe(5);
    const [{ id: bamako }] = await t.database.query<{ id: string }>("select id from places where name = 'Bamako Security Area'");
    const outside = await get(demo.ascMopti, `/api/training/overview?placeId=${bamako}`);
    const missing = await get(demo.ascMopti, "/api/training/overview?placeId=00000000-0000-4000-8000-000000000000");
    expect([outside.statusCode, outside.json().message]).toEqual([404, "Place not found"]);
    expect([missing.statusCode, missing.json().message]).toEqual([404, "Place not found"]);
  });

  it("refuses a status it does not know (400 on status)", async () => {
    const bad = await get(demo.pcsaMali, "/api/training/overview?status=lapsed");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].field).toBe("status");
  });
});

describe("the training view as CSV", () => {
  it("exports the same people by name, with headers and statuses in the language asked", async () => {
    const response = await get(demo.pcsaMali, `/api/training/overview.csv?organisationId=${organisation}&lang=fr`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="training-overview.csv"');
    const [header, ...lines] = response.body.replace(/^\uFEFF/, "").trim().split("\n");
    expect(header).toBe("Personne (identifiant),Nom,Prénom,Numéro d'index,Organisation,Lieu d'affectation,Formation,Statut (code),Statut,Date d'expiration");
    expect(lines.map((line) => line.split(",")[1])).toEqual(["A-valid", "B-renewed", "C-expiring", "D-expired", "E-missing"]);
    expect(lines[3]).toBe(`${people.expired},D-expired,Test,,TRAINVIEW,Mopti,BSAFE,expired,Expiré,${addDays(today, -5)}`);
    expect(lines[4]).toBe(`${people.missing},E-missing,Test,,TRAINVIEW,Mopti,BSAFE,missing,Manquant,`);
  });

  it("exports every person of the caller's scope", async () => {
    const response = await get(demo.pcsaMali, "/api/training/overview.csv?headers=codes");
    const lines = response.body.trim().split("\n").slice(1);
    const { personnel } = (await overview(demo.pcsaMali, "")).counts;
    expect([lines.length, new Set(lines.map((line) => line.split(",")[0])).size]).toEqual([personnel, personnel]);
  });

  it("reads the people in batches without losing or repeating one", async () => {
    let text = "";
    for await (const chunk of await trainingOverviewCsv(systemContext(t.database), { organisationId: organisation, headers: "codes" }, 2)) text += String(chunk);
    const families = text.trim().split("\n").slice(1).map((line) => line.split(",")[1]);
    expect(families).toEqual(["A-valid", "B-renewed", "C-expiring", "D-expired", "E-missing"]);
  });

  it("gives column codes to machines and follows the status filter", async () => {
    const response = await get(demo.pcsaMali, `/api/training/overview.csv?organisationId=${organisation}&headers=codes&status=valid`);
    const [header, ...lines] = response.body.replace(/^\uFEFF/, "").trim().split("\n");
    expect(header).toBe("person_id,family_name,given_name,index_number,organisation,duty_station,course,status_code,status,expires_on");
    expect(lines.map((line) => line.split(",")[0])).toEqual([people.valid, people.renewed]);
    expect(lines[0]).toContain(",valid,Valid,");
  });
});
