import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPeriodicReport } from "./incident-report-periodic.ts";
import { buildIncidentStats } from "./incident-stats.ts";
import {
  addMonths,
  lastTwelveMonths,
  monthCount,
  monthsOf,
  periodLabel,
  previousPeriod,
  reportPeriod,
  yearEarlier,
} from "./incident-stats-period.ts";

describe("month periods", () => {
  it("adds months across years", () => {
    expect(addMonths("2025-01", -1)).toBe("2024-12");
    expect(addMonths("2024-11", 14)).toBe("2026-01");
    expect(monthsOf({ from: "2024-11", to: "2025-02" })).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
  });

  it("gives the previous period of equal length, ending just before", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2100 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 120 }), (year, month, length) => {
        const from = `${year}-${String(month + 1).padStart(2, "0")}`;
        const period = { from, to: addMonths(from, length - 1) };
        const previous = previousPeriod(period);
        expect(monthCount(previous)).toBe(length);
        expect(addMonths(previous.to, 1)).toBe(period.from);
      }),
    );
  });

  it("names quarters and years, and the default twelve months", () => {
    expect(reportPeriod("quarter", 2025, 3)).toEqual({ from: "2025-07", to: "2025-09" });
    expect(reportPeriod("year", 2025)).toEqual({ from: "2025-01", to: "2025-12" });
    expect(periodLabel(reportPeriod("quarter", 2025, 1))).toBe("2025 Q1");
    expect(periodLabel(previousPeriod(reportPeriod("quarter", 2025, 1)))).toBe("2024 Q4");
    expect(periodLabel(yearEarlier(reportPeriod("quarter", 2025, 1)))).toBe("2024 Q1");
    expect(periodLabel(reportPeriod("year", 2025))).toBe("2025");
    expect(periodLabel({ from: "2025-02", to: "2025-04" })).toBe("2025-02 – 2025-04");
    expect(lastTwelveMonths(new Date("2026-01-15T00:00:00Z"))).toEqual({ from: "2025-02", to: "2026-01" });
  });
});

describe("buildIncidentStats", () => {
  it("lines the previous period's months up with the period's, and splits violence from safety", () => {
    const stats = buildIncidentStats(
      { from: "2025-01", to: "2025-02" },
      [
        { grouping: "month", isCurrent: true, key: "2025-02", incidents: 3, affectingUn: 3 },
        { grouping: "month", isCurrent: false, key: "2024-12", incidents: 2, affectingUn: 1 },
        { grouping: "category", isCurrent: true, key: "robbery", incidents: 2, affectingUn: 2 },
        { grouping: "category", isCurrent: true, key: "fire", incidents: 1, affectingUn: 1 },
        { grouping: "category", isCurrent: false, key: "fire", incidents: 2, affectingUn: 1 },
        { grouping: "area", isCurrent: true, key: "/a/b/", incidents: 3, affectingUn: 3 },
      ],
      [
        { grouping: "outcome", isCurrent: true, key: "killed", key2: null, people: 4 },
        { grouping: "category", isCurrent: true, key: "fire", key2: null, people: 4 },
        { grouping: "recruitmentSex", isCurrent: true, key: "international", key2: "female", people: 4 },
      ],
      [{ path: "/a/b/", placeId: "b", name: "Area B" }],
    );
    expect(stats.byMonth).toEqual([
      { month: "2025-01", incidents: 0, previousMonth: "2024-11", previousIncidents: 0 },
      { month: "2025-02", incidents: 3, previousMonth: "2024-12", previousIncidents: 2 },
    ]);
    expect(stats.totals).toEqual({ incidents: 3, affectingUn: 3, people: 4, killed: 4, injured: 0 });
    expect(stats.previousTotals).toEqual({ incidents: 2, affectingUn: 1, people: 0, killed: 0, injured: 0 });
    expect(stats.violenceSafety).toEqual({
      violence: { incidents: 2, people: 0, previousIncidents: 0, previousPeople: 0 },
      safety: { incidents: 1, people: 4, previousIncidents: 2, previousPeople: 0 },
    });
    expect(stats.byArea).toEqual([{ placeId: "b", name: "Area B", incidents: 3, previousIncidents: 0 }]);
  });
});

describe("buildPeriodicReport", () => {
  it("totals by group, category, outcome and area for the three periods compared", () => {
    const report = buildPeriodicReport(
      [
        { period: "current", areaPath: "/a/b/", categoryCode: "robbery", affectsUn: true, incidents: 2 },
        { period: "current", areaPath: "/a/b/", categoryCode: "robbery", affectsUn: false, incidents: 1 },
        { period: "yearEarlier", areaPath: "/a/c/", categoryCode: "fire", affectsUn: true, incidents: 1 },
      ],
      [
        { period: "current", areaPath: "/a/b/", categoryCode: "robbery", outcome: "robbed", recruitmentType: "international", sex: "male", people: 2 },
        { period: "current", areaPath: "/a/b/", categoryCode: "robbery", outcome: "robbed", recruitmentType: "international", sex: "female", people: 1 },
      ],
      [{ path: "/a/b/", placeId: "b", name: "Area B" }],
      "en",
    );
    expect(report.totals.incidents).toEqual({ current: 3, previous: 0, yearEarlier: 1 });
    expect(report.totals.affectingUn).toEqual({ current: 2, previous: 0, yearEarlier: 1 });
    expect(report.byCategory.map((row) => [row.categoryCode, row.affectingUn])).toEqual([
      ["robbery", 2],
      ["fire", 0],
    ]);
    expect(report.byGroup.map((row) => row.label)).toEqual(["Violence and crime", "Safety"]);
    expect(report.peopleByOutcomeDetail).toEqual([
      { outcome: "robbed", outcomeLabel: "Robbed", recruitmentType: "international", recruitmentTypeLabel: "International", bySex: { female: 1, male: 2, other: 0, unknown: 0 }, total: 3 },
    ]);
    expect(report.byArea.map((row) => row.name)).toEqual(["Area B", "/a/c/"]);
    expect(report.violenceSafety.map((row) => row.incidents.current)).toEqual([3, 0]);
  });
});
