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
  joinPeriods,
  reportPeriod,
  splitIntoYears,
  yearEarlier,
} from "./incident-stats-period.ts";

describe("month periods", () => {
  it("cuts a period into whole years and the months at either end", () => {
    expect(splitIntoYears({ from: "2016-03", to: "2026-02" })).toEqual({
      years: { from: 2017, to: 2025 },
      months: [
        { from: "2016-03", to: "2016-12" },
        { from: "2026-01", to: "2026-02" },
      ],
    });
    expect(splitIntoYears({ from: "2020-01", to: "2021-12" })).toEqual({ years: { from: 2020, to: 2021 }, months: [] });
    expect(splitIntoYears({ from: "2020-02", to: "2021-11" })).toEqual({ years: null, months: [{ from: "2020-02", to: "2021-11" }] });
    expect(splitIntoYears({ from: "2020-01", to: "2020-11" })).toEqual({ years: null, months: [{ from: "2020-01", to: "2020-11" }] });
  });

  it("joins touching or overlapping periods, keeping the same months", () => {
    expect(joinPeriods([{ from: "2025-01", to: "2025-12" }, { from: "2024-01", to: "2024-12" }, { from: "2027-01", to: "2027-02" }])).toEqual([
      { from: "2024-01", to: "2025-12" },
      { from: "2027-01", to: "2027-02" },
    ]);
    const month = fc.tuple(fc.integer({ min: 2000, max: 2003 }), fc.integer({ min: 1, max: 12 })).map(([year, m]) => `${year}-${String(m).padStart(2, "0")}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(month, fc.integer({ min: 0, max: 14 })), { maxLength: 6 }), (starts) => {
        const periods = starts.map(([from, length]) => ({ from, to: addMonths(from, length) }));
        const joined = joinPeriods(periods);
        expect([...new Set(joined.flatMap(monthsOf))].sort()).toEqual([...new Set(periods.flatMap(monthsOf))].sort());
        expect(joined.flatMap(monthsOf)).toHaveLength(new Set(joined.flatMap(monthsOf)).size);
        for (const [index, period] of joined.slice(1).entries()) expect(monthCount({ from: joined[index].to, to: period.from })).toBeGreaterThan(2);
      }),
    );
  });

  it("covers every month of the period exactly once when split into years", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2100 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 240 }), (year, month, length) => {
        const from = `${year}-${String(month + 1).padStart(2, "0")}`;
        const period = { from, to: addMonths(from, length - 1) };
        const { years, months } = splitIntoYears(period);
        const covered = months.flatMap(monthsOf);
        if (years) {
          for (let whole = years.from; whole <= years.to; whole += 1) covered.push(...monthsOf({ from: `${whole}-01`, to: `${whole}-12` }));
        }
        expect(covered.sort()).toEqual(monthsOf(period));
      }),
    );
  });

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
