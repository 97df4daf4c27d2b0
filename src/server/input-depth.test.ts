import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { multipartPayload } from "./authorization/matrix-driver.ts";
import { incidentCsv } from "./modules/incidents/incident-exchange.matrix.ts";
import { maxJsonDepth } from "./platform/http/json-depth.ts";
import { type TestApp, demo, startTestApp } from "./testing/test-app.ts";

/**
 * Bug fixed (issue 11, item 9): a JSON body nested 100,000 levels deep overflowed the stack in
 * the code that walks a parsed body, and the server answered 500. It is now refused as bad input
 * before anything walks it, and the server keeps answering.
 */
let t: TestApp;
let incidentId: string;
const levels = 100_000;
const deepArrays = `${"[".repeat(levels)}${"]".repeat(levels)}`;
const deepObjects = `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
// Inside a string, brackets are text, not nesting.
const bracketsInText = JSON.stringify({ email: "[".repeat(levels), password: "{".repeat(levels) });

beforeAll(async () => {
  t = await startTestApp();
  const [station] = await t.database.query<{ id: string }>("select id from places where name = 'Mopti'");
  const created = await t.request(demo.pcsaMali, {
    method: "POST",
    url: "/api/incidents",
    payload: {
      occurredAt: "2026-03-02T08:15:00+00:00",
      timeZone: "Africa/Bamako",
      place: { dutyStationId: station.id },
      categoryCode: "road_traffic_accident",
      description: "A UN vehicle left the road.",
      source: "un_security",
      reporter: { name: "Ibrahim Traoré" },
      peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
      assetsAffected: [{ kind: "vehicle", description: "Land Cruiser UN-1234" }],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  incidentId = created.json().id;
});
afterAll(() => t.close());

const targets = [
  { name: "sign-in", as: null, method: "POST", url: () => "/api/auth/login" },
  { name: "incident create", as: demo.pcsaMali, method: "POST", url: () => "/api/incidents" },
  { name: "incident revision", as: demo.pcsaMali, method: "PATCH", url: () => `/api/incidents/${incidentId}` },
] as const;

describe("deeply nested JSON bodies", () => {
  for (const target of targets) {
    for (const [shape, raw] of [
      ["arrays", deepArrays],
      ["objects", deepObjects],
    ] as const) {
      it(`answers ${levels} levels of ${shape} on the ${target.name} with 400 naming the body, and keeps serving`, async () => {
        const response = await t.request(target.as, {
          method: target.method,
          url: target.url(),
          headers: { "content-type": "application/json" },
          payload: raw,
        });
        expect(response.statusCode, response.body.slice(0, 300)).toBe(400);
        expect(response.json()).toEqual({
          error: "validation",
          message: `body: is nested too deeply (at most ${maxJsonDepth} levels of arrays and objects)`,
          issues: [{ field: "body", message: `is nested too deeply (at most ${maxJsonDepth} levels of arrays and objects)` }],
        });
        expect((await t.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
      });
    }
  }

  it(`accepts ${maxJsonDepth} levels, and refuses one more`, async () => {
    const nested = (depth: number) => `{"email":"a@b.c","password":"x","extra":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;
    const send = (payload: string) =>
      t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.9" }, payload });
    // Past the parser: the unknown account is refused by the sign-in itself, not as too deep.
    expect((await send(nested(maxJsonDepth))).statusCode).not.toBe(400);
    expect((await send(nested(maxJsonDepth + 1))).statusCode).toBe(400);
  });

  it("counts only brackets outside strings (escaped quotes included)", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": "application/json" }, payload: bracketsInText });
    expect(response.statusCode).not.toBe(500);
    expect(response.body).not.toContain("nested too deeply");
    const escaped = JSON.stringify({ email: `\\"${"[".repeat(200)}`, password: "x" });
    const other = await t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": "application/json" }, payload: escaped });
    expect(other.body).not.toContain("nested too deeply");
  });

  it("answers deeply nested JSON in the incident import's mapping and defaults fields without a server error", async () => {
    for (const name of ["mapping", "defaults"]) {
      for (const raw of [deepArrays, deepObjects]) {
        const { payload, contentType } = multipartPayload({ ...incidentCsv([]), fields: { [name]: raw } });
        const response = await t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents/imports", headers: { "content-type": contentType }, payload });
        expect(response.statusCode, response.body.slice(0, 200)).toBe(400);
        expect(response.json().issues[0].field).toMatch(new RegExp(`^${name}`));
      }
    }
  });

  it("still refuses a __proto__ key and broken JSON as before", async () => {
    for (const raw of ['{"__proto__": {"isAdmin": true}}', '{"email": ']) {
      const response = await t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": "application/json" }, payload: raw });
      expect(response.statusCode, raw).toBe(400);
      expect(response.json().issues).toEqual([{ field: "body", location: "body", message: "must be a valid JSON document" }]);
    }
  });
});
