import { type MatrixLanguage, matrixMessages } from "./risk-matrix.messages.ts";
import { acceptabilityClasses, type RiskCell, type RiskLevel, type RiskMatrix } from "./risk-matrix.types.ts";

/** A problem with a matrix and the field it concerns (a dotted path, e.g. "grid.2.3"). */
export type MatrixIssue = { field: string; message: string };

/**
 * The levels' total order: by rank, then by their place in the list. Ranks must be distinct (a
 * matrix with a tie is refused), but the grid is checked against this order all the same, so a
 * tie can never make a grid that goes down a level look monotone.
 */
function levelOrder(matrix: RiskMatrix): Map<string, number> {
  const ordered = matrix.levels.map((level, index) => ({ level, index })).sort((a, b) => a.level.rank - b.level.rank || a.index - b.index);
  return new Map(ordered.map(({ level }, position) => [level.code, position]));
}

/** Level rules: codes and ranks unique, and acceptability never easing as the rank rises. */
function levelIssues(matrix: RiskMatrix, language: MatrixLanguage, push: (field: string, message: string) => void) {
  const words = matrixMessages[language];
  const levelCodes = new Set(matrix.levels.map((level) => level.code));
  if (levelCodes.size !== matrix.levels.length) push("levels", words.duplicateCode);
  matrix.levels.forEach((level, index) => {
    const tie = matrix.levels.slice(0, index).find((other) => other.rank === level.rank);
    if (tie) push(`levels.${index}.rank`, words.duplicateRank(level.code, level.rank, tie.code));
  });
  // The acceptable-risk rule (DOMAIN.md §2) asks for more approval the higher the class; a level
  // above another that needs less approval would let a worse risk be accepted more easily.
  const weight = (level: RiskLevel) => acceptabilityClasses.indexOf(level.acceptability);
  matrix.levels.forEach((level, index) => {
    const lower = matrix.levels.filter((other) => other.rank < level.rank && weight(other) > weight(level));
    if (lower.length) push(`levels.${index}.acceptability`, words.acceptabilityFalls(level.code, lower[0].code));
  });
}

/** The cells at the highest level the grid uses that suggest "accept" (as "strategies.l.i"), with that level. */
function acceptAtTop(matrix: RiskMatrix, order: Map<string, number>): { fields: string[]; level: RiskLevel | undefined } {
  const used = matrix.grid.flat().filter((code) => order.has(code));
  if (!matrix.strategies || !used.length) return { fields: [], level: undefined };
  const top = used.reduce((best, code) => ((order.get(code) ?? 0) > (order.get(best) ?? 0) ? code : best));
  const fields: string[] = [];
  matrix.grid.forEach((row, l) => {
    row.forEach((code, i) => {
      if (code === top && matrix.strategies?.[l]?.[i]?.includes("accept")) fields.push(`strategies.${l}.${i}`);
    });
  });
  return { fields, level: matrix.levels.find((level) => level.code === top) };
}

/**
 * Why a matrix cannot be used, one sentence per problem in the reader's language, each with the
 * field at fault; empty when it is sound.
 */
export function matrixIssues(matrix: RiskMatrix, language: MatrixLanguage = "en"): MatrixIssue[] {
  const words = matrixMessages[language];
  const issues: MatrixIssue[] = [];
  const push = (field: string, message: string) => issues.push({ field, message });
  const order = levelOrder(matrix);
  const checkScale = (name: "likelihood" | "impact", steps: RiskMatrix["likelihood"]) => {
    if (steps.length < 2) push(name, words.scaleTooShort(name));
    steps.forEach((step, index) => {
      if (step.value !== index + 1) push(`${name}.${index}.value`, words.scaleOrder(name, index + 1, step.value));
    });
  };
  checkScale("likelihood", matrix.likelihood);
  checkScale("impact", matrix.impact);
  levelIssues(matrix, language, push);
  if (matrix.grid.length !== matrix.likelihood.length) push("grid", words.gridRows(matrix.likelihood.length, matrix.grid.length));
  matrix.grid.forEach((row, l) => {
    if (row.length !== matrix.impact.length) push(`grid.${l}`, words.gridRow(l + 1, matrix.impact.length, row.length));
    for (const [i, code] of row.entries()) {
      const field = `grid.${l}.${i}`;
      const position = order.get(code);
      if (position === undefined) {
        push(field, words.unknownLevel(l + 1, i + 1, code));
        continue;
      }
      // Monotone: more likely or more severe never means a lower risk.
      if (l > 0 && position < (order.get(matrix.grid[l - 1][i]) ?? 0)) push(field, words.lowerThanLikelihoodBelow(l + 1, i + 1));
      if (i > 0 && position < (order.get(row[i - 1]) ?? 0)) push(field, words.lowerThanImpactBefore(l + 1, i + 1));
    }
  });
  const usedCodes = new Set(matrix.grid.flat());
  if (usedCodes.size === 1 && matrix.grid.flat().every((code) => order.has(code))) push("grid", words.singleLevel([...usedCodes][0]));
  if (matrix.strategies) {
    const shapeMatches =
      matrix.strategies.length === matrix.likelihood.length && matrix.strategies.every((row) => row.length === matrix.impact.length && row.every((cell) => cell.length > 0));
    if (!shapeMatches) push("strategies", words.strategiesShape);
  }
  const top = acceptAtTop(matrix, order);
  if (top.fields.length && top.level && !matrix.justification?.trim()) push("justification", words.justificationRequired(top.level.label[language]));
  return issues;
}

/**
 * What a sound matrix may still hold but must explain: "accept" suggested at its highest level
 * (ACAT: the worst risks are avoided or controlled). Allowed with a `justification`, shown beside it.
 */
export function matrixWarnings(matrix: RiskMatrix, language: MatrixLanguage = "en"): MatrixIssue[] {
  const top = acceptAtTop(matrix, levelOrder(matrix));
  const label = top.level?.label[language] ?? "";
  return top.fields.map((field) => ({ field, message: matrixMessages[language].acceptAtTop(label) }));
}

/** Why a matrix cannot be used, one sentence per problem; empty when it is sound. */
export function matrixProblems(matrix: RiskMatrix, language: MatrixLanguage = "en"): string[] {
  return matrixIssues(matrix, language).map((issue) => issue.message);
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
