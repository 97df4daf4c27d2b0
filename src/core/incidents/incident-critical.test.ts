import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { criticalReasons, isCriticalIncident, massCasualtyThreshold } from "./incident-rules.ts";
import { defaultCriticalCategoryCodes, findCategory, incidentCategories } from "./incident-taxonomy.data.ts";
import { incident, person, validIncidentArbitrary } from "./incident.fixtures.ts";
import type { IncidentInput } from "./incident.schemas.ts";

const office = { kind: "office" as const, description: "Main office" };
const residence = { kind: "residence" as const, description: "Staff house 4" };

describe("isCriticalIncident", () => {
  const critical = (input: Partial<IncidentInput>, codes?: Iterable<string>, threshold?: number) =>
    criticalReasons(incident(input), codes, threshold);

  it.each([...defaultCriticalCategoryCodes])("raises a flash alert for %s by default", (code) => {
    expect(critical({ categoryCode: code, peopleAffected: [] })).toEqual(["critical_category"]);
  });

  it("raises none for a theft, a burglary or a road accident with one injured", () => {
    expect(isCriticalIncident(incident({ categoryCode: "theft", peopleAffected: [] }))).toBe(false);
    expect(isCriticalIncident(incident({ categoryCode: "burglary", peopleAffected: [], premisesAffected: [office] }))).toBe(false);
    expect(isCriticalIncident(incident())).toBe(false);
  });

  it(`counts killed plus injured against the mass-casualty threshold of ${massCasualtyThreshold}`, () => {
    const rows = (killed: number, injured: number) => [person("killed", { count: killed }), person("injured", { count: injured }), person("unharmed", { count: 50 })];
    expect(critical({ peopleAffected: rows(2, 3) })).toEqual(["mass_casualty"]);
    expect(critical({ peopleAffected: rows(1, 3) })).toEqual([]);
    expect(critical({ peopleAffected: rows(1, 2) }, undefined, 3)).toEqual(["mass_casualty"]);
    expect(critical({ categoryCode: "not_a_code", peopleAffected: rows(5, 0) })).toEqual(["mass_casualty"]);
  });

  it("treats an attack that hits premises as an attack on premises", () => {
    expect(critical({ categoryCode: "ied_explosive_attack", premisesAffected: [office] })).toEqual(["attack_on_premises"]);
    expect(critical({ categoryCode: "shelling_crossfire", premisesAffected: [residence] })).toEqual(["attack_on_premises"]);
    expect(critical({ categoryCode: "ied_explosive_attack", premisesAffected: [] })).toEqual([]);
    expect(critical({ categoryCode: "armed_attack_premises", premisesAffected: [office] })).toEqual(["critical_category", "attack_on_premises"]);
  });

  it("follows a configured list of critical categories", () => {
    expect(critical({ categoryCode: "theft", peopleAffected: [] }, ["theft"])).toEqual(["critical_category"]);
    expect(critical({ categoryCode: "fatality_violence", peopleAffected: [person("killed")] }, [])).toEqual([]);
    expect(critical({ categoryCode: "abduction", peopleAffected: [] }, new Set(["abduction"]))).toEqual(["critical_category"]);
  });

  it("raises none for an incident recorded for situational awareness only", () => {
    expect(critical({ categoryCode: "fatality_violence", affectsUn: false, peopleAffected: [person("killed", { count: 20 })] })).toEqual([]);
  });

  it("never stops being critical when more people are killed or injured", () => {
    fc.assert(
      fc.property(
        validIncidentArbitrary,
        fc.array(fc.record({ outcome: fc.constantFrom("killed" as const, "injured" as const), count: fc.integer({ min: 1, max: 20 }) }), {
          maxLength: 4,
        }),
        (input, added) => {
          const more = { ...input, peopleAffected: [...input.peopleAffected, ...added.map((row) => person(row.outcome, { count: row.count }))] };
          if (isCriticalIncident(input)) expect(isCriticalIncident(more)).toBe(true);
          expect(isCriticalIncident(input)).toBe(criticalReasons(input).length > 0);
        },
      ),
    );
  });

  it("is critical for every default critical category affecting the UN", () => {
    fc.assert(
      fc.property(validIncidentArbitrary, (input) => {
        const category = findCategory(input.categoryCode)!;
        if (input.affectsUn && category.isCritical) expect(isCriticalIncident(input)).toBe(true);
        if (!input.affectsUn) expect(isCriticalIncident(input)).toBe(false);
      }),
    );
  });

  it("knows a category for every default critical code", () => {
    for (const code of defaultCriticalCategoryCodes) expect(incidentCategories.some((category) => category.code === code)).toBe(true);
  });
});
