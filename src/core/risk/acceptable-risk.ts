import type { AcceptabilityClass } from "./risk-matrix.types.ts";

/**
 * The acceptable-risk decision (DOMAIN.md §2): residual risk weighed against programme criticality.
 * The rule is data, so a deployment can change it; `defaultAcceptableRiskRule` is the table in
 * DOMAIN.md. PC1 is the most critical (lifesaving, or directed by the Secretary-General).
 */
export const programmeCriticalities = ["pc1", "pc2", "pc3", "pc4"] as const;
export type ProgrammeCriticality = (typeof programmeCriticalities)[number];

/** Who must accept a residual risk before the activity goes ahead. */
export const riskApprovers = ["none", "srm", "do", "usg_undss"] as const;
export type RiskApprover = (typeof riskApprovers)[number];

/** For one class of residual risk: the least critical PC that may go ahead (null: none may), and who approves. */
export type AcceptableRiskRow = { riskClass: AcceptabilityClass; leastCriticalAllowed: ProgrammeCriticality | null; approver: RiskApprover };
export type AcceptableRiskRule = readonly AcceptableRiskRow[];

export const defaultAcceptableRiskRule: AcceptableRiskRule = [
  { riskClass: "unacceptable", leastCriticalAllowed: null, approver: "none" },
  // USG UNDSS, on the DO's recommendation, with the organisation's Executive Head.
  { riskClass: "very_high", leastCriticalAllowed: "pc1", approver: "usg_undss" },
  // The DO, after consulting the SMT.
  { riskClass: "high", leastCriticalAllowed: "pc2", approver: "do" },
  // Within the approved SRM: no separate acceptance.
  { riskClass: "medium_or_below", leastCriticalAllowed: "pc4", approver: "srm" },
];

export type AcceptableRiskDecision =
  | { outcome: "blocked"; reason: "unacceptable" | "criticality_too_low"; approver: null }
  | { outcome: "needs_acceptance"; approver: "do" | "usg_undss" }
  | { outcome: "allowed"; approver: "srm" };

const criticalityIndex = (pc: ProgrammeCriticality) => programmeCriticalities.indexOf(pc);

/** May an activity of this criticality go ahead at this residual risk, and who must accept the risk? */
export function acceptableRisk(riskClass: AcceptabilityClass, criticality: ProgrammeCriticality, rule: AcceptableRiskRule = defaultAcceptableRiskRule): AcceptableRiskDecision {
  const row = rule.find((candidate) => candidate.riskClass === riskClass);
  if (!row) throw new Error(`The acceptable-risk rule has no row for ${riskClass}`);
  if (row.leastCriticalAllowed === null || row.approver === "none") return { outcome: "blocked", reason: "unacceptable", approver: null };
  if (criticalityIndex(criticality) > criticalityIndex(row.leastCriticalAllowed)) return { outcome: "blocked", reason: "criticality_too_low", approver: null };
  if (row.approver === "srm") return { outcome: "allowed", approver: "srm" };
  return { outcome: "needs_acceptance", approver: row.approver };
}

/** Why a configured rule cannot be used: every class once, and a rule never looser for a higher risk. */
export function acceptableRiskRuleProblems(rule: AcceptableRiskRule): string[] {
  const problems: string[] = [];
  const order: AcceptabilityClass[] = ["medium_or_below", "high", "very_high", "unacceptable"];
  for (const riskClass of order) {
    const count = rule.filter((row) => row.riskClass === riskClass).length;
    if (count !== 1) problems.push(`The rule needs exactly one row for ${riskClass} (has ${count})`);
  }
  if (rule.find((row) => row.riskClass === "unacceptable")?.leastCriticalAllowed !== null) problems.push("Unacceptable risk is never allowed");
  const reach = (riskClass: AcceptabilityClass) => {
    const row = rule.find((candidate) => candidate.riskClass === riskClass);
    return row?.leastCriticalAllowed ? criticalityIndex(row.leastCriticalAllowed) : -1;
  };
  for (let index = 1; index < order.length; index += 1) {
    if (reach(order[index]) > reach(order[index - 1])) problems.push(`A ${order[index]} risk may not allow more programmes than a ${order[index - 1]} one`);
  }
  return problems;
}
