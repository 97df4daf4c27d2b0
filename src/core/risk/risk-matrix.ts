import type { RiskCell, RiskLevel, RiskMatrix } from "./risk-matrix.types.ts";

/** A problem with a matrix and the field it concerns (a dotted path, e.g. "grid.2.3"). */
export type MatrixIssue = { field: string; message: string };

/** Why a matrix cannot be used, one sentence per problem, each with the field at fault; empty when it is sound. */
export function matrixIssues(matrix: RiskMatrix): MatrixIssue[] {
  const issues: MatrixIssue[] = [];
  const push = (field: string, message: string) => issues.push({ field, message });
  const levelCodes = new Set(matrix.levels.map((level) => level.code));
  const rankOf = new Map(matrix.levels.map((level) => [level.code, level.rank]));
  const checkScale = (name: "likelihood" | "impact", steps: RiskMatrix["likelihood"]) => {
    if (steps.length < 2) push(name, `The ${name} scale needs at least two steps`);
    steps.forEach((step, index) => {
      if (step.value !== index + 1) push(`${name}.${index}.value`, `The ${name} scale must run 1, 2, 3… in order (step ${index + 1} has value ${step.value})`);
    });
  };
  checkScale("likelihood", matrix.likelihood);
  checkScale("impact", matrix.impact);
  if (levelCodes.size !== matrix.levels.length) push("levels", "Two risk levels share a code");
  if (matrix.grid.length !== matrix.likelihood.length) push("grid", `The grid needs one row per likelihood step (${matrix.likelihood.length}), not ${matrix.grid.length}`);
  matrix.grid.forEach((row, l) => {
    if (row.length !== matrix.impact.length) push(`grid.${l}`, `Grid row ${l + 1} needs one cell per impact step (${matrix.impact.length}), not ${row.length}`);
    for (const [i, code] of row.entries()) {
      const field = `grid.${l}.${i}`;
      if (!levelCodes.has(code)) {
        push(field, `Grid cell (${l + 1}, ${i + 1}) names an unknown level "${code}"`);
        continue;
      }
      // Monotone: more likely or more severe never means a lower risk.
      const rank = rankOf.get(code) ?? 0;
      if (l > 0 && rank < (rankOf.get(matrix.grid[l - 1][i]) ?? 0)) push(field, `Grid cell (${l + 1}, ${i + 1}) is lower than the cell of the likelihood below it`);
      if (i > 0 && rank < (rankOf.get(row[i - 1]) ?? 0)) push(field, `Grid cell (${l + 1}, ${i + 1}) is lower than the cell of the impact before it`);
    }
  });
  if (matrix.strategies) {
    const shapeMatches =
      matrix.strategies.length === matrix.likelihood.length && matrix.strategies.every((row) => row.length === matrix.impact.length && row.every((cell) => cell.length > 0));
    if (!shapeMatches) push("strategies", "The treatment grid must have one non-empty cell per likelihood × impact pair");
  }
  return issues;
}

/** Why a matrix cannot be used, one sentence per problem; empty when it is sound. */
export function matrixProblems(matrix: RiskMatrix): string[] {
  return matrixIssues(matrix).map((issue) => issue.message);
}

function step(scale: RiskMatrix["likelihood"], value: number, name: string) {
  if (!Number.isInteger(value) || value < 1 || value > scale.length) throw new RangeError(`${name} must be a whole number from 1 to ${scale.length}`);
  return value;
}

/** The level, score and suggested strategies for likelihood × impact on this matrix. */
export function riskCell(matrix: RiskMatrix, likelihood: number, impact: number): RiskCell {
  const l = step(matrix.likelihood, likelihood, "likelihood");
  const i = step(matrix.impact, impact, "impact");
  const code = matrix.grid[l - 1][i - 1];
  const level = matrix.levels.find((candidate) => candidate.code === code) as RiskLevel;
  return { level, score: matrix.score === "product" ? l * i : null, strategies: matrix.strategies?.[l - 1][i - 1] ?? [] };
}

export const riskLevel = (matrix: RiskMatrix, likelihood: number, impact: number): RiskLevel => riskCell(matrix, likelihood, impact).level;

/** Builds a grid from score bands (the 2008 guide: level by L × I), so the data states the bands once. */
export function gridFromBands(size: { likelihood: number; impact: number }, bands: readonly { from: number; to: number; level: string }[]): string[][] {
  return Array.from({ length: size.likelihood }, (_, l) =>
    Array.from({ length: size.impact }, (_, i) => {
      const score = (l + 1) * (i + 1);
      const band = bands.find((candidate) => score >= candidate.from && score <= candidate.to);
      if (!band) throw new Error(`No band holds the score ${score}`);
      return band.level;
    }),
  );
}
