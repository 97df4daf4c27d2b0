import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { incidentCategories, personOutcomeLabels } from "./incident-taxonomy.data.ts";
import { ruleLanguages, ruleMessages } from "./incident-rules.messages.ts";
import { incidentProblems } from "./incident-rules.ts";
import { arbitraryIncident } from "./incident.fixtures.ts";

/**
 * Issue 12 §3.9: every rule message a person reads is a sentence in their language, capital first,
 * naming categories and outcomes by their labels, never by an internal code in brackets.
 */
const codes = [...incidentCategories.map((category) => category.code), ...Object.keys(personOutcomeLabels), "affectsUn", "organisationsAffected", "occurredAt"];
const codeInBrackets = /\((?:[a-z]+_)+[a-z]+\)|\([a-z]+[A-Z][A-Za-z]*\)/;

function assertReadable(message: string) {
  // A message may open on a quoted value the user typed; the first letter after it is then checked.
  expect(message, message).toMatch(/^["«\u00a0]*\p{Lu}/u);
  expect(message, message).not.toMatch(codeInBrackets);
  for (const code of codes) {
    if (code.includes("_") || /[A-Z]/.test(code)) expect(message, `${message} names ${code}`).not.toContain(code);
    expect(message, message).not.toContain(`(${code})`);
  }
}

describe("SSIRS rule messages", () => {
  it("every message, in English and French, for every category, starts with a capital and names no code", () => {
    const sample = incidentCategories;
    for (const language of ruleLanguages) {
      const say = ruleMessages[language];
      const messages = [
        say.militaryExcluded(),
        say.sexualAssaultCode('"rape"', sample.find((category) => category.isSexualAssault) ?? sample[0]),
        say.burglaryCode('"burglary_vehicle"'),
        say.unknownCategory('"looting"'),
        say.occurredTooEarly(1945),
        say.occurredInFuture(5),
        say.timeZoneName(),
        say.timeZoneOffset("+03:00", "+02:00"),
        say.awarenessOrganisations(),
        say.awarenessPeople(),
        say.listedTwice(),
        say.linkedLineCount(),
        say.lineOrganisation(),
        ...sample.flatMap((category) => [
          say.nearMissCategory(category),
          say.outcomeMisfit("sexually_assaulted", category, category.isSexualAssault, [category]),
          say.nearMissOutcome("sexually_assaulted", ["unharmed", "threatened"]),
          say.requiresOutcome(category),
          say.premisesOnly(category),
          say.requiresPremises(category),
          say.premisesNotVehicle(category),
          say.requiresVehicle(category),
        ]),
      ];
      // The quoted values above are what a user typed: they are shown as typed, not as codes of ours.
      for (const message of messages) assertReadable(message.replace(/"(?:rape|burglary_vehicle|looting)"/, '"X"'));
    }
  });

  it("holds for the problems of any incident, in both languages (property)", () => {
    fc.assert(
      fc.property(arbitraryIncident, fc.constantFrom(...ruleLanguages), (input, language) => {
        for (const problem of incidentProblems(input, language)) assertReadable(problem.message.replace(/^(?:The code|Le code) "[^"]*"/, "The code"));
      }),
      { numRuns: 300 },
    );
  });

  it("puts a non-breaking space before the colon and semicolon, and inside guillemets, in French", () => {
    for (const problem of incidentProblems({ ...sampleFrench(), peopleAffected: [] }, "fr")) {
      expect(problem.message).not.toMatch(/ [:;»]|« /);
    }
  });
});

function sampleFrench() {
  return {
    occurredAt: "2026-03-02T08:15:00+03:00",
    timeZone: "Africa/Bamako",
    place: { dutyStationId: "5f0c6a8e-1111-4a4a-8a8a-000000000001" },
    categoryCode: "abduction",
    description: "x",
    source: "un_personnel" as const,
    sourceDetail: null,
    reporter: { name: "x" },
    affectsUn: true,
    isNearMiss: true,
    involvesMilitaryOrFormedPolice: true,
    organisationsAffected: [],
    peopleAffected: [],
    premisesAffected: [],
    assetsAffected: [],
  };
}
