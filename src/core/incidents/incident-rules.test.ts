import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IncidentProblem, incidentProblems, violenceOrSafety } from "./incident-rules.ts";
import { findCategory } from "./incident-taxonomy.data.ts";
import {
  anyCategoryCode,
  arbitraryIncident,
  incident,
  organisationA,
  organisationB,
  person,
  validIncidentArbitrary,
  validIncidentOf,
} from "./incident.fixtures.ts";
import type { IncidentInput } from "./incident.schemas.ts";

const office = { kind: "office" as const, description: "Main office" };
const residence = { kind: "residence" as const, description: "Staff house 4" };
const vehicle = { kind: "vehicle" as const, description: "Land Cruiser UN-1234" };
const laptop = { kind: "equipment" as const, description: "Laptop" };

const fieldsOf = (problems: IncidentProblem[]) => problems.map((problem) => problem.field);

type RuleCase = { name: string; input: Partial<IncidentInput>; field: string; message: RegExp };

const refused: RuleCase[] = [
  {
    name: "refuses incidents involving military contingents or formed police units, explaining why",
    input: { involvesMilitaryOrFormedPolice: true },
    field: "involvesMilitaryOrFormedPolice",
    message: /military contingents or formed police units are not recorded in SSIRS, in line with .*Security Policy Manual \(IASMN 2015 §60\): record them in the mission's own system$/,
  },
  ...["sexual_rape", "sexual_harassment", "Sexual-Violence", "rape", "attempted_rape", "attempted_sexual_assault"].map((code) => ({
    name: `refuses the sub-category "${code}": all sexual assault is one category`,
    input: { categoryCode: code },
    field: "categoryCode",
    message: /is not a category: all kinds of sexual assault are recorded under the one category Sexual assault, which has no sub-categories/,
  })),
  {
    name: "refuses a made-up burglary category, pointing to vehicle break-in",
    input: { categoryCode: "vehicle_burglary" },
    field: "categoryCode",
    message: /burglary is one category, Burglary, reserved for premises; a vehicle break-in is Vehicle break-in/,
  },
  {
    name: "refuses an unknown category code, naming the taxonomy version",
    input: { categoryCode: "looting" },
    field: "categoryCode",
    message: /^The code "looting" is not a category of incident taxonomy version 1$/,
  },
  {
    name: "does not mistake a word containing \"rape\" for a sexual-assault code",
    input: { categoryCode: "grape_theft" },
    field: "categoryCode",
    message: /^The code "grape_theft" is not a category of incident taxonomy version 1$/,
  },
  {
    name: "refuses a burglary with no premises affected, pointing to theft and vehicle break-in",
    input: { categoryCode: "burglary", peopleAffected: [], premisesAffected: [], assetsAffected: [laptop] },
    field: "premisesAffected",
    message: /Burglary applies to premises only.*Vehicle break-in.*Theft/,
  },
  {
    name: "refuses a burglary of a vehicle, even with premises",
    input: { categoryCode: "burglary", peopleAffected: [], premisesAffected: [office], assetsAffected: [laptop, vehicle] },
    field: "assetsAffected.1.kind",
    message: /Burglary is for premises, never for a vehicle: record a vehicle break-in as Vehicle break-in/,
  },
  {
    name: "refuses a residence break-in without a residence",
    input: { categoryCode: "residence_break_in", peopleAffected: [], premisesAffected: [office] },
    field: "premisesAffected",
    message: /Residence break-in needs a residence among the premises affected/,
  },
  {
    name: "refuses an armed attack on premises without premises",
    input: { categoryCode: "armed_attack_premises", premisesAffected: [] },
    field: "premisesAffected",
    message: /Armed attack on premises needs the premises/,
  },
  {
    name: "refuses a carjacking without a vehicle",
    input: { categoryCode: "carjacking", peopleAffected: [person("robbed")], assetsAffected: [] },
    field: "assetsAffected",
    message: /Carjacking needs the vehicle among the assets affected/,
  },
  {
    name: "refuses a vehicle break-in without a vehicle",
    input: { categoryCode: "vehicle_break_in", peopleAffected: [], assetsAffected: [laptop] },
    field: "assetsAffected",
    message: /Vehicle break-in needs the vehicle/,
  },
  {
    name: "refuses anyone killed in a near miss",
    input: { isNearMiss: true, peopleAffected: [person("unharmed"), person("killed")] },
    field: "peopleAffected.1.outcome",
    message: /A near miss harmed no one, so no one is "killed"/,
  },
  {
    name: "refuses anyone injured in a near miss",
    input: { isNearMiss: true, peopleAffected: [person("injured")] },
    field: "peopleAffected.0.outcome",
    message: /A near miss harmed no one, so no one is "injured": people in a near miss are unharmed or threatened/,
  },
  {
    name: "refuses a near miss recorded as a fatality",
    input: { isNearMiss: true, categoryCode: "fatality_safety", peopleAffected: [] },
    field: "isNearMiss",
    message: /cannot be recorded under Fatality from a safety incident/,
  },
  {
    name: "refuses people killed in a robbery: that is a fatality by violence",
    input: { categoryCode: "robbery", peopleAffected: [person("killed")] },
    field: "peopleAffected.0.outcome",
    message: /"killed" does not fit the category Robbery: that outcome is recorded only under .*Fatality from an act of violence/,
  },
  {
    name: "refuses people killed under an injury category",
    input: { categoryCode: "injury_violence", peopleAffected: [person("injured"), person("killed")] },
    field: "peopleAffected.1.outcome",
    message: /"killed" does not fit the category Injury from an act of violence/,
  },
  {
    name: "refuses people injured in a theft",
    input: { categoryCode: "theft", peopleAffected: [person("injured")] },
    field: "peopleAffected.0.outcome",
    message: /"injured" does not fit the category Theft/,
  },
  {
    name: "refuses a sexual assault recorded as an outcome of another category",
    input: { categoryCode: "aggravated_assault", peopleAffected: [person("sexually_assaulted")] },
    field: "peopleAffected.0.outcome",
    message: /all kinds of sexual assault are recorded under the one category Sexual assault$/,
  },
  {
    name: "refuses a perpetrator outcome in a safety incident",
    input: { categoryCode: "road_traffic_accident", peopleAffected: [person("threatened")] },
    field: "peopleAffected.0.outcome",
    message: /"threatened" does not fit the category Road traffic accident/,
  },
  {
    name: "refuses people abducted outside the abduction category",
    input: { categoryCode: "robbery", peopleAffected: [person("abducted")] },
    field: "peopleAffected.0.outcome",
    message: /"abducted" does not fit the category Robbery: that outcome is recorded only under Abduction$/,
  },
  {
    name: "refuses a fatality with no one killed",
    input: { categoryCode: "fatality_violence", peopleAffected: [person("injured")] },
    field: "peopleAffected",
    message: /Fatality from an act of violence needs at least one person killed/,
  },
  {
    name: "refuses an abduction with no one abducted",
    input: { categoryCode: "abduction", peopleAffected: [] },
    field: "peopleAffected",
    message: /needs at least one person abducted/,
  },
  {
    name: "refuses an arrest with no one arrested or detained",
    input: { categoryCode: "arrest_detention", peopleAffected: [person("unharmed")] },
    field: "peopleAffected",
    message: /needs at least one person arrested or detained/,
  },
  {
    name: "refuses UN organisations on a situational-awareness-only incident",
    input: { affectsUn: false, peopleAffected: [] },
    field: "organisationsAffected",
    message: /Must be empty for an incident recorded for situational awareness only; choose "Affects the UN"/,
  },
  {
    name: "refuses personnel counts on a situational-awareness-only incident",
    input: { affectsUn: false, organisationsAffected: [] },
    field: "peopleAffected",
    message: /Counts UN personnel affected, so it must be empty for an incident recorded for situational awareness only/,
  },
  {
    name: "refuses an organisation listed twice",
    input: { organisationsAffected: [organisationA, organisationB, organisationA] },
    field: "organisationsAffected.2",
    message: /^Is listed twice$/,
  },
  {
    name: "refuses a count other than 1 on a line linked to a person",
    input: { peopleAffected: [person("injured", { personId: organisationB, count: 2 })] },
    field: "peopleAffected.0.count",
    message: /Must be 1 on a line linked to one person/,
  },
  {
    name: "refuses a person's organisation missing from the organisations affected",
    input: { peopleAffected: [person("injured", { organisationId: organisationB })] },
    field: "peopleAffected.0.organisationId",
    message: /Must be one of the organisations affected: add it to the organisations affected/,
  },
  {
    name: "refuses an offset that is not the time zone's at that moment",
    input: { occurredAt: "2026-05-17T14:30:00+02:00", timeZone: "Africa/Nairobi" },
    field: "timeZone",
    message: /^This time zone is UTC\+03:00 at that moment, but the time was given as UTC\+02:00: correct the time zone or the time$/,
  },
  {
    name: "refuses winter time in summer",
    input: { occurredAt: "2026-07-01T10:00:00+01:00", timeZone: "Europe/Paris" },
    field: "timeZone",
    message: /is UTC\+02:00 at that moment, but the time was given as UTC\+01:00/,
  },
];

