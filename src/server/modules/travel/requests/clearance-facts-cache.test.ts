import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";

/**
 * A filing reads the destination's rules, suspensions, level and travel measures through the
 * reference cache (clearance-facts.ts). Each change to one of them renews the reference stamp
 * (migration 0025), so the next filing decides on the new facts, never on those cached before.
 */
const traveller = "traveller.mali@vigil.example";
const desk = "desk.mali@vigil.example";
let t: TestApp;
let placeIds: Map<string, string>;
let personId: string;
let nextDay = 40;

type Leg = { status: string; reasons: { code: string }[]; conditions: string[]; ruleSetId: string | null };

const place = (name: string) => placeIds.get(name) as string;
const day = (days: number, time: string) => `${addDays(todayIso(), days)}T${time}`;
const send = (email: string, method: "GET" | "POST", url: string, payload?: unknown) => t.request(email, { method, url, payload: payload as never });

/** Files Bamako → Mopti on a day of its own (no overlap) and answers the Mopti leg. */
async function fileToMopti(): Promise<Leg> {
  nextDay += 2;
  const legs = [{ fromPlaceId: place("Bamako"), toPlaceId: place("Mopti"), departureLocal: day(nextDay, "07:00"), arrivalLocal: day(nextDay, "16:00"), transport: "road" }];
  const filed = await send(traveller, "POST", "/api/travel/requests", { purpose: "Cache check", travellers: [{ personId }], legs });
  expect(filed.statusCode, filed.body).toBe(201);
  // Answered from the rows the filing wrote: exactly what reading the trip back shows.
  expect((await send(traveller, "GET", `/api/travel/requests/${filed.json().id}`)).json()).toEqual(filed.json());
  return filed.json().legs[0];
}

beforeAll(async () => {
  t = await startTestApp();
  placeIds = new Map((await t.database.query<{ id: string; name: string }>("select id, name from places")).map((row) => [row.name, row.id]));
  personId = (await send(traveller, "GET", "/api/auth/me")).json().personId;
});
afterAll(() => t.close());

describe("the facts a filing reuses", () => {
  it("follow a new version of the area's rules", async () => {
    const before = await fileToMopti();
    expect(before.reasons.map((reason) => reason.code)).toContain("level_review");
    const saved = await send(demo.pcsaMali, "POST", `/api/travel/rules/${place("Mopti Security Area")}`, { autoMaxLevel: 4, leadDays: 7 });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await fileToMopti();
    expect(after.ruleSetId).not.toBe(before.ruleSetId);
    expect(after.reasons.map((reason) => reason.code)).toContain("level_auto");
  });

  it("follow a measure that binds travellers", async () => {
    await fileToMopti();
    const [mopti] = await t.database.query<{ path: string }>("select path from places where id = $1", [place("Mopti")]);
    const [measure] = await t.database.query<{ id: string }>(
      "select id from srm_measures where $1 like place_path || '%' and category = 'vehicles' and organisation_id is null order by id limit 1",
      [mopti.path],
    );
    expect(measure, "a demo vehicles measure above Mopti").toBeDefined();
    await t.database.query("update srm_measures set status = 'implemented', title = 'Armoured vehicles only beyond Sévaré' where id = $1", [measure.id]);
    expect((await fileToMopti()).conditions).toContain("Armoured vehicles only beyond Sévaré");
  });

  it("follow a suspension of the traveller's organisation", async () => {
    expect((await fileToMopti()).reasons.map((reason) => reason.code)).not.toContain("organisation_suspended");
    const [{ organisationId }] = await t.database.query<{ organisationId: string }>('select organisation_id as "organisationId" from persons where id = $1', [personId]);
    const suspended = await send(demo.doMali, "POST", "/api/travel/suspensions", { placeId: place("Mali"), organisationId, reason: "Compliance mission ignored" });
    expect(suspended.statusCode, suspended.body).toBe(201);
    expect((await fileToMopti()).reasons.map((reason) => reason.code)).toContain("organisation_suspended");
  });

  it("follow a security level endorsed in the area", async () => {
    expect((await fileToMopti()).reasons.map((reason) => reason.code)).not.toContain("level_do");
    const levels = { armed_conflict: 5, terrorism: 5, crime: 3, civil_unrest: 3, hazards: 4 };
    const change = await send(demo.pcsaMali, "POST", "/api/security-level-changes", { placeId: place("Mopti Security Area"), levels, overall: 5 });
    expect(change.statusCode, change.body).toBe(201);
    expect((await send(demo.doMali, "POST", `/api/security-level-changes/${change.json().id}/approve`)).statusCode).toBe(200);
    expect((await send(desk, "POST", `/api/security-level-changes/${change.json().id}/endorse`)).statusCode).toBe(200);
    expect((await fileToMopti()).reasons.map((reason) => reason.code)).toContain("level_do");
  });
});
