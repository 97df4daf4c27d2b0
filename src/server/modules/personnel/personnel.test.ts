import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

let t: TestApp;

type PersonFact = { id: string; code: string; station: string; placePath: string; familyName: string };
type PlaceFact = { id: string; name: string; path: string };

let placeByName: Map<string, PlaceFact>;

/** A person (without an account, so nobody reads their own record) matching the conditions. */
async function findPerson(conditions: { code?: string; under: string; notUnder?: string; notCode?: string }): Promise<PersonFact> {
  const under = placeByName.get(conditions.under)?.path as string;
  const notUnder = conditions.notUnder ? placeByName.get(conditions.notUnder)?.path : undefined;
  const rows = await t.database.query<PersonFact>(
    `select p.id, o.code, s.name as station, p.place_path as "placePath", p.family_name as "familyName"
       from persons p join organisations o on o.id = p.organisation_id join places s on s.id = p.duty_station_id
      where p.user_id is null and p.place_path like $1
        and ($2::text is null or o.code = $2) and ($3::text is null or p.place_path not like $3)
        and ($4::text is null or o.code <> $4)
        and exists (select 1 from person_private pp where pp.person_id = p.id and pp.phone is not null)
      order by p.id limit 1`,
    [`${under}%`, conditions.code ?? null, notUnder ? `${notUnder}%` : null, conditions.notCode ?? null],
  );
  if (!rows[0]) throw new Error(`no person matching ${JSON.stringify(conditions)}`);
  return rows[0];
}

async function sensitiveReads(personId: string): Promise<{ actor_name: string; changes: unknown }[]> {
  return t.database.query(
    "select actor_name, changes from audit_log where action = 'read_sensitive' and entity_type = 'person' and entity_id = $1 order by seq",
    [personId],
  );
}

const get = (email: string | null, url: string) => t.request(email, { method: "GET", url });

beforeAll(async () => {
  t = await startTestApp();
  const places = await t.database.query<PlaceFact>("select id, name, path from places");
  placeByName = new Map(places.map((place) => [place.name, place]));
});
afterAll(() => t.close());

