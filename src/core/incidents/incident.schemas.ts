import { isKnownTimeZone } from "./time-zone.ts";
import { z } from "zod";
import { recruitmentTypes, sexes } from "../personnel/personnel.schemas.ts";
import { patchOf } from "../structure/patch.ts";
import { latitude, longitude, requiredText, uuidSchema } from "../structure/structure.schemas.ts";
import { assetKinds, personOutcomes, premisesKinds } from "./incident-taxonomy.types.ts";

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of ${values.join(", ")}` });

const optionalText = (max: number) =>
  z.string().trim().max(max, { message: `must be at most ${max} characters` }).nullable().optional();

const flag = z.boolean({ message: "must be true or false" });

/** Where the information came from. */
export const incidentSources = [
  "un_security",
  "un_personnel",
  "host_authorities",
  "humanitarian_partner",
  "media",
  "local_contact",
  "other",
] as const;
export type IncidentSource = (typeof incidentSources)[number];

/** Field reports often cannot tell the sex of every person affected. */
export const incidentSexes = [...sexes, "unknown"] as const;
export type IncidentSex = (typeof incidentSexes)[number];

/** True for a time zone name the runtime knows (IANA, as Africa/Nairobi), false for anything else. */
export { isKnownTimeZone };

/** Exactly one of a duty station or free coordinates. The area is resolved from it on the server. */
export const incidentPlaceInput = z
  .object({
    dutyStationId: uuidSchema.nullable().optional(),
    coordinates: z.object({ latitude, longitude }).nullable().optional(),
  })
  .superRefine((place, context) => {
    const given = Number(place.dutyStationId != null) + Number(place.coordinates != null);
    if (given === 0) context.addIssue({ code: "custom", message: "needs a duty station or coordinates" });
    if (given === 2) context.addIssue({ code: "custom", message: "takes a duty station or coordinates, not both" });
  });
export type IncidentPlaceInput = z.infer<typeof incidentPlaceInput>;

export const reporterInput = z.object({
  name: requiredText(160),
  personId: uuidSchema.nullable().optional(),
  contact: optionalText(200),
});

/** One line of people affected: how many people of one recruitment type and sex had one outcome. */
export const personAffectedInput = z.object({
  outcome: oneOf(personOutcomes),
  recruitmentType: oneOf(recruitmentTypes),
  sex: oneOf(incidentSexes),
  count: z
    .int({ message: "must be a whole number" })
    .min(1, { message: "must be at least 1" })
    .max(10_000, { message: "must be at most 10000" }),
  /** Links the line to one personnel record; its count is then 1. */
  personId: uuidSchema.nullable().optional(),
  organisationId: uuidSchema.nullable().optional(),
});
export type PersonAffectedInput = z.infer<typeof personAffectedInput>;

export const premisesAffectedInput = z.object({
  kind: oneOf(premisesKinds),
  description: requiredText(300),
});
export type PremisesAffectedInput = z.infer<typeof premisesAffectedInput>;

export const assetAffectedInput = z.object({
  kind: oneOf(assetKinds),
  description: requiredText(300),
});
export type AssetAffectedInput = z.infer<typeof assetAffectedInput>;

/**
 * An incident as recorded or submitted. The schema checks shape; the taxonomy and SSIRS rules
 * (which need the category) are `incidentProblems` in `incident-rules.ts`.
 */
export const incidentInput = z.object({
  occurredAt: z.iso
    .datetime({
      offset: true,
      message: "must be a date and time with its UTC offset, as 2026-05-17T14:30:00+03:00",
    })
    // PostgreSQL has no year 0, and drivers read years below 100 back as 19xx or 20xx.
    .refine((value) => Date.parse(value) >= Date.UTC(1900, 0, 1), { message: "must be in 1900 or later" }),
  timeZone: z
    .string()
    .trim()
    .min(1, { message: "is required" })
    .max(64, { message: "must be at most 64 characters" })
    .refine(isKnownTimeZone, { message: "must be an IANA time zone name, as Africa/Nairobi" }),
  place: incidentPlaceInput,
  // A plain string, not an enum: unknown codes get the taxonomy's own explanation from the rules.
  categoryCode: requiredText(64),
  description: requiredText(10_000),
  source: oneOf(incidentSources),
  sourceDetail: optionalText(300),
  reporter: reporterInput,
  // SSIRS policy: the "soft switch" separates UN incidents from situational awareness only (IASMN 2015 §57, §60)
  affectsUn: flag.default(true),
  isNearMiss: flag.default(false),
  // SSIRS policy: incidents involving military contingents or formed police units are not recorded (IASMN 2015 §60)
  involvesMilitaryOrFormedPolice: flag.default(false),
  organisationsAffected: z.array(uuidSchema).max(50, { message: "may list at most 50 organisations" }).default([]),
  peopleAffected: z.array(personAffectedInput).max(200, { message: "may have at most 200 lines" }).default([]),
  premisesAffected: z.array(premisesAffectedInput).max(50, { message: "may list at most 50 premises" }).default([]),
  assetsAffected: z.array(assetAffectedInput).max(100, { message: "may list at most 100 assets" }).default([]),
});
export type IncidentInput = z.infer<typeof incidentInput>;

/** Any field may be revised at any time (IASMN 2015 §58); the merged record is checked again. */
export const incidentPatch = patchOf(incidentInput);
export type IncidentPatch = z.infer<typeof incidentPatch>;
