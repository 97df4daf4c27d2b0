import { type AcceptableRiskRule, type ProgrammeCriticality, type RiskApprover, acceptableRisk, defaultAcceptableRiskRule } from "./acceptable-risk.ts";
import type { AcceptabilityClass, RiskLevel } from "./risk-matrix.types.ts";

/**
 * The acceptable-risk board of an SRM assessment (issue 4 §4): for each activity, may it go
 * ahead, is it blocked, or who must accept its residual risk first. Pure, so the web app can
 * explain a decision the same way the server makes it.
 */

/**
 * - no_pc: no programme criticality assessment applies; blocked until one is made.
 * - allowed: within the approved SRM (medium risk or below, or no scenario concerns it).
 * - needs_acceptance: the DO or the USG UNDSS must accept the risk first.
 * - accepted: that acceptance is recorded for the criticality and risk in force.
 * - blocked: unacceptable risk, or a criticality too low for the risk.
 */
export const boardStatuses = ["no_pc", "allowed", "needs_acceptance", "accepted", "blocked"] as const;
export type BoardStatus = (typeof boardStatuses)[number];

export const boardReasons = ["no_pc", "no_scenario", "unacceptable", "criticality_too_low"] as const;
export type BoardReason = (typeof boardReasons)[number];

export type ActivityDecision = {
  status: BoardStatus;
  reason: BoardReason | null;
  riskClass: AcceptabilityClass | null;
  /** Who must accept (do, usg_undss), "srm" when the approved SRM covers it, null when blocked or not assessed. */
  approver: RiskApprover | null;
};

/** The highest of some risk levels by rank; null when there are none. */
export function highestLevel<L extends Pick<RiskLevel, "rank">>(levels: readonly L[]): L | null {
  return levels.reduce<L | null>((highest, level) => (highest === null || level.rank > highest.rank ? level : highest), null);
}

/**
 * The decision for one activity. A missing PC assessment blocks the activity even without an
 * assessed risk: every planned activity must be rated before it goes ahead.
 */
export function activityDecision(
  input: { criticality: ProgrammeCriticality | null; highest: Pick<RiskLevel, "acceptability"> | null; isAccepted: boolean },
  rule: AcceptableRiskRule = defaultAcceptableRiskRule,
): ActivityDecision {
  const riskClass = input.highest?.acceptability ?? null;
  if (input.criticality === null) return { status: "no_pc", reason: "no_pc", riskClass, approver: null };
  if (riskClass === null) return { status: "allowed", reason: "no_scenario", riskClass, approver: "srm" };
  const decision = acceptableRisk(riskClass, input.criticality, rule);
  if (decision.outcome === "blocked") return { status: "blocked", reason: decision.reason, riskClass, approver: null };
  if (decision.outcome === "allowed") return { status: "allowed", reason: null, riskClass, approver: "srm" };
  return { status: input.isAccepted ? "accepted" : "needs_acceptance", reason: null, riskClass, approver: decision.approver };
}

/** May the activity go ahead as things stand? */
export const mayProceed = (status: BoardStatus) => status === "allowed" || status === "accepted";

type Dated = { approvedOn: string; periodFrom: string; periodTo: string; createdAt: string };

/**
 * The PC assessment that applies to an activity in an assessment's time frame: the one approved
 * last among those whose period overlaps it (the most recently recorded on the same day).
 */
export function applicableAssessment<T extends Dated>(candidates: readonly T[], period: { from: string; to: string }): T | null {
  const overlapping = candidates.filter((candidate) => candidate.periodFrom <= period.to && candidate.periodTo >= period.from);
  overlapping.sort((a, b) => b.approvedOn.localeCompare(a.approvedOn) || b.createdAt.localeCompare(a.createdAt));
  return overlapping[0] ?? null;
}
