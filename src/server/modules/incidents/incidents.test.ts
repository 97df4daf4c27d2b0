import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * The incident API: the SSIRS taxonomy rules, where an incident is placed, the workflow and
 * revisions. Need-to-know (sexual assault, victim identities) is in incidents-sensitive.test.ts.
 */
let t: TestApp;
const placeIds = new Map<string, string>();
const place = (name: string) => placeIds.get(name) as string;

type Issue = { field: string; message: string };
type Incident = Record<string, unknown> & { id: string; status: string; actions: string[] };

/** A valid incident at a duty station: a road traffic accident at Mopti with one person injured. */
function incidentBody(overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: "2026-03-02T08:15:00+00:00",
    timeZone: "Africa/Bamako",
    place: { dutyStationId: place("Mopti") },
    categoryCode: "road_traffic_accident",
    description: "A UN vehicle left the road between Mopti and Sévaré.",
    source: "un_security",
    reporter: { name: "Ibrahim Traoré", contact: "+223 76 00 00 00" },
    peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
    assetsAffected: [{ kind: "vehicle", description: "Land Cruiser UN-1234" }],
    ...overrides,
  };
}

const send = (email: string, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) =>
  t.request(email, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

async function record(email: string, overrides: Record<string, unknown> = {}): Promise<Incident> {
  const response = await send(email, "POST", "/api/incidents", incidentBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const transition = (email: string, id: string, to: string) => send(email, "POST", `/api/incidents/${id}/transition`, { to });

async function incidentCount(): Promise<number> {
  const [row] = await t.database.query<{ total: number }>("select count(*)::int as total from incidents");
  return row.total;
}

beforeAll(async () => {
  t = await startTestApp();
  const rows = await t.database.query<{ id: string; name: string }>("select id, name from places");
  for (const row of rows) placeIds.set(row.name, row.id);
});
afterAll(() => t.close());

describe("the taxonomy rules (sexual assault as one category, burglary for premises only, military contingent exclusion) are enforced with clear messages", () => {
  it("publishes the versioned taxonomy with its one sexual-assault category", async () => {
    const response = await send(demo.staff, "GET", "/api/incidents/taxonomy");
    expect(response.statusCode).toBe(200);
    const { taxonomyVersion, categories } = response.json() as { taxonomyVersion: number; categories: { code: string; isSexualAssault: boolean }[] };
    expect(taxonomyVersion).toBe(1);
    expect(categories.filter((category) => category.isSexualAssault).map((category) => category.code)).toEqual(["sexual_assault"]);
  });

  it.each([
    {
      name: "a sexual-assault sub-category",
      body: { categoryCode: "sexual_harassment", peopleAffected: [] },
      field: "categoryCode",
      message: /^The code "sexual_harassment" is not a category: all kinds of sexual assault are recorded under the one category Sexual assault, which has no sub-categories/,
    },
    {
      name: "a burglary with no premises",
      body: { categoryCode: "burglary", peopleAffected: [], assetsAffected: [{ kind: "equipment", description: "Laptop" }] },
      field: "premisesAffected",
      message: /Burglary applies to premises only: list the premises entered; a theft from or of a vehicle is Vehicle break-in/,
    },
    {
      name: "a burglary of a vehicle",
      body: {
        categoryCode: "burglary",
        peopleAffected: [],
        premisesAffected: [{ kind: "office", description: "Sub-office Mopti" }],
        assetsAffected: [{ kind: "vehicle", description: "Pick-up UN-77" }],
      },
      field: "assetsAffected.0.kind",
      message: /Burglary is for premises, never for a vehicle: record a vehicle break-in as Vehicle break-in/,
    },
    {
      name: "an incident involving a military contingent",
      body: { involvesMilitaryOrFormedPolice: true },
      field: "involvesMilitaryOrFormedPolice",
      message: /military contingents or formed police units are not recorded in SSIRS, in line with the Applicability section of the Security Policy Manual \(IASMN 2015 §60\): record them in the mission's own system$/,
    },
  ])("refuses $name with 422 naming the field, and records nothing", async ({ body, field, message }) => {
    const before = await incidentCount();
    const response = await send(demo.pcsaMali, "POST", "/api/incidents", incidentBody(body));
    expect(response.statusCode, response.body).toBe(422);
    const answer = response.json() as { error: string; message: string; issues: Issue[] };
    expect(answer.error).toBe("rule_violation");
    expect(answer.issues).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(answer.message).toMatch(message);
    expect(await incidentCount()).toBe(before);
  });

  it("accepts a burglary of premises, and a vehicle break-in as its own category", async () => {
    const burglary = await record(demo.pcsaMali, {
      categoryCode: "burglary",
      peopleAffected: [],
      premisesAffected: [{ kind: "warehouse", description: "WFP warehouse, Sévaré" }],
      assetsAffected: [{ kind: "equipment", description: "Generator" }],
    });
    expect(burglary).toMatchObject({ categoryCode: "burglary", status: "draft", isSensitive: false });
    const breakIn = await record(demo.pcsaMali, { categoryCode: "vehicle_break_in", peopleAffected: [] });
    expect(breakIn.categoryCode).toBe("vehicle_break_in");
  });

  it("refuses a time whose offset is not the time zone's", async () => {
    const response = await send(demo.pcsaMali, "POST", "/api/incidents", incidentBody({ occurredAt: "2026-03-02T08:15:00+03:00" }));
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "timeZone", message: expect.stringMatching(/^This time zone is UTC\+00:00 at that moment, but the time was given as UTC\+03:00/) }]);
  });

  it("refuses a year PostgreSQL cannot store, or reads back wrong, with 400 naming occurredAt", async () => {
    for (const occurredAt of ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z"]) {
      const response = await send(demo.pcsaMali, "POST", "/api/incidents", incidentBody({ occurredAt }));
      expect(response.statusCode, occurredAt).toBe(400);
      expect(response.json().issues).toEqual([expect.objectContaining({ field: "occurredAt", message: "must be in 1900 or later" })]);
    }
  });
});

