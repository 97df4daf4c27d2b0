import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Tenure, addDays, coverageGaps, describeGaps, fromDay, isInForce, isValidTenure, overlaps, toDay } from "./continuity.ts";

// Days are generated as offsets from a fixed origin, so shrunk counter-examples stay readable.
const origin = "2026-01-01";
const day = (offset: number) => addDays(origin, offset);

/** A valid tenure: start within ±80 days of the origin, then either open-ended or 0–60 days long. */
const tenureArbitrary: fc.Arbitrary<Tenure> = fc
  .record({ start: fc.integer({ min: -80, max: 80 }), length: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }) })
  .map(({ start, length }) => ({ startsOn: day(start), endsOn: length === null ? null : day(start + length) }));

const windowArbitrary = fc
  .record({ start: fc.integer({ min: -60, max: 60 }), length: fc.integer({ min: 0, max: 90 }) })
  .map(({ start, length }) => ({ from: day(start), to: day(start + length) }));

function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let current = toDay(from); current <= toDay(to); current += 1) days.push(fromDay(current));
  return days;
}

describe("addDays", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-05-17", 0)).toBe("2026-05-17");
  });

  it("is additive and always yields a YYYY-MM-DD calendar date", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -40_000, max: 40_000 }),
        fc.integer({ min: -5_000, max: 5_000 }),
        fc.integer({ min: -5_000, max: 5_000 }),
        (start, a, b) => {
          const date = day(start);
          expect(addDays(addDays(date, a), b)).toBe(addDays(date, a + b));
          expect(toDay(addDays(date, a)) - toDay(date)).toBe(a);
          expect(addDays(date, a)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(addDays(addDays(date, a), -a)).toBe(date);
        },
      ),
    );
  });
});

describe("isInForce", () => {
  it("covers the start and end days inclusively, and nothing outside them", () => {
    const tenure = { startsOn: "2026-03-01", endsOn: "2026-03-31" };
    expect(isInForce(tenure, "2026-02-28")).toBe(false);
    expect(isInForce(tenure, "2026-03-01")).toBe(true);
    expect(isInForce(tenure, "2026-03-31")).toBe(true);
    expect(isInForce(tenure, "2026-04-01")).toBe(false);
  });

  it("treats an open-ended tenure as in force on every day from its start", () => {
    const tenure = { startsOn: "2026-03-01", endsOn: null };
    expect(isInForce(tenure, "2026-02-28")).toBe(false);
    expect(isInForce(tenure, "2026-03-01")).toBe(true);
    expect(isInForce(tenure, "2199-12-31")).toBe(true);
  });

  it("agrees with the start and end dates for any tenure and day", () => {
    fc.assert(
      fc.property(tenureArbitrary, fc.integer({ min: -200, max: 200 }), (tenure, offset) => {
        const on = day(offset);
        const expected = on >= tenure.startsOn && (tenure.endsOn === null || on <= tenure.endsOn);
        expect(isInForce(tenure, on)).toBe(expected);
      }),
    );
  });
});

describe("isValidTenure", () => {
  it("accepts a one-day tenure and an open-ended one, and refuses an end before the start", () => {
    expect(isValidTenure({ startsOn: "2026-01-01", endsOn: "2026-01-01" })).toBe(true);
    expect(isValidTenure({ startsOn: "2026-01-01", endsOn: null })).toBe(true);
    expect(isValidTenure({ startsOn: "2026-01-02", endsOn: "2026-01-01" })).toBe(false);
  });
});

describe("overlaps", () => {
  it("counts a shared single day as an overlap, and back-to-back tenures as none", () => {
    const march = { startsOn: "2026-03-01", endsOn: "2026-03-31" };
    expect(overlaps(march, { startsOn: "2026-03-31", endsOn: "2026-04-30" })).toBe(true);
    expect(overlaps(march, { startsOn: "2026-04-01", endsOn: "2026-04-30" })).toBe(false);
    expect(overlaps(march, { startsOn: "2026-02-01", endsOn: "2026-02-28" })).toBe(false);
    expect(overlaps(march, { startsOn: "2020-01-01", endsOn: null })).toBe(true);
    expect(overlaps({ startsOn: "2026-04-01", endsOn: null }, march)).toBe(false);
    expect(overlaps({ startsOn: "2026-04-01", endsOn: null }, { startsOn: "2030-01-01", endsOn: null })).toBe(true);
  });

  it("is symmetric", () => {
    fc.assert(fc.property(tenureArbitrary, tenureArbitrary, (a, b) => overlaps(a, b) === overlaps(b, a)));
  });

  it("is true exactly when some day is in force under both tenures", () => {
    fc.assert(
      fc.property(tenureArbitrary, tenureArbitrary, (a, b) => {
        // Every finite tenure ends by origin+140; beyond that, only open-ended ones are in force.
        const sharedDay = daysOf(day(-100), day(150)).some((on) => isInForce(a, on) && isInForce(b, on));
        expect(overlaps(a, b)).toBe(sharedDay);
      }),
    );
  });

  it("makes every tenure overlap itself", () => {
    fc.assert(fc.property(tenureArbitrary, (tenure) => overlaps(tenure, tenure)));
  });
});

