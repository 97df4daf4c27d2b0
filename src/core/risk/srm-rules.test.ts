import { describe, expect, it } from "vitest";
import { guide2008Matrix, unSrmMatrix } from "./risk-matrices.data.ts";
import { type ScenarioValues, scenarioProblems, threatProblems } from "./srm-rules.ts";

const threeByThree = {
  ...unSrmMatrix,
  likelihood: unSrmMatrix.likelihood.slice(0, 3),
  impact: unSrmMatrix.impact.slice(0, 3),
  grid: unSrmMatrix.grid.slice(0, 3).map((row) => row.slice(0, 3)),
};

const valid: ScenarioValues = { inherentLikelihood: 4, inherentImpact: 4, residualLikelihood: 3, residualImpact: 3, justification: "", activityKeys: ["a1"] };
const activities = new Set(["a1", "a2"]);

describe("the rules of a risk scenario", () => {
  it.each([
    { name: "a sound scenario", matrix: unSrmMatrix, change: {}, fields: [] },
    { name: "a likelihood beyond the scale", matrix: unSrmMatrix, change: { inherentLikelihood: 6 }, fields: ["inherentLikelihood"] },
    { name: "an impact of zero", matrix: unSrmMatrix, change: { residualImpact: 0 }, fields: ["residualImpact"] },
    { name: "values beyond a 3 × 3 matrix", matrix: threeByThree, change: { residualLikelihood: 3, residualImpact: 3 }, fields: ["inherentLikelihood", "inherentImpact"] },
    { name: "an activity of another assessment", matrix: unSrmMatrix, change: { activityKeys: ["a1", "zz"] }, fields: ["activityKeys.1"] },
    // Very unlikely × Critical (Low) to Likely × Moderate (High): higher, and no reason given.
    {
      name: "a residual risk above the inherent one, unexplained",
      matrix: unSrmMatrix,
      change: { inherentLikelihood: 1, inherentImpact: 5, residualLikelihood: 4, residualImpact: 3 },
      fields: ["justification"],
    },
    {
      name: "a residual risk above the inherent one, explained",
      matrix: unSrmMatrix,
      change: { inherentLikelihood: 1, inherentImpact: 5, residualLikelihood: 4, residualImpact: 3, justification: "The armed escort draws attacks" },
      fields: [],
    },
    { name: "a justification of blanks", matrix: unSrmMatrix, change: { inherentLikelihood: 1, inherentImpact: 1, residualLikelihood: 5, residualImpact: 5, justification: "  " }, fields: ["justification"] },
    // Same level, different cell: Unlikely × Severe and Unlikely × Critical are both Medium.
    { name: "a residual risk at the same level", matrix: unSrmMatrix, change: { inherentLikelihood: 2, inherentImpact: 4, residualLikelihood: 2, residualImpact: 5 }, fields: [] },
    // On the 2008 matrix 2 × 5 (Medium, 10) is above 1 × 5 (Low, 5).
    { name: "a higher band on the 2008 matrix", matrix: guide2008Matrix, change: { inherentLikelihood: 1, inherentImpact: 5, residualLikelihood: 2, residualImpact: 5 }, fields: ["justification"] },
  ])("$name", ({ matrix, change, fields }) => {
    expect(scenarioProblems(matrix, { ...valid, ...change }, activities).map((problem) => problem.field)).toEqual(fields);
  });
});

describe("the rules of a threat assessment", () => {
  it("accepts one item per category, hazards without intent", () => {
    expect(threatProblems([{ category: "crime", intent: 3 }, { category: "hazards", intent: null }])).toEqual([]);
  });
  it("refuses a category assessed twice and a hazard with an intent, naming the item", () => {
    expect(threatProblems([{ category: "crime", intent: 3 }, { category: "crime", intent: 2 }, { category: "hazards", intent: 1 }]).map((problem) => problem.field)).toEqual([
      "items.1.category",
      "items.2.intent",
    ]);
  });
});