describe("where an incident is placed", () => {
  it("resolves coordinates to the area of the nearest duty station", async () => {
    const incident = await record(demo.pcsaMali, { place: { coordinates: { latitude: 14.47, longitude: -4.2 } } });
    expect(incident).toMatchObject({ placeId: place("Mopti Security Area"), placeName: "Mopti Security Area", dutyStationId: null, latitude: 14.47, longitude: -4.2 });
    const north = await record(demo.pcsaMali, { place: { coordinates: { latitude: 16.7, longitude: -3 } } });
    // Tombouctou sits directly under the Designated Area.
    expect(north.placeName).toBe("Mali");
  });

  it("keeps a duty station as the place, with the station's coordinates", async () => {
    const incident = await record(demo.ascMopti);
    expect(incident).toMatchObject({ placeId: place("Mopti"), placeName: "Mopti", dutyStationId: place("Mopti"), latitude: 14.4843, longitude: -4.1827 });
  });

  it("answers a duty station outside the caller's scope exactly as a missing one: 422 on place.dutyStationId", async () => {
    const outside = await send(demo.pcsaMali, "POST", "/api/incidents", incidentBody({ place: { dutyStationId: place("Port-au-Prince") } }));
    const missing = await send(demo.pcsaMali, "POST", "/api/incidents", incidentBody({ place: { dutyStationId: "00000000-0000-4000-8000-000000000000" } }));
    const notStation = await send(demo.pcsaMali, "POST", "/api/incidents", incidentBody({ place: { dutyStationId: place("Mopti Security Area") } }));
    const wardenAtMopti = await send(demo.wardenBamako, "POST", "/api/incidents", incidentBody());
    for (const response of [outside, missing, notStation, wardenAtMopti]) {
      expect(response.statusCode).toBe(422);
      expect(response.json().issues).toEqual([{ field: "place.dutyStationId", message: "is not a duty station you may report for" }]);
    }
  });
});

