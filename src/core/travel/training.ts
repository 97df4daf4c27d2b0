import { z } from "zod";
import { addDays } from "../appointments/continuity.ts";
import { addMonths } from "../risk/srm-review.ts";
import { isoDate, requiredText, uuidSchema } from "../structure/structure.schemas.ts";
import { patchOf } from "../structure/patch.ts";

/**
 * Security training and its certificates (issue 13 §1; DOMAIN §6: BSAFE and SSAFE, valid three
 * years; the 2015 seed's area-specific induction such as SAIT). Clearance depends on them: a
 * traveller needs a valid BSAFE through the return date, and every course the destination requires.
 */
export const courseKinds = ["bsafe", "ssafe", "induction", "other"] as const;
export type CourseKind = (typeof courseKinds)[number];

export const certificateSources = ["upload", "import", "focal_point"] as const;
export type CertificateSource = (typeof certificateSources)[number];

/** Days before expiry at which the person and their focal point are reminded. */
export const reminderDays = [60, 14] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(", ")}` });

export const courseInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, { message: "must be 2 to 32 capital letters, digits, - or _ (BSAFE, SAIT-MLI)" })
    .describe("Short code, as learning platforms export it"),
  kind: oneOf(courseKinds),
  nameEn: requiredText(200),
  nameFr: requiredText(200),
  validityMonths: z
    .number({ message: "must be a number of months" })
    .int({ message: "must be a whole number of months" })
    .min(1, { message: "must be at least 1 month" })
    .max(120, { message: "must be at most 120 months (ten years)" })
    .describe("How long a certificate stays valid after completion"),
  isActive: z.boolean().default(true).describe("An inactive course takes no new certificates; the existing ones still count"),
});
export type CourseInput = z.infer<typeof courseInput>;
export const coursePatch = patchOf(courseInput.omit({ code: true }));
export type CoursePatch = z.infer<typeof coursePatch>;

const optionalText = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).nullable().optional();

export const certificateInput = z.object({
  personId: uuidSchema,
  courseId: uuidSchema,
  completedOn: isoDate.describe("The day the course was completed"),
  expiresOn: isoDate.nullable().optional().describe("Set only to override the computed expiry; needs expiryReason"),
  expiryReason: optionalText(500).describe("Why the expiry differs from completion + the course's validity"),
  issuer: optionalText(200).describe("Who issued the certificate (a learning platform, a trainer)"),
});
export type CertificateInput = z.infer<typeof certificateInput>;
export const certificatePatch = patchOf(certificateInput.omit({ personId: true, courseId: true }));
export type CertificatePatch = z.infer<typeof certificatePatch>;

/** The expiry a certificate gets from its course: completion plus the validity, clamped to a month's end. */
export function computedExpiry(completedOn: string, validityMonths: number): string {
  return addMonths(completedOn, validityMonths);
}

export type CertificateStatus = "valid" | "expiring" | "expired";

/**
 * Where a certificate stands on `today`: expired from the day after its expiry (a certificate
 * is valid on its last day), "expiring" within the first reminder's window.
 */
export function certificateStatus(expiresOn: string, today: string): CertificateStatus {
  if (expiresOn < today) return "expired";
  return expiresOn <= addDays(today, reminderDays[0]) ? "expiring" : "valid";
}

/** Whether a certificate covers a whole period: valid on every day from now through `until` (a trip's return). */
export function isValidThrough(expiresOn: string, until: string): boolean {
  return expiresOn >= until;
}

export type CertificateProblem = { field: string; message: string };

/** The rules' words in the two working languages: the API answers in English, an import in its reader's. */
const ruleWords = {
  future: { en: "must not be in the future", fr: "ne doit pas être dans le futur" },
  reason: { en: "is required when the expiry is set by hand", fr: "est obligatoire quand l'expiration est fixée à la main" },
  beforeCompletion: { en: "must not be before the completion date", fr: "ne doit pas précéder la date de fin de formation" },
} as const;

/** The rules a certificate must keep, beyond its shape: each problem names its field. */
export function certificateProblems(
  input: { completedOn: string; expiresOn?: string | null; expiryReason?: string | null },
  today: string,
  language: "en" | "fr" = "en",
): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  if (input.completedOn > today) problems.push({ field: "completedOn", message: ruleWords.future[language] });
  if (input.expiresOn && !input.expiryReason) problems.push({ field: "expiryReason", message: ruleWords.reason[language] });
  if (input.expiresOn && input.expiresOn < input.completedOn) problems.push({ field: "expiresOn", message: ruleWords.beforeCompletion[language] });
  return problems;
}
