import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isKnownTimeZone, offsetAt } from "./time-zone.ts";

const referenceFormatters = new Map<string, Intl.DateTimeFormat | null>();

/** The offset as the first version read it: formatToParts, no memory of offsets. */
function directOffset(timeZone: string, instant: number): number | null {
  if (!referenceFormatters.has(timeZone)) {
    try {
      referenceFormatters.set(timeZone, new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }));
    } catch {
      referenceFormatters.set(timeZone, null);
    }
  }
  const formatter = referenceFormatters.get(timeZone);
  if (!formatter) return null;
  const name = formatter.formatToParts(new Date(instant)).find((part) => part.type === "timeZoneName")?.value;
  const match = name ? /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name) : null;
  if (!match) return null;
  if (!match[1]) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

const minute = 60_000;
const day = 86_400_000;

// Summer time in both hemispheres, half-hour and 45-minute offsets, a half-hour summer shift
// (Lord Howe), Ramadan changes (Casablanca), a zone that changed its standard offset (Caracas),
// and zones without changes, as most duty stations are.
const zones = [
  "Europe/Paris",
  "America/New_York",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "Africa/Casablanca",
  "America/Caracas",
  "Africa/Bamako",
  "Africa/Nairobi",
  "UTC",
];

/** The instants where a zone's offset changed between two years, to the minute. */
function transitions(timeZone: string, fromYear: number, toYear: number): number[] {
  const found: number[] = [];
  let previous = Date.UTC(fromYear, 0, 1);
  let before = directOffset(timeZone, previous);
  for (let instant = previous + day; instant <= Date.UTC(toYear, 0, 1); instant += day) {
    const offset = directOffset(timeZone, instant);
    if (offset !== before) {
      let low = previous;
      let high = instant;
      while (high - low > minute) {
        const middle = low + Math.floor((high - low) / 2 / minute) * minute;
        if (directOffset(timeZone, middle) === before) low = middle;
        else high = middle;
      }
      found.push(high);
    }
    previous = instant;
    before = offset;
  }
  return found;
}

const changes = zones.flatMap((timeZone) => transitions(timeZone, 2015, 2031).map((instant) => ({ timeZone, instant })));

describe("offsetAt", () => {
  it("finds the transitions it is tested across", () => {
    // Two a year in Paris, New York, Santiago, Lord Howe and Chatham, more in Casablanca.
    expect(changes.length).toBeGreaterThan(5 * 2 * 15);
    expect(changes.some((change) => change.timeZone === "Australia/Lord_Howe")).toBe(true);
  });

  it("equals the direct computation near summer-time and other transitions, asked in any order and again", () => {
    const nearChange = fc
      .record({ change: fc.constantFrom(...changes), shift: fc.integer({ min: -3 * 60 * minute, max: 3 * 60 * minute }) })
      .map(({ change, shift }) => ({ timeZone: change.timeZone, instant: change.instant + shift }));
    const onMinuteNearChange = fc
      .record({ change: fc.constantFrom(...changes), minutes: fc.integer({ min: -3, max: 3 }) })
      .map(({ change, minutes }) => ({ timeZone: change.timeZone, instant: change.instant + minutes * minute - (minutes === 0 ? 1 : 0) }));
    const anywhere = fc.record({ timeZone: fc.constantFrom(...zones), instant: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }) });
    fc.assert(
      fc.property(fc.array(fc.oneof(nearChange, onMinuteNearChange, anywhere), { minLength: 1, maxLength: 30 }), (asks) => {
        // Each asked twice: the second answer comes from memory.
        for (const { timeZone, instant } of [...asks, ...[...asks].reverse()]) {
          expect(offsetAt(timeZone, instant), `${timeZone} at ${new Date(instant).toISOString()}`).toBe(directOffset(timeZone, instant));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("states each transition on the right side of it", () => {
    for (const { timeZone, instant } of changes) {
      expect(offsetAt(timeZone, instant - 1)).toBe(directOffset(timeZone, instant - 1));
      expect(offsetAt(timeZone, instant)).toBe(directOffset(timeZone, instant));
      expect(offsetAt(timeZone, instant)).not.toBe(offsetAt(timeZone, instant - minute));
    }
  });

  it("stays exact past its memory's bound, with many instants in one zone", () => {
    const start = Date.UTC(2024, 2, 1);
    for (let index = 0; index < 120_000; index += 1) {
      const instant = start + index * 17 * minute;
      if (index % 997 === 0 || index > 119_900) expect(offsetAt("Europe/Paris", instant)).toBe(directOffset("Europe/Paris", instant));
      else offsetAt("Europe/Paris", instant);
    }
    expect(offsetAt("Europe/Paris", Date.UTC(2024, 6, 1))).toBe(120);
    expect(offsetAt("Europe/Paris", Date.UTC(2024, 0, 1))).toBe(60);
  });

  it("reads whole offsets, negative ones, and none for an unknown zone or a local mean time with seconds", () => {
    expect(offsetAt("Asia/Kathmandu", Date.UTC(2026, 4, 17))).toBe(345);
    expect(offsetAt("America/Port-au-Prince", Date.UTC(2026, 0, 17))).toBe(-300);
    expect(offsetAt("UTC", Date.UTC(2026, 0, 17))).toBe(0);
    expect(offsetAt("Mars/Olympus", Date.UTC(2026, 0, 17))).toBeNull();
    expect(offsetAt("Mars/Olympus", Date.UTC(2026, 0, 17))).toBeNull();
    // Monrovia kept -00:44:30 until 1972: no whole-minute offset to state.
    expect(offsetAt("Africa/Monrovia", Date.UTC(1950, 0, 1))).toBe(directOffset("Africa/Monrovia", Date.UTC(1950, 0, 1)));
    expect(offsetAt("Africa/Monrovia", Date.UTC(1950, 0, 1))).toBeNull();
  });

  it("refuses an invalid instant, as before", () => {
    expect(() => offsetAt("Europe/Paris", Number.NaN)).toThrow(RangeError);
  });
});

describe("isKnownTimeZone", () => {
  it("knows IANA names and refuses bare offsets and unknown names", () => {
    for (const name of ["Africa/Bamako", "Pacific/Chatham", "Etc/GMT-14"]) expect(isKnownTimeZone(name), name).toBe(true);
    for (const name of ["+05:45", "Africa/Atlantis", ""]) expect(isKnownTimeZone(name), name).toBe(false);
  });
});
