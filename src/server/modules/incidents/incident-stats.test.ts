import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceContext } from "../../platform/http/context.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { incidentMap } from "./incident-map.service.ts";
import { getIncidentStats } from "./incident-stats.service.ts";
import { analysisFixtures, clearIncidents, createHaitiAccount, haitiEmail, recordIncident } from "./incident-stats.testing.ts";

/**
 * The dashboard counts and the map, through the API: scoped to the caller's `incident.analyse`
 * grants, drafts never counted, months local to each incident, a sexual assault counted for
 * everyone but on the map only for its need-to-know list.
 */
let t: TestApp;
let f: Awaited<ReturnType<typeof analysisFixtures>>;
const ids: Record<string, string> = {};

const get = (email: string, url: string) => t.request(email, { method: "GET", url });
const stats = async (email: string, query = "from=2025-01&to=2025-06") => {
  const response = await get(email, `/api/incidents/stats?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const mapIds = async (email: string, query = "") => {
  const response = await get(email, `/api/incidents/map${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().features as { properties: { id: string } }[]).map((feature) => feature.properties.id);
};

const body = (station: string, categoryCode: string, occurredAt: string, extra: Record<string, unknown> = {}) => ({
  occurredAt,
  timeZone: "Africa/Bamako",
  place: { dutyStationId: f.place(station).id },
  categoryCode,
  description: `Dashboard test: ${categoryCode} at ${station}`,
  source: "un_security",
  reporter: { name: "Dashboard Test" },
  ...extra,
});
const injured = [{ outcome: "injured", recruitmentType: "international", sex: "male", count: 1 }];

beforeAll(async () => {
  t = await startTestApp();
  await clearIncidents(t);
  f = await analysisFixtures(t);
  await createHaitiAccount(t, f.place("Haiti").id);
  const vehicle = { assetsAffected: [{ kind: "vehicle", description: "Land Cruiser" }] };
  ids.roadMopti = await recordIncident(t, demo.pcsaMali, body("Mopti", "road_traffic_accident", "2025-03-10T08:00:00Z", { peopleAffected: injured, ...vehicle }));
  ids.robberyMopti = await recordIncident(
    t,
    demo.pcsaMali,
    body("Mopti", "robbery", "2025-03-20T19:00:00Z", { peopleAffected: [{ outcome: "robbed", recruitmentType: "locally_recruited", sex: "female", count: 2 }] }),
    "verified",
  );
  ids.draftMopti = await recordIncident(t, demo.pcsaMali, body("Mopti", "theft", "2025-03-05T10:00:00Z"), "draft");
  ids.sexualAssaultBamako = await recordIncident(
    t,
    demo.wardenBamako,
    body("Bamako", "sexual_assault", "2025-04-02T22:00:00Z", { peopleAffected: [{ outcome: "sexually_assaulted", recruitmentType: "international", sex: "female", count: 1 }] }),
  );
  // 23:30 UTC on 28 February is already 1 March in Kiritimati (UTC+14): a March incident.
  ids.theftKiritimati = await recordIncident(t, demo.pcsaMali, body("Bamako", "theft", "2025-02-28T23:30:00Z", { timeZone: "Pacific/Kiritimati" }));
  ids.awarenessMopti = await recordIncident(t, demo.pcsaMali, body("Mopti", "robbery", "2025-05-01T12:00:00Z", { affectsUn: false }));
  ids.fireHaiti = await recordIncident(t, haitiEmail, body("Port-au-Prince", "fire", "2025-03-15T12:00:00Z", { timeZone: "America/Port-au-Prince", peopleAffected: injured }));
  // The previous period of January–June 2025 is July–December 2024.
  ids.fatalityMopti = await recordIncident(
    t,
    demo.pcsaMali,
    body("Mopti", "fatality_safety", "2024-09-10T08:00:00Z", { peopleAffected: [{ outcome: "killed", recruitmentType: "international", sex: "male", count: 1 }] }),
  );
});
afterAll(() => t.close());

describe("GET /api/incidents/stats", () => {
  it("counts everything past draft for the global analyst, with the previous period of equal length", async () => {
    const body = await stats(demo.analyst);
    expect(body.source).toBe("rollup");
    expect(body.period).toEqual({ from: "2025-01", to: "2025-06" });
    expect(body.previousPeriod).toEqual({ from: "2024-07", to: "2024-12" });
    expect(body.totals).toEqual({ incidents: 6, affectingUn: 5, people: 5, killed: 0, injured: 2 });
    expect(body.previousTotals).toEqual({ incidents: 1, affectingUn: 1, people: 1, killed: 1, injured: 0 });
    expect(body.violenceSafety.violence).toMatchObject({ incidents: 4, people: 3 });
    expect(body.violenceSafety.safety).toMatchObject({ incidents: 2, people: 2, previousIncidents: 1, previousPeople: 1 });
    expect(body.byMonth.map((row: { incidents: number }) => row.incidents)).toEqual([0, 0, 4, 1, 1, 0]);
    expect(body.byMonth[2]).toMatchObject({ month: "2025-03", previousMonth: "2024-09", previousIncidents: 1 });
    expect(body.byArea.map((row: { name: string }) => row.name).sort()).toEqual(["Bamako Security Area", "Mopti Security Area", "Port-au-Prince"]);
    expect(body.peopleByOutcome).toContainEqual({ outcome: "sexually_assaulted", people: 1, previousPeople: 0 });
    expect(body.peopleByRecruitmentAndSex).toContainEqual({ recruitmentType: "locally_recruited", sex: "female", people: 2 });
    expect(body.byCategory.find((row: { categoryCode: string }) => row.categoryCode === "robbery")).toMatchObject({ group: "violence_crime", incidents: 2, people: 2 });
  });

  it("counts only Mopti for the Mopti ASC, and only Mali for the P/C/SA of Mali", async () => {
    const mopti = await stats(demo.ascMopti);
    expect(mopti.totals.incidents).toBe(3);
    expect(mopti.byArea.map((row: { name: string }) => row.name)).toEqual(["Mopti Security Area"]);
    expect(mopti.previousTotals.incidents).toBe(1);
    const mali = await stats(demo.pcsaMali);
    expect(mali.totals.incidents).toBe(5);
    expect(mali.byArea.map((row: { name: string }) => row.name)).not.toContain("Port-au-Prince");
    // A place out of scope is "not found", as for the reports (issue 11, item 15).
    const haitiForMopti = await get(demo.ascMopti, `/api/incidents/stats?from=2025-01&to=2025-06&placeId=${f.place("Haiti").id}`);
    expect([haitiForMopti.statusCode, haitiForMopti.json().error]).toEqual([404, "not_found"]);
  });

  it("counts a sexual assault for callers without need-to-know, as a number only", async () => {
    const body = await stats(demo.doMali);
    expect(body.byCategory.find((row: { categoryCode: string }) => row.categoryCode === "sexual_assault")).toMatchObject({ incidents: 1, people: 1 });
    expect(JSON.stringify(body)).not.toContain(ids.sexualAssaultBamako);
  });

  it("counts an incident in its local month, and filters by category and soft switch", async () => {
    const march = await stats(demo.pcsaMali, "from=2025-03&to=2025-03");
    expect(march.totals.incidents).toBe(3);
    expect((await stats(demo.pcsaMali, "from=2025-01&to=2025-06&categoryCode=robbery")).totals.incidents).toBe(2);
    expect((await stats(demo.pcsaMali, "from=2025-01&to=2025-06&affectsUn=false")).totals).toMatchObject({ incidents: 1, affectingUn: 0, people: 0 });
  });

  it("computes live, with the same counts, below the Security Area level", async () => {
    const byArea = await stats(demo.pcsaMali, `from=2025-01&to=2025-06&placeId=${f.place("Mopti Security Area").id}`);
    const byStation = await stats(demo.pcsaMali, `from=2025-01&to=2025-06&placeId=${f.place("Mopti").id}`);
    expect(byArea.source).toBe("rollup");
    expect(byStation.source).toBe("live");
    expect({ ...byStation, source: "rollup" }).toEqual(byArea);

    // A grant on one duty station (not in the demo's roles, but possible in a deployment's registry).
    const actor = { userId: randomUUID(), personId: null, displayName: "Station analyst", grants: [{ role: "asc" as const, placePath: f.place("Mopti").path, organisationId: null }] };
    const live = await getIncidentStats(serviceContext(t.database, actor, null), { from: "2025-01", to: "2025-06" });
    expect(live.source).toBe("live");
    expect({ ...live, source: "rollup" }).toEqual(byArea);
  });

  it("defaults to the last twelve months and refuses a period that ends before it starts", async () => {
    const body = await stats(demo.analyst, "");
    expect(body.byMonth).toHaveLength(12);
    const refused = await get(demo.analyst, "/api/incidents/stats?from=2025-06&to=2025-01");
    expect(refused.statusCode).toBe(422);
    expect(refused.json().issues).toEqual([{ field: "from", message: "must be the same month as to or earlier" }]);
    const malformed = await get(demo.analyst, "/api/incidents/stats?from=2025-13");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().issues[0].field).toBe("from");
  });

  it("is refused to roles without incident.analyse", async () => {
    expect((await get(demo.wardenBamako, "/api/incidents/stats")).statusCode).toBe(403);
    expect((await get(demo.staff, "/api/incidents/stats")).statusCode).toBe(403);
  });
});

