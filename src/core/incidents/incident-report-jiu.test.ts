import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildJiuTable, jiuRowOf, jiuRows, jiuYearLabel } from "./incident-report-jiu.ts";
import { incidentCategories } from "./incident-taxonomy.data.ts";
import { personOutcomes } from "./incident-taxonomy.types.ts";

describe("jiuRowOf", () => {
  it("counts the killed and injured by violence or safety, whatever the category", () => {
    expect(jiuRowOf("fatality_violence", "killed")).toBe("fatalities_violence");
    expect(jiuRowOf("armed_attack_premises", "killed")).toBe("fatalities_violence");
    expect(jiuRowOf("demonstration", "injured")).toBe("injuries_violence");
    expect(jiuRowOf("road_traffic_accident", "killed")).toBe("fatalities_safety");
    expect(jiuRowOf("natural_disaster", "injured")).toBe("injuries_safety");
    expect(jiuRowOf("robbery", "injured")).toBe("injuries_violence");
  });

  it("counts everyone else in the row of the incident's category", () => {
    expect(jiuRowOf("robbery", "robbed")).toBe("robbery");
    // JIU's row is burglary of a residence: other premises have their own (issue 12 §3.12).
    expect(jiuRowOf("burglary", "unharmed", true)).toBe("burglary_residence");
    expect(jiuRowOf("burglary", "unharmed", false)).toBe("burglary_other_premises");
    expect(jiuRowOf("burglary", "unharmed")).toBe("burglary_other_premises");
    expect(jiuRowOf("sexual_assault", "sexually_assaulted")).toBe("sexual_assault");
    expect(jiuRowOf("arrest_detention", "detained")).toBe("arrest_detention");
    expect(jiuRowOf("carjacking", "robbed")).toBe("category:carjacking");
    // A vehicle break-in is counted with theft (rollsUpTo).
    expect(jiuRowOf("vehicle_break_in", "unharmed")).toBe("category:theft");
    expect(jiuRowOf("fatality_violence", "threatened")).toBe("other");
    expect(jiuRowOf("no_such_category", "killed")).toBe("other");
  });

  it("has the rows of JIU 2016 Table 1, in its order, with burglary of other premises beside that of residences", () => {
    expect(jiuRows.map((row) => row.label.en)).toEqual([
      "Fatalities resulting from acts of violence",
      "Fatalities resulting from safety-related incidents",
      "Injuries resulting from acts of violence",
      "Injuries resulting from safety-related incidents",
      "Abduction",
      "Robbery",
      "Residence break-in",
      "Aggravated assault",
      "Sexual assault",
      "Burglary of residence",
      "Burglary of other premises",
      "Intimidation",
      "Harassment",
      "Arrest and detention",
    ]);
  });
});

describe("buildJiuTable", () => {
  it("lays people out by row and year, with a total row and column", () => {
    const table = buildJiuTable(
      [
        { year: 2015, categoryCode: "robbery", outcome: "robbed", people: 3 },
        { year: 2016, categoryCode: "robbery", outcome: "injured", people: 1 },
        { year: 2016, categoryCode: "fire", outcome: "unharmed", people: 4 },
        { year: 2014, categoryCode: "robbery", outcome: "robbed", people: 99 },
      ],
      2015,
      2016,
      "fr",
      "2026-12-07",
    );
    expect(table.years).toEqual([2015, 2016]);
    expect(table.yearLabels).toEqual(["2015", "2016"]);
    expect(table.rows.find((row) => row.code === "robbery")).toEqual({ code: "robbery", label: "Vol qualifié", cells: [3, 0], total: 3 });
    expect(table.rows.find((row) => row.code === "injuries_violence")?.cells).toEqual([0, 1]);
    expect(table.rows.at(-1)).toEqual({ code: "category:fire", label: "Incendie", cells: [0, 4], total: 4 });
    expect(table.totalRow).toEqual({ code: "total", label: "Total", cells: [3, 5], total: 8 });
  });

  it("counts every person exactly once: the total is every person in the years asked", () => {
    const row = fc.record({
      year: fc.integer({ min: 2010, max: 2020 }),
      categoryCode: fc.constantFrom(...incidentCategories.map((category) => category.code), "unknown_code"),
      outcome: fc.constantFrom(...personOutcomes),
      people: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.integer({ min: 2010, max: 2020 }), fc.integer({ min: 0, max: 5 }), (rows, fromYear, span) => {
        const toYear = fromYear + span;
        const table = buildJiuTable(rows, fromYear, toYear, "en", "2026-12-07");
        const inYears = rows.filter((item) => item.year >= fromYear && item.year <= toYear);
        expect(table.totalRow.total).toBe(inYears.reduce((sum, item) => sum + item.people, 0));
        for (const [index, year] of table.years.entries()) {
          const expected = inYears.filter((item) => item.year === year).reduce((sum, item) => sum + item.people, 0);
          expect(table.totalRow.cells[index]).toBe(expected);
        }
        expect(table.rows.slice(0, jiuRows.length).map((item) => item.code)).toEqual(jiuRows.map((item) => item.code));
      }),
    );
  });
});

describe("jiuYearLabel", () => {
  it("says which part of the year in progress a column covers, in the reader's language", () => {
    expect(jiuYearLabel(2026, "2026-12-07", "en")).toBe("2026 (January – 7 December)");
    expect(jiuYearLabel(2026, "2026-12-07", "fr")).toBe("2026 (janvier – 7 décembre)");
    expect(jiuYearLabel(2026, "2026-01-05", "en")).toBe("2026 (1 January – 5 January)");
    expect(jiuYearLabel(2026, "2026-03-01", "fr")).toBe("2026 (janvier – 1er mars)");
  });

  it("gives a past or future year as the year alone", () => {
    expect(jiuYearLabel(2025, "2026-12-07", "en")).toBe("2025");
    expect(jiuYearLabel(2027, "2026-12-07", "fr")).toBe("2027");
  });

  it("labels the columns of a table reaching the year in progress", () => {
    const table = buildJiuTable([{ year: 2026, categoryCode: "burglary", outcome: "unharmed", people: 2, atResidence: true }], 2025, 2026, "en", "2026-06-30");
    expect(table.yearLabels).toEqual(["2025", "2026 (January – 30 June)"]);
    expect(table.rows.find((row) => row.code === "burglary_residence")?.cells).toEqual([0, 2]);
    expect(table.rows.find((row) => row.code === "burglary_other_premises")?.cells).toEqual([0, 0]);
  });
});
