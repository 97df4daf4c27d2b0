import { describe, expect, it } from "vitest";
import { rawIncident } from "./incident.fixtures.ts";
import { incidentInput, incidentPatch, isKnownTimeZone } from "./incident.schemas.ts";

/** The issues a body gets, as the API reports them: dotted field path and message. */
function issuesOf(body: Record<string, unknown>) {
  const result = incidentInput.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
}

const person = { outcome: "injured", recruitmentType: "international", sex: "female", count: 1 };

describe("incidentInput", () => {
  it("accepts a complete incident and fills the switches and lists with their defaults", () => {
    const { organisationsAffected: _o, peopleAffected: _p, assetsAffected: _a, ...minimal } = rawIncident();
    const parsed = incidentInput.parse(minimal);
    expect(parsed).toMatchObject({
      affectsUn: true,
      isNearMiss: false,
      involvesMilitaryOrFormedPolice: false,
      organisationsAffected: [],
      peopleAffected: [],
      premisesAffected: [],
      assetsAffected: [],
    });
  });

  it("accepts free coordinates instead of a duty station, and people of unknown sex", () => {
    const body = rawIncident({
      place: { coordinates: { latitude: -0.7167, longitude: 36.4333 } },
      peopleAffected: [{ ...person, sex: "unknown", count: 12 }],
    });
    expect(issuesOf(body)).toEqual([]);
  });

  it.each([
    { name: "a time without offset", body: { occurredAt: "2026-05-17T14:30:00" }, field: "occurredAt", message: /with its UTC offset/ },
    { name: "a date only", body: { occurredAt: "2026-05-17" }, field: "occurredAt", message: /with its UTC offset/ },
    { name: "year 0, which PostgreSQL cannot store", body: { occurredAt: "0000-01-01T00:00:00Z" }, field: "occurredAt", message: /^must be in 1900 or later$/ },
    { name: "year 1, read back as 2001", body: { occurredAt: "0001-01-01T00:00:00Z" }, field: "occurredAt", message: /^must be in 1900 or later$/ },
    { name: "a bare offset as zone", body: { timeZone: "+03:00" }, field: "timeZone", message: /IANA time zone name/ },
    { name: "an unknown zone", body: { timeZone: "Mars/Olympus" }, field: "timeZone", message: /IANA time zone name/ },
    { name: "no place", body: { place: {} }, field: "place", message: /^needs a duty station or coordinates$/ },
    {
      name: "both a duty station and coordinates",
      body: { place: { dutyStationId: "9e8d7c6b-5a49-4383-a271-605f4e3d2c1b", coordinates: { latitude: 1, longitude: 2 } } },
      field: "place",
      message: /^takes a duty station or coordinates, not both$/,
    },
    {
      name: "a latitude off the globe",
      body: { place: { coordinates: { latitude: 91, longitude: 0 } } },
      field: "place.coordinates.latitude",
      message: /between -90 and 90/,
    },
    { name: "no category", body: { categoryCode: "  " }, field: "categoryCode", message: /^is required$/ },
    { name: "no description", body: { description: "" }, field: "description", message: /^is required$/ },
    { name: "an unknown source", body: { source: "rumour" }, field: "source", message: /^must be one of un_security/ },
    { name: "a reporter without a name", body: { reporter: { name: "" } }, field: "reporter.name", message: /^is required$/ },
    {
      name: "a yes/no answer that is not a boolean",
      body: { involvesMilitaryOrFormedPolice: "yes" },
      field: "involvesMilitaryOrFormedPolice",
      message: /^must be true or false$/,
    },
    { name: "a soft switch that is not a boolean", body: { affectsUn: "maybe" }, field: "affectsUn", message: /^must be true or false$/ },
    { name: "an organisation that is not an id", body: { organisationsAffected: ["UNDP"] }, field: "organisationsAffected.0", message: /valid id/ },
    { name: "a count of zero", body: { peopleAffected: [{ ...person, count: 0 }] }, field: "peopleAffected.0.count", message: /^must be at least 1$/ },
    {
      name: "a fractional count",
      body: { peopleAffected: [{ ...person, count: 1.5 }] },
      field: "peopleAffected.0.count",
      message: /^must be a whole number$/,
    },
    {
      name: "an unknown outcome",
      body: { peopleAffected: [{ ...person, outcome: "dead" }] },
      field: "peopleAffected.0.outcome",
      message: /^must be one of killed, injured/,
    },
    {
      name: "an unknown recruitment type",
      body: { peopleAffected: [{ ...person, recruitmentType: "contractor" }] },
      field: "peopleAffected.0.recruitmentType",
      message: /^must be one of international, locally_recruited, national_not_locally_recruited$/,
    },
    {
      name: "a vehicle as premises",
      body: { premisesAffected: [{ kind: "vehicle", description: "Car" }] },
      field: "premisesAffected.0.kind",
      message: /^must be one of office, residence, warehouse, compound, other$/,
    },
    {
      name: "a building as an asset",
      body: { assetsAffected: [{ kind: "building", description: "Office" }] },
      field: "assetsAffected.0.kind",
      message: /^must be one of vehicle, equipment, cash, other$/,
    },
  ])("refuses $name, naming the field $field", ({ body, field, message }) => {
    const issues = issuesOf(rawIncident(body));
    expect(issues.map((issue) => issue.field)).toEqual([field]);
    expect(issues[0].message).toMatch(message);
  });

  it("leaves the taxonomy to the rules: an unknown category code passes the schema", () => {
    expect(issuesOf(rawIncident({ categoryCode: "sexual_rape" }))).toEqual([]);
  });
});

describe("incidentPatch", () => {
  it("has no defaults, so a partial revision never resets a switch or a list", () => {
    expect(incidentPatch.parse({})).toEqual({});
    expect(incidentPatch.parse({ description: "Corrected narrative" })).toEqual({ description: "Corrected narrative" });
  });

  it("still checks the fields it is given", () => {
    expect(incidentPatch.safeParse({ place: {} }).success).toBe(false);
    expect(incidentPatch.safeParse({ occurredAt: "yesterday" }).success).toBe(false);
  });
});

describe("isKnownTimeZone", () => {
  it("knows IANA names and UTC, and nothing else", () => {
    for (const name of ["Africa/Nairobi", "America/Port-au-Prince", "Asia/Kathmandu", "UTC", "Etc/GMT+3"]) expect(isKnownTimeZone(name), name).toBe(true);
    for (const name of ["", "+03:00", "GMT+3:00", "Mars/Olympus", "Africa/ Nairobi"]) expect(isKnownTimeZone(name), name).toBe(false);
  });
});
