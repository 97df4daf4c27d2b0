import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { appointmentInput } from "../appointments/appointments.schemas.ts";
import { actionPointInput, meetingInput } from "../meetings/meetings.schemas.ts";
import { dependantInput } from "../personnel/personnel.schemas.ts";
import { pcAssessmentInput } from "../risk/decisions.schemas.ts";
import { measureInput } from "../risk/measures.schemas.ts";
import { approvalInput, assessmentInput } from "../risk/srm.schemas.ts";
import { followUpInput } from "../victims/victims.schemas.ts";
import { earliestDate, isoDate, latestDate } from "./structure.schemas.ts";

/**
 * Bug fixed (issue 11, item 11): dates people type (due dates, meeting dates, appointments) took
 * any year, 9999 and 0001 included. Each still decides whether it may lie in the future.
 */
const bounded = "must be between 1900-01-01 and 2100-12-31";

const messagesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe("isoDate", () => {
  it("refuses years out of 1900–2100, naming the bounds", () => {
    for (const value of ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"]) expect(messagesOf(isoDate, value), value).toEqual([bounded]);
  });

  it("accepts the bounds themselves and dates far ahead (a due date may lie in the future)", () => {
    for (const value of [earliestDate, latestDate, "2026-06-30", "2099-01-01"]) expect(messagesOf(isoDate, value), value).toEqual([]);
  });

  it("gives a malformed date only its format message", () => {
    expect(messagesOf(isoDate, "31/12/9999")).toEqual(["must be a date as YYYY-MM-DD"]);
    expect(messagesOf(isoDate, "2026-02-30")).toEqual(["must be a date as YYYY-MM-DD"]);
  });
});

const fields: [string, z.ZodObject, string][] = [
  ["appointment", appointmentInput, "startsOn"],
  ["appointment", appointmentInput, "endsOn"],
  ["appointment", appointmentInput, "letterDate"],
  ["victim follow-up action", followUpInput, "dueDate"],
  ["SRM measure", measureInput, "dueOn"],
  ["SRM measure", measureInput, "implementedOn"],
  ["SRM measure", measureInput, "verifiedOn"],
  ["SRM assessment", assessmentInput as unknown as z.ZodObject, "periodFrom"],
  ["SRM assessment", assessmentInput as unknown as z.ZodObject, "reviewDueOn"],
  ["SRM approval", approvalInput, "smtConsultedOn"],
  ["programme criticality assessment", pcAssessmentInput as unknown as z.ZodObject, "approvedOn"],
  ["meeting", meetingInput, "heldOn"],
  ["action point", actionPointInput, "dueOn"],
  ["dependant", dependantInput, "birthDate"],
];

describe("dates people enter", () => {
  it.each(fields)("bounds the %s's %s", (_record, schema, field) => {
    const shape = schema.shape as Record<string, z.ZodType>;
    expect(messagesOf(shape[field], "9999-12-31")).toEqual([bounded]);
    expect(messagesOf(shape[field], "0001-01-01")).toEqual([bounded]);
    expect(messagesOf(shape[field], "2030-06-30")).toEqual([]);
  });
});
