import { describe, expect, it } from "vitest";
import { acceptableRisk, acceptableRiskRuleProblems, defaultAcceptableRiskRule } from "./acceptable-risk.ts";
import { unSrmMatrix } from "./risk-matrices.data.ts";

/**
 * Every residual-risk × programme-criticality cell of the default rule (DOMAIN.md §2), typed out.
 * "go": allowed within the approved SRM; "DO" / "USG": may go ahead once that person accepts the
 * risk; "no": blocked.
 */
const expected: Record<string, [string, string, string, string]> = {
  //             PC1    PC2   PC3   PC4
  unacceptable: ["no", "no", "no", "no"],
  very_high: ["USG", "no", "no", "no"],
  high: ["DO", "DO", "no", "no"],
  medium: ["go", "go", "go", "go"],
  low: ["go", "go", "go", "go"],
  very_low: ["go", "go", "go", "go"],
};
const pcs = ["pc1", "pc2", "pc3", "pc4"] as const;

const shortForm = (decision: ReturnType<typeof acceptableRisk>) =>
  decision.outcome === "blocked" ? "no" : decision.outcome === "allowed" ? "go" : decision.approver === "do" ? "DO" : "USG";

describe("the acceptable-risk rule", () => {
  const table = unSrmMatrix.levels.flatMap((level) => pcs.map((pc, index) => ({ level: level.code, pc, expected: expected[level.code][index], riskClass: level.acceptability })));

  it.each(table)("$level residual risk with $pc: $expected", ({ riskClass, pc, expected: answer }) => {
    expect(shortForm(acceptableRisk(riskClass, pc))).toBe(answer);
  });

  it("says why an activity is blocked", () => {
    expect(acceptableRisk("unacceptable", "pc1")).toEqual({ outcome: "blocked", reason: "unacceptable", approver: null });
    expect(acceptableRisk("high", "pc3")).toEqual({ outcome: "blocked", reason: "criticality_too_low", approver: null });
  });

  it("accepts the default rule and refuses a rule that allows unacceptable risk or is looser for a higher risk", () => {
    expect(acceptableRiskRuleProblems(defaultAcceptableRiskRule)).toEqual([]);
    const allowsUnacceptable = defaultAcceptableRiskRule.map((row) => (row.riskClass === "unacceptable" ? { ...row, leastCriticalAllowed: "pc1" as const, approver: "usg_undss" as const } : row));
    expect(acceptableRiskRuleProblems(allowsUnacceptable)).toContain("Unacceptable risk is never allowed");
    const looser = defaultAcceptableRiskRule.map((row) => (row.riskClass === "very_high" ? { ...row, leastCriticalAllowed: "pc3" as const } : row));
    expect(acceptableRiskRuleProblems(looser)).toEqual(["A very_high risk may not allow more programmes than a high one"]);
  });

  it("follows a configured rule", () => {
    const stricter = defaultAcceptableRiskRule.map((row) => (row.riskClass === "high" ? { ...row, leastCriticalAllowed: "pc1" as const } : row));
    expect(shortForm(acceptableRisk("high", "pc2", stricter))).toBe("no");
    expect(shortForm(acceptableRisk("high", "pc1", stricter))).toBe("DO");
  });
});