describe("contacts are need-to-know", () => {
  it("shows a Mali person's contacts to the P/C/SA of Mali and records the read", async () => {
    const person = await findPerson({ under: "Mali" });
    const response = await get(demo.pcsaMali, `/api/personnel/${person.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.private).toMatchObject({ phone: expect.stringMatching(/^\+\d/), residentialAddress: expect.any(String), email: expect.stringContaining("@") });
    expect(body.actions).toContain("read_sensitive");
    const reads = await sensitiveReads(person.id);
    expect(reads).toHaveLength(1);
    expect(reads[0].actor_name).toBe("P/C/SA Mali");
  });

  it.each([
    ["the DO of Mali", demo.doMali],
    ["the system administrator", demo.admin],
    ["the global analyst", demo.analyst],
  ])("gives %s the record without contacts, and records no sensitive read", async (_name, email) => {
    const person = await findPerson({ under: "Mali", notCode: "UNDSS" });
    const before = (await sensitiveReads(person.id)).length;
    const response = await get(email, `/api/personnel/${person.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).not.toHaveProperty("private");
    expect(body.actions).not.toContain("read_sensitive");
    expect(response.body).not.toMatch(/residentialAddress|"phone"|"mobile"/);
    expect(await sensitiveReads(person.id)).toHaveLength(before);
  });

  it("shows contact fields as (restricted) in the history to those without need-to-know", async () => {
    const person = await findPerson({ under: "Mali" });
    for (const email of [demo.doMali, demo.admin, demo.analyst]) {
      const before = (await sensitiveReads(person.id)).length;
      const response = await get(email, `/api/history/person/${person.id}`);
      expect(response.statusCode, email).toBe(200);
      const [creation] = response.json().items;
      expect(creation.action).toBe("create");
      expect(creation.changes.familyName.to).toBe(person.familyName);
      for (const field of ["phone", "mobile", "email", "residentialAddress"]) {
        expect(creation.changes[field], `${email} ${field}`).toEqual({ from: "(restricted)", to: "(restricted)" });
      }
      expect(await sensitiveReads(person.id)).toHaveLength(before);
    }
  });

  it("shows the contact history to the P/C/SA, and records that read", async () => {
    const person = await findPerson({ under: "Mali" });
    const before = (await sensitiveReads(person.id)).length;
    const response = await get(demo.pcsaMali, `/api/history/person/${person.id}`);
    const [creation] = response.json().items;
    expect(creation.changes.phone).toEqual({ from: null, to: expect.stringMatching(/^\+\d/) });
    // The history never lists the reads themselves.
    expect(response.json().items.every((item: { action: string }) => item.action !== "read_sensitive")).toBe(true);
    const reads = await sensitiveReads(person.id);
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)?.changes).toEqual({ via: { from: null, to: "history" } });
  });

  it("answers 404 to the P/C/SA of Mali for a person in DR Congo, for the record and its history", async () => {
    const person = await findPerson({ under: "Democratic Republic of the Congo" });
    expect((await get(demo.pcsaMali, `/api/personnel/${person.id}`)).statusCode).toBe(404);
    expect((await get(demo.pcsaMali, `/api/history/person/${person.id}`)).statusCode).toBe(404);
    expect(await sensitiveReads(person.id)).toHaveLength(0);
  });

  it("answers 404 for an id that does not exist, exactly as for one out of scope", async () => {
    const missing = await get(demo.pcsaMali, "/api/personnel/00000000-0000-4000-8000-000000000000");
    const outOfScope = await get(demo.pcsaMali, `/api/personnel/${(await findPerson({ under: "Haiti" })).id}`);
    expect(missing.statusCode).toBe(404);
    expect(outOfScope.json()).toEqual(missing.json());
  });

  it("lets a staff member see their own record with their own contacts, and nobody else's", async () => {
    const me = (await get(demo.staff, "/api/auth/me")).json();
    expect(me.personId).toEqual(expect.any(String));
    const own = await get(demo.staff, `/api/personnel/${me.personId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().private).toMatchObject({ phone: expect.any(String), residentialAddress: expect.any(String) });
    const colleague = await findPerson({ under: "Democratic Republic of the Congo" });
    expect((await get(demo.staff, `/api/personnel/${colleague.id}`)).statusCode).toBe(404);
    expect((await get(demo.staff, "/api/personnel")).statusCode).toBe(403);
  });

  it("limits the UNICEF representative to UNICEF personnel in Mali, without contacts", async () => {
    const list = await get(demo.repUnicefMali, "/api/personnel?pageSize=200");
    expect(list.statusCode).toBe(200);
    const { items, total } = list.json();
    const [{ count }] = await t.database.query<{ count: number }>(
      "select count(*)::int as count from persons p join organisations o on o.id = p.organisation_id where o.code = 'UNICEF' and p.place_path like $1",
      [`${placeByName.get("Mali")?.path}%`],
    );
    expect(total).toBe(Number(count));
    expect(items).toHaveLength(total);
    expect(new Set(items.map((item: { organisationCode: string }) => item.organisationCode))).toEqual(new Set(["UNICEF"]));

    const unicef = await findPerson({ under: "Mali", code: "UNICEF" });
    const record = await get(demo.repUnicefMali, `/api/personnel/${unicef.id}`);
    expect(record.statusCode).toBe(200);
    expect(record.json()).not.toHaveProperty("private");
    const wfp = await findPerson({ under: "Mali", code: "WFP" });
    expect((await get(demo.repUnicefMali, `/api/personnel/${wfp.id}`)).statusCode).toBe(404);
  });

  it("shows the WFP security focal point the contacts of WFP personnel only", async () => {
    const wfp = await findPerson({ under: "Mali", code: "WFP" });
    const own = await get(demo.sfpWfpMali, `/api/personnel/${wfp.id}`);
    expect(own.json().private?.phone).toEqual(expect.any(String));
    const unicef = await findPerson({ under: "Mali", code: "UNICEF" });
    expect((await get(demo.sfpWfpMali, `/api/personnel/${unicef.id}`)).statusCode).toBe(404);
  });

  it("shows the Bamako warden the contacts of people in Bamako Security Area only", async () => {
    const inZone = await findPerson({ under: "Bamako Security Area" });
    const response = await get(demo.wardenBamako, `/api/personnel/${inZone.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().private?.phone).toEqual(expect.any(String));
    for (const elsewhere of ["Mopti Security Area", "Democratic Republic of the Congo"]) {
      const person = await findPerson({ under: elsewhere });
      expect((await get(demo.wardenBamako, `/api/personnel/${person.id}`)).statusCode, elsewhere).toBe(404);
    }
    const outsideAreas = await findPerson({ under: "Mali", notUnder: "Bamako Security Area" });
    expect((await get(demo.wardenBamako, `/api/personnel/${outsideAreas.id}`)).statusCode).toBe(404);
    const list = (await get(demo.wardenBamako, "/api/personnel?pageSize=200")).json();
    const bamakoPath = placeByName.get("Bamako Security Area")?.path as string;
    const paths = await t.database.query<{ id: string; place_path: string }>("select id, place_path from persons");
    const pathOf = new Map(paths.map((row) => [row.id, row.place_path]));
    expect(list.total).toBeGreaterThan(0);
    for (const item of list.items) expect(pathOf.get(item.id)?.startsWith(bamakoPath)).toBe(true);
  });
});