describe("GET /api/incidents/map", () => {
  it("shows a sexual assault only to its need-to-know list, and never a narrative or people", async () => {
    expect(await mapIds(demo.pcsaMali)).toContain(ids.sexualAssaultBamako);
    for (const email of [demo.doMali, demo.analyst, demo.ascMopti, demo.repUnicefMali]) {
      expect(await mapIds(email), email).not.toContain(ids.sexualAssaultBamako);
    }
    const response = await get(demo.pcsaMali, "/api/incidents/map");
    const feature = (response.json().features as { properties: Record<string, unknown>; geometry: unknown }[]).find((item) => item.properties.id === ids.robberyMopti);
    expect(feature).toEqual({
      type: "Feature",
      geometry: { type: "Point", coordinates: [-4.1827, 14.4843] },
      properties: { id: ids.robberyMopti, categoryCode: "robbery", occurredAt: "2025-03-20T19:00:00.000Z", status: "verified", kind: "violence" },
    });
    expect(response.body).not.toContain("Dashboard test");
  });

  it("keeps to the caller's scope and the shared filters", async () => {
    const mopti = await mapIds(demo.ascMopti);
    expect(mopti).toContain(ids.roadMopti);
    expect(mopti).not.toContain(ids.theftKiritimati);
    expect(mopti).not.toContain(ids.fireHaiti);
    expect(await mapIds(demo.analyst)).toContain(ids.fireHaiti);
    const march = await mapIds(demo.pcsaMali, "?from=2025-03-01&to=2025-03-31&status=submitted");
    expect(march.sort()).toEqual([ids.roadMopti].sort());
  });

  it("shows the newest incidents up to the cap and says it was cut", async () => {
    const actor = { userId: randomUUID(), personId: null, displayName: "Analyst", grants: [{ role: "global_analyst" as const, placePath: null, organisationId: null }] };
    const map = await incidentMap(serviceContext(t.database, actor, null), {}, 2);
    expect(map.truncated).toBe(true);
    expect(map.features.map((feature) => feature.properties.id)).toEqual([ids.awarenessMopti, ids.robberyMopti]);
  });
});
