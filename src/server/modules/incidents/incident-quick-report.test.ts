import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * The quick report (recorded and submitted in one step) and the Idempotency-Key that keeps an
 * offline outbox, or a retry after a lost answer, from ever creating a second incident.
 */
let t: TestApp;
const placeIds = new Map<string, string>();
const place = (name: string) => placeIds.get(name) as string;
let counter = 0;

const uniqueKey = () => {
  counter += 1;
  return `quick-report-key-${counter}-${Date.now()}`;
};

function quickBody(overrides: Record<string, unknown> = {}) {
  return {
    categoryCode: "road_traffic_accident",
    timeZone: "Africa/Bamako",
    place: { dutyStationId: place("Bamako") },
    description: "Minibus hit a UN vehicle at the roundabout.",
    peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", count: 1 }],
    assetsAffected: [{ kind: "vehicle", description: "UN-4521" }],
    ...overrides,
  };
}

function post(email: string, url: string, payload: unknown, key?: string) {
  return t.request(email, { method: "POST", url, payload: payload as Record<string, unknown>, headers: key ? { "idempotency-key": key } : {} });
}
const quick = (email: string, payload: unknown, key?: string) => post(email, "/api/incidents/quick-reports", payload, key);

async function countWith(description: string): Promise<number> {
  const [row] = await t.database.query<{ total: number }>("select count(*)::int as total from incidents where description = $1", [description]);
  return row.total;
}

beforeAll(async () => {
  t = await startTestApp();
  const rows = await t.database.query<{ id: string; name: string }>("select id, name from places");
  for (const row of rows) placeIds.set(row.name, row.id);
});
afterAll(() => t.close());

describe("the time of a quick report", () => {
  it("reads a local time in the station's own zone, across a summer-time change (Europe/Paris), not the phone's", async () => {
    // A station with a zone of its own under Mali (whose stations follow Africa/Bamako).
    const mali = place("Mali");
    const created = await post(demo.admin, "/api/places", { kind: "duty_station", parentId: mali, name: "Liaison office Paris", latitude: 48.85, longitude: 2.35, timeZone: "Europe/Paris" });
    expect(created.statusCode, created.body).toBe(201);
    const station = created.json().id as string;
    const before = await quick(demo.pcsaMali, quickBody({ place: { dutyStationId: station }, occurredLocal: "2026-03-29T01:30", timeZone: undefined }), uniqueKey());
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json()).toMatchObject({ timeZone: "Europe/Paris", occurredAt: "2026-03-29T00:30:00.000Z" });
    const after = await quick(demo.pcsaMali, quickBody({ place: { dutyStationId: station }, occurredLocal: "2026-03-29T03:30", timeZone: "UTC" }), uniqueKey());
    expect(after.statusCode, after.body).toBe(201);
    expect(after.json()).toMatchObject({ timeZone: "Europe/Paris", occurredAt: "2026-03-29T01:30:00.000Z" });
  });

  it("takes the zone of the area when the station has none (Mopti → Mali, Africa/Bamako), whatever zone the phone sent", async () => {
    const response = await quick(demo.ascMopti, quickBody({ place: { dutyStationId: place("Mopti") }, timeZone: "Europe/Paris", occurredAt: "2026-04-02T11:30:00+02:00" }), uniqueKey());
    expect(response.statusCode, response.body).toBe(201);
    // The instant is kept; the zone is the place's.
    expect(response.json()).toMatchObject({ timeZone: "Africa/Bamako", occurredAt: "2026-04-02T09:30:00.000Z" });
  });

  it("shows every place's zone in force in the places tree: a station's own (Goma, eastern DR Congo), else its area's", async () => {
    const response = await t.request(demo.admin, { method: "GET", url: "/api/places/tree" });
    const zoneOf = (name: string) => response.json().items.find((item: { name: string }) => item.name === name)?.timeZone;
    expect([zoneOf("Goma"), zoneOf("Kinshasa"), zoneOf("Mopti Security Area"), zoneOf("Mopti"), zoneOf("Jacmel")]).toEqual([
      "Africa/Lubumbashi",
      "Africa/Kinshasa",
      "Africa/Bamako",
      "Africa/Bamako",
      "America/Port-au-Prince",
    ]);
  });

  it("refuses a local time that is not one, naming the field", async () => {
    const response = await quick(demo.wardenBamako, quickBody({ occurredLocal: "02/03/2026 08:15" }), uniqueKey());
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain("occurredLocal");
  });

  it("refuses an impossible local time and one far in the future, as a client error", async () => {
    for (const occurredLocal of ["2026-13-45T99:99", "9999-12-31T23:59"]) {
      const response = await quick(demo.wardenBamako, quickBody({ occurredLocal }), uniqueKey());
      expect([400, 422], `${occurredLocal}: ${response.body}`).toContain(response.statusCode);
    }
  });
});

