import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

let t: TestApp;
let mali: { id: string; name: string };
let bamakoArea: { id: string };
let bamakoStation: { id: string };

type PlaceItem = { id: string; name: string; kind: string; parentId: string | null; countryCode: string | null };

const post = (email: string, url: string, payload: unknown) => t.request(email, { method: "POST", url, payload: payload as object });
const patch = (email: string, url: string, payload: unknown) => t.request(email, { method: "PATCH", url, payload: payload as object });

beforeAll(async () => {
  t = await startTestApp();
  const tree = (await t.request(demo.admin, { method: "GET", url: "/api/places/tree" })).json().items as PlaceItem[];
  const byName = (name: string) => tree.find((place) => place.name === name) as PlaceItem;
  mali = byName("Mali");
  bamakoArea = byName("Bamako Security Area");
  bamakoStation = byName("Bamako");
});
afterAll(() => t.close());

describe("organisations", () => {
  it("creates, reads, updates and deletes an organisation", async () => {
    const created = await post(demo.admin, "/api/organisations", {
      code: "UNFPA",
      name: "United Nations Population Fund",
      kind: "fund_programme",
      hqFocalPoints: [{ name: "Ana Souza", email: "souza@unfpa.example.org", title: "Security Adviser" }],
    });
    expect(created.statusCode).toBe(201);
    const organisation = created.json();
    expect(organisation).toMatchObject({ code: "UNFPA", kind: "fund_programme", actions: ["update", "delete"] });
    expect(organisation.hqFocalPoints).toEqual([{ name: "Ana Souza", email: "souza@unfpa.example.org", title: "Security Adviser" }]);

    const read = await t.request(demo.staff, { method: "GET", url: `/api/organisations/${organisation.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ code: "UNFPA", actions: [] });

    const updated = await patch(demo.admin, `/api/organisations/${organisation.id}`, { name: "UN Population Fund", kind: "secretariat" });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ code: "UNFPA", name: "UN Population Fund", kind: "secretariat" });

    const deleted = await t.request(demo.admin, { method: "DELETE", url: `/api/organisations/${organisation.id}` });
    expect(deleted.statusCode).toBe(204);
    expect((await t.request(demo.admin, { method: "GET", url: `/api/organisations/${organisation.id}` })).statusCode).toBe(404);
  });

  it("refuses a duplicate code, whatever its case, naming the code field", async () => {
    for (const code of ["UNICEF", "unicef"]) {
      const response = await post(demo.admin, "/api/organisations", { code, name: "Another fund", kind: "fund_programme" });
      expect(response.statusCode, code).toBe(409);
      expect(response.json().issues[0].field).toBe("code");
      expect(response.json().message).toContain(code);
    }
  });

  it("refuses to rename a code onto another organisation's code, but allows keeping one's own", async () => {
    const list = (await t.request(demo.admin, { method: "GET", url: "/api/organisations?pageSize=50" })).json().items;
    const who = list.find((item: { code: string }) => item.code === "WHO");
    const clash = await patch(demo.admin, `/api/organisations/${who.id}`, { code: "WFP" });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().issues[0].field).toBe("code");
    const same = await patch(demo.admin, `/api/organisations/${who.id}`, { code: "WHO", name: "World Health Organization" });
    expect(same.statusCode).toBe(200);
  });

  it("names each invalid field in a 400", async () => {
    const badKind = await post(demo.admin, "/api/organisations", { code: "ABC", name: "Agency", kind: "ngo" });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().issues[0]).toMatchObject({ field: "kind", message: expect.stringContaining("must be one of") });

    const badEmail = await post(demo.admin, "/api/organisations", {
      code: "ABC",
      name: "Agency",
      kind: "secretariat",
      hqFocalPoints: [{ name: "Someone", email: "not-an-email" }],
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().issues).toContainEqual(expect.objectContaining({ field: "hqFocalPoints.0.email", message: "must be an e-mail address" }));

    const badCode = await post(demo.admin, "/api/organisations", { code: "A B", name: "", kind: "secretariat" });
    expect(badCode.statusCode).toBe(400);
    const fields = badCode.json().issues.map((issue: { field: string }) => issue.field);
    expect(fields).toEqual(expect.arrayContaining(["code", "name"]));
  });

  it("lets only the administrator change organisations", async () => {
    const response = await post(demo.doMali, "/api/organisations", { code: "XYZ", name: "Agency", kind: "secretariat" });
    expect(response.statusCode).toBe(403);
  });

  // Bug fixed: Drizzle wraps the foreign-key violation, so the error handler missed its code and answered 500.
  it("refuses to delete an organisation that personnel refer to", async () => {
    const unicef = (await t.request(demo.admin, { method: "GET", url: "/api/organisations?q=UNICEF" })).json().items[0];
    const response = await t.request(demo.admin, { method: "DELETE", url: `/api/organisations/${unicef.id}` });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: "conflict", message: expect.stringContaining("referenced") });
    expect((await t.request(demo.admin, { method: "GET", url: `/api/organisations/${unicef.id}` })).statusCode).toBe(200);
  });

  it("searches, filters and sorts the list", async () => {
    const funds = (await t.request(demo.staff, { method: "GET", url: "/api/organisations?kind=fund_programme&sort=code&order=desc" })).json();
    const codes = funds.items.map((item: { code: string }) => item.code);
    expect(codes).toEqual([...codes].sort().reverse());
    expect(funds.items.every((item: { kind: string }) => item.kind === "fund_programme")).toBe(true);
    const found = (await t.request(demo.staff, { method: "GET", url: "/api/organisations?q=children" })).json();
    expect(found.items.map((item: { code: string }) => item.code)).toEqual(["UNICEF"]);
  });
});

describe("places", () => {
  it("requires an ISO country code for a Designated Area", async () => {
    const bad = await post(demo.admin, "/api/places", { kind: "designated_area", name: "Atlantis", countryCode: "XX" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ field: "countryCode", message: expect.stringContaining("ISO 3166") });

    const missing = await post(demo.admin, "/api/places", { kind: "designated_area", name: "Atlantis" });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().issues[0].field).toBe("countryCode");

    const good = await post(demo.admin, "/api/places", { kind: "designated_area", name: "Niger", countryCode: "ne" });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ kind: "designated_area", countryCode: "NE", parentId: null });
  });

  it("requires coordinates for a duty station", async () => {
    const response = await post(demo.admin, "/api/places", { kind: "duty_station", parentId: mali.id, name: "Ménaka" });
    expect(response.statusCode).toBe(422);
    expect(response.json().issues[0].field).toBe("latitude");
    const outOfRange = await post(demo.admin, "/api/places", { kind: "duty_station", parentId: mali.id, name: "Ménaka", latitude: 95, longitude: 2 });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().issues[0].field).toBe("latitude");
  });

  it("puts a Security Area only under a Designated Area", async () => {
    const underStation = await post(demo.admin, "/api/places", { kind: "security_area", parentId: bamakoStation.id, name: "Inner Bamako" });
    expect(underStation.statusCode).toBe(422);
    expect(underStation.json().issues[0]).toMatchObject({ field: "parentId", message: expect.stringContaining("Designated Area") });
    const atTop = await post(demo.admin, "/api/places", { kind: "security_area", name: "Floating area" });
    expect(atTop.statusCode).toBe(422);
    expect(atTop.json().issues[0].field).toBe("parentId");
    const underMissing = await post(demo.admin, "/api/places", { kind: "security_area", parentId: "00000000-0000-4000-8000-000000000000", name: "Nowhere" });
    expect(underMissing.statusCode).toBe(422);
    expect(underMissing.json().issues[0].field).toBe("parentId");
  });

  it("gives a new Security Area its Designated Area's country", async () => {
    const created = await post(demo.admin, "/api/places", { kind: "security_area", parentId: mali.id, name: "Gao Security Area" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ countryCode: "ML", parentId: mali.id, parentName: "Mali" });
  });

  it("refuses to delete a place with places below it, and deletes a leaf", async () => {
    const withChildren = await t.request(demo.admin, { method: "DELETE", url: `/api/places/${bamakoArea.id}` });
    expect(withChildren.statusCode).toBe(409);
    expect(withChildren.json().issues[0].field).toBe("id");

    const leaf = (await post(demo.admin, "/api/places", { kind: "duty_station", parentId: bamakoArea.id, name: "Siby", latitude: 12.38, longitude: -8.33 })).json();
    expect((await t.request(demo.admin, { method: "DELETE", url: `/api/places/${leaf.id}` })).statusCode).toBe(204);
    expect((await t.request(demo.admin, { method: "GET", url: `/api/places/${leaf.id}` })).statusCode).toBe(404);
  });

  it("refuses to delete a duty station where personnel work, and keeps it", async () => {
    const response = await t.request(demo.admin, { method: "DELETE", url: `/api/places/${bamakoStation.id}` });
    expect(response.statusCode).toBe(409);
    expect((await t.request(demo.admin, { method: "GET", url: `/api/places/${bamakoStation.id}` })).statusCode).toBe(200);
  });

  it("shows a place with its ancestors, children and DO continuity", async () => {
    const area = await t.request(demo.doMali, { method: "GET", url: `/api/places/${bamakoArea.id}` });
    expect(area.statusCode).toBe(200);
    const body = area.json();
    expect(body).toMatchObject({ name: "Bamako Security Area", kind: "security_area", parentName: "Mali" });
    expect(body.ancestors).toEqual([{ id: mali.id, name: "Mali", kind: "designated_area" }]);
    expect(body.children.map((child: PlaceItem) => child.name)).toEqual(expect.arrayContaining(["Bamako", "Kati", "Ségou"]));
    expect(body.children.every((child: PlaceItem) => child.kind === "duty_station" && child.parentId === bamakoArea.id)).toBe(true);
    expect(body.continuity).toMatchObject({ slot: "asc", gaps: [], inCharge: { role: "asc" } });

    const country = (await t.request(demo.doMali, { method: "GET", url: `/api/places/${mali.id}` })).json();
    expect(country.ancestors).toEqual([]);
    expect(country.continuity).toMatchObject({ slot: "do", gaps: [], inCharge: { role: "do", personName: expect.any(String) } });
    expect(country.children.filter((child: PlaceItem) => child.kind === "security_area").map((child: PlaceItem) => child.name)).toEqual(
      expect.arrayContaining(["Bamako Security Area", "Mopti Security Area"]),
    );

    const station = (await t.request(demo.doMali, { method: "GET", url: `/api/places/${bamakoStation.id}` })).json();
    expect(station.ancestors.map((ancestor: PlaceItem) => ancestor.name)).toEqual(["Mali", "Bamako Security Area"]);
    expect(station.children).toEqual([]);
    expect(station.continuity).toEqual({ slot: null, inCharge: null, gaps: [] });
  });

  it("shows the Haiti continuity gap on its page", async () => {
    const haiti = (await t.request(demo.analyst, { method: "GET", url: "/api/places?kind=designated_area&q=Haiti" })).json().items[0];
    const page = (await t.request(demo.analyst, { method: "GET", url: `/api/places/${haiti.id}` })).json();
    expect(page.continuity.inCharge).toBeNull();
    expect(page.continuity.gaps).toHaveLength(1);
  });

  it("keeps the DO of Mali to Mali's places, and shows the analyst every place", async () => {
    const allPaths = await t.database.query<{ id: string; path: string }>("select id, path from places");
    const maliPath = allPaths.find((place) => place.id === mali.id)?.path as string;
    const maliIds = new Set(allPaths.filter((place) => place.path.startsWith(maliPath)).map((place) => place.id));

    const forDo = (await t.request(demo.doMali, { method: "GET", url: "/api/places/tree" })).json().items as PlaceItem[];
    expect(new Set(forDo.map((place) => place.id))).toEqual(maliIds);
    const forAnalyst = (await t.request(demo.analyst, { method: "GET", url: "/api/places/tree" })).json().items as PlaceItem[];
    expect(forAnalyst).toHaveLength(allPaths.length);

    const list = (await t.request(demo.doMali, { method: "GET", url: "/api/places?pageSize=200" })).json();
    expect(list.total).toBe(maliIds.size);

    const congo = (await t.request(demo.analyst, { method: "GET", url: "/api/places?kind=designated_area&q=Congo" })).json().items[0];
    expect((await t.request(demo.doMali, { method: "GET", url: `/api/places/${congo.id}` })).statusCode).toBe(404);
  });

  it("keeps the ASC of Mopti to the Mopti Security Area", async () => {
    const forAsc = (await t.request(demo.ascMopti, { method: "GET", url: "/api/places/tree" })).json().items as PlaceItem[];
    expect(forAsc.map((place) => place.name)).toContain("Mopti Security Area");
    expect(forAsc.map((place) => place.name)).not.toContain("Mali");
    expect(forAsc.map((place) => place.name)).not.toContain("Bamako");
  });

  it("lets the DO of Mali add a station in Mali but not in DR Congo, and never a Designated Area", async () => {
    const inMali = await post(demo.doMali, "/api/places", { kind: "duty_station", parentId: mali.id, name: "Nioro", latitude: 15.23, longitude: -9.59 });
    expect(inMali.statusCode).toBe(201);
    const congo = (await t.request(demo.analyst, { method: "GET", url: "/api/places?kind=designated_area&q=Congo" })).json().items[0];
    const inCongo = await post(demo.doMali, "/api/places", { kind: "duty_station", parentId: congo.id, name: "Kolwezi", latitude: -10.7, longitude: 25.47 });
    expect(inCongo.statusCode).toBe(422);
    expect(inCongo.json().issues[0].field).toBe("parentId");
    const area = await post(demo.doMali, "/api/places", { kind: "designated_area", name: "Burkina Faso", countryCode: "BF" });
    expect(area.statusCode).toBe(403);
    // Deleting is reserved to the administrator.
    expect((await t.request(demo.doMali, { method: "DELETE", url: `/api/places/${inMali.json().id}` })).statusCode).toBe(403);
  });

  it("renames a place and keeps its rules on update", async () => {
    const renamed = await patch(demo.doMali, `/api/places/${bamakoStation.id}`, { name: "Bamako (UN House)" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe("Bamako (UN House)");
    const noCoordinates = await patch(demo.doMali, `/api/places/${bamakoStation.id}`, { latitude: null });
    expect(noCoordinates.statusCode).toBe(422);
    expect(noCoordinates.json().issues[0].field).toBe("latitude");
    const noCountry = await patch(demo.admin, `/api/places/${mali.id}`, { countryCode: null });
    expect(noCountry.statusCode).toBe(422);
    expect(noCountry.json().issues[0].field).toBe("countryCode");
  });
});
