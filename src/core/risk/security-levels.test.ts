import { describe, expect, it } from "vitest";
import { type SecurityLevel, securityLevelProblems } from "./security-levels.ts";

const categories = (levels: [SecurityLevel, SecurityLevel, SecurityLevel, SecurityLevel, SecurityLevel]) => ({
  armed_conflict: levels[0],
  terrorism: levels[1],
  crime: levels[2],
  civil_unrest: levels[3],
  hazards: levels[4],
});

describe("the overall security level", () => {
  it("may equal or exceed the highest category level without a justification", () => {
    expect(securityLevelProblems({ categories: categories([2, 4, 3, 1, 2]), overall: 4 })).toEqual([]);
    expect(securityLevelProblems({ categories: categories([2, 4, 3, 1, 2]), overall: 5 })).toEqual([]);
  });

  it("needs a justification to sit below the highest category level", () => {
    expect(securityLevelProblems({ categories: categories([2, 4, 3, 1, 2]), overall: 3 })).toEqual([
      { field: "justification", message: "is required when the overall level (3) is below the highest category level (4)" },
    ]);
    expect(securityLevelProblems({ categories: categories([2, 4, 3, 1, 2]), overall: 3, justification: "  " })).toHaveLength(1);
    expect(securityLevelProblems({ categories: categories([2, 4, 3, 1, 2]), overall: 3, justification: "Terrorism threat confined to the capital's airport road" })).toEqual([]);
  });
});