describe("a quick report", () => {
  it("is recorded and submitted at once, with the caller as reporter, affecting the UN, time-stamped now", async () => {
    const before = Date.now();
    const response = await quick(demo.wardenBamako, quickBody());
    expect(response.statusCode, response.body).toBe(201);
    const incident = response.json();
    expect(incident).toMatchObject({
      status: "submitted",
      categoryCode: "road_traffic_accident",
      placeName: "Bamako",
      affectsUn: true,
      isNearMiss: false,
      source: "un_personnel",
      sourceDetail: "Quick report",
      reporter: { name: "Warden Bamako" },
      peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "unknown", count: 1, organisationId: null, personId: null }],
    });
    expect(Date.parse(incident.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(incident.submittedAt)).toBeGreaterThanOrEqual(before - 1000);
    // The reporter's own personnel record is linked (shown to the reporter, who has need-to-know).
    expect(incident.reporter.personId).toEqual(expect.any(String));
    const history = (await t.request(demo.pcsaMali, { method: "GET", url: `/api/history/incident/${incident.id}` })).json().items;
    expect(history.map((entry: { action: string }) => entry.action)).toEqual(["create"]);
    expect(history[0].changes.status).toEqual({ from: null, to: "submitted" });
  });

  it("takes phone GPS coordinates and places them in the area of the nearest duty station", async () => {
    const response = await quick(demo.wardenBamako, quickBody({ place: { coordinates: { latitude: 12.65, longitude: -8.0 } }, occurredAt: "2026-04-02T09:30:00Z" }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ placeName: "Bamako Security Area", latitude: 12.65, longitude: -8, occurredAt: "2026-04-02T09:30:00.000Z" });
  });

  it("follows the taxonomy rules, naming the field", async () => {
    const response = await quick(demo.wardenBamako, quickBody({ categoryCode: "fatality_violence", peopleAffected: [], assetsAffected: [] }));
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "peopleAffected", message: expect.stringMatching(/needs at least one person killed/) }]);
  });

  it("is refused outside the caller's area exactly as a missing duty station, and to callers who may not report", async () => {
    const outside = await quick(demo.wardenBamako, quickBody({ place: { dutyStationId: place("Mopti") } }));
    expect(outside.statusCode).toBe(422);
    expect(outside.json().issues).toEqual([{ field: "place.dutyStationId", message: "is not a duty station you may report for" }]);
    // Staff report only at their own duty station (incident-staff-report.test.ts): Bamako reads as unknown to them.
    const staff = await quick(demo.staff, quickBody());
    expect(staff.statusCode).toBe(422);
    expect(staff.json().issues).toEqual(outside.json().issues);
    for (const email of [demo.analyst, demo.admin]) expect((await quick(email, quickBody())).statusCode, email).toBe(403);
  });
});

