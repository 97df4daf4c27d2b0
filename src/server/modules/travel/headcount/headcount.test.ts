import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import type { HeadcountFigures } from "../../../../core/travel/headcount.ts";
import { personnelPresent } from "./presence.service.ts";

/**
 * The headcount through the API on the demo (issue 13 §4): Mali's figures, a cleared trip moving
 * its traveller from Mopti to Bamako at the moment asked, who reads the list (and whose people),
 * contacts only under need-to-know and audited, the CSV, and the answers to bad input and to an
 * area out of scope. Exactness over random data: headcount.property.test.ts; the matrix:
 * headcount.matrix.ts.
 */
let t: TestApp;
const placeIds: Record<string, string> = {};
let trip: { number: string; personId: string; departureAt: string };

type Figures = HeadcountFigures;
type Headcount = { totals: Figures; byOrganisation: (Figures & { code: string })[]; byPlace: { placeId: string; name: string; total: number }[]; canList: boolean };
type Person = { kind: string; personId: string | null; organisationCode: string; organisationId: string; placeName: string; tripNumber: string | null; contacts: unknown };

const get = (email: string, url: string) => t.request(email, { method: "GET", url });
async function counts(email: string, place: string, at?: string): Promise<Headcount> {
  const response = await get(email, `/api/travel/headcount?placeId=${placeIds[place]}${at ? `&at=${encodeURIComponent(at)}` : ""}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
async function people(email: string, place: string, query = ""): Promise<{ items: Person[]; total: number }> {
  const response = await get(email, `/api/travel/headcount/people?placeId=${placeIds[place]}&pageSize=200${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  t = await startTestApp();
  for (const name of ["Mali", "Bamako Security Area", "Mopti Security Area", "Haiti"]) {
    [{ id: placeIds[name] }] = await t.database.query<{ id: string }>("select id from places where name = $1", [name]);
  }
  // A travel notification (nothing to approve) Bamako → Mopti → Bamako, ten days ahead, for a
  // person stationed in the Bamako Security Area with no other trip.
  const [{ personId }] = await t.database.query<{ personId: string }>(
    `select p.id as "personId" from persons p join places a on a.id = $1 where p.place_path like a.path || '%' and p.user_id is null
       and not exists (select 1 from travel_travellers tt where tt.person_id = p.id) order by p.family_name, p.id limit 1`,
    [placeIds["Bamako Security Area"]],
  );
  const station = async (name: string) => (await t.database.query<{ id: string }>("select id from places where name = $1 and kind = 'duty_station'", [name]))[0].id;
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const leg = async (from: string, to: string, days: number) => ({
    fromPlaceId: await station(from),
    toPlaceId: await station(to),
    departureLocal: `${day(days)}T07:00`,
    arrivalLocal: `${day(days)}T16:00`,
    transport: "road",
    vehicleArrangement: "UN vehicle",
  });
  const filed = await t.request(demo.pcsaMali, {
    method: "POST",
    url: "/api/travel/requests",
    payload: { kind: "notification", purpose: "Headcount test", isLateNotification: false, travellers: [{ personId }], legs: [await leg("Bamako", "Mopti", 10), await leg("Mopti", "Bamako", 12)] },
  });
  expect(filed.statusCode, filed.body).toBe(201);
  const request = filed.json() as { number: string; status: string; legs: { departureAt: string }[] };
  expect(request.status).toBe("notified");
  trip = { number: request.number, personId, departureAt: request.legs[0].departureAt };
});
afterAll(() => t.close());

describe("the headcount's counts", () => {
  it("counts Mali's personnel and eligible dependants, by organisation, recruitment type and sex", async () => {
    const mali = await counts(demo.pcsaMali, "Mali");
    const [expected] = await t.database.query<{ personnel: number; dependants: number }>(
      `select (select count(*)::int from persons where place_path like $1) as personnel,
        (select count(*)::int from dependants d join persons p on p.id = d.person_id where p.place_path like $1 and d.is_eligible) as dependants`,
      [`${(await t.database.query<{ path: string }>("select path from places where id = $1", [placeIds.Mali]))[0].path}%`],
    );
    expect(mali.totals.personnel).toBe(expected.personnel);
    expect(mali.totals.dependants).toBe(expected.dependants);
    expect(mali.totals.personnel).toBeGreaterThan(0);
    const sum = (pick: (figures: Figures) => number) => mali.byOrganisation.reduce((total, row) => total + pick(row), 0);
    expect(sum((row) => row.total)).toBe(mali.totals.total);
    expect(Object.values(mali.totals.recruitment).reduce((a, b) => a + b, 0)).toBe(mali.totals.personnel);
    expect(Object.values(mali.totals.sex).reduce((a, b) => a + b, 0)).toBe(mali.totals.personnel);
    expect(mali.byPlace.reduce((total, row) => total + row.total, 0)).toBe(mali.totals.total);
    expect(mali.canList).toBe(true);
    // The clearance ceilings read the same figures.
    const present = await personnelPresent(t.database.db, (await t.database.query<{ path: string }>("select path from places where id = $1", [placeIds.Mali]))[0].path, new Date());
    expect(present.total).toBe(mali.totals.personnel);
  });

  it("moves a notified traveller to the destination of the leg they have set out on", async () => {
    const before = new Date(Date.parse(trip.departureAt) - 60_000).toISOString();
    const during = new Date(Date.parse(trip.departureAt) + 60_000).toISOString();
    const [bamakoBefore, bamakoDuring, moptiBefore, moptiDuring] = await Promise.all([
      counts(demo.pcsaMali, "Bamako Security Area", before),
      counts(demo.pcsaMali, "Bamako Security Area", during),
      counts(demo.pcsaMali, "Mopti Security Area", before),
      counts(demo.pcsaMali, "Mopti Security Area", during),
    ]);
    expect(bamakoDuring.totals.personnel).toBe(bamakoBefore.totals.personnel - 1);
    expect(moptiDuring.totals.personnel).toBe(moptiBefore.totals.personnel + 1);
    const inMopti = (await people(demo.pcsaMali, "Mopti Security Area", `&at=${encodeURIComponent(during)}&sort=location`)).items;
    expect(inMopti.find((person) => person.personId === trip.personId)).toMatchObject({ tripNumber: trip.number, placeName: "Mopti" });
    // The trip ends at its return: home again after it.
    const after = new Date(Date.parse(trip.departureAt) + 3 * 86_400_000).toISOString();
    expect((await counts(demo.pcsaMali, "Bamako Security Area", after)).totals.personnel).toBe(bamakoBefore.totals.personnel);
  });

  it("follows the register at once: the stationed count is kept only until a person or dependant changes", async () => {
    const before = (await counts(demo.pcsaMali, "Mali")).totals;
    const added = await t.request(demo.pcsaMali, {
      method: "POST",
      url: `/api/personnel/${trip.personId}/dependants`,
      payload: { givenName: "Awa", familyName: "Headcount", relationship: "child", sex: "female" },
    });
    expect(added.statusCode, added.body).toBe(201);
    const withChild = (await counts(demo.pcsaMali, "Mali")).totals;
    expect(withChild.dependants).toBe(before.dependants + 1);
    expect(withChild.dependantSex.female).toBe(before.dependantSex.female + 1);
    // Written beside the API (an import, the CLI): the database's stamp still renews the count.
    await t.database.query("update dependants set is_eligible = false where given_name = 'Awa' and family_name = 'Headcount'");
    expect((await counts(demo.pcsaMali, "Mali")).totals.dependants).toBe(before.dependants);
    await t.database.query("delete from dependants where given_name = 'Awa' and family_name = 'Headcount'");
    expect((await counts(demo.pcsaMali, "Mali")).totals).toEqual(before);
  });

  it("gives the global analyst and the desk officer counts, never the list", async () => {
    expect((await counts(demo.analyst, "Mali")).canList).toBe(false);
    expect((await counts("desk.mali@vigil.example", "Mali")).totals.total).toBeGreaterThan(0);
    expect((await get(demo.analyst, `/api/travel/headcount/people?placeId=${placeIds.Mali}`)).statusCode).toBe(403);
    expect((await get(demo.staff, `/api/travel/headcount?placeId=${placeIds.Mali}`)).statusCode).toBe(403);
  });

  it("answers 404 for an area out of scope and 400 naming the field for bad input", async () => {
    expect((await get(demo.pcsaMali, `/api/travel/headcount?placeId=${placeIds.Haiti}`)).statusCode).toBe(404);
    expect((await get(demo.ascMopti, `/api/travel/headcount?placeId=${placeIds.Mali}`)).statusCode).toBe(404);
    const bad = await get(demo.pcsaMali, `/api/travel/headcount?placeId=${placeIds.Mali}&at=yesterday`);
    expect(bad.statusCode).toBe(400);
    expect((bad.json().issues as { field: string }[]).map((issue) => issue.field)).toEqual(["at"]);
    const badSort = await get(demo.pcsaMali, `/api/travel/headcount/people?placeId=${placeIds.Mali}&sort=age`);
    expect((badSort.json().issues as { field: string }[]).map((issue) => issue.field)).toEqual(["sort"]);
  });
});

describe("the headcount's list", () => {
  it("shows contacts only under need-to-know, and audits each read", async () => {
    const byPcsa = await people(demo.pcsaMali, "Mali");
    const mali = await counts(demo.pcsaMali, "Mali");
    expect(byPcsa.total).toBe(mali.totals.total);
    expect(byPcsa.items.filter((person) => person.kind === "personnel").every((person) => person.contacts !== null)).toBe(true);
    const audited = await t.database.query<{ count: number }>("select count(*)::int as count from audit_log where action = 'read_sensitive' and entity_type = 'person' and changes->'via'->>'to' = 'headcount'");
    expect(audited[0].count).toBeGreaterThanOrEqual(byPcsa.items.filter((person) => person.kind === "personnel").length);
    // The DO leads the area but has no need-to-know of contacts: only their own (the personnel rule).
    const [{ doPerson }] = await t.database.query<{ doPerson: string }>(`select id as "doPerson" from persons where user_id = (select id from users where email = $1)`, [demo.doMali]);
    const byDo = await people(demo.doMali, "Mali");
    expect(byDo.total).toBe(byPcsa.total);
    expect(byDo.items.filter((person) => person.contacts !== null).every((person) => person.personId === doPerson)).toBe(true);
  });

  it("lists an organisation's focal point their own staff only, while counts show everyone", async () => {
    const mali = await counts(demo.sfpWfpMali, "Mali");
    const wfp = mali.byOrganisation.find((row) => row.code === "WFP");
    const listed = await people(demo.sfpWfpMali, "Mali");
    expect(listed.items.every((person) => person.organisationCode === "WFP")).toBe(true);
    expect(listed.total).toBe(wfp?.total);
    expect(mali.byOrganisation.length).toBeGreaterThan(1);
  });

  it("pages and sorts", async () => {
    const first = await get(demo.pcsaMali, `/api/travel/headcount/people?placeId=${placeIds.Mali}&pageSize=5&sort=organisation&order=desc`);
    const second = await get(demo.pcsaMali, `/api/travel/headcount/people?placeId=${placeIds.Mali}&pageSize=5&page=2&sort=organisation&order=desc`);
    const items = [...first.json().items, ...second.json().items] as Person[];
    expect(new Set(items.map((person) => person.personId ?? (person as unknown as { dependantId: string }).dependantId)).size).toBeGreaterThan(5);
    const codes = items.map((person) => person.organisationCode);
    expect(codes).toEqual([...codes].sort().reverse());
  });

  it("pages in name order exactly as the whole list is ordered, both ways, for everyone and for a focal point", async () => {
    type Row = Person & { dependantId: string | null; familyName: string; givenName: string };
    const pages = async (email: string, order: "asc" | "desc") => {
      const rows: Row[] = [];
      for (let page = 1; ; page += 1) {
        const body = (await get(email, `/api/travel/headcount/people?placeId=${placeIds.Mali}&pageSize=7&page=${page}&order=${order}`)).json() as { items: Row[]; total: number };
        rows.push(...body.items);
        if (body.items.length < 7) return { rows, total: body.total };
      }
    };
    const names = (rows: Row[]) => rows.map((row) => `${row.familyName},${row.givenName}`);
    // The CSV is built from the whole list, in name order: the pages must give the same sequence.
    const csvNames = async (email: string) =>
      (await get(email, `/api/travel/headcount/people.csv?placeId=${placeIds.Mali}&headers=codes`)).body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",").slice(1, 3).join(","));
    for (const email of [demo.pcsaMali, demo.sfpWfpMali]) {
      const ascending = await pages(email, "asc");
      expect(ascending.rows.length).toBe(ascending.total);
      expect(new Set(ascending.rows.map((row) => row.personId && !row.dependantId ? row.personId : row.dependantId)).size).toBe(ascending.total);
      expect(names(ascending.rows)).toEqual(await csvNames(email));
      const descending = await pages(email, "desc");
      expect(descending.rows.length).toBe(ascending.total);
      expect(names(descending.rows)).toEqual([...names(ascending.rows)].reverse());
    }
  });

  it("exports the list as CSV, with contact columns only under need-to-know", async () => {
    const byPcsa = await get(demo.pcsaMali, `/api/travel/headcount/people.csv?placeId=${placeIds.Mali}&lang=fr`);
    expect(byPcsa.statusCode).toBe(200);
    expect(byPcsa.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = byPcsa.body.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toContain("Téléphone");
    expect(lines.length - 1).toBe((await counts(demo.pcsaMali, "Mali")).totals.total);
    // The analyst may not read the list at all; a focal point's file holds their staff only.
    expect((await get(demo.analyst, `/api/travel/headcount/people.csv?placeId=${placeIds.Mali}`)).statusCode).toBe(403);
    const byWfp = await get(demo.sfpWfpMali, `/api/travel/headcount/people.csv?placeId=${placeIds.Mali}&headers=codes`);
    const rows = byWfp.body.replace(/^\uFEFF/, "").trim().split("\n");
    expect(rows[0]).toBe("kind,family_name,given_name,organisation,recruitment_type,sex,sponsor,location,duty_station,trip_number,phone,mobile,email");
    expect(rows.slice(1).every((row) => row.split(",")[3] === "WFP")).toBe(true);
  });
});
