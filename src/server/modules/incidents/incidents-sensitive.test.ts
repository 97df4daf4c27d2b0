import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Need-to-know on incidents: a sexual assault is seen only by the area's P/C/SA, the people
 * named on it and whoever recorded it; victim identities (and the reporter's details) only by
 * the need-to-know list, in the record and in its history. Every read of them is audited.
 */
let t: TestApp;
const placeIds = new Map<string, string>();
const place = (name: string) => placeIds.get(name) as string;
const unknownId = "00000000-0000-4000-8000-000000000000";

const send = (email: string, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
  t.request(email, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const get = (email: string, url: string) => send(email, "GET", url);

function incidentBody(overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: "2026-02-14T21:40:00Z",
    timeZone: "Africa/Bamako",
    place: { dutyStationId: place("Bamako") },
    categoryCode: "sexual_assault",
    description: "Restricted narrative: a staff member was assaulted on the way home.",
    source: "un_personnel",
    reporter: { name: "Warden Bamako" },
    peopleAffected: [{ outcome: "sexually_assaulted", recruitmentType: "locally_recruited", sex: "female", count: 1 }],
    ...overrides,
  };
}

async function record(email: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; isSensitive: boolean }> {
  const response = await send(email, "POST", "/api/incidents", incidentBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function sensitiveReads(id: string): Promise<{ actor_name: string; changes: Record<string, unknown> }[]> {
  return t.database.query("select actor_name, changes from audit_log where action = 'read_sensitive' and entity_type = 'incident' and entity_id = $1 order by seq", [id]);
}

const listed = async (email: string, id: string) =>
  ((await get(email, "/api/incidents?pageSize=200")).json().items as { id: string }[]).some((item) => item.id === id);

let doMaliPerson: string;

beforeAll(async () => {
  t = await startTestApp();
  const rows = await t.database.query<{ id: string; name: string }>("select id, name from places");
  for (const row of rows) placeIds.set(row.name, row.id);
  doMaliPerson = (await get(demo.doMali, "/api/auth/me")).json().personId;
});
afterAll(() => t.close());

describe("a sexual assault is need-to-know", () => {
  let id: string;
  const notFound = { error: "not_found", message: "Incident not found" };

  beforeAll(async () => {
    const created = await record(demo.wardenBamako);
    expect(created.isSensitive).toBe(true);
    id = created.id;
  });

  it("is visible, in the list and in detail, to the P/C/SA of the area and to whoever recorded it", async () => {
    for (const email of [demo.pcsaMali, demo.wardenBamako]) {
      const response = await get(email, `/api/incidents/${id}`);
      expect(response.statusCode, email).toBe(200);
      expect(response.json()).toMatchObject({ categoryCode: "sexual_assault", isSensitive: true, description: expect.stringMatching(/^Restricted narrative/) });
      expect(await listed(email, id), email).toBe(true);
    }
    expect((await get(demo.pcsaMali, `/api/incidents/${id}`)).json().actions).toContain("manage_need_to_know");
    expect((await get(demo.wardenBamako, `/api/incidents/${id}`)).json().actions).not.toContain("manage_need_to_know");
  });

  it("is not found, and not listed, for everyone else, exactly as a missing incident", async () => {
    for (const email of [demo.doMali, demo.analyst, demo.repUnicefMali, demo.ascMopti, demo.sfpWfpMali]) {
      const response = await get(email, `/api/incidents/${id}`);
      expect(response.statusCode, email).toBe(404);
      expect(response.json()).toEqual(notFound);
      expect((await get(email, `/api/incidents/${unknownId}`)).json()).toEqual(notFound);
      expect(await listed(email, id), email).toBe(false);
    }
    // The administrator holds no incident.read at all: refused before any record is looked up.
    const admin = await get(demo.admin, `/api/incidents/${id}`);
    expect(admin.statusCode).toBe(403);
    expect(admin.body).not.toContain("Restricted narrative");
    expect((await get(demo.admin, "/api/incidents")).statusCode).toBe(403);
  });

  it("writes a read_sensitive audit entry for every detail read, and none for a refused one", async () => {
    const before = (await sensitiveReads(id)).length;
    await get(demo.pcsaMali, `/api/incidents/${id}`);
    await get(demo.pcsaMali, `/api/incidents/${id}`);
    await get(demo.wardenBamako, `/api/incidents/${id}`);
    await get(demo.doMali, `/api/incidents/${id}`);
    await get(demo.analyst, `/api/incidents/${id}`);
    const reads = await sensitiveReads(id);
    expect(reads.slice(before).map((read) => read.actor_name)).toEqual(["P/C/SA Mali", "P/C/SA Mali", "Warden Bamako"]);
  });

  it("has a history that is not found for those without need-to-know", async () => {
    for (const email of [demo.pcsaMali, demo.wardenBamako]) {
      const history = await get(email, `/api/history/incident/${id}`);
      expect(history.statusCode, email).toBe(200);
      expect(history.json().items[0]).toMatchObject({ action: "create", changes: { categoryCode: { from: null, to: "sexual_assault" } } });
    }
    for (const email of [demo.doMali, demo.analyst, demo.repUnicefMali, demo.admin, demo.staff]) {
      const history = await get(email, `/api/history/incident/${id}`);
      expect(history.statusCode, email).toBe(404);
      expect(history.body).not.toContain("Restricted narrative");
    }
  });

  it("becomes visible to a person the P/C/SA names on the need-to-know list, and hidden again when removed", async () => {
    expect((await send(demo.doMali, "PUT", `/api/incidents/${id}/need-to-know`, { personIds: [doMaliPerson] })).statusCode).toBe(403);
    const named = await send(demo.pcsaMali, "PUT", `/api/incidents/${id}/need-to-know`, { personIds: [doMaliPerson, doMaliPerson] });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toEqual({ personIds: [doMaliPerson] });
    expect((await get(demo.pcsaMali, `/api/incidents/${id}/need-to-know`)).json()).toEqual({ personIds: [doMaliPerson] });

    const before = (await sensitiveReads(id)).length;
    const detail = await get(demo.doMali, `/api/incidents/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().description).toMatch(/^Restricted narrative/);
    expect(await listed(demo.doMali, id)).toBe(true);
    expect((await get(demo.doMali, `/api/history/incident/${id}`)).statusCode).toBe(200);
    expect((await sensitiveReads(id)).slice(before).map((read) => read.actor_name)).toEqual(["DO Mali"]);
    // Naming one person opens it to nobody else.
    expect((await get(demo.repUnicefMali, `/api/incidents/${id}`)).statusCode).toBe(404);

    expect((await send(demo.pcsaMali, "PUT", `/api/incidents/${id}/need-to-know`, { personIds: [] })).json()).toEqual({ personIds: [] });
    expect((await get(demo.doMali, `/api/incidents/${id}`)).statusCode).toBe(404);
    expect(await listed(demo.doMali, id)).toBe(false);
  });

  it("refuses a need-to-know list naming nobody known, or for an incident that is not sensitive", async () => {
    const unknown = await send(demo.pcsaMali, "PUT", `/api/incidents/${id}/need-to-know`, { personIds: [unknownId] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().issues).toEqual([{ field: "personIds", message: "names a person who does not exist" }]);

    const ordinary = await record(demo.pcsaMali, {
      categoryCode: "theft",
      peopleAffected: [],
      assetsAffected: [{ kind: "equipment", description: "Radio" }],
    });
    const refused = await send(demo.pcsaMali, "PUT", `/api/incidents/${ordinary.id}/need-to-know`, { personIds: [doMaliPerson] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().issues).toEqual([{ field: "personIds", message: "Only sensitive incidents have a need-to-know list" }]);
    expect((await get(demo.pcsaMali, `/api/incidents/${ordinary.id}/need-to-know`)).statusCode).toBe(404);
  });
});

describe("victim identities are need-to-know", () => {
  let id: string;
  let victim: string;

  beforeAll(async () => {
    const [person] = await t.database.query<{ id: string }>(
      "select p.id from persons p join places s on s.id = p.duty_station_id where s.name = 'Mopti' and p.user_id is null order by p.id limit 1",
    );
    victim = person.id;
    const created = await record(demo.pcsaMali, {
      place: { dutyStationId: place("Mopti") },
      categoryCode: "road_traffic_accident",
      description: "A UN vehicle was hit at a crossing in Mopti.",
      reporter: { name: "Radio room", personId: victim, contact: "+223 70 11 22 33" },
      peopleAffected: [
        { outcome: "injured", recruitmentType: "locally_recruited", sex: "female", count: 1, personId: victim },
        { outcome: "unharmed", recruitmentType: "international", sex: "male", count: 2 },
      ],
    });
    expect(created.isSensitive).toBe(false);
    id = created.id;
  });

  it("shows the person on a line, and the reporter's details, to the P/C/SA and records the read", async () => {
    const before = (await sensitiveReads(id)).length;
    const body = (await get(demo.pcsaMali, `/api/incidents/${id}`)).json();
    expect(body.peopleAffected.map((line: { personId: string | null }) => line.personId)).toEqual([victim, null]);
    expect(body.reporter).toEqual({ name: "Radio room", personId: victim, contact: "+223 70 11 22 33" });
    expect(await sensitiveReads(id)).toHaveLength(before + 1);
  });

  it("shows the counts but not who, to the DO and the global analyst, and records no sensitive read", async () => {
    const before = (await sensitiveReads(id)).length;
    for (const email of [demo.doMali, demo.analyst]) {
      const response = await get(email, `/api/incidents/${id}`);
      expect(response.statusCode, email).toBe(200);
      const body = response.json();
      expect(body.peopleAffected).toEqual([
        { outcome: "injured", recruitmentType: "locally_recruited", sex: "female", count: 1, organisationId: null, personId: null },
        { outcome: "unharmed", recruitmentType: "international", sex: "male", count: 2, organisationId: null, personId: null },
      ]);
      expect(body.reporter).toEqual({ name: "Radio room", personId: null, contact: null });
      expect(response.body).not.toContain(victim);
    }
    expect(await sensitiveReads(id)).toHaveLength(before);
  });

  it("keeps them out of the history for those without need-to-know", async () => {
    for (const email of [demo.doMali, demo.analyst]) {
      const history = await get(email, `/api/history/incident/${id}`);
      expect(history.statusCode, email).toBe(200);
      expect(history.body).not.toContain(victim);
      expect(history.body).not.toContain("+223 70 11 22 33");
      const [created] = history.json().items;
      expect(created.changes.reporterContact).toEqual({ from: "(restricted)", to: "(restricted)" });
      expect(created.changes.peopleAffected.to).toEqual([
        expect.objectContaining({ outcome: "injured", count: 1, personId: "(restricted)" }),
        expect.objectContaining({ outcome: "unharmed", count: 2 }),
      ]);
    }
    const before = (await sensitiveReads(id)).length;
    const history = await get(demo.pcsaMali, `/api/history/incident/${id}`);
    expect(history.json().items[0].changes.peopleAffected.to[0].personId).toBe(victim);
    const reads = await sensitiveReads(id);
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)?.changes).toEqual({ via: { from: null, to: "history" } });
  });

  it("shows them to the reporter who recorded the incident", async () => {
    const own = await record(demo.doMali, {
      place: { dutyStationId: place("Mopti") },
      categoryCode: "road_traffic_accident",
      peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "female", count: 1, personId: victim }],
    });
    expect((await get(demo.doMali, `/api/incidents/${own.id}`)).json().peopleAffected[0].personId).toBe(victim);
    expect((await get(demo.ascMopti, `/api/incidents/${own.id}`)).json().peopleAffected[0].personId).toBeNull();
  });
});
