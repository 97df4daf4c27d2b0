import { z } from "zod";
// The entry without locales: only the codes are needed here, and Node's main entry would load all
// eighty languages' name tables at start-up (about 0.1 s).
import countries from "i18n-iso-countries/index.js";
import { patchOf } from "./patch.ts";
import { isKnownTimeZone } from "../incidents/time-zone.ts";

export const organisationKinds = ["secretariat", "fund_programme", "specialised_agency", "related_organisation"] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const placeKinds = ["designated_area", "security_area", "duty_station"] as const;
export type PlaceKind = (typeof placeKinds)[number];

const iso3166Codes = new Set(Object.keys(countries.getAlpha2Codes()));

export const uuidSchema = z.uuid({ message: "must be a valid id" });
/**
 * The years a date typed into Vigil may fall in (issue 11, item 11). Due dates may lie ahead, so
 * "not in the future" is each field's own rule; but a year like 9999 or 0001 is a typing mistake
 * that would sort first or last in every list and overdue report, and years below 100 are read
 * back wrong by database drivers.
 */
export const earliestDate = "1900-01-01";
export const latestDate = "2100-12-31";

export const isoDate = z.iso
  .date({ message: "must be a date as YYYY-MM-DD" })
  // Only a well-formed date is compared (as text, which orders YYYY-MM-DD): the format has its own message.
  .refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || (value >= earliestDate && value <= latestDate), {
    message: `must be between ${earliestDate} and ${latestDate}`,
  });
export const requiredText = (max = 200) =>
  z.string().trim().min(1, { message: "is required" }).max(max, { message: `must be at most ${max} characters` });

export const focalPointSchema = z.object({
  name: requiredText(120),
  email: z.email({ message: "must be an e-mail address" }),
  title: z.string().trim().max(120).optional(),
});

export const organisationInput = z.object({
  code: z
    .string()
    .trim()
    .min(2, { message: "must be at least 2 characters" })
    .max(16, { message: "must be at most 16 characters" })
    .regex(/^[A-Za-z0-9-]+$/, { message: "may contain only letters, digits and hyphens" }),
  name: requiredText(200),
  kind: z.enum(organisationKinds, { message: `must be one of ${organisationKinds.join(", ")}` }),
  hqFocalPoints: z.array(focalPointSchema).max(10).default([]),
});
export type OrganisationInput = z.infer<typeof organisationInput>;
export const organisationPatch = patchOf(organisationInput);

export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => iso3166Codes.has(code), { message: "must be an ISO 3166-1 alpha-2 country code" });

export const latitude = z.number().min(-90, { message: "must be between -90 and 90" }).max(90, {
  message: "must be between -90 and 90",
});
export const longitude = z.number().min(-180, { message: "must be between -180 and 180" }).max(180, {
  message: "must be between -180 and 180",
});

/** An IANA zone name (Africa/Kinshasa): local times recorded at the place are read in it. */
export const placeTimeZone = z
  .string()
  .trim()
  .refine(isKnownTimeZone, { message: "must be an IANA time zone name, as Africa/Kinshasa" });

export const placeInput = z.object({
  kind: z.enum(placeKinds, { message: `must be one of ${placeKinds.join(", ")}` }),
  parentId: uuidSchema.nullable().default(null),
  name: requiredText(160),
  countryCode: countryCode.nullable().optional(),
  timeZone: placeTimeZone.nullable().optional(),
  latitude: latitude.nullable().optional(),
  longitude: longitude.nullable().optional(),
});
export type PlaceInput = z.infer<typeof placeInput>;
export const placePatch = z.object({
  name: requiredText(160).optional(),
  countryCode: countryCode.nullable().optional(),
  timeZone: placeTimeZone.nullable().optional(),
  latitude: latitude.nullable().optional(),
  longitude: longitude.nullable().optional(),
});

/** Which kind of place may sit under which: DA at the top, SA under a DA, stations under either. */
export const allowedParentKinds: Record<PlaceKind, readonly (PlaceKind | null)[]> = {
  designated_area: [null],
  security_area: ["designated_area"],
  duty_station: ["designated_area", "security_area"],
};

export type PlaceRuleProblem = { field: string; message: string };

/** Structural rules for a place, checked before any write. */
export function placeProblems(
  input: { kind: PlaceKind; countryCode?: string | null; latitude?: number | null; longitude?: number | null },
  parentKind: PlaceKind | null,
): PlaceRuleProblem[] {
  const problems: PlaceRuleProblem[] = [];
  if (!allowedParentKinds[input.kind].includes(parentKind)) {
    const message =
      input.kind === "designated_area"
        ? "a Designated Area is at the top and has no parent"
        : input.kind === "security_area"
          ? "a Security Area must sit under a Designated Area"
          : "a duty station must sit under a Designated Area or a Security Area";
    problems.push({ field: "parentId", message });
  }
  if (input.kind === "designated_area" && !input.countryCode) {
    problems.push({ field: "countryCode", message: "a Designated Area needs its ISO 3166 country code" });
  }
  if (input.kind === "duty_station" && (input.latitude == null || input.longitude == null)) {
    problems.push({ field: "latitude", message: "a duty station needs coordinates (latitude and longitude)" });
  }
  return problems;
}
