import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guide2008Matrix, shippedMatrices, unSrmMatrix } from "./risk-matrices.data.ts";
import { matrixIssues, matrixWarnings } from "./risk-matrix.ts";
import { type AcceptabilityClass, acceptabilityClasses, type RiskMatrix, type TreatmentStrategy } from "./risk-matrix.types.ts";

/**
 * The five unsound matrices of issue 11 (item 16): a rank shared by two levels, a grid that only
 * looks monotone because ranks repeat, acceptability easing as the risk rises, a grid of one level,
 * and "accept" at the highest level without a justification.
 */
const fieldsOf = (matrix: RiskMatrix) => matrixIssues(matrix).map((issue) => issue.field);
const levelIndex = fc.integer({ min: 0, max: unSrmMatrix.levels.length - 1 });

describe("matrix soundness (issue 11, item 16)", () => {
  it("finds both shipped matrices sound, with nothing to justify", () => {
    for (const matrix of shippedMatrices) {
      expect(matrixIssues(matrix, "en")).toEqual([]);
      expect(matrixIssues(matrix, "fr")).toEqual([]);
      expect(matrixWarnings(matrix)).toEqual([]);
    }
  });

  it("(a) refuses two levels with the same rank, on the later level's rank", () => {
    fc.assert(
      fc.property(levelIndex, levelIndex, (from, to) => {
        fc.pre(from !== to);
        const levels = unSrmMatrix.levels.map((level, index) => (index === to ? { ...level, rank: unSrmMatrix.levels[from].rank } : level));
        expect(fieldsOf({ ...unSrmMatrix, levels })).toContain(`levels.${Math.max(from, to)}.rank`);
      }),
    );
  });

  it("(b) checks the grid against the levels' order, so a repeated rank never hides a step down", () => {
    // Two levels tied at rank 0, listed "a" then "b": a grid is monotone only when no "a" comes
    // after a "b" along a row or up a column. Checked cell by cell against that plain definition.
    const tied: RiskMatrix = {
      ...unSrmMatrix,
      likelihood: unSrmMatrix.likelihood.slice(0, 3),
      impact: unSrmMatrix.impact.slice(0, 3),
      levels: [
        { ...unSrmMatrix.levels[0], code: "a", rank: 0 },
        { ...unSrmMatrix.levels[1], code: "b", rank: 0 },
      ],
    };
    const cell = fc.constantFrom("a", "b");
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }), (grid) => {
        const stepsDown = grid.flatMap((row, l) =>
          row.flatMap((code, i) => (code === "a" && ((l > 0 && grid[l - 1][i] === "b") || (i > 0 && row[i - 1] === "b")) ? [`grid.${l}.${i}`] : [])),
        );
        const gridFields = fieldsOf({ ...tied, grid }).filter((field) => /^grid\.\d+\.\d+$/.test(field));
        expect([...new Set(gridFields)]).toEqual(stepsDown);
        expect(fieldsOf({ ...tied, grid })).toContain("levels.1.rank");
      }),
    );
  });

  it("(c) refuses acceptability that eases as the rank rises, on the level that eases", () => {
    const classOf = fc.constantFrom<AcceptabilityClass>(...acceptabilityClasses);
    fc.assert(
      fc.property(fc.array(classOf, { minLength: 6, maxLength: 6 }), (classes) => {
        const levels = unSrmMatrix.levels.map((level, index) => ({ ...level, acceptability: classes[index] }));
        const weights = classes.map((name) => acceptabilityClasses.indexOf(name));
        const easing = weights.flatMap((weight, index) => (weights.slice(0, index).some((lower) => lower > weight) ? [`levels.${index}.acceptability`] : []));
        expect(fieldsOf({ ...unSrmMatrix, levels })).toEqual(easing);
      }),
    );
  });

  it("(d) refuses a grid where every cell is the same level", () => {
    fc.assert(
      fc.property(levelIndex, (index) => {
        const code = unSrmMatrix.levels[index].code;
        const grid = unSrmMatrix.grid.map((row) => row.map(() => code));
        expect(fieldsOf({ ...unSrmMatrix, grid })).toEqual(["grid"]);
      }),
    );
  });

  it("(e) asks for a justification when 'accept' is suggested at the highest level, and then warns", () => {
    // The 2008 guide's Critical cells: scores 20 and 25.
    const topCells = guide2008Matrix.grid.flatMap((row, l) => row.flatMap((code, i) => (code === "critical" ? [[l, i] as const] : [])));
    fc.assert(
      fc.property(fc.constantFrom(...topCells), fc.string({ maxLength: 40 }), ([l, i], justification) => {
        const strategies = guide2008Matrix.strategies?.map((row, r) =>
          row.map((cell, c): TreatmentStrategy[] => (r === l && c === i ? [...cell.filter((name) => name !== "accept"), "accept"] : [...cell])),
        );
        const matrix = { ...guide2008Matrix, strategies, justification };
        expect(fieldsOf(matrix)).toEqual(justification.trim() ? [] : ["justification"]);
        expect(matrixWarnings(matrix).map((warning) => warning.field)).toEqual([`strategies.${l}.${i}`]);
      }),
    );
  });

  it("names the same fields in French, in French words", () => {
    const unsound: RiskMatrix = {
      ...unSrmMatrix,
      levels: unSrmMatrix.levels.map((level, index) => (index === 2 ? { ...level, rank: 1, acceptability: "unacceptable" } : level)),
      grid: unSrmMatrix.grid.map((row) => row.map(() => "low")),
    };
    const english = matrixIssues(unsound, "en");
    const french = matrixIssues(unsound, "fr");
    expect(french.map((issue) => issue.field)).toEqual(english.map((issue) => issue.field));
    expect(french.map((issue) => issue.field)).toEqual(["levels.2.rank", "levels.3.acceptability", "levels.4.acceptability", "grid"]);
    for (const [index, issue] of french.entries()) expect(issue.message).not.toBe(english[index].message);
    expect(french[0].message).toMatch(/rang/);
  });
});
