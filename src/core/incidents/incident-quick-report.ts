import { z } from "zod";
import { incidentInput, incidentSexes, personAffectedInput } from "./incident.schemas.ts";

/**
 * The quick report: what a person in the field can type on a phone in a minute, often offline
 * (issue 3). Category, when (default: now), where (phone GPS or a duty station), what happened
 * and anyone hurt; the premises or vehicle only when the category needs them. Everything else
 * is filled in: the caller is the reporter, the incident affects the UN, and it is submitted at
 * once so that the P/C/SA sees it (and a critical one raises a flash alert).
 */
const fields = incidentInput.shape;

/** A line of people affected without a personnel link: a phone report counts people, it does not name them. */
export const quickReportPeopleLine = personAffectedInput.omit({ personId: true, organisationId: true }).extend({
  sex: z.enum(incidentSexes, { message: `must be one of ${incidentSexes.join(", ")}` }).default("unknown"),
});

export const quickReportInput = z.object({
  categoryCode: fields.categoryCode,
  // No default here: "now" is taken on the server, so a resent report hashes the same (Idempotency-Key).
  occurredAt: fields.occurredAt.optional(),
  // "Earlier": the wall-clock time the reporter saw at the place; the server reads it in the place's
  // zone (a phone abroad or set to UTC would otherwise shift it).
  occurredLocal: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "must be a local date and time, as 2026-03-02T08:15" })
    .optional(),
  // Sent by reports queued before the zone came from the place; the place's zone is used anyway.
  timeZone: fields.timeZone.optional(),
  place: fields.place,
  description: fields.description,
  isNearMiss: fields.isNearMiss,
  peopleAffected: z.array(quickReportPeopleLine).max(20, { message: "may have at most 20 lines" }).default([]),
  premisesAffected: fields.premisesAffected.unwrap().max(5, { message: "may list at most 5 premises" }).default([]),
  assetsAffected: fields.assetsAffected.unwrap().max(5, { message: "may list at most 5 assets" }).default([]),
});
export type QuickReportInput = z.infer<typeof quickReportInput>;
/** What a client sends (defaults not yet applied). */
export type QuickReportBody = z.input<typeof quickReportInput>;
