import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../platform/audit/audit.service.ts";
import { generatedImportRows, importHeaders, loadGeneratorWorld } from "../../seed/incident-generator.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Importing incidents from CSV and XLSX: every row checked as the API checks a new incident,
 * errors reported by the file's row numbers, valid rows committed in batches and audited, and a
 * second import of the same file adding nothing.
 */
let t: TestApp;
const boundary = "----vigil-import-test";

type Part = { name: string; value: string } | { name: string; fileName: string; content: Buffer | string; contentType: string };

function multipart(parts: Part[]) {
  const chunks = parts.flatMap((part) =>
    "value" in part
      ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`)]
      : [
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.contentType}\r\n\r\n`),
          Buffer.from(part.content),
          Buffer.from("\r\n"),
        ],
  );
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const csvPart = (content: string, fileName = "incidents.csv"): Part => ({ name: "file", fileName, content, contentType: "text/csv" });

async function upload(email: string, url: string, parts: Part[]) {
  const { payload, headers } = multipart(parts);
  return t.request(email, { method: "POST", url, payload, headers });
}

/** The ten faults the bad rows carry, one after the other: each must be reported on its row. */
const faults: { name: string; set: Record<string, string>; field: string; message: RegExp }[] = [
  { name: "unknown category", set: { category_code: "alien_landing" }, field: "category_code", message: /is not a category/i },
  { name: "burglary of a vehicle", set: { category_code: "Burglary of a vehicle" }, field: "category_code", message: /burglary is one category.*premises/i },
  {
    name: "burglary with a vehicle and no premises",
    set: { category_code: "burglary", premises: "", assets: "vehicle: UN-77", people_affected: "" },
    field: "premises",
    message: /premises only/i,
  },
  { name: "military contingent", set: { military: "yes" }, field: "military", message: /military contingents or formed police units are not recorded/i },
  { name: "bad date", set: { occurred_at: "31/02/2024 10:00" }, field: "occurred_at", message: /is not a date and time/i },
  { name: "unknown duty station", set: { duty_station: "Atlantis" }, field: "duty_station", message: /unknown duty station "Atlantis"/i },
  { name: "a station outside the importer's scope", set: { duty_station: "Kinshasa" }, field: "duty_station", message: /unknown duty station "Kinshasa"/i },
  { name: "unknown organisation", set: { organisations: "ACME" }, field: "organisations", message: /unknown organisation "ACME"/i },
  { name: "a kind of sexual assault as a category", set: { category_code: "sexual harassment" }, field: "category_code", message: /one category/i },
  { name: "a bad time zone", set: { time_zone: "Mars/Olympus" }, field: "time_zone", message: /IANA time zone/i },
];

let file: string;
const badRows = new Map<number, (typeof faults)[number]>();

beforeAll(async () => {
  t = await startTestApp();
  const world = await loadGeneratorWorld(t.database);
  const [mali] = await t.database.query<{ path: string }>("select path from places where name = 'Mali'");
  // The P/C/SA of Mali imports: incidents at Mali's duty stations.
  const maliWorld = { ...world, stations: world.stations.filter((station) => station.path.startsWith(mali.path)) };
  const rows = generatedImportRows(maliWorld, { count: 10_000, seed: 42, to: new Date("2026-06-30T00:00:00Z") });
  const headers = [...importHeaders, "military"];
  const records = rows.map((cells) => ({ ...Object.fromEntries(importHeaders.map((header, index) => [header, cells[index]])), military: "" }));
  // 50 bad rows, spread over the file: row numbers as a spreadsheet shows them (header = 1).
  for (let fault = 0; fault < 50; fault += 1) {
    const index = 17 + fault * 197;
    Object.assign(records[index], faults[fault % faults.length].set);
    badRows.set(index + 2, faults[fault % faults.length]);
  }
  file = stringify([headers, ...records.map((record) => headers.map((header) => (record as Record<string, string>)[header]))]);
}, 120_000);
afterAll(() => t.close());

