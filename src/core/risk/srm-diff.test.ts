import { describe, expect, it } from "vitest";
import { type SrmDiff, type SrmSnapshot, diffSrmVersions, isEmptyDiff } from "./srm-diff.ts";

const scenario = {
  key: "s1",
  title: "Ambush on the Mopti–Gao road",
  threatCategory: "armed_conflict",
  description: "Convoy attacked between checkpoints",
  exposed: ["people", "assets"],
  inherentLikelihood: 4,
  inherentImpact: 4,
  residualLikelihood: 3,
  residualImpact: 4,
  measuresText: "Escorts; movement windows",
  strategies: ["control", "avoid"],
  justification: "",
  activityKeys: ["a1", "a2"],
};

const base: SrmSnapshot = {
  header: { title: "SRM Mali 2026", periodFrom: "2026-01-01", periodTo: "2026-12-31", reviewDueOn: "2026-06-30", summary: "Volatile north", matrix: "un_srm_5x5 v1" },
  activities: [
    { key: "a1", title: "Food distribution", organisation: "WFP", name: "Food distribution", description: "" },
    { key: "a2", title: "Vaccination", organisation: "UNICEF", name: "Vaccination", description: "Polio round" },
  ],
  threats: [
    { key: "crime", title: "Crime", intent: 3, capability: 3, inhibitingContext: 2, narrative: "Banditry" },
    { key: "hazards", title: "Hazards", intent: null, capability: null, inhibitingContext: null, narrative: "Floods" },
  ],
  scenarios: [scenario, { ...scenario, key: "s2", title: "Carjacking in Bamako", threatCategory: "crime", activityKeys: [] }],
};

type Case = { name: string; change: (snapshot: SrmSnapshot) => SrmSnapshot; expected: Partial<SrmDiff> };

const none = { added: [], removed: [], changed: [] };

const cases: Case[] = [
  { name: "no change", change: (s) => s, expected: {} },
  {
    name: "a header field",
    change: (s) => ({ ...s, header: { ...s.header, reviewDueOn: "2026-09-30" } }),
    expected: { header: [{ field: "reviewDueOn", from: "2026-06-30", to: "2026-09-30" }] },
  },
  {
    name: "the matrix version",
    change: (s) => ({ ...s, header: { ...s.header, matrix: "un_srm_5x5 v2" } }),
    expected: { header: [{ field: "matrix", from: "un_srm_5x5 v1", to: "un_srm_5x5 v2" }] },
  },
  {
    name: "one scenario field",
    change: (s) => ({ ...s, scenarios: [{ ...s.scenarios[0], residualLikelihood: 2 }, s.scenarios[1]] }),
    expected: { scenarios: { ...none, changed: [{ key: "s1", title: scenario.title, changes: [{ field: "residualLikelihood", from: 3, to: 2 }] }] } },
  },
  {
    name: "a renamed scenario, under its new title, with both fields in the listed order",
    change: (s) => ({ ...s, scenarios: [{ ...s.scenarios[0], title: "Ambush", measuresText: "Escorts" }, s.scenarios[1]] }),
    expected: {
      scenarios: {
        ...none,
        changed: [
          {
            key: "s1",
            title: "Ambush",
            changes: [
              { field: "title", from: scenario.title, to: "Ambush" },
              { field: "measuresText", from: "Escorts; movement windows", to: "Escorts" },
            ],
          },
        ],
      },
    },
  },
  {
    name: "reordered lists that carry no order",
    change: (s) => ({ ...s, scenarios: [{ ...s.scenarios[0], exposed: ["assets", "people"], strategies: ["avoid", "control"], activityKeys: ["a2", "a1"] }, s.scenarios[1]] }),
    expected: {},
  },
  {
    name: "reordered scenarios",
    change: (s) => ({ ...s, scenarios: [s.scenarios[1], s.scenarios[0]] }),
    expected: {},
  },
  {
    name: "an exposure added",
    change: (s) => ({ ...s, scenarios: [{ ...s.scenarios[0], exposed: ["people", "assets", "programmes"] }, s.scenarios[1]] }),
    expected: {
      scenarios: { ...none, changed: [{ key: "s1", title: scenario.title, changes: [{ field: "exposed", from: ["people", "assets"], to: ["people", "assets", "programmes"] }] }] },
    },
  },
  {
    name: "a scenario added and another removed",
    change: (s) => ({ ...s, scenarios: [s.scenarios[0], { ...scenario, key: "s3", title: "Demonstration at UN House" }] }),
    expected: { scenarios: { added: [{ key: "s3", title: "Demonstration at UN House" }], removed: [{ key: "s2", title: "Carjacking in Bamako" }], changed: [] } },
  },
  {
    name: "an activity moved to another organisation",
    change: (s) => ({ ...s, activities: [{ ...s.activities[0], organisation: "FAO" }, s.activities[1]] }),
    expected: { activities: { ...none, changed: [{ key: "a1", title: "Food distribution", changes: [{ field: "organisation", from: "WFP", to: "FAO" }] }] } },
  },
  {
    name: "an activity removed",
    change: (s) => ({ ...s, activities: [s.activities[0]] }),
    expected: { activities: { ...none, removed: [{ key: "a2", title: "Vaccination" }] } },
  },
  {
    name: "a threat rated for the first time (from empty to a value)",
    change: (s) => ({ ...s, threats: [s.threats[0], { ...s.threats[1], capability: 4 }] }),
    expected: { threats: { ...none, changed: [{ key: "hazards", title: "Hazards", changes: [{ field: "capability", from: null, to: 4 }] }] } },
  },
  {
    name: "a threat category assessed in the new version only",
    change: (s) => ({ ...s, threats: [...s.threats, { key: "terrorism", title: "Terrorism", intent: 4, capability: 3, inhibitingContext: 2, narrative: "" }] }),
    expected: { threats: { ...none, added: [{ key: "terrorism", title: "Terrorism" }] } },
  },
];

describe("the diff between two SRM versions", () => {
  it.each(cases)("shows $name", ({ change, expected }) => {
    const diff = diffSrmVersions(base, change(structuredClone(base)));
    expect(diff).toEqual({ header: [], activities: none, threats: none, scenarios: none, ...expected });
    expect(isEmptyDiff(diff)).toBe(Object.keys(expected).length === 0);
  });

  it("reads the other way round as the inverse", () => {
    const newer = { ...base, scenarios: [{ ...base.scenarios[0], residualImpact: 3 }] };
    const backwards = diffSrmVersions(newer, base);
    expect(backwards.scenarios).toEqual({ added: [{ key: "s2", title: "Carjacking in Bamako" }], removed: [], changed: [{ key: "s1", title: scenario.title, changes: [{ field: "residualImpact", from: 3, to: 4 }] }] });
  });
});