describe("the personnel list", () => {
  const maliList = (query: string, email: string = demo.doMali) => get(email, `/api/personnel?placeId=${placeByName.get("Mali")?.id}&${query}`);

  it("pages through the whole list without repeating or skipping anyone", async () => {
    const all = (await maliList("pageSize=200")).json();
    expect(all.total).toBeGreaterThan(25);
    expect(all.items).toHaveLength(all.total);
    const seen: string[] = [];
    const pages = Math.ceil(all.total / 10);
    for (let page = 1; page <= pages; page += 1) {
      const response = (await maliList(`pageSize=10&page=${page}`)).json();
      expect(response).toMatchObject({ total: all.total, page, pageSize: 10 });
      expect(response.items.length).toBe(page < pages ? 10 : all.total - 10 * (pages - 1));
      seen.push(...response.items.map((item: { id: string }) => item.id));
    }
    expect(seen).toEqual(all.items.map((item: { id: string }) => item.id));
    const beyond = (await maliList(`pageSize=10&page=${pages + 1}`)).json();
    expect(beyond).toMatchObject({ items: [], total: all.total });
  });

  it("defaults to 25 per page and refuses a page size over 200", async () => {
    expect((await maliList("")).json()).toMatchObject({ page: 1, pageSize: 25 });
    expect((await maliList("")).json().items).toHaveLength(25);
    const tooBig = await maliList("pageSize=500");
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().issues[0].field).toBe("pageSize");
  });

  it("sorts by name in both directions", async () => {
    const key = (item: { familyName: string; givenName: string }) => `${item.familyName}\u0000${item.givenName}`;
    const distinct = (keys: string[]) => keys.filter((value, index) => value !== keys[index - 1]);
    const ascending = (await maliList("pageSize=200&sort=name&order=asc")).json().items.map(key);
    const descending = (await maliList("pageSize=200&sort=name&order=desc")).json().items.map(key);
    // Whatever the database's collation, descending is ascending reversed (ties aside).
    expect(distinct(descending)).toEqual(distinct(ascending).reverse());
    expect(new Set(distinct(ascending)).size).toBe(distinct(ascending).length);
    const position = (family: string) => ascending.findIndex((value: string) => value.startsWith(`${family}\u0000`));
    for (const [earlier, later] of [["Andersen", "Traoré"], ["Coulibaly", "Smith"], ["Diarra", "Mensah"]]) {
      if (position(earlier) >= 0 && position(later) >= 0) expect(position(earlier)).toBeLessThan(position(later));
    }
  });

  it("sorts by organisation", async () => {
    const codes = (await maliList("pageSize=200&sort=organisation&order=desc")).json().items.map((item: { organisationCode: string }) => item.organisationCode);
    expect(codes).toEqual([...codes].sort().reverse());
  });

  it("filters by sex, recruitment type and organisation", async () => {
    const female = (await maliList("pageSize=200&sex=female")).json();
    const male = (await maliList("pageSize=200&sex=male")).json();
    const all = (await maliList("pageSize=1")).json();
    expect(female.items.every((item: { sex: string }) => item.sex === "female")).toBe(true);
    expect(female.total + male.total).toBe(all.total);
    const local = (await maliList("pageSize=200&recruitmentType=locally_recruited")).json();
    expect(local.total).toBeGreaterThan(0);
    expect(local.items.every((item: { recruitmentType: string }) => item.recruitmentType === "locally_recruited")).toBe(true);
    const wfp = (await get(demo.admin, "/api/organisations?q=WFP")).json().items[0];
    const byOrganisation = (await maliList(`pageSize=200&organisationId=${wfp.id}`)).json();
    expect(byOrganisation.items.every((item: { organisationCode: string }) => item.organisationCode === "WFP")).toBe(true);
  });

  it("searches names by every word of q, case-insensitively, and treats % literally", async () => {
    const person = await findPerson({ under: "Mali" });
    const detail = (await get(demo.doMali, `/api/personnel/${person.id}`)).json();
    const byFamily = (await maliList(`pageSize=200&q=${encodeURIComponent(detail.familyName.toUpperCase())}`)).json();
    expect(byFamily.items.map((item: { id: string }) => item.id)).toContain(person.id);
    const both = (await maliList(`pageSize=200&q=${encodeURIComponent(`${detail.givenName} ${detail.familyName}`)}`)).json();
    expect(both.items.map((item: { id: string }) => item.id)).toContain(person.id);
    for (const item of both.items) {
      const text = `${item.givenName} ${item.familyName} ${item.indexNumber ?? ""}`.toLowerCase();
      expect(text).toContain(detail.givenName.toLowerCase());
      expect(text).toContain(detail.familyName.toLowerCase());
    }
    expect(both.total).toBeLessThanOrEqual(byFamily.total);
    const byIndex = (await maliList(`q=${detail.indexNumber}`)).json();
    expect(byIndex.items.map((item: { id: string }) => item.id)).toContain(person.id);
    expect((await maliList("q=%25")).json().total).toBe(0);
    expect((await maliList("q=_")).json().total).toBe(0);
  });
});

