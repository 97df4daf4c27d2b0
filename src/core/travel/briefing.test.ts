import { describe, expect, it } from "vitest";
import { type Briefing, briefingEmail } from "./briefing.ts";

const briefing: Briefing = {
  number: "TR-2026-000042",
  purpose: "Monitoring visit",
  travellers: ["Aminata Diallo"],
  legs: [{ from: "Bamako", to: "Mopti", departureLocal: "2026-12-27T07:00", arrivalLocal: "2026-12-27T16:00" }],
  incidentDays: 30,
  generatedAt: "2026-12-07T10:00:00Z",
  areas: [
    {
      placeId: "mopti",
      name: "Mopti Security Area",
      level: { areaName: "Mopti Security Area", overall: 4, levels: { armed_conflict: 4, terrorism: 4, crime: 3, civil_unrest: 2, hazards: 3 } },
      conditions: ["Daylight road movement only"],
      incidents: [{ categoryCode: "abduction", count: 2 }],
      contacts: [
        { name: "Moussa Keita", role: "asc", email: "asc.mopti@vigil.example" },
        { name: "Awa Traoré", role: "do", email: null },
      ],
      measures: [],
    },
  ],
};
const links = { trip: "https://v.example/travel/requests/1", clearancePdf: "https://v.example/c.pdf", briefingPdf: "https://v.example/b.pdf" };

describe("the briefing e-mail", () => {
  it("holds each area's levels, conditions, measures, incident counts and contacts, with the links", () => {
    const { subject, text } = briefingEmail(briefing, "en", links);
    expect(subject).toBe("Security briefing for your trip TR-2026-000042");
    expect(text).toContain("  Bamako → Mopti, 2026-12-27 07:00 → 2026-12-27 16:00");
    expect(text).toContain("Security level in force: 4 (Substantial)\n  Armed conflict: 4 (Substantial)");
    expect(text).toContain("  Civil unrest: 2 (Low)");
    expect(text).toContain("Conditions of your clearance:\n  - Daylight road movement only");
    expect(text).toContain("SRM measures that apply to travellers:\n  No measure for travellers is recorded.");
    expect(text).toContain("Critical incidents in the last 30 days:\n  - Abduction: 2");
    expect(text).toContain("  - Area Security Coordinator: Moussa Keita <asc.mopti@vigil.example>");
    expect(text).toContain("  - Designated Official: Awa Traoré\n");
    expect(text).toContain(`Clearance (PDF, with the QR code to show at checkpoints): ${links.clearancePdf}`);
  });

  it("reads in French, and says so when an area has no level, incident or contact", () => {
    const bare = { ...briefing, areas: [{ ...briefing.areas[0], level: null, incidents: [], contacts: [] }] };
    const { subject, text } = briefingEmail(bare, "fr", links);
    expect(subject).toBe("Briefing de sécurité pour votre voyage TR-2026-000042");
    expect(text).toContain("Aucun niveau de sécurité n'est enregistré pour cette zone");
    expect(text).toContain("Incidents critiques des 30 derniers jours:\n  Aucun signalé.");
    expect(text).toContain("Aucune nomination de sécurité n'est enregistrée pour cette zone.");
  });
});
