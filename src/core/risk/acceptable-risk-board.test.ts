import { describe, expect, it } from "vitest";
import { activityDecision, applicableAssessment, highestLevel, mayProceed } from "./acceptable-risk-board.ts";
import type { ProgrammeCriticality } from "./acceptable-risk.ts";
import { unSrmMatrix } from "./risk-matrices.data.ts";
import type { AcceptabilityClass } from "./risk-matrix.types.ts";

const level = (code: string) => unSrmMatrix.levels.find((candidate) => candidate.code === code) as (typeof unSrmMatrix.levels)[number];

describe("the decision for one activity", () => {
  // Every residual class × PC, without and with an acceptance on record: [status, reason, approver].
  const table: [AcceptabilityClass, ProgrammeCriticality, string, string | null, string | null, string][] = [
    ["unacceptable", "pc1", "blocked", "unacceptable", null, "blocked"],
    ["unacceptable", "pc4", "blocked", "unacceptable", null, "blocked"],
    ["very_high", "pc1", "needs_acceptance", null, "usg_undss", "accepted"],
    ["very_high", "pc2", "blocked", "criticality_too_low", null, "blocked"],
    ["high", "pc1", "needs_acceptance", null, "do", "accepted"],
    ["high", "pc2", "needs_acceptance", null, "do", "accepted"],
    ["high", "pc3", "blocked", "criticality_too_low", null, "blocked"],
    ["high", "pc4", "blocked", "criticality_too_low", null, "blocked"],
    ["medium_or_below", "pc1", "allowed", null, "srm", "allowed"],
    ["medium_or_below", "pc4", "allowed", null, "srm", "allowed"],
  ];
  for (const [riskClass, criticality, status, reason, approver, statusOnceAccepted] of table) {
    it(`${riskClass} at ${criticality}: ${status}, and ${statusOnceAccepted} once an acceptance is recorded`, () => {
      const highest = { acceptability: riskClass };
      expect(activityDecision({ criticality, highest, isAccepted: false })).toEqual({ status, reason, riskClass, approver });
      expect(activityDecision({ criticality, highest, isAccepted: true }).status).toBe(statusOnceAccepted);
    });
  }

  it("blocks an activity without a PC assessment, even with no assessed risk", () => {
    expect(activityDecision({ criticality: null, highest: null, isAccepted: false })).toEqual({ status: "no_pc", reason: "no_pc", riskClass: null, approver: null });
    expect(activityDecision({ criticality: null, highest: level("very_low"), isAccepted: true }).status).toBe("no_pc");
  });

  it("allows a rated activity that no scenario concerns, and says why", () => {
    expect(activityDecision({ criticality: "pc4", highest: null, isAccepted: false })).toEqual({ status: "allowed", reason: "no_scenario", riskClass: null, approver: "srm" });
  });

  it("lets only allowed and accepted activities go ahead", () => {
    expect(["no_pc", "allowed", "needs_acceptance", "accepted", "blocked"].filter((status) => mayProceed(status as never))).toEqual(["allowed", "accepted"]);
  });
});

describe("the highest residual level", () => {
  it("is the level of highest rank, or null without scenarios", () => {
    expect(highestLevel([level("medium"), level("very_high"), level("high")])?.code).toBe("very_high");
    expect(highestLevel([])).toBe(null);
  });
});

describe("the PC assessment that applies", () => {
  const rating = (id: string, approvedOn: string, periodFrom: string, periodTo: string, createdAt = "2026-01-01T00:00:00.000Z") => ({ id, approvedOn, periodFrom, periodTo, createdAt });
  const period = { from: "2026-01-01", to: "2026-06-30" };

  it("is the one approved last among those overlapping the assessment's time frame", () => {
    const chosen = applicableAssessment(
      [rating("old", "2025-12-01", "2025-06-01", "2026-03-31"), rating("new", "2026-02-01", "2026-02-01", "2026-12-31"), rating("next-year", "2026-05-01", "2027-01-01", "2027-12-31")],
      period,
    );
    expect(chosen?.id).toBe("new");
  });

  it("counts a period touching the time frame on its first or last day as overlapping", () => {
    expect(applicableAssessment([rating("edge", "2026-01-01", "2025-01-01", "2026-01-01")], period)?.id).toBe("edge");
    expect(applicableAssessment([rating("edge", "2026-01-01", "2026-06-30", "2026-12-31")], period)?.id).toBe("edge");
    expect(applicableAssessment([rating("before", "2025-01-01", "2025-01-01", "2025-12-31")], period)).toBe(null);
  });

  it("prefers the one recorded last when two are approved on the same day", () => {
    const chosen = applicableAssessment(
      [rating("first", "2026-02-01", "2026-01-01", "2026-12-31", "2026-02-01T08:00:00.000Z"), rating("second", "2026-02-01", "2026-01-01", "2026-12-31", "2026-02-01T09:00:00.000Z")],
      period,
    );
    expect(chosen?.id).toBe("second");
  });
});
