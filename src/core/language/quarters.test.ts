import { describe, expect, it } from "vitest";
import { periodLabel, quarterName } from "../incidents/incident-stats-period.ts";

describe("quarters in the reader's language", () => {
  it("writes T3 (troisième trimestre) in French and Q3 in English", () => {
    expect(quarterName(3, "fr")).toBe("T3");
    expect(quarterName("3", "en")).toBe("Q3");
    expect(periodLabel({ from: "2025-07", to: "2025-09" }, "fr")).toBe("T3 2025");
    expect(periodLabel({ from: "2025-07", to: "2025-09" }, "en")).toBe("2025 Q3");
    expect(periodLabel({ from: "2025-01", to: "2025-12" }, "fr")).toBe("2025");
  });
});
