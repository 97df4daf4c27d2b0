/**
 * Carrying the DO's risk acceptances over to a new SRM version (issue 12 §3.3). An acceptance
 * was given for one activity, at one residual risk, for one programme criticality rating; a new
 * version keeps it only where none of these changed. "Unchanged" means, for the activity:
 * - same activity: the activity with the same key is still in the version, for the same
 *   organisation and under the same name;
 * - same risk: the same scenarios concern it (by key), on the same matrix, each with the same
 *   residual likelihood and impact;
 * - same residual level: the highest residual level is the one accepted;
 * - same criticality: the programme criticality rating in force is the one the acceptance was
 *   given for, at the same level.
 * Anything else needs a new decision, and the reasons say why.
 */

export const carryOverChanges = ["activity_removed", "activity_changed", "risk_changed", "residual_level_changed", "criticality_changed"] as const;
export type CarryOverChange = (typeof carryOverChanges)[number];

export type ActivityRiskFacts = {
  organisationId: string;
  name: string;
  matrixId: string;
  scenarios: readonly { key: string; residualLikelihood: number; residualImpact: number }[];
  highestLevel: string | null;
  pcAssessmentId: string | null;
  criticality: string | null;
};

export type AcceptedFacts = { residualLevel: string; pcAssessmentId: string; criticality: string };

const scenarioSignature = (facts: ActivityRiskFacts) =>
  [...facts.scenarios]
    .map((scenario) => `${scenario.key}:${scenario.residualLikelihood}x${scenario.residualImpact}`)
    .sort()
    .join("|");

/** Why an acceptance given on the earlier version does not hold on the new one; empty: it carries over. */
export function carryOverProblems(accepted: AcceptedFacts, before: ActivityRiskFacts, after: ActivityRiskFacts | undefined): CarryOverChange[] {
  if (!after) return ["activity_removed"];
  const changes: CarryOverChange[] = [];
  if (after.organisationId !== before.organisationId || after.name.trim() !== before.name.trim()) changes.push("activity_changed");
  if (after.matrixId !== before.matrixId || scenarioSignature(after) !== scenarioSignature(before)) changes.push("risk_changed");
  if (after.highestLevel !== accepted.residualLevel) changes.push("residual_level_changed");
  if (after.pcAssessmentId !== accepted.pcAssessmentId || after.criticality !== accepted.criticality) changes.push("criticality_changed");
  return changes;
}