describe("the workflow: draft → submitted → verified → closed", () => {
  it("time-stamps each step, and the P/C/SA verifies and closes", async () => {
    const draft = await record(demo.pcsaMali);
    expect(draft).toMatchObject({ status: "draft", submittedAt: null, verifiedAt: null, verifiedByName: null, closedAt: null });
    expect(draft.actions).toEqual(expect.arrayContaining(["update", "submit"]));
    expect(draft.actions).not.toContain("verify");

    const start = Date.now();
    const submitted = (await transition(demo.pcsaMali, draft.id, "submitted")).json();
    expect(submitted.status).toBe("submitted");
    expect(Date.parse(submitted.submittedAt)).toBeGreaterThanOrEqual(start - 1000);
    expect(submitted.actions).toContain("verify");

    const verified = (await transition(demo.pcsaMali, draft.id, "verified")).json();
    expect(verified).toMatchObject({ status: "verified", verifiedByName: "P/C/SA Mali", submittedAt: submitted.submittedAt });
    expect(Date.parse(verified.verifiedAt)).toBeGreaterThanOrEqual(Date.parse(submitted.submittedAt));

    const closed = (await transition(demo.pcsaMali, draft.id, "closed")).json();
    expect(closed).toMatchObject({ status: "closed", verifiedAt: verified.verifiedAt });
    expect(Date.parse(closed.closedAt)).toBeGreaterThanOrEqual(Date.parse(verified.verifiedAt));

    const history = (await send(demo.pcsaMali, "GET", `/api/history/incident/${draft.id}`)).json().items as { action: string; changes: Record<string, { from: unknown; to: unknown }> }[];
    expect(history.filter((entry) => entry.action === "update").map((entry) => entry.changes)).toEqual([
      { status: { from: "draft", to: "submitted" } },
      { status: { from: "submitted", to: "verified" } },
      { status: { from: "verified", to: "closed" } },
    ]);
  });

  it("refuses a step out of order with 422 on `to`", async () => {
    const draft = await record(demo.pcsaMali);
    for (const to of ["verified", "closed"]) {
      const response = await transition(demo.pcsaMali, draft.id, to);
      expect(response.statusCode, to).toBe(422);
      expect(response.json().issues).toEqual([{ field: "to", message: expect.stringMatching(new RegExp(`^An incident can become ${to} only from \\w+; this one is draft$`)) }]);
    }
    expect((await transition(demo.pcsaMali, draft.id, "submitted")).statusCode).toBe(200);
    expect((await transition(demo.pcsaMali, draft.id, "submitted")).statusCode).toBe(422);
    expect((await transition(demo.pcsaMali, draft.id, "closed")).statusCode).toBe(422);
  });

  it("lets a reporter submit their own draft but not verify it, nor revise it once submitted", async () => {
    const draft = await record(demo.wardenBamako, { place: { dutyStationId: place("Kati") } });
    expect(draft.actions).toEqual(["update", "submit"]);
    const submitted = await transition(demo.wardenBamako, draft.id, "submitted");
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().actions).toEqual([]);

    const verifying = await transition(demo.wardenBamako, draft.id, "verified");
    expect(verifying.statusCode).toBe(403);
    expect(verifying.json().error).toBe("forbidden");
    expect((await send(demo.wardenBamako, "PATCH", `/api/incidents/${draft.id}`, { description: "Changed after submission." })).statusCode).toBe(403);
    expect((await transition(demo.doMali, draft.id, "verified")).statusCode).toBe(403);

    const verified = await transition(demo.pcsaMali, draft.id, "verified");
    expect(verified.json()).toMatchObject({ status: "verified", verifiedByName: "P/C/SA Mali" });
  });

  it("answers another reporter's draft with 403 when it can be read, 404 when it cannot", async () => {
    const draft = await record(demo.doMali);
    expect((await transition(demo.repUnicefMali, draft.id, "submitted")).statusCode).toBe(403);
    expect((await transition(demo.wardenBamako, draft.id, "submitted")).statusCode).toBe(404);
    expect((await transition(demo.doMali, draft.id, "submitted")).statusCode).toBe(200);
  });
});

describe("revising an incident", () => {
  it("revises a field and shows the creation and the revision, time-stamped, in the history", async () => {
    const incident = await record(demo.pcsaMali);
    const response = await send(demo.pcsaMali, "PATCH", `/api/incidents/${incident.id}`, { description: "The vehicle overturned; the driver was evacuated to Sévaré." });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().description).toBe("The vehicle overturned; the driver was evacuated to Sévaré.");

    const history = await send(demo.doMali, "GET", `/api/history/incident/${incident.id}`);
    expect(history.statusCode).toBe(200);
    const items = history.json().items as { seq: number; at: string; actorName: string; action: string; changes: Record<string, { from: unknown; to: unknown }> }[];
    expect(items.map((item) => item.action)).toEqual(["create", "update"]);
    const [created, revised] = items;
    expect(created.changes.description).toEqual({ from: null, to: "A UN vehicle left the road between Mopti and Sévaré." });
    expect(created.changes.categoryCode).toEqual({ from: null, to: "road_traffic_accident" });
    expect(revised.changes).toEqual({
      description: { from: "A UN vehicle left the road between Mopti and Sévaré.", to: "The vehicle overturned; the driver was evacuated to Sévaré." },
    });
    expect(revised.actorName).toBe("P/C/SA Mali");
    for (const item of items) expect(item.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(Date.parse(revised.at)).toBeGreaterThanOrEqual(Date.parse(created.at));
    expect(revised.seq).toBeGreaterThan(created.seq);
  });

  it("keeps the fields a PATCH leaves out", async () => {
    const incident = await record(demo.pcsaMali, {
      organisationsAffected: [],
      premisesAffected: [{ kind: "compound", description: "UN compound gate" }],
      isNearMiss: false,
      sourceDetail: "Radio room log",
    });
    const before = (await send(demo.pcsaMali, "GET", `/api/incidents/${incident.id}`)).json();
    const response = await send(demo.pcsaMali, "PATCH", `/api/incidents/${incident.id}`, { source: "host_authorities" });
    expect(response.statusCode, response.body).toBe(200);
    const after = response.json();
    const { source: _s, updatedAt: _u, actions: _a, ...kept } = before;
    expect(after).toMatchObject({ ...kept, source: "host_authorities" });
    expect(after.peopleAffected).toEqual(before.peopleAffected);
    expect(after.assetsAffected).toEqual([{ kind: "vehicle", description: "Land Cruiser UN-1234" }]);
    expect(after.premisesAffected).toEqual([{ kind: "compound", description: "UN compound gate" }]);
    expect(after.reporter).toEqual({ name: "Ibrahim Traoré", personId: null, contact: "+223 76 00 00 00" });
  });

  it("checks the merged record against the rules, and changes nothing when it breaks one", async () => {
    const incident = await record(demo.pcsaMali);
    const response = await send(demo.pcsaMali, "PATCH", `/api/incidents/${incident.id}`, { categoryCode: "burglary", peopleAffected: [] });
    expect(response.statusCode).toBe(422);
    const fields = (response.json().issues as Issue[]).map((issue) => issue.field);
    expect(fields).toEqual(["premisesAffected", "assetsAffected.0.kind"]);
    const unchanged = (await send(demo.pcsaMali, "GET", `/api/incidents/${incident.id}`)).json();
    expect(unchanged.categoryCode).toBe("road_traffic_accident");
    expect(unchanged.peopleAffected).toHaveLength(1);
  });

  it("moves an incident to another duty station in scope, and refuses one outside", async () => {
    const incident = await record(demo.pcsaMali);
    const moved = await send(demo.pcsaMali, "PATCH", `/api/incidents/${incident.id}`, { place: { dutyStationId: place("Djenné") } });
    expect(moved.json()).toMatchObject({ placeName: "Djenné", dutyStationId: place("Djenné") });
    const outside = await send(demo.pcsaMali, "PATCH", `/api/incidents/${incident.id}`, { place: { dutyStationId: place("Goma") } });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().issues).toEqual([{ field: "place.dutyStationId", message: "is not a duty station you may report for" }]);
  });
});