describe("changing a person", () => {
  it("adds and removes a dependant", async () => {
    const person = await findPerson({ under: "Mali" });
    const before = (await get(demo.pcsaMali, `/api/personnel/${person.id}`)).json().dependants.length;
    const added = await t.request(demo.pcsaMali, {
      method: "POST",
      url: `/api/personnel/${person.id}/dependants`,
      payload: { givenName: "Kadiatou", familyName: person.familyName, relationship: "child", sex: "female", birthDate: "2015-04-12" },
    });
    expect(added.statusCode).toBe(201);
    const dependant = added.json().dependants.find((item: { givenName: string }) => item.givenName === "Kadiatou");
    expect(dependant).toMatchObject({ relationship: "child", birthDate: "2015-04-12", isEligible: true });
    expect(added.json().dependants).toHaveLength(before + 1);
    expect((await get(demo.pcsaMali, `/api/personnel?pageSize=200&q=${encodeURIComponent(person.familyName)}`)).json().items.find((item: { id: string }) => item.id === person.id).dependantCount).toBe(before + 1);

    const other = await findPerson({ under: "Mali", notCode: person.code });
    const wrongOwner = await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/personnel/${other.id}/dependants/${dependant.id}` });
    expect(wrongOwner.statusCode).toBe(404);
    const removed = await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/personnel/${person.id}/dependants/${dependant.id}` });
    expect(removed.statusCode).toBe(204);
    expect((await get(demo.pcsaMali, `/api/personnel/${person.id}`)).json().dependants).toHaveLength(before);
    const audit = await t.database.query<{ action: string }>(
      "select action from audit_log where entity_type = 'dependant' and entity_id = $1 order by seq",
      [dependant.id],
    );
    expect(audit.map((row) => row.action)).toEqual(["create", "delete"]);
  });

  it("refuses an invalid dependant with the field at fault", async () => {
    const person = await findPerson({ under: "Mali" });
    const response = await t.request(demo.pcsaMali, {
      method: "POST",
      url: `/api/personnel/${person.id}/dependants`,
      payload: { givenName: "X", familyName: "Y", relationship: "cousin", sex: "female" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].field).toBe("relationship");
  });

  it("audits a change of contacts with before and after, shown only to need-to-know", async () => {
    const person = await findPerson({ under: "Bamako Security Area" });
    const [previous] = await t.database.query<{ phone: string; residential_address: string; grade: string | null }>(
      "select phone, residential_address, (select grade from persons where id = $1) as grade from person_private where person_id = $1",
      [person.id],
    );
    const response = await t.request(demo.pcsaMali, {
      method: "PATCH",
      url: `/api/personnel/${person.id}`,
      payload: { grade: "G-7", private: { phone: "+223 76 00 00 00", residentialAddress: "12 Rue 312, Bamako" } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ grade: "G-7", private: { phone: "+223 76 00 00 00", residentialAddress: "12 Rue 312, Bamako" } });

    const [entry] = await t.database.query<{ action: string; actor_name: string; changes: Record<string, unknown> }>(
      "select action, actor_name, changes from audit_log where entity_type = 'person' and entity_id = $1 and action = 'update' order by seq desc limit 1",
      [person.id],
    );
    expect(entry.actor_name).toBe("P/C/SA Mali");
    expect(entry.changes).toEqual({
      grade: { from: previous.grade, to: "G-7" },
      phone: { from: previous.phone, to: "+223 76 00 00 00" },
      residentialAddress: { from: previous.residential_address, to: "12 Rue 312, Bamako" },
    });

    const forDo = (await get(demo.doMali, `/api/history/person/${person.id}`)).json().items.at(-1);
    expect(forDo.changes.phone).toEqual({ from: "(restricted)", to: "(restricted)" });
    expect(forDo.changes.grade.to).toBe("G-7");
    const forWarden = (await get(demo.wardenBamako, `/api/history/person/${person.id}`)).json().items.at(-1);
    expect(forWarden.changes.phone).toEqual({ from: previous.phone, to: "+223 76 00 00 00" });
  });

  it("refuses to delete a person who holds an appointment, with 409 rather than a server error", async () => {
    const doMali = (await get(demo.doMali, "/api/auth/me")).json().personId as string;
    const response = await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/personnel/${doMali}` });
    expect(response.statusCode).toBe(409);
    expect((await get(demo.pcsaMali, `/api/personnel/${doMali}`)).statusCode).toBe(200);
  });

  it("refuses a change by someone who may only read", async () => {
    const person = await findPerson({ under: "Mali" });
    const response = await t.request(demo.doMali, { method: "PATCH", url: `/api/personnel/${person.id}`, payload: { grade: "G-1" } });
    expect(response.statusCode).toBe(403);
  });
});
