import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/audit.service.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Grants, places and organisations are reused between requests while the reference stamp read
 * with the session stays the same (reference-cache.ts). These tests change each kind of reference
 * data through the API and check that the very next request sees the change.
 */
let t: TestApp;
let mopti: { id: string; name: string };

const incidentAt = (stationId: string, organisationsAffected: string[] = []) => ({
  occurredAt: "2026-03-02T08:15:00+00:00",
  timeZone: "Africa/Bamako",
  place: { dutyStationId: stationId },
  categoryCode: "road_traffic_accident",
  description: "A UN vehicle left the road near Mopti.",
  source: "un_security",
  reporter: { name: "Ibrahim Traoré" },
  organisationsAffected,
  peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
});

beforeAll(async () => {
  t = await startTestApp();
  [mopti] = await t.database.query<{ id: string; name: string }>("select id, name from places where name = 'Mopti'");
});
afterAll(() => t.close());

describe("reference data reused between requests", () => {
  it("answers a create exactly as a read of the incident does afterwards", async () => {
    const created = await t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents", payload: incidentAt(mopti.id) });
    expect(created.statusCode, created.body).toBe(201);
    const read = await t.request(demo.pcsaMali, { method: "GET", url: `/api/incidents/${created.json().id}` });
    expect(created.json()).toEqual(read.json());
  });

  it("shows a renamed duty station in the very next incident", async () => {
    const before = await t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents", payload: incidentAt(mopti.id) });
    expect(before.json().placeName).toBe("Mopti");
    const renamed = await t.request(demo.admin, { method: "PATCH", url: `/api/places/${mopti.id}`, payload: { name: "Mopti-Sévaré" } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const after = await t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents", payload: incidentAt(mopti.id) });
    expect(after.json().placeName).toBe("Mopti-Sévaré");
  });

  it("accepts an organisation created a moment ago", async () => {
    const refused = await t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents", payload: incidentAt(mopti.id, ["00000000-0000-4000-8000-000000000001"]) });
    expect(refused.statusCode).toBe(422);
    const organisation = await t.request(demo.admin, { method: "POST", url: "/api/organisations", payload: { code: "NEWORG", name: "A new organisation", kind: "related_organisation" } });
    expect(organisation.statusCode, organisation.body).toBe(201);
    const accepted = await t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents", payload: incidentAt(mopti.id, [organisation.json().id]) });
    expect(accepted.statusCode, accepted.body).toBe(201);
  });

  it("takes a user's grants away at the next request when their appointment is deleted", async () => {
    expect((await t.request(demo.ascMopti, { method: "GET", url: "/api/incidents" })).statusCode).toBe(200);
    const [appointment] = await t.database.query<{ id: string }>(
      `select a.id from appointments a join persons p on p.id = a.person_id join users u on u.id = p.user_id where u.email = $1`,
      [demo.ascMopti],
    );
    const deleted = await t.request(demo.admin, { method: "DELETE", url: `/api/appointments/${appointment.id}` });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await t.request(demo.ascMopti, { method: "GET", url: "/api/incidents" })).statusCode).toBe(403);
  });
});

describe("the audit chain under concurrent writers", () => {
  it("stays one unbroken chain when twenty incidents are recorded at once", async () => {
    const before = await t.database.query<{ seq: number }>("select seq from audit_head where id = 1");
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents", payload: incidentAt(mopti.id) })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(201));
    const after = await t.database.query<{ seq: number }>("select seq from audit_head where id = 1");
    expect(Number(after[0].seq) - Number(before[0].seq)).toBe(20);
    const verified = await verifyAuditChain(t.database);
    expect(verified.problems).toEqual([]);
    expect(verified.isValid).toBe(true);
  });
});