describe("a revision by someone who was not shown the identities", () => {
  const asaEmail = "asa.mopti@incidents.example";

  beforeAll(async () => {
    // The ASA of Mopti revises incidents (incident.update) but is not on the need-to-know list.
    const [asa] = await t.database.query<{ person_id: string }>(
      "select a.person_id from appointments a join places p on p.id = a.place_id where a.role = 'asa' and p.name = 'Mopti Security Area'",
    );
    const created = await t.request(demo.admin, {
      method: "POST",
      url: "/api/users",
      payload: { email: asaEmail, displayName: "ASA Mopti", password: "incident-revision-passphrase-2026", personId: asa.person_id },
    });
    expect(created.statusCode, created.body).toBe(201);
    // Signed in once with its own password: later requests reuse the session.
    await t.login(asaEmail, "incident-revision-passphrase-2026");
  });

  it("keeps the reporter's hidden details, and leaves people lines naming personnel to the need-to-know list", async () => {
    const [person] = await t.database.query<{ id: string }>("select id from persons limit 1");
    const incident = await record(demo.pcsaMali, {
      peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1, personId: person.id }],
    });
    const asRead = (await t.request(asaEmail, { method: "GET", url: `/api/incidents/${incident.id}` })).json();
    expect(asRead.reporter).toEqual({ name: "Ibrahim Traoré", personId: null, contact: null });
    expect(asRead.peopleAffected[0].personId).toBeNull();

    const renamed = await t.request(asaEmail, { method: "PATCH", url: `/api/incidents/${incident.id}`, payload: { reporter: { ...asRead.reporter, name: "I. Traoré" } } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const peopleChange = await t.request(asaEmail, { method: "PATCH", url: `/api/incidents/${incident.id}`, payload: { peopleAffected: asRead.peopleAffected } });
    expect(peopleChange.statusCode).toBe(422);
    expect(peopleChange.json().issues).toEqual([{ field: "peopleAffected", message: expect.stringMatching(/^name personnel only the need-to-know list may see/) }]);

    const stored = (await send(demo.pcsaMali, "GET", `/api/incidents/${incident.id}`)).json();
    expect(stored.reporter).toEqual({ name: "I. Traoré", personId: null, contact: "+223 76 00 00 00" });
    expect(stored.peopleAffected[0].personId).toBe(person.id);
  });

  it("records no people change when the lines sent are the ones stored", async () => {
    const incident = await record(demo.pcsaMali);
    const current = (await send(demo.pcsaMali, "GET", `/api/incidents/${incident.id}`)).json();
    const response = await send(demo.pcsaMali, "PATCH", `/api/incidents/${incident.id}`, { peopleAffected: current.peopleAffected, description: "Only the narrative changed." });
    expect(response.statusCode).toBe(200);
    const history = (await send(demo.pcsaMali, "GET", `/api/history/incident/${incident.id}`)).json().items as { changes: Record<string, unknown> }[];
    expect(Object.keys(history.at(-1)?.changes ?? {})).toEqual(["description"]);
  });
});
