import { describe, expect, it } from "vitest";
import { earliestIncidentYear, incidentClockSkewMinutes, incidentProblems } from "./incident-rules.ts";
import { incident } from "./incident.fixtures.ts";

/** Bug fixed (issue 11, item 11): an incident could be dated 9999-12-31, or in year 1026. */
const now = new Date("2026-06-01T12:00:00Z");
const occurredAtProblems = (occurredAt: string, timeZone = "UTC", language: "en" | "fr" = "en") =>
  incidentProblems(incident({ occurredAt, timeZone }), language, now).filter((problem) => problem.field === "occurredAt");

describe("when an incident may be dated", () => {
  it("refuses a date in the future, naming occurredAt, in English and in French", () => {
    expect(occurredAtProblems("9999-12-31T23:59:59Z")).toEqual([
      { field: "occurredAt", message: expect.stringMatching(/^Must not be in the future \(more than 15 minutes ahead of the server's clock\)/) },
    ]);
    expect(occurredAtProblems("2026-06-02T08:00:00Z", "UTC", "fr")).toEqual([
      { field: "occurredAt", message: expect.stringMatching(/^Ne doit pas être dans le futur \(plus de 15 minutes après l'heure du serveur\)/) },
    ]);
  });

  it(`allows ${incidentClockSkewMinutes} minutes of clock difference, and no more`, () => {
    expect(occurredAtProblems("2026-06-01T12:15:00Z")).toEqual([]);
    expect(occurredAtProblems("2026-06-01T12:15:01Z")).toHaveLength(1);
  });

  it("compares the instant, whatever local time and offset it is written in", () => {
    // 14:10 in Nairobi (+03:00) is 11:10 UTC: ten minutes past, although the wall clock reads later than now in UTC.
    expect(occurredAtProblems("2026-06-01T14:10:00+03:00", "Africa/Nairobi")).toEqual([]);
    // 08:30 in Bogotá (-05:00) is 13:30 UTC: ninety minutes ahead, although the wall clock reads earlier.
    expect(occurredAtProblems("2026-06-01T08:30:00-05:00", "America/Bogota")).toHaveLength(1);
  });

  it(`refuses a year before ${earliestIncidentYear}, the year the United Nations was founded, in English and in French`, () => {
    expect(occurredAtProblems("1944-12-31T10:00:00Z")).toEqual([
      { field: "occurredAt", message: "Must be in 1945 or later (the year the United Nations was founded): check the year" },
    ]);
    expect(occurredAtProblems("1026-03-02T10:00:00Z", "UTC", "fr")).toEqual([
      { field: "occurredAt", message: "Doit être en 1945 ou après (année de la fondation de l'Organisation des Nations Unies) : vérifiez l'année" },
    ]);
    expect(occurredAtProblems("1945-01-01T00:00:00Z")).toEqual([]);
  });

  it("checks only the lower bound when the caller gives no clock", () => {
    expect(incidentProblems(incident({ occurredAt: "9999-12-31T23:59:59Z", timeZone: "UTC" }))).toEqual([]);
    expect(incidentProblems(incident({ occurredAt: "1900-01-01T00:00:00Z", timeZone: "UTC" })).map((problem) => problem.field)).toEqual(["occurredAt"]);
  });

  it("stays total on a value that is not a date", () => {
    expect(occurredAtProblems("yesterday")).toEqual([]);
    expect(incidentProblems({ ...incident(), occurredAt: 12 as never }, "en", now)).toEqual([]);
  });
});
