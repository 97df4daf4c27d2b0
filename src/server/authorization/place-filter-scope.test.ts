import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../testing/test-app.ts";

/**
 * Issue 11, item 15: every listing, count, map, report and export that takes a place answers a
 * place out of the caller's scope as it answers a missing one, 404 "not found" (the dashboard
 * counts used to answer 200 with zeros while the reports answered 404). The DO of Mali asks for
 * Haiti, a place that exists out of scope, then for Mali, in scope.
 */
let t: TestApp;
let mali: string;
let haiti: string;

beforeAll(async () => {
  t = await startTestApp();
  const [maliRow] = await t.database.query<{ id: string }>("select id from places where name = 'Mali' and kind = 'designated_area'");
  const [haitiRow] = await t.database.query<{ id: string }>("select id from places where name = 'Haiti' and kind = 'designated_area'");
  mali = maliRow.id;
  haiti = haitiRow.id;
});
afterAll(() => t.close());

const missing = "00000000-0000-4000-8000-000000000000";

/** Each endpoint that takes a place, as a URL for a place id. */
const endpoints: [string, (placeId: string) => string][] = [
  ["dashboard counts", (id) => `/api/incidents/stats?placeId=${id}`],
  ["incident map", (id) => `/api/incidents/map?placeId=${id}`],
  ["annual report", (id) => `/api/incidents/reports/periodic?period=year&year=2026&placeId=${id}`],
  ["quarterly report as CSV", (id) => `/api/incidents/reports/periodic?period=quarter&year=2026&quarter=1&format=csv&placeId=${id}`],
  ["JIU table", (id) => `/api/incidents/reports/jiu-table?fromYear=2025&toYear=2026&placeId=${id}`],
  ["incident export", (id) => `/api/incidents/export?format=csv&placeId=${id}`],
  ["incident list", (id) => `/api/incidents?placeId=${id}`],
  ["measures", (id) => `/api/srm-measures?placeId=${id}`],
  ["measures as CSV", (id) => `/api/srm-measures/export.csv?placeId=${id}`],
  ["SRM assessments", (id) => `/api/srm-assessments?placeId=${id}`],
  ["programme criticality ratings", (id) => `/api/pc-assessments?placeId=${id}`],
  ["risk acceptances", (id) => `/api/risk-acceptances?placeId=${id}`],
  ["meetings", (id) => `/api/meetings?placeId=${id}`],
  ["appointments", (id) => `/api/appointments?placeId=${id}`],
  ["personnel", (id) => `/api/personnel?placeId=${id}`],
  ["personnel as CSV", (id) => `/api/personnel/export.csv?placeId=${id}`],
];

/** The victims register is read by the P/C/SA (not the DO): the same rule, asked as the P/C/SA of Mali. */
const victimsEndpoint = (id: string) => `/api/victim-cases?placeId=${id}`;

describe("a place filter out of the caller's scope (issue 11, item 15)", () => {
  it.each(endpoints)("%s: 404 for Haiti, exactly as for a missing place; 200 for Mali", async (_name, url) => {
    const outside = await t.request(demo.doMali, { method: "GET", url: url(haiti) });
    const absent = await t.request(demo.doMali, { method: "GET", url: url(missing) });
    const inside = await t.request(demo.doMali, { method: "GET", url: url(mali) });
    expect([outside.statusCode, outside.json().error, outside.json().message]).toEqual([404, "not_found", "Place not found"]);
    expect([absent.statusCode, absent.json().message]).toEqual([404, outside.json().message]);
    expect(inside.statusCode).toBe(200);
  });

  it("victims register: 404 for Haiti, exactly as for a missing place; 200 for Mali", async () => {
    const outside = await t.request(demo.pcsaMali, { method: "GET", url: victimsEndpoint(haiti) });
    const absent = await t.request(demo.pcsaMali, { method: "GET", url: victimsEndpoint(missing) });
    const inside = await t.request(demo.pcsaMali, { method: "GET", url: victimsEndpoint(mali) });
    expect([outside.statusCode, outside.json().message]).toEqual([404, "Place not found"]);
    expect([absent.statusCode, absent.json().message]).toEqual([404, "Place not found"]);
    expect(inside.statusCode).toBe(200);
  });

  it("leaves the security level history open to everyone, as levels in force are (a missing place is still 404)", async () => {
    // Not a scope exception: levels are for every traveller, so no area is out of anyone's scope.
    const url = (id: string) => `/api/places/${id}/security-levels`;
    expect((await t.request(demo.doMali, { method: "GET", url: url(haiti) })).statusCode).toBe(200);
    const absent = await t.request(demo.doMali, { method: "GET", url: url(missing) });
    expect([absent.statusCode, absent.json().message]).toEqual([404, "Place not found"]);
  });

  it("still answers for Haiti to a caller whose scope holds it (the global analyst)", async () => {
    for (const [, url] of endpoints.slice(0, 7)) {
      expect((await t.request(demo.analyst, { method: "GET", url: url(haiti) })).statusCode, url(haiti)).toBe(200);
    }
  });
});