describe("Idempotency-Key", () => {
  it("returns the first record on a replay (201, Idempotent-Replayed: true) and never creates a duplicate", async () => {
    const key = uniqueKey();
    const payload = quickBody({ description: "Replay test: stone thrown at a UN vehicle." });
    const first = await quick(demo.wardenBamako, payload, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    const again = await quick(demo.wardenBamako, payload, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().id).toBe(first.json().id);
    expect(await countWith("Replay test: stone thrown at a UN vehicle.")).toBe(1);
  });

  it("creates exactly one record from concurrent replays", async () => {
    const key = uniqueKey();
    const payload = quickBody({ description: "Concurrent replay test." });
    const answers = await Promise.all(Array.from({ length: 6 }, () => quick(demo.wardenBamako, payload, key)));
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(201);
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
    expect(await countWith("Concurrent replay test.")).toBe(1);
    const [audit] = await t.database.query<{ total: number }>(
      "select count(*)::int as total from audit_log where action = 'create' and entity_type = 'incident' and entity_id = $1",
      [answers[0].json().id],
    );
    expect(audit.total).toBe(1);
  });

  it("refuses the same key with a different body (422 naming Idempotency-Key) and changes nothing", async () => {
    const key = uniqueKey();
    expect((await quick(demo.wardenBamako, quickBody({ description: "Key reuse, first body." }), key)).statusCode).toBe(201);
    const reused = await quick(demo.wardenBamako, quickBody({ description: "Key reuse, second body." }), key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({
      error: "idempotency_key_reused",
      issues: [{ field: "Idempotency-Key", message: "was already used for a different request: send a new key with a new record" }],
    });
    expect(await countWith("Key reuse, second body.")).toBe(0);
  });

  it("treats a body whose keys come in another order as the same request", async () => {
    const key = uniqueKey();
    const payload = quickBody({ description: "Key order test." });
    const reversed = Object.fromEntries(Object.entries(payload).reverse());
    const first = await quick(demo.wardenBamako, payload, key);
    const second = await quick(demo.wardenBamako, reversed, key);
    expect(second.json().id).toBe(first.json().id);
  });

  it("keeps keys per user and per route", async () => {
    const key = uniqueKey();
    const payload = quickBody({ description: "Same key, two users." });
    const warden = await quick(demo.wardenBamako, payload, key);
    const pcsa = await quick(demo.pcsaMali, payload, key);
    expect(pcsa.statusCode).toBe(201);
    expect(pcsa.json().id).not.toBe(warden.json().id);
    const fullBody = { ...payload, peopleAffected: [], source: "un_personnel", reporter: { name: "W" }, occurredAt: "2026-01-01T00:00:00Z" };
    const otherRoute = await post(demo.wardenBamako, "/api/incidents", fullBody, key);
    expect(otherRoute.statusCode).toBe(422);
    expect(otherRoute.json().error).toBe("idempotency_key_reused");
  });

  it("also makes POST /api/incidents idempotent, and without a key every request creates a record", async () => {
    const key = uniqueKey();
    const payload = {
      occurredAt: "2026-02-01T08:00:00Z",
      timeZone: "Africa/Bamako",
      place: { dutyStationId: place("Bamako") },
      categoryCode: "theft",
      description: "Laptop stolen from a parked car (idempotent create).",
      source: "un_security",
      reporter: { name: "Desk officer" },
    };
    const answers = await Promise.all([post(demo.pcsaMali, "/api/incidents", payload, key), post(demo.pcsaMali, "/api/incidents", payload, key)]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201]);
    expect(answers[0].json().id).toBe(answers[1].json().id);
    expect(answers[0].json().status).toBe("draft");
    expect(await countWith(payload.description)).toBe(1);
    await post(demo.pcsaMali, "/api/incidents", payload);
    expect(await countWith(payload.description)).toBe(2);
  });

  it("refuses a key that is too short or too long with 400 naming the header", async () => {
    for (const key of ["short", "x".repeat(201)]) {
      const response = await quick(demo.wardenBamako, quickBody(), key);
      expect(response.statusCode, key).toBe(400);
      expect(response.json().issues).toEqual([expect.objectContaining({ field: "idempotency-key", location: "headers" })]);
    }
  });

  it("does not remember a key whose request failed: the corrected request with the same key is recorded", async () => {
    const key = uniqueKey();
    const bad = await quick(demo.wardenBamako, quickBody({ place: { dutyStationId: place("Mopti") }, description: "Failed first." }), key);
    expect(bad.statusCode).toBe(422);
    // Same key, same (still invalid) body: still refused, not replayed.
    expect((await quick(demo.wardenBamako, quickBody({ place: { dutyStationId: place("Mopti") }, description: "Failed first." }), key)).statusCode).toBe(422);
    expect(await countWith("Failed first.")).toBe(0);
    const corrected = await quick(demo.wardenBamako, quickBody({ description: "Failed first." }), key);
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.headers["idempotent-replayed"]).toBeUndefined();
    expect(await countWith("Failed first.")).toBe(1);
  });
});
