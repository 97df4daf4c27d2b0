import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { drawnHex, hexOf } from "../../../testing/pdf-reading.ts";

/**
 * Warden zones and households (issue 14 §2): drawn and staffed by the area's security staff,
 * households placed from their addresses, a zone's list seen in full only by its wardens and the
 * area's security professionals, contacts under need-to-know with every read audited.
 */
let t: TestApp;
const placeIds = new Map<string, string>();
let zones: Zone[];

type Zone = { id: string; name: string; securityAreaId: string; households: number; people: number; isMine: boolean; wardens: { appointmentId: string; isDeputy: boolean; personName: string }[]; actions: string[] };
type Household = { personId: string; name: string; organisationId: string; organisationName: string; dependants: unknown[]; contacts: { phone: string | null; residentialAddress: string | null } | null };
type HouseholdList = { households: Household[]; hidden: number };

const place = (name: string) => placeIds.get(name) as string;
const zoneNamed = (prefix: string) => zones.find((zone) => zone.name.startsWith(prefix)) as Zone;
const auditCount = async (entityId: string) =>
  (await t.database.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'read_sensitive' and entity_id = $1", [entityId]))[0].n;

beforeAll(async () => {
  t = await startTestApp();
  const tree = (await t.request(demo.admin, { method: "GET", url: "/api/places/tree" })).json().items as { id: string; name: string }[];
  for (const item of tree) placeIds.set(item.name, item.id);
  zones = (await t.request(demo.pcsaMali, { method: "GET", url: "/api/warden-zones" })).json().items;
});
afterAll(async () => {
  await t.close();
});

describe("the demo's zones", () => {
  it("has two zones in Bamako, with households placed from their addresses and the warden of the first the deputy of the second", () => {
    expect(zones.map((zone) => zone.name)).toEqual(["Zone 1 — Rive gauche", "Zone 2 — Rive droite"]);
    for (const zone of zones) expect(zone.households).toBeGreaterThan(0);
    expect(zoneNamed("Zone 1").wardens).toMatchObject([{ personName: expect.any(String), isDeputy: false }]);
    expect(zoneNamed("Zone 2").wardens).toMatchObject([{ isDeputy: true }]);
    expect(zoneNamed("Zone 1").actions).toEqual(["list", "update", "delete", "assign_households"]);
  });

  it("tells the warden which zones are theirs", async () => {
    const seen = (await t.request(demo.wardenBamako, { method: "GET", url: "/api/warden-zones" })).json().items as Zone[];
    expect(seen.map((zone) => [zone.name, zone.isMine, zone.actions])).toEqual([
      ["Zone 1 — Rive gauche", true, ["list"]],
      ["Zone 2 — Rive droite", true, ["list"]],
    ]);
  });

  it("shows no zone to the ASC of Mopti, whose Security Area has none, and refuses staff", async () => {
    expect((await t.request(demo.ascMopti, { method: "GET", url: "/api/warden-zones" })).json().items).toEqual([]);
    expect((await t.request(demo.staff, { method: "GET", url: "/api/warden-zones" })).statusCode).toBe(403);
  });
});

describe("a zone's list", () => {
  it("gives the warden every household of their zone with contacts, and audits each read", async () => {
    const zone = zoneNamed("Zone 1");
    const response = await t.request(demo.wardenBamako, { method: "GET", url: `/api/warden-zones/${zone.id}/households` });
    expect(response.statusCode).toBe(200);
    const list = response.json() as HouseholdList;
    expect(list.households.length).toBe(zone.households);
    expect(list.hidden).toBe(0);
    expect(zone.people).toBe(list.households.length + list.households.reduce((sum, household) => sum + household.dependants.length, 0));
    expect(list.households.every((household) => household.contacts !== null)).toBe(true);
    expect(list.households.some((household) => household.contacts?.residentialAddress?.includes("Bamako") || household.contacts?.residentialAddress)).toBe(true);
    expect(await auditCount(list.households[0].personId)).toBeGreaterThan(0);
  });

  it("shows the DO the names without contacts, and nothing audited for them", async () => {
    const zone = zoneNamed("Zone 2");
    const before = (await t.database.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'read_sensitive'"))[0].n;
    const list = (await t.request(demo.doMali, { method: "GET", url: `/api/warden-zones/${zone.id}/households` })).json() as HouseholdList;
    expect(list.households.length).toBe(zone.households);
    expect(list.households.every((household) => household.contacts === null)).toBe(true);
    const after = (await t.database.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'read_sensitive'"))[0].n;
    expect(after).toBe(before);
  });

  it("shows WFP's focal point WFP's households only, with contacts, and counts the others", async () => {
    const zone = zoneNamed("Zone 1");
    const list = (await t.request(demo.sfpWfpMali, { method: "GET", url: `/api/warden-zones/${zone.id}/households` })).json() as HouseholdList;
    expect(list.households.every((household) => household.organisationName === "WFP" && household.contacts !== null)).toBe(true);
    expect(list.households.length + list.hidden).toBe(zone.households);
    expect(list.hidden).toBeGreaterThan(0);
  });

  it("is refused to a warden who is not this zone's", async () => {
    const created = await t.request(demo.pcsaMali, { method: "POST", url: "/api/warden-zones", payload: { securityAreaId: place("Bamako Security Area"), name: "Zone 3 — Kati", localities: ["Kati"] } });
    expect(created.statusCode, created.body).toBe(201);
    const response = await t.request(demo.wardenBamako, { method: "GET", url: `/api/warden-zones/${created.json().id}/households` });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain("wardens");
    // The zone itself says so, so that a page offers no list it would be refused.
    const zone = (await t.request(demo.wardenBamako, { method: "GET", url: `/api/warden-zones/${created.json().id}` })).json() as Zone;
    expect([zone.isMine, zone.actions]).toEqual([false, []]);
  });

  it("prints as a PDF with the names and the addresses, audited like the list", async () => {
    const zone = zoneNamed("Zone 1");
    const list = (await t.request(demo.pcsaMali, { method: "GET", url: `/api/warden-zones/${zone.id}/households` })).json() as HouseholdList;
    const before = await auditCount(list.households[0].personId);
    const response = await t.request(demo.wardenBamako, { method: "GET", url: `/api/warden-zones/${zone.id}/households.pdf` });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["cache-control"]).toBe("no-store");
    const hex = drawnHex(response.rawPayload);
    expect(hex).toContain(hexOf(list.households[0].name));
    expect(hex).toContain(hexOf("Zone 1"));
    expect(await auditCount(list.households[0].personId)).toBe(before + 1);
  });
});

describe("drawing and staffing zones", () => {
  it("refuses a zone whose polygon is not closed, naming the field", async () => {
    const response = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/warden-zones",
      payload: { securityAreaId: place("Mopti Security Area"), name: "Sévaré", polygon: { type: "Polygon", coordinates: [[[-4.1, 14.5], [-4.0, 14.5], [-4.0, 14.6], [-4.1, 14.61]]] } },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain("polygon");
    expect(JSON.stringify(response.json())).toContain("closed");
  });

  it("refuses a zone on a place that is not a Security Area, and a second zone of the same name", async () => {
    const onStation = await t.request(demo.pcsaMali, { method: "POST", url: "/api/warden-zones", payload: { securityAreaId: place("Mopti"), name: "Mopti centre" } });
    expect(onStation.statusCode).toBe(422);
    expect(onStation.json().issues).toEqual([{ field: "securityAreaId", message: expect.stringContaining("not one") }]);
    const twice = await t.request(demo.ascMopti, { method: "POST", url: "/api/warden-zones", payload: { securityAreaId: place("Mopti Security Area"), name: "Komoguel" } });
    expect(twice.statusCode).toBe(201);
    const again = await t.request(demo.pcsaMali, { method: "POST", url: "/api/warden-zones", payload: { securityAreaId: place("Mopti Security Area"), name: "KOMOGUEL" } });
    expect(again.statusCode).toBe(409);
  });

  it("names only a warden appointment of the zone's area as its warden", async () => {
    const mopti = (await t.request(demo.pcsaMali, { method: "GET", url: `/api/warden-zones?securityAreaId=${place("Mopti Security Area")}` })).json().items[0] as Zone;
    const bamakoWarden = zoneNamed("Zone 1").wardens[0].appointmentId;
    const response = await t.request(demo.pcsaMali, { method: "PUT", url: `/api/warden-zones/${mopti.id}/wardens`, payload: { appointmentId: bamakoWarden } });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain("another area");
  });

  it("places a household by hand, moving it from another zone, and takes it out again", async () => {
    const [first, second] = [zoneNamed("Zone 1"), zoneNamed("Zone 2")];
    const list = (await t.request(demo.pcsaMali, { method: "GET", url: `/api/warden-zones/${first.id}/households` })).json() as HouseholdList;
    const moved = list.households[0].personId;
    const placed = await t.request(demo.pcsaMali, { method: "POST", url: `/api/warden-zones/${second.id}/households`, payload: { personIds: [moved] } });
    expect(placed.statusCode, placed.body).toBe(200);
    const [after1, after2] = await Promise.all(
      [first, second].map(async (zone) => (await t.request(demo.pcsaMali, { method: "GET", url: `/api/warden-zones/${zone.id}` })).json() as Zone),
    );
    expect([after1.households, after2.households]).toEqual([first.households - 1, second.households + 1]);
    const removed = await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/warden-zones/${second.id}/households/${moved}` });
    expect(removed.statusCode).toBe(204);
    const history = await t.database.query<{ changes: unknown }>("select changes from audit_log where entity_type = 'person' and entity_id = $1 and action = 'update' order by seq", [moved]);
    expect(history.map((row) => row.changes)).toEqual([
      { wardenZone: { from: null, to: first.id }, via: { from: null, to: "residential_address" } },
      { wardenZone: { from: first.id, to: second.id } },
      { wardenZone: { from: second.id, to: null } },
    ]);
  });

  it("lets WFP's focal point place WFP's staff only", async () => {
    const zone = zoneNamed("Zone 1");
    const list = (await t.request(demo.pcsaMali, { method: "GET", url: `/api/warden-zones/${zone.id}/households` })).json() as HouseholdList;
    const other = list.households.find((household) => household.organisationName !== "WFP") as Household;
    const response = await t.request(demo.sfpWfpMali, { method: "POST", url: `/api/warden-zones/${zone.id}/households`, payload: { personIds: [other.personId] } });
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "personIds.0", message: "Names no one you may place in this zone" }]);
  });

  it("places from their addresses the people in no zone yet, and says how many it could not", async () => {
    const response = await t.request(demo.pcsaMali, { method: "POST", url: "/api/warden-zones/assign-by-address", payload: { securityAreaId: place("Bamako Security Area") } });
    expect(response.statusCode).toBe(200);
    const outcome = response.json();
    // Zone 3 (Kati) was drawn above: the people of Kati whose address names it are placed now.
    expect(outcome.assigned).toBeGreaterThan(0);
    expect(outcome.ambiguousOrUnmatched).toBeGreaterThan(0);
    const again = (await t.request(demo.pcsaMali, { method: "POST", url: "/api/warden-zones/assign-by-address", payload: { securityAreaId: place("Bamako Security Area") } })).json();
    expect(again.assigned).toBe(0);
  });

  it("deletes a zone after taking its households out of it", async () => {
    const zone = (await t.request(demo.pcsaMali, { method: "GET", url: "/api/warden-zones" })).json().items.find((one: Zone) => one.name === "Zone 3 — Kati") as Zone;
    expect(zone.households).toBeGreaterThan(0);
    expect((await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/warden-zones/${zone.id}` })).statusCode).toBe(204);
    expect((await t.request(demo.pcsaMali, { method: "GET", url: `/api/warden-zones/${zone.id}` })).statusCode).toBe(404);
    const [{ n }] = await t.database.query<{ n: number }>("select count(*)::int as n from warden_zone_households where zone_id = $1", [zone.id]);
    expect(n).toBe(0);
  });
});