describe("importing a 10,000-row CSV with 50 bad rows", () => {
  it("commits the 9,950 good rows and reports the 50 bad ones by their row number in the file", async () => {
    const response = await upload(demo.pcsaMali, "/api/incidents/imports", [csvPart(file)]);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    const result = response.json() as { inserted: number; duplicates: number; rejected: number; errors: { row: number; field: string; message: string }[] };
    expect({ inserted: result.inserted, duplicates: result.duplicates, rejected: result.rejected }).toEqual({ inserted: 9950, duplicates: 0, rejected: 50 });
    expect([...new Set(result.errors.map((error) => error.row))].sort((a, b) => a - b)).toEqual([...badRows.keys()].sort((a, b) => a - b));
    for (const error of result.errors) {
      const fault = badRows.get(error.row);
      expect({ row: error.row, fault: fault?.name, field: error.field }).toEqual({ row: error.row, fault: fault?.name, field: expect.any(String) });
    }
    for (const [row, fault] of badRows) {
      const reported = result.errors.filter((error) => error.row === row);
      expect(reported.some((error) => error.field === fault.field && fault.message.test(error.message)), `${fault.name} on row ${row}: ${JSON.stringify(reported)}`).toBe(true);
    }
    const [stored] = await t.database.query<{ count: number }>("select count(*)::int as count from incidents where import_key like 'sha256:%'");
    expect(stored.count).toBe(9950);
  }, 300_000);

  it("audits every incident it created, keeping the audit chain valid", async () => {
    const [audited] = await t.database.query<{ count: number }>(
      "select count(*)::int as count from audit_log where entity_type = 'incident' and action = 'create' and changes ? 'importedFrom'",
    );
    expect(audited.count).toBe(9950);
    const [entry] = await t.database.query<{ actor_name: string; changes: { importedFrom: { to: string } } }>(
      "select actor_name, changes from audit_log where changes ? 'importedFrom' order by seq limit 1",
    );
    expect(entry.actor_name).toBe("P/C/SA Mali");
    expect(entry.changes.importedFrom.to).toBe("incidents.csv, row 2");
    expect(await verifyAuditChain(t.database)).toMatchObject({ isValid: true });
  });

  it("keeps the monthly rollups exact: they count the imported incidents past draft", async () => {
    const [rollup] = await t.database.query<{ incidents: number }>("select coalesce(sum(incidents), 0)::int as incidents from incident_monthly_rollup");
    const [direct] = await t.database.query<{ incidents: number }>("select count(*)::int as incidents from incidents where status <> 'draft'");
    expect(rollup.incidents).toBe(direct.incidents);
  });

  it("adds nothing when the same file is imported again: 9,950 duplicates, the same 50 errors", async () => {
    const response = await upload(demo.pcsaMali, "/api/incidents/imports", [csvPart(file)]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ inserted: 0, duplicates: 9950, rejected: 50 });
  }, 300_000);
});

describe("what an imported row stores", () => {
  it("stores every field as the API reads it back, and audits the same values", async () => {
    const row = [
      "2024-03-31 02:30",
      "Europe/Paris",
      "Ségou",
      "burglary",
      'Field check: premises entered at night, "sat phone" taken; no one was present.',
      "un_security",
      "true",
      "true",
      "UNHCR; WFP",
      "unharmed/locally_recruited/male/3; unharmed/international/female/1",
      "residence: Guest house",
      "equipment: Satellite phone",
      "verified",
    ];
    const response = await upload(demo.pcsaMali, "/api/incidents/imports", [csvPart(stringify([importHeaders, row]), "one-row.csv")]);
    expect(response.json()).toEqual({ inserted: 1, duplicates: 0, rejected: 0, errors: [], timeZones: [{ timeZone: "Europe/Paris", source: "file", rows: 1 }] });
    const [stored] = await t.database.query<{ id: string }>("select id from incidents where description like 'Field check:%'");
    const organisations = await t.database.query<{ id: string; code: string }>("select id, code from organisations where code in ('UNHCR', 'WFP')");
    const organisationId = (code: string) => organisations.find((organisation) => organisation.code === code)?.id;
    const [segou] = await t.database.query<{ id: string; latitude: number; longitude: number }>("select id, latitude, longitude from places where name = 'Ségou'");

    const detail = (await t.request(demo.pcsaMali, { method: "GET", url: `/api/incidents/${stored.id}` })).json();
    const expected = {
      // 02:30 on the night clocks went forward in Paris does not exist: read as 03:30 summer time.
      occurredAt: "2024-03-31T01:30:00.000Z",
      timeZone: "Europe/Paris",
      categoryCode: "burglary",
      description: row[4],
      source: "un_security",
      affectsUn: true,
      isNearMiss: true,
      status: "verified",
      dutyStationId: segou.id,
      placeId: segou.id,
      latitude: segou.latitude,
      longitude: segou.longitude,
      premisesAffected: [{ kind: "residence", description: "Guest house" }],
      assetsAffected: [{ kind: "equipment", description: "Satellite phone" }],
      verifiedByName: "P/C/SA Mali",
    };
    expect({ ...detail, occurredAt: new Date(detail.occurredAt).toISOString() }).toMatchObject(expected);
    expect([...detail.organisationsAffected].sort()).toEqual([organisationId("UNHCR"), organisationId("WFP")].sort());
    expect(detail.peopleAffected).toEqual(
      expect.arrayContaining([
        { outcome: "unharmed", recruitmentType: "locally_recruited", sex: "male", count: 3, organisationId: null, personId: null },
        { outcome: "unharmed", recruitmentType: "international", sex: "female", count: 1, organisationId: null, personId: null },
      ]),
    );

    const [entry] = await t.database.query<{ changes: Record<string, { from: unknown; to: unknown }> }>(
      "select changes from audit_log where entity_type = 'incident' and entity_id = $1 and action = 'create'",
      [stored.id],
    );
    const stated = Object.fromEntries(Object.entries(entry.changes).map(([field, change]) => [field, change.to]));
    expect(stated).toMatchObject({ ...expected, occurredAt: expected.occurredAt, organisationsAffected: detail.organisationsAffected, importedFrom: "one-row.csv, row 2" });
    expect(stated.peopleAffected).toHaveLength(2);
    expect(await verifyAuditChain(t.database)).toMatchObject({ isValid: true });
  });
});

