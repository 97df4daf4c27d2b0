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
  timeZone: fields.timeZone,
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
