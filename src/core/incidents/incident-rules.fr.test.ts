import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ruleLanguageOf } from "./incident-rules.messages.ts";
import { incidentProblems } from "./incident-rules.ts";
import { arbitraryIncident, incident, person } from "./incident.fixtures.ts";
import type { IncidentInput } from "./incident.schemas.ts";

const vehicle = { kind: "vehicle" as const, description: "Land Cruiser UN-1234" };

/** The one French message on `field`. */
function frenchMessage(input: Partial<IncidentInput>, field: string): string {
  const matching = incidentProblems(incident(input), "fr").filter((problem) => problem.field === field);
  expect(matching, JSON.stringify(matching)).toHaveLength(1);
  return matching[0].message;
}

describe("incidentProblems in French", () => {
  it("explains the military contingent exclusion in French", () => {
    expect(frenchMessage({ involvesMilitaryOrFormedPolice: true }, "involvesMilitaryOrFormedPolice")).toBe(
      "Les incidents impliquant des membres de contingents militaires ou d'unités de police constituées ne sont pas enregistrés dans le SSIRS, " +
        "conformément à la section « Applicabilité » du Manuel des politiques de sécurité (IASMN 2015, par. 60) : enregistrez-les dans le système propre à la mission",
    );
  });

  it("names the one sexual-assault category by its French label", () => {
    expect(frenchMessage({ categoryCode: "rape" }, "categoryCode")).toBe(
      'Le code "rape" n\'est pas une catégorie : toutes les formes d\'agression sexuelle sont enregistrées sous la seule catégorie Agression sexuelle, qui ne comporte aucune sous-catégorie (IASMN 2015, par. 57)',
    );
  });

  it("keeps burglary for premises, with the French category names", () => {
    const input = { categoryCode: "burglary", peopleAffected: [], premisesAffected: [], assetsAffected: [vehicle] };
    expect(frenchMessage(input, "premisesAffected")).toMatch(
      /^La catégorie Cambriolage ne s'applique qu'aux locaux : .*Effraction de véhicule.*Vol \(IASMN 2015, par\. 59\)$/,
    );
    expect(frenchMessage(input, "assetsAffected.0.kind")).toBe(
      "La catégorie Cambriolage s'applique aux locaux, jamais à un véhicule : enregistrez une effraction de véhicule sous Effraction de véhicule, ou sous Vol (IASMN 2015, par. 59)",
    );
    expect(frenchMessage({ categoryCode: "burglary_vehicle" }, "categoryCode")).toMatch(/^Le code "burglary_vehicle" n'est pas une catégorie : le cambriolage forme une seule catégorie, Cambriolage/);
  });

  it("names outcomes by their French labels, with their codes", () => {
    expect(frenchMessage({ categoryCode: "robbery", peopleAffected: [person("abducted")] }, "peopleAffected.0.outcome")).toBe(
      "La conséquence « Enlevé » ne correspond pas à la catégorie Vol qualifié : cette conséquence n'est enregistrée que sous Enlèvement",
    );
    expect(frenchMessage({ isNearMiss: true, peopleAffected: [person("injured")] }, "peopleAffected.0.outcome")).toMatch(
      /^Un quasi-incident n'a fait aucune victime : personne n'y est « Blessé » ; les personnes prises dans un quasi-incident sont « Indemne » ou « Menacé »/,
    );
    expect(frenchMessage({ categoryCode: "fatality_violence", peopleAffected: [person("injured")] }, "peopleAffected")).toBe(
      "La catégorie Décès dû à un acte de violence exige au moins une personne avec la conséquence « Tué » lorsque l'incident concerne l'ONU : ajoutez une ligne avec cette conséquence",
    );
  });

  it("explains a wrong time zone offset in French", () => {
    expect(frenchMessage({ occurredAt: "2026-03-01T10:00:00+02:00", timeZone: "Africa/Nairobi" }, "timeZone")).toBe(
      "Ce fuseau horaire est à UTC+03:00 à ce moment-là, alors que l'heure a été donnée en UTC+02:00 : corrigez le fuseau horaire ou l'heure",
    );
  });

  it("keeps English as the default", () => {
    expect(incidentProblems(incident({ involvesMilitaryOrFormedPolice: true }))[0].message).toMatch(/^Incidents involving members of military contingents/);
  });

  it("finds the same problems, on the same fields, in both languages", () => {
    fc.assert(
      fc.property(arbitraryIncident, (input) => {
        const fields = (language: "en" | "fr") => incidentProblems(input, language).map((problem) => problem.field);
        expect(fields("fr")).toEqual(fields("en"));
        for (const problem of incidentProblems(input, "fr")) expect(problem.message.length).toBeGreaterThan(5);
      }),
      { numRuns: 300 },
    );
  });
});

describe("ruleLanguageOf", () => {
  it("reads French from any French tag and falls back to English", () => {
    expect(["fr", "fr-FR", "FR_ca", " fr "].map(ruleLanguageOf)).toEqual(["fr", "fr", "fr", "fr"]);
    expect(["en", "en-GB", "de", "", null, undefined, "french"].map(ruleLanguageOf)).toEqual(["en", "en", "en", "en", "en", "en", "en"]);
  });
});