describe("the preview and the mapping step", () => {
  const french = ["Réf;Date;Heure;Lieu d'affectation;Catégorie;Description;Blessés", "A-1;17/05/2026;14h30;Mopti;Accident de la circulation;Sortie de route;1"].join("\n");

  it("shows the columns, the first rows and a suggested mapping (French headers, semicolons)", async () => {
    const response = await upload(demo.pcsaMali, "/api/incidents/imports/preview", [csvPart(french)]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      format: "csv",
      columns: ["Réf", "Date", "Heure", "Lieu d'affectation", "Catégorie", "Description", "Blessés"],
      rowCount: 1,
      sampleRows: [{ row: 2, cells: ["A-1", "17/05/2026", "14h30", "Mopti", "Accident de la circulation", "Sortie de route", "1"] }],
      suggestedMapping: { externalId: "Réf", occurredDate: "Date", occurredTime: "Heure", dutyStation: "Lieu d'affectation", category: "Catégorie", description: "Description", "count.injured": "Blessés" },
    });
  });

  it("imports with the mapping and defaults chosen by the importer", async () => {
    const mapping = { externalId: "Réf", occurredDate: "Date", occurredTime: "Heure", dutyStation: "Lieu d'affectation", category: "Catégorie", description: "Description", "count.injured": "Blessés" };
    const defaults = { timeZone: "Africa/Bamako", status: "verified", recruitmentType: "international" };
    const parts = [csvPart(french), { name: "mapping", value: JSON.stringify(mapping) }, { name: "defaults", value: JSON.stringify(defaults) }];
    const response = await upload(demo.pcsaMali, "/api/incidents/imports", parts);
    // Mopti has a zone (Mali's), so the default zone is not needed.
    expect(response.json()).toEqual({ inserted: 1, duplicates: 0, rejected: 0, errors: [], timeZones: [{ timeZone: "Africa/Bamako", source: "place", rows: 1 }] });
    const [row] = await t.database.query<{ id: string; status: string; occurred_at: Date; verified_by_name: string }>(
      "select id, status, occurred_at, verified_by_name from incidents where import_key = 'id:A-1'",
    );
    expect(row).toMatchObject({ status: "verified", verified_by_name: "P/C/SA Mali" });
    expect(new Date(row.occurred_at).toISOString()).toBe("2026-05-17T14:30:00.000Z");
    const detail = (await t.request(demo.pcsaMali, { method: "GET", url: `/api/incidents/${row.id}` })).json();
    expect(detail.peopleAffected).toEqual([{ outcome: "injured", recruitmentType: "international", sex: "unknown", count: 1, organisationId: null, personId: null }]);
    const again = await upload(demo.pcsaMali, "/api/incidents/imports", parts);
    expect(again.json()).toMatchObject({ inserted: 0, duplicates: 1 });
  });

  it("reads each row's local time in its place's zone without any default, and keeps an offset the file states", async () => {
    // A Mali station with a zone of its own (UTC+1 in winter, UTC+2 in summer) beside Mopti, which follows Mali's (UTC+0).
    const created = await t.request(demo.admin, {
      method: "POST",
      url: "/api/places",
      payload: { kind: "duty_station", parentId: (await t.database.query<{ id: string }>("select id from places where name = 'Mali'"))[0].id, name: "Liaison Geneva", latitude: 46.2, longitude: 6.14, timeZone: "Europe/Zurich" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const lines = [
      "Réf;Date;Lieu d'affectation;Catégorie;Description",
      "Z-1;17/05/2026 14:30;Mopti;Accident de la circulation;Sortie de route à Mopti",
      "Z-2;17/01/2026 14:30;Liaison Geneva;Accident de la circulation;Accrochage en hiver",
      "Z-3;17/05/2026 14:30;Liaison Geneva;Accident de la circulation;Accrochage en été",
      "Z-4;2026-05-17T14:30:00+03:00;Mopti;Accident de la circulation;Heure avec décalage",
    ];
    const response = await upload(demo.pcsaMali, "/api/incidents/imports", [csvPart(lines.join("\n"), "zones.csv")]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ inserted: 4, rejected: 0, timeZones: [{ timeZone: "Africa/Bamako", source: "place", rows: 2 }, { timeZone: "Europe/Zurich", source: "place", rows: 2 }] });
    const rows = await t.database.query<{ import_key: string; occurred_at: Date; time_zone: string }>(
      "select import_key, occurred_at, time_zone from incidents where import_key like 'id:Z-%' order by import_key",
    );
    expect(rows.map((row) => [row.import_key, new Date(row.occurred_at).toISOString(), row.time_zone])).toEqual([
      ["id:Z-1", "2026-05-17T14:30:00.000Z", "Africa/Bamako"],
      ["id:Z-2", "2026-01-17T13:30:00.000Z", "Europe/Zurich"],
      ["id:Z-3", "2026-05-17T12:30:00.000Z", "Europe/Zurich"],
      ["id:Z-4", "2026-05-17T11:30:00.000Z", "Africa/Bamako"],
    ]);
  });

  it("refuses a mapping that names a column the file lacks, naming the field", async () => {
    const parts = [csvPart(french), { name: "mapping", value: JSON.stringify({ category: "Type", description: "Description", occurredDate: "Date", dutyStation: "Lieu d'affectation" }) }];
    const response = await upload(demo.pcsaMali, "/api/incidents/imports", parts);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([{ field: "mapping.category", message: 'Names the column "Type", which the file does not have' }]);
    const badJson = await upload(demo.pcsaMali, "/api/incidents/imports", [csvPart(french), { name: "defaults", value: '{"timeZone": "Mars/Olympus"}' }]);
    expect(badJson.json().issues).toEqual([{ field: "defaults.timeZone", message: "must be an IANA time zone name, as Africa/Bamako" }]);
  });

  it("refuses a request without a file, and an empty file, naming the file", async () => {
    const noFile = await upload(demo.pcsaMali, "/api/incidents/imports", [{ name: "mapping", value: "{}" }]);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().issues[0].field).toBe("file");
    const empty = await upload(demo.pcsaMali, "/api/incidents/imports/preview", [csvPart("")]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues[0].field).toBe("file");
  });
});

