import { z } from "zod";
import { patchOf } from "../structure/patch.ts";
import { isoDate, requiredText, uuidSchema } from "../structure/structure.schemas.ts";
import { type MeasureKind, type MeasureStatus, isMeasureDone, measureCategories, measureKinds, measureStatuses } from "./risk-enums.ts";

/**
 * SRM measures (issue 4 §3): the input schemas shared by the server and the web form, and the
 * rules that weigh several fields together (`measureProblems`), which the server applies to the
 * record as it would be after a create or a PATCH.
 */

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(", ")}` });
const optionalText = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).nullable().optional();

/** Largest amount numeric(14, 2) holds. */
export const maxCostAmount = 999_999_999_999.99;

// ICU's list of ISO 4217 codes in use (Node and every current browser have it); where a runtime
// lacks it, the shape check alone applies.
const knownCurrencies: ReadonlySet<string> | null =
  typeof Intl.supportedValuesOf === "function" ? new Set(Intl.supportedValuesOf("currency")) : null;

export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { message: "must be an ISO 4217 currency code of three letters, such as USD or XOF" })
  // Only once the shape is right: one message per mistake.
  .refine((code) => !/^[A-Z]{3}$/.test(code) || knownCurrencies === null || knownCurrencies.has(code), { message: "is not an ISO 4217 currency code in use" });

export const costAmount = z
  .number({ message: "must be a number" })
  .min(0, { message: "must be 0 or more" })
  .max(maxCostAmount, { message: `must be at most ${maxCostAmount}` })
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, { message: "must have at most two decimals" });

export const measureInput = z.object({
  kind: oneOf(measureKinds).describe("baseline (MOSS, every area), area (this area only) or organisation (one organisation's stricter measure)"),
  placeId: uuidSchema.describe("The Designated Area or Security Area the measure is implemented in"),
  organisationId: uuidSchema.nullable().optional().describe("Responsible organisation; required for kind organisation"),
  assessmentLineageId: uuidSchema.nullable().optional().describe("The SRM assessment (its lineage, stable across versions) the measure answers"),
  scenarioKey: uuidSchema.nullable().optional().describe("The scenario (its key, stable across versions) of that assessment"),
  category: oneOf(measureCategories),
  title: requiredText(200),
  description: z.string().trim().max(5000, { message: "must be at most 5000 characters" }).default(""),
  ownerName: requiredText(200).describe("Who is responsible for carrying the measure out"),
  dueOn: isoDate.describe("Agreed implementation date"),
  costAmount: costAmount.nullable().optional().describe("Cost, with costCurrency"),
  costCurrency: currencyCode.nullable().optional().describe("ISO 4217 code, required with costAmount"),
  status: oneOf(measureStatuses).default("planned"),
  implementedOn: isoDate.nullable().optional().describe("Required once implemented or verified; not in the future"),
  verifiedOn: isoDate.nullable().optional().describe("Required once verified; not in the future"),
  verificationNote: optionalText(2000).describe(
    "How the verification was done (who checked what, when). A measure is verified only with this note or at least one evidence file: evidence is what an auditor asks for",
  ),
  effectiveness: z
    .number({ message: "must be a whole number from 1 to 5" })
    .int({ message: "must be a whole number from 1 to 5" })
    .min(1, { message: "must be from 1 to 5" })
    .max(5, { message: "must be from 1 to 5" })
    .nullable()
    .optional()
    .describe("After review: 1 (not effective) to 5 (fully effective); only once implemented or verified"),
  effectivenessNote: optionalText(2000),
});
export type MeasureInput = z.infer<typeof measureInput>;

/** A measure stays in its area: its place decides who sees it. */
export const measurePatch = patchOf(measureInput.omit({ placeId: true }));
export type MeasurePatch = z.infer<typeof measurePatch>;

/** The fields the rules read, as stored or as sent. */
export type MeasureFacts = {
  kind: MeasureKind;
  organisationId?: string | null;
  assessmentLineageId?: string | null;
  scenarioKey?: string | null;
  costAmount?: number | string | null;
  costCurrency?: string | null;
  status: MeasureStatus;
  implementedOn?: string | null;
  verifiedOn?: string | null;
  verificationNote?: string | null;
  /** Evidence files attached to the stored measure (none on a create: files come after). */
  evidenceCount?: number;
  effectiveness?: number | null;
  effectivenessNote?: string | null;
};

export type MeasureProblem = { field: string; message: string };

const given = (value: unknown) => value !== null && value !== undefined && value !== "";

/** What is wrong with a measure as a whole (each field alone already passed its schema); `today` as YYYY-MM-DD. */
export function measureProblems(measure: MeasureFacts, today: string): MeasureProblem[] {
  const problems: MeasureProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const isDone = isMeasureDone(measure.status);
  if (measure.kind === "organisation" && !given(measure.organisationId)) add("organisationId", "is required for an organisation-specific measure");
  if (given(measure.scenarioKey) && !given(measure.assessmentLineageId)) add("scenarioKey", "needs assessmentLineageId, the assessment the scenario belongs to");
  if (given(measure.costAmount) && !given(measure.costCurrency)) add("costCurrency", "is required with a cost amount");
  if (given(measure.costCurrency) && !given(measure.costAmount)) add("costAmount", "is required with a currency");
  if (isDone && !given(measure.implementedOn)) add("implementedOn", "is required once the measure is implemented or verified");
  if (!isDone && given(measure.implementedOn)) add("implementedOn", "must be empty until the measure is implemented or verified");
  if (measure.status === "verified" && !given(measure.verifiedOn)) add("verifiedOn", "is required once the measure is verified");
  if (measure.status !== "verified" && given(measure.verifiedOn)) add("verifiedOn", "must be empty until the measure is verified");
  // Verified means someone checked it; what they saw must be on record for an auditor (issue 12 §3.10).
  if (measure.status === "verified" && !measure.verificationNote?.trim() && (measure.evidenceCount ?? 0) === 0) {
    add("verificationNote", "is required to mark the measure verified when no evidence file is attached: say how it was verified, or attach evidence first");
  }
  if (given(measure.implementedOn) && (measure.implementedOn as string) > today) add("implementedOn", "must not be in the future");
  if (given(measure.verifiedOn) && (measure.verifiedOn as string) > today) add("verifiedOn", "must not be in the future");
  if (given(measure.implementedOn) && given(measure.verifiedOn) && (measure.verifiedOn as string) < (measure.implementedOn as string)) {
    add("verifiedOn", "must not be before implementedOn");
  }
  if (given(measure.effectiveness) && !isDone) add("effectiveness", "may be rated only once the measure is implemented or verified");
  if (given(measure.effectivenessNote) && !given(measure.effectiveness)) add("effectivenessNote", "needs an effectiveness rating");
  return problems;
}

/** Overdue: past its agreed date (before `today`) and not yet implemented. */
export function isMeasureOverdue(measure: { status: MeasureStatus; dueOn: string }, today: string): boolean {
  return !isMeasureDone(measure.status) && measure.dueOn < today;
}

/** The overdue rule notifies once, then again each week while the measure stays overdue. */
export const overdueNoticeIntervalDays = 7;

export function isOverdueNoticeDue(lastNoticeAt: Date | null, now: Date): boolean {
  if (lastNoticeAt === null) return true;
  return now.getTime() - lastNoticeAt.getTime() >= overdueNoticeIntervalDays * 24 * 60 * 60 * 1000;
}

// ----- The list and the cross-country view ------------------------------------------------

export const measureSorts = ["dueOn", "title", "status", "cost"] as const;
export type MeasureSort = (typeof measureSorts)[number];

export const compareSorts = ["implementedOn", "cost", "effectiveness"] as const;
export type CompareSort = (typeof compareSorts)[number];

