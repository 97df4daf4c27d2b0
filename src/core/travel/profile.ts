import { z } from "zod";
import { countryCode, isoDate } from "../structure/structure.schemas.ts";

/**
 * A travel profile (issue 13 §2; the Framework of Accountability: every person keeps a TRIP
 * profile for themselves and their eligible family members): who to call, a phone reachable while
 * travelling, nationality and passport, and optional proof-of-life questions. Everything in it is
 * need-to-know, like contacts; the rules here are the shape of what may be stored.
 */

/** Proof-of-life questions: a few are enough for whoever must confirm a missing traveller is alive. */
export const maxProofOfLife = 3;

/** Fields of a profile, in the order a form shows them. */
export const profileFields = [
  "emergencyContactName",
  "emergencyContactRelationship",
  "emergencyContactPhone",
  "travelPhone",
  "nationality",
  "passportNumber",
  "passportCountry",
  "passportExpiresOn",
] as const;
export type ProfileField = (typeof profileFields)[number];

// A blank input means "not given": the form sends what the person left empty as "".
const blankToNull = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === "" ? null : value.trim());

const optionalText = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .nullable()
    .optional()
    .transform(blankToNull);

/** Digits a phone number holds: ITU E.164 allows at most 15; fewer than 6 reaches no one. */
export const phoneDigits = (value: string) => value.replace(/\D/g, "").length;

/** A phone someone could dial from abroad: digits, spaces and + ( ) . / -, 6 to 15 digits. */
export const phoneNumber = z
  .string()
  .max(40, { message: "must be at most 40 characters" })
  .regex(/^[+0-9 ()./-]*$/, { message: "may contain only digits, spaces and + ( ) . / -" })
  // Counted only on a number made of the allowed characters: one fault, one message.
  .refine((value) => !/^[+0-9 ()./-]*$/.test(value) || value.trim() === "" || (phoneDigits(value) >= 6 && phoneDigits(value) <= 15), {
    message: "must hold 6 to 15 digits",
  })
  .nullable()
  .optional()
  .transform(blankToNull);

// Blank first, then the shared rule: its own message ("must be an ISO 3166-1 alpha-2 country code") names the fault.
const optionalCountry = z.string().nullable().optional().transform(blankToNull).pipe(countryCode.nullable());

/** Passport numbers are 5 to 20 letters and digits across issuing states (ICAO 9303 allows 9; some add more). */
export const passportNumberPattern = /^[A-Z0-9]{5,20}$/;

const passportNumber = z
  .string()
  .max(40, { message: "must be at most 40 characters" })
  .nullable()
  .optional()
  .transform((value) => (blankToNull(value) ?? null)?.replace(/[\s-]/g, "").toUpperCase() ?? null)
  .refine((value) => value === null || passportNumberPattern.test(value), { message: "must be 5 to 20 letters and digits" });

const passportExpiresOn = z.string().nullable().optional().transform(blankToNull).pipe(isoDate.nullable());

export const proofOfLifeInput = z.object({
  question: z.string().trim().min(1, { message: "is required" }).max(200, { message: "must be at most 200 characters" }),
  answer: z.string().trim().min(1, { message: "is required" }).max(200, { message: "must be at most 200 characters" }),
});

export const travelProfileInput = z.object({
  emergencyContactName: optionalText(120).describe("Who to call if something happens to the traveller"),
  emergencyContactRelationship: optionalText(80).describe("Spouse, parent, friend…"),
  emergencyContactPhone: phoneNumber,
  travelPhone: phoneNumber.describe("A phone reachable while travelling"),
  nationality: optionalCountry.describe("ISO 3166-1 alpha-2"),
  passportNumber: passportNumber.describe("Need-to-know: never written in clear to the audit trail"),
  passportCountry: optionalCountry.describe("The issuing state, ISO 3166-1 alpha-2"),
  passportExpiresOn: passportExpiresOn.describe("YYYY-MM-DD"),
  proofOfLife: z
    .array(proofOfLifeInput)
    .max(maxProofOfLife, { message: `at most ${maxProofOfLife} proof-of-life questions` })
    .default([])
    .describe("Optional questions only the traveller can answer; the answers are need-to-know"),
});
export type TravelProfileInput = z.input<typeof travelProfileInput>;
export type TravelProfileValues = z.output<typeof travelProfileInput>;

/** No passport is issued for longer than this: an expiry further ahead is a typing mistake. */
export const maxPassportYears = 15;

/**
 * Cross-field rules the schema cannot see alone: passport details go together, and an expiry more
 * than `maxPassportYears` after `today` (YYYY-MM-DD) is refused as a mistake (2052 for 2025).
 */
export function profileProblems(values: TravelProfileValues, today: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const latest = `${Number(today.slice(0, 4)) + maxPassportYears}${today.slice(4)}`;
  if (values.passportExpiresOn && values.passportExpiresOn > latest) {
    problems.push({ field: "passportExpiresOn", message: `is more than ${maxPassportYears} years ahead: check the year` });
  }
  if (values.passportNumber && !values.passportCountry) problems.push({ field: "passportCountry", message: "is required with a passport number" });
  if (values.passportNumber && !values.passportExpiresOn) problems.push({ field: "passportExpiresOn", message: "is required with a passport number" });
  if (!values.passportNumber && (values.passportCountry || values.passportExpiresOn)) problems.push({ field: "passportNumber", message: "is required with the passport's country or expiry" });
  return problems;
}

/** A passport that lapses before a day (a trip's return): a warning for later, never a clearance rule today. */
export const passportLapsesBefore = (expiresOn: string | null, day: string) => expiresOn !== null && expiresOn < day;
