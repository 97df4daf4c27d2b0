import { describe, expect, it } from "vitest";
import { violenceOrSafety } from "./incident-rules.ts";
import {
  defaultCriticalCategoryCodes,
  findCategory,
  incidentCategories,
  incidentCategoryCodes,
  incidentGroupLabels,
  incidentTaxonomy,
  personOutcomeLabels,
  taxonomyVersion,
} from "./incident-taxonomy.data.ts";
import { incidentGroups, personOutcomes, premisesKinds, safetyGroups } from "./incident-taxonomy.types.ts";

const category = (code: string) => {
  const found = findCategory(code);
  if (!found) throw new Error(`no category ${code}`);
  return found;
};

/** Perpetrator outcomes: someone did it. Hazards and safety incidents have no perpetrator. */
const perpetratorOutcomes = ["abducted", "arrested", "detained", "threatened", "harassed", "assaulted", "robbed", "sexually_assaulted"];

describe("incident taxonomy", () => {
  it("is version 1 and publishes its groups and categories", () => {
    expect(taxonomyVersion).toBe(1);
    expect(incidentTaxonomy.taxonomyVersion).toBe(1);
    expect(incidentTaxonomy.groups.map((group) => group.code)).toEqual([...incidentGroups]);
    expect(incidentTaxonomy.categories).toBe(incidentCategories);
  });

  it("has unique, stable snake_case codes", () => {
    expect(new Set(incidentCategoryCodes).size).toBe(incidentCategoryCodes.length);
    for (const code of incidentCategoryCodes) expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it("has exactly one sexual-assault category, with no sub-categories (IASMN 2015 §57)", () => {
    const sexual = incidentCategories.filter((entry) => entry.isSexualAssault);
    expect(sexual.map((entry) => entry.code)).toEqual(["sexual_assault"]);
    const mentioningSexual = incidentCategories.filter(
      (entry) => /sexual|rape/i.test(entry.code) || /sexual|rape/i.test(entry.label.en) || /sexuel/i.test(entry.label.fr),
    );
    expect(mentioningSexual.map((entry) => entry.code)).toEqual(["sexual_assault"]);
  });

  it("gives every category, group and outcome a label and description in English and French", () => {
    for (const entry of incidentCategories) {
      for (const text of [entry.label.en, entry.label.fr, entry.description.en, entry.description.fr]) {
        expect(text.trim().length, entry.code).toBeGreaterThan(2);
      }
    }
    for (const group of incidentGroups) expect(incidentGroupLabels[group].fr.length).toBeGreaterThan(2);
    for (const outcome of personOutcomes) expect(personOutcomeLabels[outcome].fr.length).toBeGreaterThan(2);
  });

  it("has distinct labels in each language, so a picker never shows two identical entries", () => {
    for (const language of ["en", "fr"] as const) {
      const labels = incidentCategories.map((entry) => entry.label[language].toLowerCase());
      expect(new Set(labels).size, language).toBe(labels.length);
    }
  });

  it("puts road traffic accidents, fire and aviation under safety", () => {
    for (const code of ["road_traffic_accident", "fire", "aviation_incident"]) {
      expect(category(code).group, code).toBe("safety");
      expect(category(code).isViolence, code).toBe(false);
      expect(violenceOrSafety(code), code).toBe("safety");
    }
  });

  it("uses every group and derives violence versus safety from the group", () => {
    for (const group of incidentGroups) {
      expect(incidentCategories.some((entry) => entry.group === group), group).toBe(true);
    }
    for (const entry of incidentCategories) {
      expect(entry.isViolence, entry.code).toBe(!safetyGroups.includes(entry.group));
    }
    expect(category("natural_disaster").group).toBe("hazards");
    expect(category("fatality_violence").isViolence).toBe(true);
    expect(category("fatality_safety").isViolence).toBe(false);
  });

  it("contains every category of JIU 2016 Table 1", () => {
    const table1 = [
      "fatality_violence",
      "fatality_safety",
      "injury_violence",
      "injury_safety",
      "abduction",
      "robbery",
      "residence_break_in",
      "aggravated_assault",
      "sexual_assault",
      "burglary",
      "intimidation",
      "harassment",
      "arrest_detention",
    ];
    for (const code of table1) expect(findCategory(code), code).toBeDefined();
  });

  it("contains the other categories field offices record", () => {
    const others = [
      "theft",
      "vehicle_break_in",
      "carjacking",
      "armed_attack_premises",
      "ied_explosive_attack",
      "shelling_crossfire",
      "kidnapping_threat",
      "demonstration",
      "natural_disaster",
      "medical_emergency",
    ];
    for (const code of others) expect(findCategory(code), code).toBeDefined();
  });

  it("reserves burglary for premises, never a vehicle (IASMN 2015 §59)", () => {
    const burglary = category("burglary");
    expect(burglary.requiresPremises).toBe(true);
    expect(burglary.isPremisesOnly).toBe(true);
    expect(burglary.requiresVehicle).toBe(false);
    expect(burglary.premisesKinds).toEqual([...premisesKinds]);
    expect(incidentCategories.filter((entry) => entry.isPremisesOnly).map((entry) => entry.code)).toEqual(["burglary"]);
  });

  it("records a vehicle break-in as theft, in its own category, not as burglary", () => {
    const breakIn = category("vehicle_break_in");
    expect(breakIn.rollsUpTo).toBe("theft");
    expect(breakIn.requiresVehicle).toBe(true);
    expect(breakIn.requiresPremises).toBe(false);
    expect(category("theft").requiresPremises).toBe(false);
  });

  it("requires a residence for a residence break-in and premises for an armed attack on premises", () => {
    expect(category("residence_break_in").premisesKinds).toEqual(["residence"]);
    expect(category("residence_break_in").requiresPremises).toBe(true);
    expect(category("armed_attack_premises").requiresPremises).toBe(true);
  });

  it("flags fatalities, abduction, sexual assault and armed attack on premises as critical by default", () => {
    expect([...defaultCriticalCategoryCodes].sort()).toEqual(
      ["abduction", "armed_attack_premises", "fatality_safety", "fatality_violence", "sexual_assault"].sort(),
    );
  });

  it("keeps each category's data consistent", () => {
    for (const entry of incidentCategories) {
      expect(entry.outcomes.length, entry.code).toBeGreaterThan(0);
      expect(new Set(entry.outcomes).size, entry.code).toBe(entry.outcomes.length);
      for (const outcome of entry.requiresOneOf) expect(entry.outcomes, entry.code).toContain(outcome);
      for (const outcome of entry.outcomes) expect(personOutcomes, entry.code).toContain(outcome);
      if (entry.rollsUpTo !== null) expect(findCategory(entry.rollsUpTo), entry.code).toBeDefined();
      if (!entry.requiresPremises) expect(entry.premisesKinds, entry.code).toEqual([...premisesKinds]);
      if (entry.isPremisesOnly) expect(entry.requiresPremises, entry.code).toBe(true);
      // A fatality or injury category says someone was harmed: it cannot be a near miss.
      if (entry.requiresOneOf.includes("killed") || entry.requiresOneOf.includes("injured")) {
        expect(entry.canBeNearMiss, entry.code).toBe(false);
      }
      // Every category accepts people who were present but unharmed.
      expect(entry.outcomes, entry.code).toContain("unharmed");
    }
  });

  it("lets no perpetrator outcome into hazards or safety categories", () => {
    for (const entry of incidentCategories.filter((item) => !item.isViolence)) {
      for (const outcome of perpetratorOutcomes) expect(entry.outcomes, entry.code).not.toContain(outcome);
    }
  });

  it("records abducted, arrested/detained and sexually assaulted people only under their own category", () => {
    const allowing = (outcome: string) =>
      incidentCategories.filter((entry) => (entry.outcomes as readonly string[]).includes(outcome)).map((entry) => entry.code);
    expect(allowing("abducted")).toEqual(["abduction"]);
    expect(allowing("arrested")).toEqual(["arrest_detention"]);
    expect(allowing("detained")).toEqual(["arrest_detention"]);
    expect(allowing("sexually_assaulted")).toEqual(["sexual_assault"]);
    expect(allowing("killed")).not.toContain("robbery");
    expect(allowing("killed")).not.toContain("injury_violence");
    expect(allowing("injured")).not.toContain("theft");
    expect(allowing("injured")).not.toContain("burglary");
  });

  it("finds nothing for unknown codes, inherited object keys or non-strings", () => {
    for (const code of ["", "Burglary", "sexual_rape", "constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(findCategory(code), code).toBeUndefined();
    }
    for (const value of [null, undefined, 42, {}, ["burglary"]]) expect(findCategory(value)).toBeUndefined();
  });
});
