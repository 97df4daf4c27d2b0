import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guide2008Matrix, shippedMatrices, unSrmMatrix } from "./risk-matrices.data.ts";
import { matrixProblems, riskCell, riskLevel } from "./risk-matrix.ts";
import type { RiskMatrix } from "./risk-matrix.types.ts";

/**
 * Every cell of both shipped matrices, typed out here from DOMAIN.md §2 and the 2008 seed (lines
 * 735–744 and 760–766) rather than computed, so a wrong data file cannot agree with itself.
 * Rows are likelihood 5 (very likely) down to 1, as the documents print them.
 */
const unSrmExpected = [
  ["Low", "Medium", "High", "Very high", "Unacceptable"],
  ["Low", "Medium", "High", "High", "Very high"],
  ["Very low", "Low", "Medium", "High", "High"],
  ["Very low", "Low", "Low", "Medium", "Medium"],
  ["Very low", "Very low", "Very low", "Low", "Low"],
];

// The seed prints row 5, column 3 as "High (12)": 5 × 3 is 15, which is still High.
const guide2008Expected = [
  ["Low (5)", "Medium (10)", "High (15)", "Critical (20)", "Critical (25)"],
  ["Low (4)", "Medium (8)", "High (12)", "High (16)", "Critical (20)"],
  ["Low (3)", "Medium (6)", "Medium (9)", "High (12)", "High (15)"],
  ["Low (2)", "Low (4)", "Medium (6)", "Medium (8)", "Medium (10)"],
  ["Negligible (1)", "Low (2)", "Low (3)", "Low (4)", "Low (5)"],
];

const guide2008Strategies = [
  ["Control", "Control & Transfer", "Control & Avoid", "Control & Avoid", "Avoid"],
  ["Control", "Control & Transfer", "Control & Avoid", "Control & Avoid", "Avoid & Control"],
  ["Control", "Control & Transfer", "Control & Transfer", "Control & Avoid", "Avoid & Control"],
  ["Control & Accept", "Control & Transfer", "Transfer & Control", "Transfer & Control", "Transfer & Control"],
  ["Accept", "Transfer & Accept", "Transfer", "Transfer", "Transfer & Control"],
];

const cells = (rows: string[][]) => rows.flatMap((row, r) => row.map((expected, c) => ({ likelihood: 5 - r, impact: c + 1, expected })));
const capitalised = (code: string) => code.charAt(0).toUpperCase() + code.slice(1);

describe("the UN SRM 5 × 5 matrix", () => {
  it.each(cells(unSrmExpected))("likelihood $likelihood × impact $impact is $expected", ({ likelihood, impact, expected }) => {
    expect(riskLevel(unSrmMatrix, likelihood, impact).label.en).toBe(expected);
    expect(riskCell(unSrmMatrix, likelihood, impact).score).toBeNull();
  });
});

describe("the 2008 guide's L × I matrix", () => {
  it.each(cells(guide2008Expected))("likelihood $likelihood × impact $impact is $expected", ({ likelihood, impact, expected }) => {
    const cell = riskCell(guide2008Matrix, likelihood, impact);
    expect(`${cell.level.label.en} (${cell.score})`).toBe(expected);
  });

  it.each(cells(guide2008Strategies))("suggests $expected for likelihood $likelihood × impact $impact", ({ likelihood, impact, expected }) => {
    const { strategies } = riskCell(guide2008Matrix, likelihood, impact);
    expect(strategies.map(capitalised).join(" & ")).toBe(expected);
  });
});

describe("matrix functions (properties)", () => {
  const forEachShipped = (check: (matrix: RiskMatrix, l: number, i: number) => void) =>
    fc.assert(
      fc.property(fc.constantFrom(...shippedMatrices), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (matrix, l, i) => check(matrix, l, i)),
    );

  it("are total: every likelihood × impact on the scales has a level", () => {
    forEachShipped((matrix, l, i) => {
      expect(matrix.levels).toContain(riskLevel(matrix, l, i));
    });
  });

  it("are monotone in likelihood and in impact", () => {
    forEachShipped((matrix, l, i) => {
      const rank = riskLevel(matrix, l, i).rank;
      if (l < 5) expect(riskLevel(matrix, l + 1, i).rank).toBeGreaterThanOrEqual(rank);
      if (i < 5) expect(riskLevel(matrix, l, i + 1).rank).toBeGreaterThanOrEqual(rank);
    });
  });

  it("refuse a likelihood or impact off the scale", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 6 }), fc.double({ min: 1.01, max: 4.99, noInteger: true })), (value) => {
        expect(() => riskLevel(unSrmMatrix, value, 3)).toThrow(/likelihood/);
        expect(() => riskLevel(unSrmMatrix, 3, value)).toThrow(/impact/);
      }),
    );
  });

  it("find both shipped matrices sound, and any grid made non-monotone unsound", () => {
    for (const matrix of shippedMatrices) expect(matrixProblems(matrix)).toEqual([]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 }), (row, column) => {
        // Lower one cell to the lowest level: still monotone only if the cell of the lower
        // likelihood and the cell of the lower impact are at the lowest level too.
        const grid = unSrmMatrix.grid.map((cells) => [...cells]);
        grid[row + 1][column] = "very_low";
        const isStillMonotone = grid[row][column] === "very_low" && (column === 0 || grid[row + 1][column - 1] === "very_low");
        expect(matrixProblems({ ...unSrmMatrix, grid }).length === 0).toBe(isStillMonotone);
      }),
    );
  });
});
