import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Issue 11, item 17: the flash alert about a sexual assault reaches the DO of Mali, who is not on
 * its need-to-know list. The link in the alert opens the restricted view (category, place, time,
 * status, counts, whom to contact), never the narrative, the victims or an identity; the read is
 * audited; anyone the alert did not reach still gets "not found".
 */
let t: TestApp;
const placeIds = new Map<string, string>();
const narrative = "Restricted narrative (item 17): assaulted on the road to the compound.";
const reporterName = "Reporter Kept Secret";
const reporterContact = "+223 70 99 88 77";

const get = (email: string, url: string) => t.request(email, { method: "GET", url });

async function recordSexualAssault(): Promise<string> {
  const created = await t.request(demo.wardenBamako, {
    method: "POST",
    url: "/api/incidents",
    payload: {
      occurredAt: "2026-02-14T21:40:00Z",
      timeZone: "Africa/Bamako",
      place: { dutyStationId: placeIds.get("Bamako") },
      categoryCode: "sexual_assault",
      description: narrative,
      source: "un_personnel",
      reporter: { name: reporterName, contact: reporterContact },
      peopleAffected: [
        { outcome: "sexually_assaulted", recruitmentType: "locally_recruited", sex: "female", count: 1 },
        { outcome: "sexually_assaulted", recruitmentType: "international", sex: "male", count: 1 },
      ],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

const submit = async (id: string) => {
  const moved = await t.request(demo.wardenBamako, { method: "POST", url: `/api/incidents/${id}/transition`, payload: { to: "submitted" } });
  expect(moved.statusCode, moved.body).toBe(200);
};

const restrictedReads = (id: string) =>
  t.database.query<{ actor_name: string; changes: Record<string, unknown> }>(
    "select actor_name, changes from audit_log where action = 'read_sensitive' and entity_type = 'incident' and entity_id = $1 and changes ? 'view' order by seq",
    [id],
  );

beforeAll(async () => {
  t = await startTestApp();
  for (const row of await t.database.query<{ id: string; name: string }>("select id, name from places")) placeIds.set(row.name, row.id);
});
afterAll(() => t.close());

describe("the restricted view of a sensitive incident for whoever its flash alert reached", () => {
  let id: string;
  const notFound = { error: "not_found", message: "Incident not found" };

  beforeAll(async () => {
    id = await recordSexualAssault();
  });

  it("is not found by the DO before any alert reached them", async () => {
    const response = await get(demo.doMali, `/api/incidents/${id}`);
    expect([response.statusCode, response.json()]).toEqual([404, notFound]);
    expect(await restrictedReads(id)).toEqual([]);
  });

  it("shows the DO the alert's facts and whom to contact, and no narrative, victim or identity", async () => {
    await submit(id);
    const response = await get(demo.doMali, `/api/incidents/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view).toMatchObject({
      restricted: true,
      id,
      categoryCode: "sexual_assault",
      status: "submitted",
      occurredAt: "2026-02-14T21:40:00.000Z",
      occurredAtLocal: "2026-02-14 21:40:00",
      placeName: "Bamako",
      isSensitive: true,
      peopleByOutcome: [{ outcome: "sexually_assaulted", count: 2 }],
      actions: [],
    });
    const [pcsa] = await t.database.query<{ name: string }>(
      "select p.given_name || ' ' || p.family_name as name from persons p join users u on u.id = p.user_id where u.email = $1",
      [demo.pcsaMali],
    );
    const authorName = (await get(demo.wardenBamako, "/api/auth/me")).json().user.displayName;
    expect(view.holders).toEqual([
      { role: "pcsa", name: pcsa.name },
      { role: "author", name: authorName },
    ]);
    for (const key of ["description", "reporter", "peopleAffected", "attachments", "latitude", "longitude", "sourceDetail", "organisationsAffected"]) {
      expect(view).not.toHaveProperty(key);
    }
    for (const secret of [narrative, reporterName, reporterContact, "female", "locally_recruited", "personId"]) expect(response.body).not.toContain(secret);
  });

  it("audits each restricted read as a sensitive read by the DO", async () => {
    const doName = (await get(demo.doMali, "/api/auth/me")).json().user.displayName;
    const before = (await restrictedReads(id)).length;
    await get(demo.doMali, `/api/incidents/${id}`);
    const reads = await restrictedReads(id);
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toEqual({ actor_name: doName, changes: { view: { from: null, to: "restricted" } } });
  });

  it("is not found by someone in the area whom the alert did not reach", async () => {
    for (const email of [demo.repUnicefMali, demo.sfpWfpMali, demo.ascMopti]) {
      const response = await get(email, `/api/incidents/${id}`);
      expect([email, response.statusCode, response.json()]).toEqual([email, 404, notFound]);
    }
  });

  it("leaves the P/C/SA, who is on the need-to-know list, the full record", async () => {
    const response = await get(demo.pcsaMali, `/api/incidents/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).not.toHaveProperty("restricted");
    expect(response.json().description).toBe(narrative);
  });

  it("keeps the incident out of the DO's list and export, as before", async () => {
    const list = await get(demo.doMali, "/api/incidents?pageSize=200");
    expect((list.json().items as { id: string }[]).map((item) => item.id)).not.toContain(id);
    const exported = await get(demo.doMali, "/api/incidents/export?format=csv");
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(id);
  });

  it("answers a missing incident as before, alert or not", async () => {
    const response = await get(demo.doMali, "/api/incidents/00000000-0000-4000-8000-000000000000");
    expect([response.statusCode, response.json()]).toEqual([404, notFound]);
  });
});
