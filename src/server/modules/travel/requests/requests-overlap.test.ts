import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, startTestApp } from "../../../testing/test-app.ts";

/**
 * Two filings for the same traveller at the same moment (a double tap on a slow link, or the
 * traveller and their focal point at once): the overlap check runs in the writing transaction
 * under a lock per traveller, so exactly one trip is stored and the other answers 409 naming it.
 * On PostgreSQL the two requests run on two connections at once; on PGlite they are serialised.
 */
const traveller = "traveller.mali@vigil.example";
let t: TestApp;
let bamako: string;
let mopti: string;
let person: string;

beforeAll(async () => {
  t = await startTestApp();
  const rows = await t.database.query<{ id: string; name: string }>("select id, name from places where name in ('Bamako', 'Mopti') and kind = 'duty_station'");
  bamako = rows.find((row) => row.name === "Bamako")?.id as string;
  mopti = rows.find((row) => row.name === "Mopti")?.id as string;
  person = (await t.request(traveller, { method: "GET", url: "/api/auth/me" })).json().personId;
});
afterAll(() => t.close());

describe("filing the same traveller twice at once", () => {
  it("stores one trip and refuses the other with 409, every time", async () => {
    for (let round = 0; round < 5; round += 1) {
      const start = addDays(todayIso(), 40 + round * 5);
      const body = {
        purpose: "Double tap",
        travellers: [{ personId: person }],
        legs: [{ fromPlaceId: bamako, toPlaceId: mopti, departureLocal: `${start}T07:00`, arrivalLocal: `${start}T15:00`, transport: "road" }],
      };
      const answers = await Promise.all([0, 1, 2].map(() => t.request(traveller, { method: "POST", url: "/api/travel/requests", payload: body as never })));
      const codes = answers.map((answer) => answer.statusCode).sort();
      expect(codes, answers.map((answer) => answer.body).join("\n")).toEqual([201, 409, 409]);
      const [stored] = answers.filter((answer) => answer.statusCode === 201).map((answer) => answer.json().number as string);
      for (const refused of answers.filter((answer) => answer.statusCode === 409)) expect(refused.json().issues[0].message).toContain(`is already on trip ${stored}`);
    }
    const [{ count }] = await t.database.query<{ count: number }>(
      "select count(*)::int as count from travel_requests r join travel_travellers tt on tt.request_id = r.id where tt.person_id = $1 and r.purpose = 'Double tap'",
      [person],
    );
    expect(count).toBe(5);
  });
});
