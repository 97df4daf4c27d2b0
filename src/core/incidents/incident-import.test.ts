import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { incidentProblems } from "./incident-rules.ts";
import { arbitraryIncident, validIncidentArbitrary } from "./incident.fixtures.ts";
import { isHashtagRow, suggestMapping, uniqueHeaders } from "./incident-import-fields.ts";
import { type ImportStation, importLookups, importRowProblems, readImportRow, resolveColumns } from "./incident-import-row.ts";
import { readOccurredAt } from "./incident-import-time.ts";
import { readCategory, readPeopleLines } from "./incident-import-values.ts";

const bamako: ImportStation = {
  id: "5f0c6a8e-1111-4a4a-8a8a-000000000001",
  name: "Bamako",
  path: "/ml/bko/st1/",
  latitude: 12.6392,
  longitude: -8.0029,
  areaId: "5f0c6a8e-1111-4a4a-8a8a-0000000000aa",
  areaPath: "/ml/bko/",
};
const segou: ImportStation = { ...bamako, id: "5f0c6a8e-1111-4a4a-8a8a-000000000002", name: "Ségou", path: "/ml/bko/st2/", latitude: 13.43, longitude: -6.21 };
const unicef = { id: "7a0c6a8e-1111-4a4a-8a8a-000000000001", code: "UNICEF", name: "United Nations Children's Fund" };
const lookups = importLookups([bamako, segou], [unicef], (path) => path.startsWith("/ml/"));

const headers = ["Ref", "Date", "Heure", "Fuseau horaire", "Lieu d'affectation", "Catégorie", "Description", "Organisations", "Tués", "Blessés", "Locaux", "Biens", "Statut"];

function row(overrides: Partial<Record<(typeof headers)[number], string>> = {}) {
  const values: Record<string, string> = {
    Ref: "R-1",
    Date: "17/05/2026",
    Heure: "14h30",
    "Fuseau horaire": "Africa/Bamako",
    "Lieu d'affectation": "segou",
    Catégorie: "Accident de la circulation",
    Description: "Un véhicule a quitté la route.",
    Organisations: "unicef",
    Tués: "",
    Blessés: "2",
    Locaux: "",
    Biens: "véhicule: Land Cruiser",
    Statut: "",
    ...overrides,
  };
  return headers.map((header) => values[header]);
}

const { columns } = resolveColumns(headers, suggestMapping(headers));
const read = (cells: string[], defaults = {}) => readImportRow(cells, columns, { reporterName: "Importer", ...defaults }, lookups);

describe("the mapping suggested for a file", () => {
  it("matches French headers, and separate date and time columns", () => {
    expect(suggestMapping(headers)).toMatchObject({
      externalId: "Ref",
      occurredDate: "Date",
      occurredTime: "Heure",
      timeZone: "Fuseau horaire",
      dutyStation: "Lieu d'affectation",
      category: "Catégorie",
      "count.killed": "Tués",
      "count.injured": "Blessés",
      premises: "Locaux",
      assets: "Biens",
      status: "Statut",
    });
  });

  it("matches HXL hashtags when the headers say nothing, and prefers the category code to its label", () => {
    const names = ["A", "B", "category", "category_code", "D", "E"];
    const tags = ["#date+occurred", "#loc+name", "#event+type+name", "#event+type+code", "#affected+killed", "#description"];
    expect(isHashtagRow(tags)).toBe(true);
    expect(isHashtagRow(["#date", "Bamako"])).toBe(false);
    expect(suggestMapping(names, tags)).toEqual({
      occurredAt: "A",
      dutyStation: "B",
      category: "category_code",
      description: "E",
      "count.killed": "D",
    });
  });

  it("names empty and repeated headers so that each column can be mapped", () => {
    expect(uniqueHeaders(["a", "", "a", " "])).toEqual(["a", "Column 2", "a (2)", "Column 4"]);
  });

  it("refuses a mapping naming a missing column, and one without the required fields", () => {
    const { problems } = resolveColumns(["x"], { description: "x", category: "nope" });
    expect(problems.map((problem) => problem.field)).toEqual(["mapping.category", "mapping.occurredAt", "mapping.dutyStation"]);
  });
});

describe("reading values", () => {
  it("reads local times in the row's zone, with the zone's offset at that moment", () => {
    expect(readOccurredAt("17/05/2026", "14h30", "Africa/Nairobi")).toEqual({ value: "2026-05-17T14:30:00+03:00" });
    expect(readOccurredAt("2026-07-01 08:00", null, "America/Port-au-Prince")).toEqual({ value: "2026-07-01T08:00:00-04:00" });
    expect(readOccurredAt("2026-01-15 08:00", null, "America/Port-au-Prince")).toEqual({ value: "2026-01-15T08:00:00-05:00" });
    expect(readOccurredAt("2026-01-15T08:00:00Z", null, null)).toEqual({ value: "2026-01-15T08:00:00Z" });
    expect(readOccurredAt("2026-01-15 08:00+0100", null, null)).toEqual({ value: "2026-01-15T08:00:00+01:00" });
    expect(readOccurredAt("31/02/2026 10:00", null, "UTC")).toHaveProperty("message");
    expect(readOccurredAt("yesterday", null, "UTC")).toHaveProperty("message");
    expect(readOccurredAt("2026-01-15 08:00", null, null)).toEqual({ message: expect.stringMatching(/time zone/) });
  });

  it("reads categories by code or English or French label, and passes anything else on for the rules to explain", () => {
    expect(readCategory("road_traffic_accident")).toBe("road_traffic_accident");
    expect(readCategory("Cambriolage")).toBe("burglary");
    expect(readCategory(" vehicle break-in ")).toBe("vehicle_break_in");
    expect(readCategory("Burglary of a vehicle")).toBe("burglary_of_a_vehicle");
  });

  it("reads people lines as the export writes them, or outcome:count", () => {
    expect(readPeopleLines("injured/international/female/2; killed:1", "locally_recruited")).toEqual({
      value: [
        { outcome: "injured", recruitmentType: "international", sex: "female", count: 2 },
        { outcome: "killed", recruitmentType: "locally_recruited", sex: "unknown", count: 1 },
      ],
    });
    expect(readPeopleLines("eaten/1", "international")).toHaveProperty("message");
  });
});

