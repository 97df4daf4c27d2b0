import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { multipartPayload } from "../../authorization/matrix-driver.ts";
import { incidentCsv } from "./incident-exchange.matrix.ts";
import { clock } from "../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Bug fixed (issue 11, item 11): an incident could be dated 9999-12-31. Every way in (create,
 * revision, quick report, import) now refuses a date in the future or before 1945, naming the
 * field. The clock is frozen, so "the future" does not depend on when or how fast this runs.
 */
let t: TestApp;
let mopti: string;
const realNow = clock.now;
const frozen = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const minutesFromNow = (minutes: number) => new Date(frozen.getTime() + minutes * 60_000).toISOString();

const body = (overrides: Record<string, unknown> = {}) => ({
  occurredAt: minutesFromNow(-60),
  timeZone: "Africa/Bamako",
  place: { dutyStationId: mopti },
  categoryCode: "road_traffic_accident",
  description: "A UN vehicle left the road between Mopti and Sévaré.",
  source: "un_security",
  reporter: { name: "Ibrahim Traoré" },
  peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
  assetsAffected: [{ kind: "vehicle", description: "Land Cruiser UN-1234" }],
  ...overrides,
});

const future = /^Must not be in the future \(more than 15 minutes ahead of the server's clock\)/;

beforeAll(async () => {
  t = await startTestApp();
  clock.now = () => new Date(frozen);
  [{ id: mopti }] = await t.database.query<{ id: string }>("select id from places where name = 'Mopti'");
});
afterAll(async () => {
  clock.now = realNow;
  await t.close();
});

const post = (url: string, payload: unknown, email: string = demo.pcsaMali) => t.request(email, { method: "POST", url, payload: payload as Record<string, unknown> });

describe("the date of an incident", () => {
  it("is refused on create when it is 9999-12-31, naming occurredAt", async () => {
    const response = await post("/api/incidents", body({ occurredAt: "9999-12-31T23:59:59Z" }));
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "occurredAt", message: expect.stringMatching(future) }]);
  });

  it("allows 15 minutes of clock difference on create, and no more", async () => {
    expect((await post("/api/incidents", body({ occurredAt: minutesFromNow(14) }))).statusCode).toBe(201);
    expect((await post("/api/incidents", body({ occurredAt: minutesFromNow(16) }))).statusCode).toBe(422);
  });

  it("is refused before 1945, in the caller's language", async () => {
    const english = await post("/api/incidents", body({ occurredAt: "1944-06-06T06:30:00Z" }));
    expect(english.statusCode).toBe(422);
    expect(english.json().issues).toEqual([{ field: "occurredAt", message: "Must be in 1945 or later (the year the United Nations was founded): check the year" }]);
    const setFrench = await t.request(demo.ascMopti, { method: "PATCH", url: "/api/auth/me", payload: { locale: "fr" } });
    expect(setFrench.statusCode, setFrench.body).toBe(200);
    const french = await post("/api/incidents", body({ occurredAt: "9999-01-01T00:00:00Z" }), demo.ascMopti);
    expect(french.statusCode).toBe(422);
    expect(french.json().issues).toEqual([{ field: "occurredAt", message: expect.stringMatching(/^Ne doit pas être dans le futur/) }]);
  });

  it("is refused on a revision that moves it into the future", async () => {
    const created = await post("/api/incidents", body());
    expect(created.statusCode).toBe(201);
    const response = await t.request(demo.pcsaMali, { method: "PATCH", url: `/api/incidents/${created.json().id}`, payload: { occurredAt: minutesFromNow(24 * 60) } });
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "occurredAt", message: expect.stringMatching(future) }]);
  });

  it("is refused on a quick report, which without a date is dated now by the server's clock", async () => {
    const report = { categoryCode: "road_traffic_accident", timeZone: "Africa/Bamako", place: { dutyStationId: mopti }, description: "Vehicle off the road.", assetsAffected: [{ kind: "vehicle", description: "UN-1234" }] };
    const refused = await post("/api/incidents/quick-reports", { ...report, occurredAt: "9999-12-31T23:59:59Z" });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().issues).toEqual([{ field: "occurredAt", message: expect.stringMatching(future) }]);
    const undated = await post("/api/incidents/quick-reports", report);
    expect(undated.statusCode, undated.body).toBe(201);
    expect(undated.json().occurredAt).toBe(frozen.toISOString());
  });

  it("is refused on an imported row, reported on the row and its column", async () => {
    const row = (when: string) => `${when},UTC,Mopti,road_traffic_accident,Imported (dates test ${when}),injured/international/male/1,vehicle: UN-1234`;
    // 2999 is the last year the import reads as a date at all; tomorrow is refused by the rule.
    const tomorrow = minutesFromNow(24 * 60).slice(0, 16).replace("T", " ");
    const rows = [row("2999-12-31 10:00"), row(tomorrow), row("1944-12-31 10:00"), row(minutesFromNow(-30))];
    const { payload, contentType } = multipartPayload(incidentCsv(rows));
    const response = await t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents/imports", headers: { "content-type": contentType }, payload });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      inserted: 1,
      rejected: 3,
      errors: [
        { row: 2, field: "occurred_at", message: expect.stringMatching(future) },
        { row: 3, field: "occurred_at", message: expect.stringMatching(future) },
        { row: 4, field: "occurred_at", message: expect.stringMatching(/^Must be in 1945 or later/) },
      ],
    });
  });
});