describe("importing XLSX", () => {
  it("reads the first sheet, with date cells as local times, and reports errors by sheet row", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Incidents");
    sheet.addRow(["Date and time", "Time zone", "Duty station", "Category", "Description", "Injured", "Assets"]);
    sheet.addRow([new Date(Date.UTC(2025, 2, 4, 18, 20)), "Africa/Bamako", "Ségou", "road_traffic_accident", "XLSX import: vehicle overturned", 2, "vehicle: UN-4411"]);
    sheet.addRow([]);
    sheet.addRow(["2025-03-05 09:00", "Africa/Bamako", "Kidal", "Vol qualifié", "XLSX import: phone taken at gunpoint", 0, ""]);
    sheet.addRow(["2025-03-06 09:00", "Africa/Bamako", "Ségou", "burglary", "XLSX import: burglary of a parked car", 0, "vehicle: UN-9"]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const part: Part = { name: "file", fileName: "incidents.xlsx", content, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
    const preview = await upload(demo.pcsaMali, "/api/incidents/imports/preview", [part]);
    expect(preview.json()).toMatchObject({ format: "xlsx", rowCount: 3 });
    expect(preview.json().sampleRows.map((sample: { row: number; cells: string[] }) => [sample.row, ...sample.cells.slice(0, 3)])).toEqual([
      [2, "2025-03-04 18:20:00", "Africa/Bamako", "Ségou"],
      [4, "2025-03-05 09:00", "Africa/Bamako", "Kidal"],
      [5, "2025-03-06 09:00", "Africa/Bamako", "Ségou"],
    ]);
    const response = await upload(demo.pcsaMali, "/api/incidents/imports", [part]);
    const result = response.json();
    expect(result).toMatchObject({ inserted: 2, duplicates: 0, rejected: 1 });
    expect(result.errors.map((error: { row: number; field: string }) => [error.row, error.field])).toEqual([
      [5, "premises"],
      [5, "Assets"],
    ]);
    const rows = await t.database.query<{ description: string; occurred_at: Date }>("select description, occurred_at from incidents where description like 'XLSX import:%' order by occurred_at");
    expect(rows.map((row) => [row.description, new Date(row.occurred_at).toISOString()])).toEqual([
      ["XLSX import: vehicle overturned", "2025-03-04T18:20:00.000Z"],
      ["XLSX import: phone taken at gunpoint", "2025-03-05T09:00:00.000Z"],
    ]);
  });

  it("refuses a file that is neither CSV nor a workbook without a server error", async () => {
    const part: Part = { name: "file", fileName: "broken.xlsx", content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), contentType: "application/octet-stream" };
    const response = await upload(demo.pcsaMali, "/api/incidents/imports", [part]);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].field).toBe("file");
  });
});
