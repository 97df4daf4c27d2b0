import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Every person reports incidents (DOMAIN §1): staff@vigil.example, with no appointment, holds the
 * "personnel" grant at their own duty station. They report there (quick report or full form), an
 * other station reads as unknown (422 naming the field, as for a missing one), they read back no
 * incident, and the grant follows their record when their duty station changes.
 */
let t: TestApp;
const placeIds = new Map<string, string>();
const place = (name: string) => placeIds.get(name) as string;
let counter = 0;

function quickBody(dutyStationId: string, description: string) {
  return {
    categoryCode: "road_traffic_accident",
    place: { dutyStationId },
    description,
    peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", count: 1 }],
    assetsAffected: [{ kind: "vehicle", description: "UN-7310" }],
  };
}

function quick(email: string, dutyStationId: string) {
  counter += 1;
  const description = `A UN vehicle was hit at the market (staff report ${counter}).`;
  return t.request(email, {
    method: "POST",
    url: "/api/incidents/quick-reports",
    payload: quickBody(dutyStationId, description),
    headers: { "idempotency-key": `staff-report-${counter}-${Date.now()}` },
  });
}

async function staffPlaces(): Promise<{ id: string; kind: string }[]> {
  const response = await t.request(demo.staff, { method: "GET", url: "/api/places/tree" });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

let ownStation = "";

beforeAll(async () => {
  t = await startTestApp();
  for (const row of await t.database.query<{ id: string; name: string }>("select id, name from places")) placeIds.set(row.name, row.id);
  const [row] = await t.database.query<{ station: string }>(
    "select p.duty_station_id as station from persons p join users u on u.id = p.user_id where u.email = $1",
    [demo.staff],
  );
  ownStation = row.station;
});
afterAll(() => t.close());

describe("a staff member (no appointment) reports incidents at their own duty station", () => {
  it("holds incident.create and place.read, not incident.read", async () => {
    const me = await t.request(demo.staff, { method: "GET", url: "/api/auth/me" });
    const { permissions } = me.json() as { permissions: string[] };
    expect(permissions).toEqual(expect.arrayContaining(["incident.create", "place.read"]));
    expect(permissions).not.toContain("incident.read");
    expect(await staffPlaces()).toEqual([expect.objectContaining({ id: ownStation, kind: "duty_station" })]);
  });

  it("sends a quick report at their duty station (201, submitted)", async () => {
    const response = await quick(demo.staff, ownStation);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ status: "submitted", placeId: ownStation });
  });

  it("is refused elsewhere exactly as for a missing station: 422 naming place.dutyStationId", async () => {
    const elsewhere = await quick(demo.staff, place("Bamako"));
    expect(elsewhere.statusCode, elsewhere.body).toBe(422);
    expect(elsewhere.json().issues).toEqual([expect.objectContaining({ field: "place.dutyStationId" })]);
    const missing = await quick(demo.staff, "00000000-0000-4000-8000-000000000000");
    expect(missing.json().issues).toEqual(elsewhere.json().issues);
  });

  it("reads back no incident, not even their own: reporting is not reading", async () => {
    const created = await quick(demo.staff, ownStation);
    expect(created.statusCode, created.body).toBe(201);
    const own = await t.request(demo.staff, { method: "GET", url: `/api/incidents/${created.json().id}` });
    expect(own.statusCode).toBe(403);
    const list = await t.request(demo.staff, { method: "GET", url: "/api/incidents" });
    expect(list.statusCode).toBe(403);
  });

  it("follows their record: a new duty station moves the grant on the next request", async () => {
    const [person] = await t.database.query<{ id: string }>("select p.id from persons p join users u on u.id = p.user_id where u.email = $1", [demo.staff]);
    // Warm the grant cache under the current reference stamp first.
    expect((await quick(demo.staff, ownStation)).statusCode).toBe(201);
    const kati = place("Kati");
    // What the personnel service writes when a duty station changes; the persons trigger renews the reference stamp.
    await t.database.query("update persons set duty_station_id = $1, place_path = (select path from places where id = $1) where id = $2", [kati, person.id]);
    expect(await staffPlaces()).toEqual([expect.objectContaining({ id: kati })]);
    expect((await quick(demo.staff, kati)).statusCode).toBe(201);
    const old = await quick(demo.staff, ownStation);
    expect(old.statusCode, old.body).toBe(422);
    expect(old.json().issues).toEqual([expect.objectContaining({ field: "place.dutyStationId" })]);
  });
});
