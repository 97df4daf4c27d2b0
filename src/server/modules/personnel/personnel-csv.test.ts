import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streets } from "../../seed/demo-data.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { csvColumns } from "./personnel-csv.service.ts";

let t: TestApp;
let placeByName: Map<string, { id: string; name: string; path: string }>;

const get = (email: string | null, url: string) => t.request(email, { method: "GET", url });

beforeAll(async () => {
  t = await startTestApp();
  const places = await t.database.query<{ id: string; name: string; path: string }>("select id, name, path from places");
  placeByName = new Map(places.map((place) => [place.name, place]));
});
afterAll(() => t.close());

describe("CSV export", () => {
  it("exports the list as CSV with a header row and never a contact", async () => {
    const response = await get(demo.pcsaMali, "/api/personnel/export.csv?headers=codes");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/csv/);
    expect(response.headers["content-disposition"]).toContain("personnel.csv");
    // A UTF-8 byte-order mark first, so that Excel reads accented names right (issue 12 §3.8).
    expect(response.body.startsWith("\uFEFF")).toBe(true);
    const lines = response.body.slice(1).trim().split("\n");
    expect(lines[0]).toBe(csvColumns.join(","));
    const rows = parse(response.body, { columns: true, bom: true }) as Record<string, string>[];
    const total = (await get(demo.pcsaMali, "/api/personnel?pageSize=1")).json().total;
    expect(rows).toHaveLength(total);
    expect(Object.keys(rows[0])).toEqual([...csvColumns]);
    // No e-mail, phone number or street address, even for a caller with need-to-know.
    expect(response.body).not.toContain("@");
    expect(response.body).not.toMatch(/\+\d{3} \d{2}/);
    for (const street of streets) expect(response.body).not.toContain(street);
  });

  it("exports only what the caller may see: UNICEF rows for the UNICEF representative", async () => {
    const response = await get(demo.repUnicefMali, "/api/personnel/export.csv?headers=codes");
    const rows = parse(response.body, { columns: true, bom: true }) as Record<string, string>[];
    const total = (await get(demo.repUnicefMali, "/api/personnel?pageSize=1")).json().total;
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((row) => row.organisation))).toEqual(new Set(["UNICEF"]));
  });

  // Bug fixed: names were exported as typed, so "=HYPERLINK(…)" ran as a formula in a spreadsheet.
  it("neutralises cells that a spreadsheet would run as formulas, and the import reads them back unchanged", async () => {
    const wfp = (await get(demo.admin, "/api/organisations?q=WFP")).json().items[0];
    const formula = '=HYPERLINK("http://evil.example","click")';
    const created = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/personnel",
      payload: {
        organisationId: wfp.id,
        dutyStationId: placeByName.get("Gao")?.id,
        givenName: formula,
        familyName: "Formulaic",
        sex: "male",
        recruitmentType: "international",
        category: "consultant",
        grade: "-1",
      },
    });
    expect(created.statusCode).toBe(201);
    const exported = await get(demo.pcsaMali, "/api/personnel/export.csv?q=Formulaic&headers=codes");
    const rows = parse(exported.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ given_name: `'${formula}`, family_name: "Formulaic", grade: "'-1" });

    await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/personnel/${created.json().id}` });
    const reimported = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/personnel/import",
      headers: { "content-type": "text/csv" },
      payload: exported.body,
    });
    expect(reimported.json()).toEqual({ created: 1, errors: [] });
    const [row] = await t.database.query<{ given_name: string; grade: string }>("select given_name, grade from persons where family_name = 'Formulaic'");
    expect(row).toEqual({ given_name: formula, grade: "-1" });
  });

  it("gives people readable headers in their language, which the import reads back (issue 12 §3.8)", async () => {
    const english = await get(demo.pcsaMali, "/api/personnel/export.csv?q=Formulaic");
    expect(english.body.slice(1).split("\n")[0]).toBe("Index number,Given name,Family name,Sex,Recruitment,Category,Grade,Organisation,Duty station");
    const french = await get(demo.pcsaMali, "/api/personnel/export.csv?lang=fr&sex=female");
    expect(french.statusCode).toBe(200);
    expect(french.body.startsWith("\uFEFF")).toBe(true);
    expect(french.body.slice(1).split("\n")[0]).toBe("Numéro d'index,Prénom,Nom de famille,Sexe,Recrutement,Catégorie,Classe,Organisation,Lieu d'affectation");
    const rows = parse(french.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.Sexe === "female")).toBe(true);
    // The caller's own language when none is asked.
    await t.database.query("update users set locale = 'fr' where email = $1", [demo.repUnicefMali]);
    const own = await get(demo.repUnicefMali, "/api/personnel/export.csv");
    await t.database.query("update users set locale = 'en' where email = $1", [demo.repUnicefMali]);
    expect(own.body.slice(1).split("\n")[0]).toContain("Lieu d'affectation");
    const refused = await get(demo.pcsaMali, "/api/personnel/export.csv?headers=labels");
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("headers");
  });

  it("reads back a French export with readable headers", async () => {
    const unicef = (await get(demo.admin, "/api/organisations?q=UNICEF")).json().items[0];
    const created = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/personnel",
      payload: { organisationId: unicef.id, dutyStationId: placeByName.get("Gao")?.id, givenName: "Aïssata", familyName: "Roundtripfr", sex: "female", recruitmentType: "locally_recruited", category: "general_service", grade: "G-6" },
    });
    expect(created.statusCode).toBe(201);
    const exported = await get(demo.pcsaMali, "/api/personnel/export.csv?q=Roundtripfr&lang=fr");
    await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/personnel/${created.json().id}` });
    const reimported = await t.request(demo.pcsaMali, { method: "POST", url: "/api/personnel/import", headers: { "content-type": "text/csv" }, payload: exported.body });
    expect(reimported.json()).toEqual({ created: 1, errors: [] });
    const [row] = await t.database.query<{ given_name: string; grade: string }>("select given_name, grade from persons where family_name = 'Roundtripfr'");
    expect(row).toEqual({ given_name: "Aïssata", grade: "G-6" });
  });

  it("applies the list filters to the export", async () => {
    const response = await get(demo.pcsaMali, "/api/personnel/export.csv?sex=female&recruitmentType=international&headers=codes");
    const rows = parse(response.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.sex === "female" && row.recruitment_type === "international")).toBe(true);
  });
});