const accepted: { name: string; input: Partial<IncidentInput> }[] = [
  { name: "a road traffic accident with one person injured", input: {} },
  { name: "a road traffic accident that killed", input: { peopleAffected: [person("killed"), person("injured", { count: 3 })] } },
  { name: "a burglary of an office", input: { categoryCode: "burglary", peopleAffected: [], premisesAffected: [office], assetsAffected: [laptop] } },
  { name: "a vehicle break-in", input: { categoryCode: "vehicle_break_in", peopleAffected: [], assetsAffected: [vehicle] } },
  { name: "a theft of a vehicle", input: { categoryCode: "theft", peopleAffected: [], assetsAffected: [vehicle] } },
  { name: "a residence break-in", input: { categoryCode: "residence_break_in", peopleAffected: [person("robbed")], premisesAffected: [residence] } },
  { name: "a sexual assault", input: { categoryCode: "sexual_assault", peopleAffected: [person("sexually_assaulted")], assetsAffected: [] } },
  { name: "an attempted abduction as a near miss", input: { categoryCode: "abduction", isNearMiss: true, peopleAffected: [person("threatened")] } },
  { name: "a near miss on the road with everyone unharmed", input: { isNearMiss: true, peopleAffected: [person("unharmed", { count: 4 })] } },
  { name: "an IED attack that killed", input: { categoryCode: "ied_explosive_attack", peopleAffected: [person("killed"), person("injured")] } },
  { name: "a fatality recorded for situational awareness only", input: { categoryCode: "fatality_violence", affectsUn: false, organisationsAffected: [], peopleAffected: [] } },
  { name: "a time in UTC whatever the zone", input: { occurredAt: "2026-05-17T11:30:00Z", timeZone: "Asia/Kathmandu" } },
  { name: "a time at +00:00 whatever the zone", input: { occurredAt: "2026-05-17T11:30:00+00:00", timeZone: "Africa/Nairobi" } },
  { name: "summer time in summer", input: { occurredAt: "2026-07-01T10:00:00+02:00", timeZone: "Europe/Paris" } },
  { name: "a person's organisation among those affected", input: { peopleAffected: [person("injured", { organisationId: organisationA, personId: organisationB })] } },
];

