import { describe, expect, it } from "vitest";
import { type FlashAlertFacts, flashAlertMessage } from "./incident-alert-message.ts";

const facts: FlashAlertFacts = {
  incidentId: "5b0c6f0e-0000-4000-8000-000000000001",
  categoryCode: "armed_attack_premises",
  isSensitive: false,
  placeName: "Mopti",
  areaName: "Mali",
  occurredAt: new Date("2026-07-14T23:30:00Z"),
  timeZone: "Africa/Bamako",
  peopleAffected: [
    { outcome: "injured", count: 2 },
    { outcome: "killed", count: 1 },
    { outcome: "injured", count: 1 },
  ],
  description: "Gunmen fired on the compound gate.",
  reasons: ["critical_category", "attack_on_premises"],
  link: "https://vigil.example.org/incidents/5b0c6f0e-0000-4000-8000-000000000001",
};

describe("the words of a flash alert", () => {
  it("gives category, place and local time in the subject, and counts by outcome, narrative and link in the text", () => {
    const message = flashAlertMessage(facts, "en");
    expect(message.subject).toBe("[Vigil] Flash alert: Armed attack on premises — Mopti (Mali) — 14 Jul 2026, 23:30 (Africa/Bamako)");
    expect(message.text).toContain("People affected: killed 1, injured 3");
    expect(message.text).toContain("Why this alert: critical category, attack on premises");
    expect(message.text).toContain("Gunmen fired on the compound gate.");
    expect(message.text).toContain(`Open the incident: ${facts.link}`);
  });

  it("speaks French to French-speaking recipients", () => {
    const message = flashAlertMessage(facts, "fr");
    expect(message.subject).toBe("[Vigil] Alerte flash: Attaque armée contre des locaux — Mopti (Mali) — 14 juil. 2026, 23:30 (Africa/Bamako)");
    expect(message.text).toContain("Personnes touchées: tués 1, blessés 3");
    expect(message.text).toContain("Ouvrir l'incident");
  });

  it("says nothing of a sensitive incident but that it was submitted, with the link", () => {
    const message = flashAlertMessage({ ...facts, categoryCode: "sexual_assault", isSensitive: true }, "en");
    const everything = Object.values(message).join("\n");
    expect(everything).toContain(facts.link);
    for (const secret of ["Mopti", "Mali", "Gunmen", "killed", "Sexual", "sexual", "Jul"]) expect(everything).not.toContain(secret);
  });
});