describe("one row through the API's checks", () => {
  it("turns a valid French row into an incident body at its duty station", () => {
    const result = read(row());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.input).toMatchObject({
      occurredAt: "2026-05-17T14:30:00Z",
      timeZone: "Africa/Bamako",
      place: { dutyStationId: segou.id },
      categoryCode: "road_traffic_accident",
      organisationsAffected: [unicef.id],
      peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "unknown", count: 2 }],
      assetsAffected: [{ kind: "vehicle", description: "Land Cruiser" }],
      reporter: { name: "Importer" },
    });
    expect(result).toMatchObject({ status: "submitted", externalId: "R-1", place: { placeId: segou.id, placePath: segou.path } });
  });

  it("reports each fault on the file's column, with the taxonomy's explanation", () => {
    const issues = (cells: string[], defaults = {}) => {
      const result = read(cells, defaults);
      return result.ok ? [] : result.issues;
    };
    expect(issues(row({ Catégorie: "Burglary of a vehicle" }))).toEqual([
      { field: "Catégorie", message: expect.stringMatching(/burglary is one category.*vehicle break-in/i) },
    ]);
    expect(issues(row({ Catégorie: "burglary", Blessés: "" }))).toEqual([
      { field: "Locaux", message: expect.stringMatching(/premises only/) },
      { field: "Biens", message: expect.stringMatching(/^Item 1: .*never for a vehicle/) },
    ]);
    expect(issues(row({ "Lieu d'affectation": "Atlantis" }))).toEqual([{ field: "Lieu d'affectation", message: 'Unknown duty station "Atlantis"' }]);
    expect(issues(row({ Date: "32/01/2026" }))).toEqual([{ field: "Date", message: expect.stringMatching(/is not a date and time/i) }]);
    expect(issues(row({ Organisations: "UNICEF; ACME" }))).toEqual([{ field: "Organisations", message: 'Unknown organisation "ACME"' }]);
    expect(issues(row({ Blessés: "two" }))).toEqual([{ field: "Blessés", message: "Must be a whole number of people" }]);
    expect(issues(row({ Tués: "1" }))).toEqual([]);
    expect(issues(row({ Catégorie: "sexual harassment" }))[0].message).toMatch(/one category/);
    // Without a zone of its own, a row is read in its place's zone, else the default, else UTC.
    expect(issues(row({ "Fuseau horaire": "" }))).toEqual([]);
    expect(issues(row({ "Fuseau horaire": "" }), { timeZone: "Africa/Bamako" })).toEqual([]);
  });

  it("refuses the status verified where the importer may not verify", () => {
    const elsewhere = importLookups([bamako], [unicef], () => false);
    const result = readImportRow(row({ Statut: "vérifié", "Lieu d'affectation": "Bamako" }), columns, { reporterName: "x" }, elsewhere);
    expect(result).toEqual({ ok: false, issues: [{ field: "Statut", message: expect.stringMatching(/may not mark incidents verified/) }] });
  });

  it("places coordinates in the area of the nearest duty station", () => {
    const byPoint = ["When", "Lat", "Lon", "Category", "Description"];
    const mapped = resolveColumns(byPoint, { occurredAt: "When", latitude: "Lat", longitude: "Lon", category: "Category", description: "Description" });
    const result = readImportRow(["2026-01-02T10:00:00Z", "13,4", "-6.3", "theft", "Phone stolen"], mapped.columns, { timeZone: "UTC", reporterName: "x" }, lookups);
    expect(result).toMatchObject({ ok: true, place: { placeId: segou.areaId, dutyStationId: null, latitude: 13.4, longitude: -6.3 } });
  });

  it("gives the same content, hence the same import key, to the same row however it is spaced", () => {
    const first = read(row({ Description: "Un  véhicule a quitté la route." }));
    const second = read(row({ Description: " Un véhicule a quitté  la route. " }));
    expect(first.ok && second.ok && first.content === second.content).toBe(true);
  });
});

describe("the import's faster run of the rules", () => {
  it("finds exactly what incidentProblems finds, for valid incidents and for any incident with a usable time", () => {
    const sameAsRules = (input: Parameters<typeof incidentProblems>[0]) => {
      const sort = (problems: { field: string; message: string }[]) => [...problems].sort((a, b) => (a.field + a.message < b.field + b.message ? -1 : 1));
      expect(sort(importRowProblems(input as never))).toEqual(sort(incidentProblems(input)));
    };
    fc.assert(fc.property(validIncidentArbitrary, sameAsRules), { numRuns: 300 });
    const usable = arbitraryIncident.filter((input) => !Number.isNaN(Date.parse(input.occurredAt)) && /^(Africa\/Nairobi|Europe\/Paris)$/.test(input.timeZone));
    fc.assert(fc.property(usable, sameAsRules), { numRuns: 300 });
  });
});
