import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * The incident list: cursor pagination (keyset on the sort key and id, no OFFSET, no count unless
 * asked), the shared filters, and what a list row carries (counts, never identities).
 */
let t: TestApp;
const placeIds = new Map<string, string>();
const place = (name: string) => placeIds.get(name) as string;
let wfp: string;

type Item = {
  id: string;
  occurredAt: string;
  occurredAtLocal: string;
  categoryCode: string;
  status: string;
  placeName: string;
  summary: string;
  peopleByOutcome: { outcome: string; count: number }[];
};
type Page = { items: Item[]; nextCursor: string | null; pageSize: number; total: number | null; isTotalCapped: boolean };

const marker = "listtest";

function body(overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: "2025-06-01T10:00:00Z",
    timeZone: "Africa/Bamako",
    place: { dutyStationId: place("Mopti") },
    categoryCode: "road_traffic_accident",
    description: `A UN vehicle left the road (${marker}).`,
    source: "un_security",
    reporter: { name: "List Tester" },
    peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 2 }],
    assetsAffected: [{ kind: "vehicle", description: "Land Cruiser" }],
    ...overrides,
  };
}

async function record(overrides: Record<string, unknown> = {}, email: string = demo.pcsaMali): Promise<string> {
  const response = await t.request(email, { method: "POST", url: "/api/incidents", payload: body(overrides) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function list(email: string, query: Record<string, string>): Promise<Page> {
  const response = await t.request(email, { method: "GET", url: `/api/incidents?${new URLSearchParams(query)}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Every page from the first to the last, following nextCursor. */
async function walk(email: string, query: Record<string, string>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Page = await list(email, { ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(200);
  } while (cursor);
  return { ids, pages };
}

const created: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const rows = await t.database.query<{ id: string; name: string }>("select id, name from places");
  for (const row of rows) placeIds.set(row.name, row.id);
  wfp = (await t.database.query<{ id: string }>("select id from organisations where code = 'WFP'"))[0].id;
  // Eleven incidents, three of them at the very same instant (ties are broken by id).
  for (let day = 1; day <= 8; day += 1) created.push(await record({ occurredAt: `2025-06-${String(day).padStart(2, "0")}T10:00:00Z` }));
  for (let i = 0; i < 3; i += 1) created.push(await record({ occurredAt: "2025-06-04T10:00:00Z" }));
});
afterAll(() => t.close());

describe("cursor pagination", () => {
  it("walks every matching incident exactly once, in order, newest first by default", async () => {
    const { ids, pages } = await walk(demo.pcsaMali, { q: marker, pageSize: "3" });
    expect(pages).toBe(4);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...created].sort());
    const expected = await t.database.query<{ id: string }>(
      "select id from incidents where description like $1 order by occurred_at desc, id desc",
      [`%(${marker})%`],
    );
    expect(ids).toEqual(expected.map((row) => row.id));
  });

  it("walks oldest first with order=asc, and by last change with sort=updatedAt (time stamps to the microsecond)", async () => {
    const ascending = await walk(demo.pcsaMali, { q: marker, pageSize: "4", order: "asc" });
    const expectedAsc = await t.database.query<{ id: string }>("select id from incidents where description like $1 order by occurred_at, id", [`%(${marker})%`]);
    expect(ascending.ids).toEqual(expectedAsc.map((row) => row.id));

    for (const order of ["asc", "desc"] as const) {
      const byChange = await walk(demo.pcsaMali, { q: marker, pageSize: "2", sort: "updatedAt", order });
      const expected = await t.database.query<{ id: string }>(
        `select id from incidents where description like $1 order by updated_at ${order}, id ${order}`,
        [`%(${marker})%`],
      );
      expect(byChange.ids, order).toEqual(expected.map((row) => row.id));
    }
  });

  it("answers the last page with nextCursor null, and counts only when asked, up to a cap", async () => {
    const first = await list(demo.pcsaMali, { q: marker, pageSize: "25" });
    expect(first).toMatchObject({ nextCursor: null, pageSize: 25, total: null, isTotalCapped: false });
    expect(first.items).toHaveLength(created.length);
    const counted = await list(demo.pcsaMali, { q: marker, pageSize: "2", withTotal: "true" });
    expect(counted).toMatchObject({ total: created.length, isTotalCapped: false });
    expect(counted.items).toHaveLength(2);
  });

  it("refuses a cursor that is not one, or was made for another order, with 400 naming cursor", async () => {
    const { nextCursor } = await list(demo.pcsaMali, { q: marker, pageSize: "2" });
    const queries: Record<string, string>[] = [
      { cursor: "not-a-cursor" },
      { cursor: Buffer.from('{"s":"occurredAt"}').toString("base64url") },
      { cursor: nextCursor as string, order: "asc" },
      { cursor: nextCursor as string, sort: "updatedAt" },
    ];
    for (const query of queries) {
      const response = await t.request(demo.pcsaMali, { method: "GET", url: `/api/incidents?${new URLSearchParams(query)}` });
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.json().issues).toEqual([{ field: "cursor", message: "is not a cursor of this list: start again from the first page" }]);
    }
  });
});

describe("what a list row carries", () => {
  it("gives the category, place, local time, status, a short summary and people by outcome, and no identities", async () => {
    const [item] = (await list(demo.doMali, { q: marker, pageSize: "1", order: "asc" })).items;
    expect(item).toMatchObject({
      categoryCode: "road_traffic_accident",
      status: "draft",
      placeName: "Mopti",
      occurredAt: "2025-06-01T10:00:00.000Z",
      occurredAtLocal: "2025-06-01 10:00:00",
      summary: `A UN vehicle left the road (${marker}).`,
      peopleByOutcome: [{ outcome: "injured", count: 2 }],
    });
    expect(JSON.stringify(item)).not.toMatch(/personId|reporter|contact/);
  });
});

describe("the shared filters", () => {
  let robbery: string;
  let awareness: string;
  let submitted: string;

  beforeAll(async () => {
    robbery = await record({
      occurredAt: "2024-02-10T20:00:00Z",
      categoryCode: "robbery",
      description: "Armed robbery of a WFP driver at a checkpoint near Sévaré (filtertest).",
      organisationsAffected: [wfp],
      peopleAffected: [{ outcome: "robbed", recruitmentType: "locally_recruited", sex: "male", count: 1, organisationId: wfp }],
      assetsAffected: [],
    });
    awareness = await record({
      occurredAt: "2024-03-01T08:00:00Z",
      categoryCode: "demonstration",
      description: "Demonstration in front of the governorate (filtertest).",
      affectsUn: false,
      peopleAffected: [],
      assetsAffected: [],
      place: { dutyStationId: place("Bamako") },
    });
    submitted = await record({ occurredAt: "2024-01-15T08:00:00Z", description: "Vehicle skidded on gravel (filtertest)." });
    const response = await t.request(demo.pcsaMali, { method: "POST", url: `/api/incidents/${submitted}/transition`, payload: { to: "submitted" } });
    expect(response.statusCode).toBe(200);
  });

  const ids = async (query: Record<string, string>) =>
    (await list(demo.pcsaMali, { q: "filtertest", pageSize: "50", ...query })).items.map((item) => item.id).sort();

  it.each([
    ["category", { categoryCode: "robbery" }, () => [robbery]],
    ["soft switch", { affectsUn: "false" }, () => [awareness]],
    ["organisation", { organisationId: "WFP" }, () => [robbery]],
    ["outcome", { outcome: "robbed" }, () => [robbery]],
    ["status", { status: "submitted" }, () => [submitted]],
    ["area", { placeId: "Bamako Security Area" }, () => [awareness]],
    ["time", { from: "2024-02-01", to: "2024-02-29" }, () => [robbery]],
  ] as const)("filters by %s", async (_name, query, expected) => {
    const resolved = Object.fromEntries(
      Object.entries(query).map(([key, value]) => [key, key === "organisationId" ? wfp : key === "placeId" ? place(value) : value]),
    );
    expect(await ids(resolved)).toEqual([...expected()].sort());
  });

  it("searches the narrative by word prefixes, in any language", async () => {
    expect(await ids({ q: "filtertest checkp" })).toEqual([robbery]);
    expect(await ids({ q: "filtertest governorate" })).toEqual([awareness]);
    expect(await ids({ q: "filtertest nothing-like-this" })).toEqual([]);
  });

  it("keeps filters and the cursor together: the next page of a filtered list stays filtered", async () => {
    const { ids: walked } = await walk(demo.pcsaMali, { q: "filtertest", pageSize: "1" });
    expect(walked.sort()).toEqual([robbery, awareness, submitted].sort());
  });
});