describe("incidentProblems", () => {
  it.each(refused)("$name", ({ input, field, message }) => {
    const problems = incidentProblems(incident(input));
    const matching = problems.filter((problem) => problem.field === field);
    expect(matching, JSON.stringify(problems)).toHaveLength(1);
    expect(matching[0].message).toMatch(message);
  });

  it.each(accepted)("accepts $name", ({ input }) => {
    expect(incidentProblems(incident(input))).toEqual([]);
  });

  it("reports every broken rule at once, not just the first", () => {
    const problems = incidentProblems(
      incident({ involvesMilitaryOrFormedPolice: true, categoryCode: "burglary", premisesAffected: [], assetsAffected: [vehicle] }),
    );
    expect(fieldsOf(problems)).toEqual(
      expect.arrayContaining(["involvesMilitaryOrFormedPolice", "premisesAffected", "assetsAffected.0.kind", "peopleAffected.0.outcome"]),
    );
  });

  it("accepts every incident built from what its category allows", () => {
    fc.assert(
      fc.property(validIncidentArbitrary, (input) => {
        expect(incidentProblems(input)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("passes the exclusion rule without the military flag, and always fails it with the flag", () => {
    fc.assert(
      fc.property(fc.oneof(validIncidentArbitrary, arbitraryIncident), (input) => {
        const without = incidentProblems({ ...input, involvesMilitaryOrFormedPolice: false });
        expect(fieldsOf(without)).not.toContain("involvesMilitaryOrFormedPolice");
        const flagged = incidentProblems({ ...input, involvesMilitaryOrFormedPolice: true });
        expect(fieldsOf(flagged).filter((field) => field === "involvesMilitaryOrFormedPolice")).toHaveLength(1);
      }),
    );
  });

  it("refuses a vehicle on any otherwise valid burglary", () => {
    const burglaries = validIncidentOf(findCategory("burglary")!);
    fc.assert(
      fc.property(burglaries, fc.nat(), (input, position) => {
        const assets = [...input.assetsAffected];
        const index = position % (assets.length + 1);
        assets.splice(index, 0, vehicle);
        expect(fieldsOf(incidentProblems({ ...input, assetsAffected: assets }))).toEqual([`assetsAffected.${index}.kind`]);
      }),
      { numRuns: 50 },
    );
  });

  it("explains the one sexual-assault category for any unknown code that mentions sexual", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const code = `${before}sexual${after}`;
        fc.pre(code !== "sexual_assault");
        const problem = incidentProblems(incident({ categoryCode: code })).find((item) => item.field === "categoryCode");
        expect(problem?.message).toMatch(/all kinds of sexual assault are recorded under the one category/);
      }),
    );
  });

  it("is total: never throws, and names a field and a message for every problem", () => {
    fc.assert(
      fc.property(arbitraryIncident, (input) => {
        const problems = incidentProblems(input);
        for (const problem of problems) {
          expect(problem.field).toMatch(/^[a-zA-Z]+(\.\d+(\.[a-zA-Z]+)?)?$/);
          expect(problem.message.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never throws whatever the category code's type", () => {
    fc.assert(
      fc.property(fc.anything(), (code) => {
        const problems = incidentProblems(incident({ categoryCode: code as string }));
        expect(fieldsOf(problems)).toContain("categoryCode");
      }),
    );
  });
});

describe("violenceOrSafety", () => {
  it("splits the Table 1 pairs and the safety categories", () => {
    expect(violenceOrSafety("fatality_violence")).toBe("violence");
    expect(violenceOrSafety("injury_violence")).toBe("violence");
    expect(violenceOrSafety("fatality_safety")).toBe("safety");
    expect(violenceOrSafety("injury_safety")).toBe("safety");
    expect(violenceOrSafety("theft")).toBe("violence");
    expect(violenceOrSafety("ied_explosive_attack")).toBe("violence");
    expect(violenceOrSafety("natural_disaster")).toBe("safety");
    expect(violenceOrSafety("medical_emergency")).toBe("safety");
  });

  it("answers for every known code and only for them", () => {
    fc.assert(
      fc.property(anyCategoryCode, (code) => {
        const category = findCategory(code);
        expect(violenceOrSafety(code)).toBe(category ? (category.isViolence ? "violence" : "safety") : null);
      }),
    );
  });
});
