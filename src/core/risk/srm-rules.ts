import { riskCell } from "./risk-matrix.ts";
import type { RiskMatrix } from "./risk-matrix.types.ts";
import type { ThreatCategory } from "./security-levels.ts";

/** Rules of an SRM assessment's content that depend on its matrix and activities (issue 4). */

export type SrmProblem = { field: string; message: string };

export type ScenarioValues = {
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number;
  residualImpact: number;
  justification: string;
  activityKeys: readonly string[];
};

const scaleFields = [
  ["inherentLikelihood", "likelihood"],
  ["inherentImpact", "impact"],
  ["residualLikelihood", "likelihood"],
  ["residualImpact", "impact"],
] as const;

/**
 * Likelihood and impact on the matrix's scales; the activities among this version's; and a
 * residual risk above the inherent one only with a justification (measures should lower a risk,
 * so a higher residual one is either a mistake or needs explaining, e.g. a measure that draws attention).
 */
export function scenarioProblems(matrix: RiskMatrix, scenario: ScenarioValues, activityKeys: ReadonlySet<string>): SrmProblem[] {
  const problems: SrmProblem[] = [];
  for (const [field, scale] of scaleFields) {
    const steps = matrix[scale].length;
    if (!Number.isInteger(scenario[field]) || scenario[field] < 1 || scenario[field] > steps) {
      problems.push({ field, message: `must be from 1 to ${steps} on the ${scale} scale of the matrix` });
    }
  }
  scenario.activityKeys.forEach((key, index) => {
    if (!activityKeys.has(key)) problems.push({ field: `activityKeys.${index}`, message: "is not an activity of this assessment" });
  });
  if (problems.length) return problems;
  const inherent = riskCell(matrix, scenario.inherentLikelihood, scenario.inherentImpact).level;
  const residual = riskCell(matrix, scenario.residualLikelihood, scenario.residualImpact).level;
  if (residual.rank > inherent.rank && !scenario.justification.trim()) {
    problems.push({
      field: "justification",
      message: `is required when the residual risk (${residual.label.en}) is above the inherent risk (${inherent.label.en})`,
    });
  }
  return problems;
}

export type ThreatValues = { category: ThreatCategory; intent: number | null };

/** One assessment per threat category; a hazard (flood, earthquake) has no intent to rate. */
export function threatProblems(items: readonly ThreatValues[]): SrmProblem[] {
  const problems: SrmProblem[] = [];
  const seen = new Set<ThreatCategory>();
  items.forEach((item, index) => {
    if (seen.has(item.category)) problems.push({ field: `items.${index}.category`, message: "is assessed twice: one threat assessment per category" });
    seen.add(item.category);
    if (item.category === "hazards" && item.intent !== null) problems.push({ field: `items.${index}.intent`, message: "must be empty for hazards, which have no intent" });
  });
  return problems;
}