describe("CSV import", () => {
  const header = "index_number,given_name,family_name,sex,recruitment_type,category,grade,organisation,duty_station,phone";
  function importFile(tag: string) {
    return [
      header,
      `901001,Awa${tag},Goodrow${tag},female,locally_recruited,general_service,G-5,UNICEF,Bamako,+223 20 00 00 01`,
      `901002,Bad${tag},Orgrow${tag},male,international,professional,P-4,NOPE,Bamako,`,
      `901003,Bad${tag},Sexrow${tag},unknown,international,professional,P-4,WFP,Mopti,`,
      `901004,Bad${tag},,female,international,professional,P-3,WFP,Mopti,`,
      `901005,Bad${tag},Scoperow${tag},female,international,professional,P-3,WFP,Kinshasa,`,
      `901006,Moussa${tag},Goodrow${tag},male,international,field_service,FS-5,wfp,mopti,`,
      "",
    ].join("\n");
  }

  function expectImportResult(body: { created: number; errors: { row: number; field: string; message: string }[] }) {
    expect(body.created).toBe(2);
    expect(body.errors.map(({ row, field }) => ({ row, field }))).toEqual([
      { row: 3, field: "organisation" },
      { row: 4, field: "sex" },
      { row: 5, field: "family_name" },
      { row: 6, field: "duty_station" },
    ]);
    expect(body.errors[0].message).toContain("NOPE");
    expect(body.errors[1].message).toContain("must be one of");
    expect(body.errors[2].message).toBe("is required");
  }

  async function importedNames(tag: string) {
    const rows = await t.database.query<{ given_name: string; family_name: string; code: string }>(
      "select given_name, family_name, o.code from persons p join organisations o on o.id = p.organisation_id where given_name like $1 order by given_name",
      [`%${tag}`],
    );
    return rows.map((row) => `${row.given_name} ${row.family_name} ${row.code}`);
  }

  it("imports the good rows of a multipart upload and reports each bad row by line and column", async () => {
    const boundary = "----vigil-test-boundary";
    const payload = Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="people.csv"',
        "Content-Type: text/csv",
        "",
        importFile("Multi"),
        `--${boundary}--`,
        "",
      ].join("\r\n"),
    );
    const response = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/personnel/import",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode).toBe(200);
    expectImportResult(response.json());
    expect(await importedNames("Multi")).toEqual(["AwaMulti GoodrowMulti UNICEF", "MoussaMulti GoodrowMulti WFP"]);
  });

  // Bug fixed: without a text/csv content-type parser, Fastify answered 415 to this documented form.
  it("imports a text/csv body the same way", async () => {
    const response = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/personnel/import",
      headers: { "content-type": "text/csv; charset=utf-8" },
      payload: importFile("Plain"),
    });
    expect(response.statusCode).toBe(200);
    expectImportResult(response.json());
    expect(await importedNames("Plain")).toEqual(["AwaPlain GoodrowPlain UNICEF", "MoussaPlain GoodrowPlain WFP"]);
  });

  // Bug fixed: rows after a blank line or a multi-line cell were reported one row too early.
  it("numbers rows as a spreadsheet shows them, across blank lines and multi-line cells", async () => {
    const text = [
      `\uFEFF${header}`,
      '901101,AwaRows,"Multi',
      'line",female,locally_recruited,general_service,,UNICEF,Bamako,',
      "",
      "901102,BadRows,Orgrow,male,international,professional,,NOPE,Bamako,",
      "",
      "901103,BadRows,Sexrow,x,international,professional,,WFP,Bamako,",
      "",
    ].join("\r\n");
    const response = await t.request(demo.pcsaMali, { method: "POST", url: "/api/personnel/import", headers: { "content-type": "text/csv" }, payload: text });
    expect(response.statusCode).toBe(200);
    expect(response.json().created).toBe(1);
    expect(response.json().errors.map(({ row, field }: { row: number; field: string }) => ({ row, field }))).toEqual([
      { row: 4, field: "organisation" },
      { row: 6, field: "sex" },
    ]);
  });

  it("stores an imported phone number as a contact", async () => {
    const [row] = await t.database.query<{ phone: string }>(
      "select pp.phone from persons p join person_private pp on pp.person_id = p.id where p.given_name = 'AwaPlain'",
    );
    expect(row.phone).toBe("+223 20 00 00 01");
  });

  it("refuses a file without the required columns, creating nothing", async () => {
    const response = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/personnel/import",
      headers: { "content-type": "text/csv" },
      payload: "given_name,family_name\nAwaNoCols,Diallo\n",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ field: "file", message: expect.stringContaining("sex") });
    expect(await importedNames("NoCols")).toEqual([]);
  });

  it("refuses an upload without a file", async () => {
    const response = await t.request(demo.pcsaMali, { method: "POST", url: "/api/personnel/import", payload: { file: "x" } });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].field).toBe("file");
  });

  it("is refused to a caller who may not add personnel", async () => {
    const response = await t.request(demo.doMali, {
      method: "POST",
      url: "/api/personnel/import",
      headers: { "content-type": "text/csv" },
      payload: importFile("Denied"),
    });
    expect(response.statusCode).toBe(403);
    expect(await importedNames("Denied")).toEqual([]);
  });
});
