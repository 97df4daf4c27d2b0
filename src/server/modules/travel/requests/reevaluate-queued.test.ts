import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";

/**
 * A change concerning more trips than `REEVALUATION_INLINE_TRIPS` (here 0: every one) answers at
 * once and leaves the re-evaluation to the background job (pg-boss, JOBS=on), which re-evaluates
 * the trips as the request would have. With the default limit, requests.test.ts sees the inline path.
 */
const traveller = "traveller.mali@vigil.example";
let t: TestApp;
let placeIds: Map<string, string>;

type Trip = { id: string; status: string; legs: { status: string; reasons: { code: string }[] }[]; history: { action: string; note: string | null }[] };

const place = (name: string) => placeIds.get(name) as string;
const day = (days: number, time = "07:00") => `${addDays(todayIso(), days)}T${time}`;
const road = (from: string, to: string, days: number) => ({ fromPlaceId: place(from), toPlaceId: place(to), departureLocal: day(days), arrivalLocal: day(days, "16:00"), transport: "road" });

beforeAll(async () => {
  t = await startTestApp({ JOBS: "on", REEVALUATION_INLINE_TRIPS: "0" });
  placeIds = new Map((await t.database.query<{ id: string; name: string }>("select id, name from places")).map((row) => [row.name, row.id]));
});
afterAll(() => t.close());

describe("a re-evaluation too large for the request", () => {
  it("is queued by a suspension and done by the background job", async () => {
    const personId = (await t.request(traveller, { method: "GET", url: "/api/auth/me" })).json().personId as string;
    const filed = await t.request(traveller, {
      method: "POST",
      url: "/api/travel/requests",
      payload: { purpose: "Queued re-evaluation", travellers: [{ personId }], legs: [road("Bamako", "Mopti", 30), road("Mopti", "Bamako", 33)] },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const trip = filed.json() as Trip;
    expect(trip.legs[1].status).toBe("cleared");

    const [{ organisationId }] = await t.database.query<{ organisationId: string }>('select organisation_id as "organisationId" from persons where id = $1', [personId]);
    const suspended = await t.request(demo.doMali, {
      method: "POST",
      url: "/api/travel/suspensions",
      payload: { placeId: place("Mali"), organisationId, reason: "Compliance mission ignored" },
    });
    expect(suspended.statusCode, suspended.body).toBe(201);

    // The job's turn: polled until the step appears (the test's own timeout bounds the wait).
    let after = trip;
    while (!after.history.some((step) => step.action === "re_evaluated")) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = (await t.request(traveller, { method: "GET", url: `/api/travel/requests/${trip.id}` })).json();
    }
    expect(after.history.find((step) => step.action === "re_evaluated")?.note).toMatch(/^organisation suspended: /);
    expect(after.legs[1].status).not.toBe("cleared");
    expect(after.legs[1].reasons.map((reason) => reason.code)).toContain("organisation_suspended");
    // Through the queue, not within the request.
    const jobs = await t.database.query<{ data: { cause: string } }>("select data from pgboss.job where name = 'travel-clearance-reevaluation-queued'");
    expect(jobs.map((job) => job.data.cause)).toEqual(["organisation suspended"]);
  });
});
