import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../core/appointments/continuity.ts";
import { todayIso } from "../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

let t: TestApp;
let haitiId: string;
let candidateId: string;

beforeAll(async () => {
  t = await startTestApp();
  const places = await t.request(demo.admin, { method: "GET", url: "/api/places?kind=designated_area" });
  haitiId = places.json().items.find((place: { name: string }) => place.name === "Haiti").id;
  const people = await t.request(demo.admin, { method: "GET", url: `/api/personnel?placeId=${haitiId}&pageSize=1` });
  candidateId = people.json().items[0].id;
});
afterAll(() => t.close());

describe("continuity of the DO function", () => {
  it("finds the demo gap: Haiti has no DO or DO a.i. in charge today", async () => {
    const response = await t.request(demo.admin, { method: "GET", url: "/api/continuity" });
    expect(response.statusCode).toBe(200);
    const haiti = response.json().items.find((item: { placeName: string }) => item.placeName === "Haiti");
    expect(haiti).toMatchObject({ isCoveredToday: false, inCharge: null, slot: "do" });
    // The demo DO left five days ago; nothing is scheduled, so the gap has no end.
    expect(haiti.gaps).toEqual([{ from: addDays(todayIso(), -4), to: null }]);
  });

  it("closes the gap when a DO a.i. is appointed, and refuses an overlapping DO", async () => {
    const appointed = await t.request(demo.admin, {
      method: "POST",
      url: "/api/appointments",
      payload: { personId: candidateId, role: "do_ai", placeId: haitiId, startsOn: todayIso(), appointedBy: "USG UNDSS", letterNumber: "UNDSS/2026/77" },
    });
    expect(appointed.statusCode).toBe(201);
    expect(appointed.json()).toMatchObject({ role: "do_ai", isActive: true, actions: ["update", "delete"] });

    const after = await t.request(demo.admin, { method: "GET", url: "/api/continuity" });
    expect(after.json().items.find((item: { placeName: string }) => item.placeName === "Haiti")).toBeUndefined();

    const overlapping = await t.request(demo.admin, {
      method: "POST",
      url: "/api/appointments",
      payload: { personId: candidateId, role: "do", placeId: haitiId, startsOn: addDays(todayIso(), 10), appointedBy: "Secretary-General" },
    });
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().issues[0]).toMatchObject({ field: "startsOn" });
    expect(overlapping.json().message).toMatch(/only one holder at a time/);
  });

  it("refuses a DO appointment on a Security Area with a message naming the field", async () => {
    const areas = await t.request(demo.admin, { method: "GET", url: "/api/places?kind=security_area" });
    const response = await t.request(demo.admin, {
      method: "POST",
      url: "/api/appointments",
      payload: { personId: candidateId, role: "do", placeId: areas.json().items[0].id, startsOn: todayIso(), appointedBy: "x" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().issues[0].field).toBe("placeId");
  });

  it("lets only headquarters record a DO: the DO of Mali may not appoint a DO a.i.", async () => {
    const mali = (await t.request(demo.doMali, { method: "GET", url: "/api/places?kind=designated_area" })).json().items[0];
    const response = await t.request(demo.doMali, {
      method: "POST",
      url: "/api/appointments",
      payload: { personId: candidateId, role: "do_ai", placeId: mali.id, startsOn: addDays(todayIso(), 400), appointedBy: "x" },
    });
    expect(response.statusCode).toBe(403);
  });
});
