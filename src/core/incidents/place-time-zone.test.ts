import { describe, expect, it } from "vitest";
import { quickLocalToIso } from "./incident-quick-report.mapping.ts";
import { effectiveTimeZone, timeZoneLabel, utcOffsetLabel } from "./place-time-zone.ts";

/** Issue 12 §3.2: local times are read in the zone of the place, through Intl (IANA rules, summer time included). */
describe("the time zone of a place", () => {
  it("is the place's own, else its nearest area's, else UTC and says so", () => {
    expect(effectiveTimeZone([{ timeZone: "Africa/Lubumbashi" }, { timeZone: "Africa/Kinshasa" }])).toEqual({ timeZone: "Africa/Lubumbashi", source: "place" });
    expect(effectiveTimeZone([{ timeZone: null }, { timeZone: undefined }, { timeZone: "Africa/Bamako" }])).toEqual({ timeZone: "Africa/Bamako", source: "area" });
    expect(effectiveTimeZone([{ timeZone: null }, { timeZone: null }])).toEqual({ timeZone: "UTC", source: "fallback" });
    expect(effectiveTimeZone([])).toEqual({ timeZone: "UTC", source: "fallback" });
  });

  it("is shown with its offset at the moment, summer time included", () => {
    expect(timeZoneLabel("Africa/Bamako", Date.parse("2026-06-01T12:00:00Z"))).toBe("Africa/Bamako (UTC+0)");
    expect(timeZoneLabel("Africa/Kinshasa", Date.parse("2026-06-01T12:00:00Z"))).toBe("Africa/Kinshasa (UTC+1)");
    expect(timeZoneLabel("Africa/Lubumbashi", Date.parse("2026-06-01T12:00:00Z"))).toBe("Africa/Lubumbashi (UTC+2)");
    expect(utcOffsetLabel("Europe/Paris", Date.parse("2026-01-15T12:00:00Z"))).toBe("UTC+1");
    expect(utcOffsetLabel("Europe/Paris", Date.parse("2026-07-15T12:00:00Z"))).toBe("UTC+2");
    expect(utcOffsetLabel("America/Port-au-Prince", Date.parse("2026-01-15T12:00:00Z"))).toBe("UTC-5");
    expect(utcOffsetLabel("America/Port-au-Prince", Date.parse("2026-07-15T12:00:00Z"))).toBe("UTC-4");
    expect(utcOffsetLabel("Asia/Kathmandu", Date.parse("2026-07-15T12:00:00Z"))).toBe("UTC+5:45");
    expect(utcOffsetLabel("Not/AZone", 0)).toBeNull();
    expect(timeZoneLabel("Not/AZone", 0)).toBe("Not/AZone");
  });
});

describe("a local time read in the place's zone", () => {
  it("gives the instant with the zone's offset then, on both sides of a summer-time change", () => {
    // Europe/Paris goes from UTC+1 to UTC+2 at 02:00 local on 29 March 2026.
    expect(quickLocalToIso("2026-03-29T01:30", "Europe/Paris")).toBe("2026-03-29T01:30:00+01:00");
    expect(quickLocalToIso("2026-03-29T03:30", "Europe/Paris")).toBe("2026-03-29T03:30:00+02:00");
    // A time in the gap does not exist: it moves forward by the change, as a clock would show it.
    expect(Date.parse(quickLocalToIso("2026-03-29T02:30", "Europe/Paris"))).toBe(Date.parse("2026-03-29T01:30:00Z"));
    // Port-au-Prince: UTC-5 in winter, UTC-4 from 8 March 2026.
    expect(quickLocalToIso("2026-03-07T20:00", "America/Port-au-Prince")).toBe("2026-03-07T20:00:00-05:00");
    expect(quickLocalToIso("2026-03-09T20:00", "America/Port-au-Prince")).toBe("2026-03-09T20:00:00-04:00");
    expect(quickLocalToIso("2026-05-10T22:40", "Africa/Kinshasa")).toBe("2026-05-10T22:40:00+01:00");
    expect(quickLocalToIso("2026-05-10T22:40", "Africa/Bamako")).toBe("2026-05-10T22:40:00Z");
  });

  it("is refused (empty) when it is not a local date and time", () => {
    expect(quickLocalToIso("10/05/2026 22:40", "Africa/Bamako")).toBe("");
    expect(quickLocalToIso("2026-02-30T10:00", "Not/AZone")).toBe("");
  });
});
