import { describe, expect, it } from "vitest";
import { pcAssessmentPatch, pcAssessmentProblems, riskAcceptanceInput, securityLevelChangeInput, securityLevelChangeProblems } from "./decisions.schemas.ts";
import { securityLevelNotice } from "./security-level-message.ts";

const placeId = "0b0c7a4e-7f4c-4a53-9a43-2a1f0c3c9d11";
const levels = { armed_conflict: 2, terrorism: 4, crime: 3, civil_unrest: 1, hazards: 2 };
const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((issue) => issue.path.join(".")) ?? [];

describe("programme criticality input", () => {
  it("names the period and approval fields at fault", () => {
    expect(pcAssessmentProblems({ periodFrom: "2026-01-01", periodTo: "2026-12-31", approvedOn: "2026-01-15" }, "2026-02-01")).toEqual([]);
    expect(pcAssessmentProblems({ periodFrom: "2026-06-01", periodTo: "2026-05-31", approvedOn: "2026-03-01" }, "2026-02-01")).toEqual([
      { field: "periodTo", message: "must be on or after periodFrom" },
      { field: "approvedOn", message: "must not be in the future" },
    ]);
  });

  it("never changes the place or organisation of a rating in a patch", () => {
    const parsed = pcAssessmentPatch.parse({ placeId, organisationId: placeId, level: "pc1" });
    expect(parsed).toEqual({ level: "pc1" });
  });
});

describe("an acceptance", () => {
  it("needs a reason of at least 10 characters", () => {
    expect(fieldsOf(riskAcceptanceInput.safeParse({ activityKey: placeId, reason: "   too short   " }))).toEqual(["reason"]);
    expect(riskAcceptanceInput.safeParse({ activityKey: placeId, reason: "Lifesaving vaccination" }).success).toBe(true);
  });
});

describe("a security level change", () => {
  it("needs every threat category at a whole level from 1 to 6", () => {
    expect(securityLevelChangeInput.safeParse({ placeId, levels, overall: 4 }).success).toBe(true);
    expect(fieldsOf(securityLevelChangeInput.safeParse({ placeId, levels: { ...levels, hazards: 0 }, overall: 4 }))).toEqual(["levels.hazards"]);
    expect(fieldsOf(securityLevelChangeInput.safeParse({ placeId, levels: { ...levels, crime: 2.5 }, overall: 7 }))).toEqual(["levels.crime", "overall"]);
    const { terrorism: _omitted, ...missing } = levels;
    expect(fieldsOf(securityLevelChangeInput.safeParse({ placeId, levels: missing, overall: 4 }))).toEqual(["levels.terrorism"]);
  });

  it("needs a justification for an overall level below the highest category", () => {
    expect(securityLevelChangeProblems({ placeId, levels, overall: 3 })).toEqual([
      { field: "justification", message: "is required when the overall level (3) is below the highest category level (4)" },
    ]);
    expect(securityLevelChangeProblems({ placeId, levels, overall: 3, justification: "Terrorism is confined to one district." })).toEqual([]);
  });
});

describe("the security level notices", () => {
  const facts = {
    placeName: "Mopti Security Area",
    levels: { armed_conflict: 4, terrorism: 5, crime: 3, civil_unrest: 3, hazards: 2 } as const,
    overall: 5 as const,
    previousOverall: 3 as const,
    justification: null,
    rejectionReason: null,
    link: "https://vigil.example.org/places/1",
  };

  it("announces a level in force in English and French, with every category and the previous level", () => {
    const en = securityLevelNotice("endorsed", facts, "en");
    expect(en.subject).toBe("[Vigil] New security level in force: Mopti Security Area — 5 (High)");
    expect(en.body).toBe("Overall level: 5 (High) (previously: 3 (Moderate))");
    expect(en.text).toContain("- Armed conflict: 4 (Substantial)\n- Terrorism: 5 (High)\n- Crime: 3 (Moderate)\n- Civil unrest: 3 (Moderate)\n- Hazards: 2 (Low)");
    expect(en.text).toContain("Open the area: https://vigil.example.org/places/1");
    const fr = securityLevelNotice("endorsed", facts, "fr");
    expect(fr.title).toBe("Nouveau niveau de sécurité en vigueur: Mopti Security Area");
    expect(fr.text).toContain("- Conflit armé: 4 (Important)");
  });

  it("gives the proposer the reason for a rejection", () => {
    const notice = securityLevelNotice("rejected", { ...facts, rejectionReason: "Keep level 5." }, "en");
    expect(notice.body).toContain("Reason for the rejection: Keep level 5.");
    expect(notice.text).toContain("Reason for the rejection: Keep level 5.");
  });
});