describe("coverageGaps", () => {
  it("reports the whole window as one gap when there are no tenures", () => {
    expect(coverageGaps([], "2026-01-01", "2026-01-31")).toEqual([{ from: "2026-01-01", to: "2026-01-31" }]);
  });

  it("reports no gap when an open-ended tenure started before the window", () => {
    expect(coverageGaps([{ startsOn: "2025-06-01", endsOn: null }], "2026-01-01", "2026-12-31")).toEqual([]);
  });

  it("finds the hole between two tenures and the tail after the last one", () => {
    const tenures = [
      { startsOn: "2026-01-10", endsOn: "2026-01-20" },
      { startsOn: "2025-12-01", endsOn: "2026-01-05" },
    ];
    expect(coverageGaps(tenures, "2026-01-01", "2026-01-31")).toEqual([
      { from: "2026-01-06", to: "2026-01-09" },
      { from: "2026-01-21", to: "2026-01-31" },
    ]);
  });

  it("leaves no gap between back-to-back tenures (a DO until the 14th, the DO a.i. from the 15th)", () => {
    const tenures = [
      { startsOn: "2026-01-01", endsOn: "2026-01-14" },
      { startsOn: "2026-01-15", endsOn: null },
    ];
    expect(coverageGaps(tenures, "2026-01-01", "2026-02-28")).toEqual([]);
  });

  it("ignores tenures wholly outside the window", () => {
    const tenures = [
      { startsOn: "2025-01-01", endsOn: "2025-06-30" },
      { startsOn: "2027-01-01", endsOn: null },
    ];
    expect(coverageGaps(tenures, "2026-01-01", "2026-01-31")).toEqual([{ from: "2026-01-01", to: "2026-01-31" }]);
  });

  it("handles a one-day window", () => {
    expect(coverageGaps([], "2026-01-01", "2026-01-01")).toEqual([{ from: "2026-01-01", to: "2026-01-01" }]);
    expect(coverageGaps([{ startsOn: "2026-01-01", endsOn: "2026-01-01" }], "2026-01-01", "2026-01-01")).toEqual([]);
  });

  it("does not depend on the order of the tenures", () => {
    fc.assert(
      fc.property(fc.array(tenureArbitrary, { maxLength: 8 }), windowArbitrary, (tenures, window) => {
        const reversed = [...tenures].reverse();
        expect(coverageGaps(reversed, window.from, window.to)).toEqual(coverageGaps(tenures, window.from, window.to));
      }),
    );
  });

  it("puts every day of the window either under some tenure or inside exactly one gap", () => {
    fc.assert(
      fc.property(fc.array(tenureArbitrary, { maxLength: 8 }), windowArbitrary, (tenures, window) => {
        const gaps = coverageGaps(tenures, window.from, window.to);
        for (const on of daysOf(window.from, window.to)) {
          const isCovered = tenures.some((tenure) => isInForce(tenure, on));
          const containingGaps = gaps.filter((gap) => gap.from <= on && on <= gap.to).length;
          expect(containingGaps).toBe(isCovered ? 0 : 1);
        }
      }),
    );
  });

  it("returns maximal gaps that are sorted, disjoint, non-empty and inside the window", () => {
    fc.assert(
      fc.property(fc.array(tenureArbitrary, { maxLength: 8 }), windowArbitrary, (tenures, window) => {
        const gaps = coverageGaps(tenures, window.from, window.to);
        for (const [index, gap] of gaps.entries()) {
          expect(gap.from <= gap.to).toBe(true);
          expect(gap.from >= window.from && gap.to <= window.to).toBe(true);
          const next = gaps[index + 1];
          if (next) {
            // Sorted and disjoint, and separated by at least one covered day (else they would be one gap).
            expect(toDay(next.from)).toBeGreaterThan(toDay(gap.to) + 1);
            const between = addDays(gap.to, 1);
            expect(tenures.some((tenure) => isInForce(tenure, between))).toBe(true);
          }
        }
      }),
    );
  });

  it("finds no gap whenever an open-ended tenure started on or before the window", () => {
    fc.assert(
      fc.property(
        fc.array(tenureArbitrary, { maxLength: 6 }),
        windowArbitrary,
        fc.integer({ min: 0, max: 400 }),
        (others, window, before) => {
          const tenures = [...others, { startsOn: addDays(window.from, -before), endsOn: null }];
          expect(coverageGaps(tenures, window.from, window.to)).toEqual([]);
        },
      ),
    );
  });

  it("returns the whole window when no tenure touches it", () => {
    fc.assert(
      fc.property(fc.array(tenureArbitrary, { maxLength: 8 }), windowArbitrary, (tenures, window) => {
        const outside = tenures.filter((tenure) => !daysOf(window.from, window.to).some((on) => isInForce(tenure, on)));
        expect(coverageGaps(outside, window.from, window.to)).toEqual([{ from: window.from, to: window.to }]);
      }),
    );
  });
});

describe("describeGaps", () => {
  const today = "2026-11-23";
  const until = "2026-12-23";

  it("dates a gap open today from the day after the last holder left", () => {
    const tenures: Tenure[] = [{ startsOn: "2025-01-01", endsOn: "2026-11-18" }];
    expect(describeGaps(tenures, today, until)).toEqual([{ from: "2026-11-19", to: null }]);
  });

  it("gives no end to a gap that nothing scheduled closes", () => {
    const tenures: Tenure[] = [{ startsOn: "2025-01-01", endsOn: "2026-12-01" }];
    expect(describeGaps(tenures, today, until)).toEqual([{ from: "2026-12-02", to: null }]);
  });

  it("keeps the window's end when a later appointment closes the gap after the window", () => {
    const tenures: Tenure[] = [
      { startsOn: "2025-01-01", endsOn: "2026-12-01" },
      { startsOn: "2027-02-01", endsOn: null },
    ];
    expect(describeGaps(tenures, today, until)).toEqual([{ from: "2026-12-02", to: until }]);
  });

  it("reports nothing for a continuous function", () => {
    expect(describeGaps([{ startsOn: "2025-01-01", endsOn: null }], today, until)).toEqual([]);
  });
});
