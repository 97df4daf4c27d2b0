import { z } from "zod";
import { patchOf } from "../structure/patch.ts";
import { isoDate, requiredText, uuidSchema } from "../structure/structure.schemas.ts";
import { assessmentStatuses, exposureKinds } from "./risk-enums.ts";
import { acceptabilityClasses, treatmentStrategies } from "./risk-matrix.types.ts";
import { threatCategories } from "./security-levels.ts";

/**
 * Input schemas of risk matrices and SRM assessments (issue 4), shared by the server's routes
 * and the web app's forms. Messages name the problem; the HTTP layer names the field.
 */

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(", ")}` });
const noDuplicates = <T>(items: T[]) => new Set(items).size === items.length;

// ----- Risk matrices ---------------------------------------------------------------------

const localised = (max: number) => z.object({ en: requiredText(max), fr: requiredText(max) });
const localisedOptional = (max: number) =>
  z.object({ en: z.string().trim().max(max, { message: `must be at most ${max} characters` }), fr: z.string().trim().max(max, { message: `must be at most ${max} characters` }) });
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: "must be a colour as #rrggbb" });
const code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,59}$/, { message: "must be 2 to 60 lower-case letters, digits or underscores, starting with a letter" });

const scaleStep = z.object({
  value: z.number({ message: "must be a number" }).int({ message: "must be a whole number" }),
  label: localised(80),
  description: localisedOptional(400),
  colour,
});
const scale = z.array(scaleStep).min(2, { message: "needs at least two steps" }).max(10, { message: "may have at most ten steps" });

const riskLevelInput = z.object({
  code,
  label: localised(80),
  colour,
  rank: z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(0, { message: "must be 0 or more" }),
  acceptability: oneOf(acceptabilityClasses),
});

/**
 * A matrix definition as an administrator writes it. `version` is the server's to assign;
 * the soundness of the grid (shape, known levels, monotone) is `matrixIssues`, checked by the service.
 */
export const riskMatrixInput = z.object({
  code,
  name: localised(120),
  description: localisedOptional(1000).default({ en: "", fr: "" }),
  likelihood: scale,
  impact: scale,
  levels: z.array(riskLevelInput).min(2, { message: "needs at least two levels" }).max(12, { message: "may have at most twelve levels" }),
  grid: z.array(z.array(z.string().max(60, { message: "must be a level code" }))).min(1, { message: "needs at least one row" }),
  strategies: z
    .array(z.array(z.array(oneOf(treatmentStrategies)).refine(noDuplicates, { message: "names a strategy twice" })))
    .optional(),
  score: oneOf(["product", "none"] as const).default("none"),
  justification: z.string().trim().max(2000, { message: "must be at most 2000 characters" }).optional(),
});
export type RiskMatrixInput = z.infer<typeof riskMatrixInput>;

/** Editing keeps the code (versions of a matrix share it); it may be repeated but not changed. */
export const riskMatrixUpdate = riskMatrixInput.extend({ code: code.optional() });
export type RiskMatrixUpdate = z.infer<typeof riskMatrixUpdate>;

// ----- SRM assessments -------------------------------------------------------------------

const longText = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` });

const assessmentFields = {
  title: requiredText(200),
  periodFrom: isoDate,
  periodTo: isoDate,
  reviewDueOn: isoDate,
  summary: longText(20_000).default(""),
  matrixId: uuidSchema.optional(),
};

const periodInOrder = (value: { periodFrom?: string; periodTo?: string }) => !value.periodFrom || !value.periodTo || value.periodTo >= value.periodFrom;
const periodMessage = { message: "must be on or after the start of the time frame", path: ["periodTo"] };

export const assessmentInput = z.object({ placeId: uuidSchema, ...assessmentFields }).refine(periodInOrder, periodMessage);
export type AssessmentInput = z.infer<typeof assessmentInput>;

/** Header fields of a draft. The area is fixed: an assessment of another area is another assessment. */
export const assessmentPatch = patchOf(z.object(assessmentFields)).refine(periodInOrder, periodMessage);
export type AssessmentPatch = z.infer<typeof assessmentPatch>;

export const assessmentListQuery = {
  placeId: uuidSchema.optional(),
  status: oneOf(assessmentStatuses).optional(),
  allVersions: z
    .enum(["true", "false"], { message: "must be true or false" })
    .default("false")
    .transform((value) => value === "true"),
};

const optionalKey = uuidSchema.optional().describe("Keeps the identity of an existing item across versions; omit for a new item");

export const activityInput = z.object({
  key: optionalKey,
  organisationId: uuidSchema,
  name: requiredText(200),
  description: longText(4000).default(""),
});
export type ActivityInput = z.infer<typeof activityInput>;

export const activitiesInput = z.object({ items: z.array(activityInput).max(200, { message: "may hold at most 200 activities" }) });

const rating = z
  .number({ message: "must be a number" })
  .int({ message: "must be a whole number" })
  .min(1, { message: "must be from 1 to 5" })
  .max(5, { message: "must be from 1 to 5" })
  .nullable()
  .default(null);

export const threatInput = z.object({
  category: oneOf(threatCategories),
  intent: rating,
  capability: rating,
  inhibitingContext: rating,
  narrative: longText(20_000).default(""),
});
export type ThreatInput = z.infer<typeof threatInput>;

export const threatsInput = z.object({ items: z.array(threatInput).max(threatCategories.length, { message: "holds one item per threat category" }) });

const scale1 = z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(1, { message: "must be 1 or more" });

const scenarioFields = {
  threatCategory: oneOf(threatCategories),
  title: requiredText(200),
  description: longText(20_000).default(""),
  exposed: z.array(oneOf(exposureKinds)).refine(noDuplicates, { message: "names an exposure twice" }).default([]),
  inherentLikelihood: scale1,
  inherentImpact: scale1,
  residualLikelihood: scale1,
  residualImpact: scale1,
  measuresText: longText(20_000).default(""),
  strategies: z.array(oneOf(treatmentStrategies)).refine(noDuplicates, { message: "names a strategy twice" }).default([]),
  justification: longText(20_000).default(""),
  activityKeys: z.array(uuidSchema).max(200).refine(noDuplicates, { message: "names an activity twice" }).default([]),
};

/** A risk scenario. Scales and "residual not above inherent" depend on the matrix: checked by the service. */
export const scenarioInput = z.object(scenarioFields);
export type ScenarioInput = z.infer<typeof scenarioInput>;
export const scenarioPatch = patchOf(scenarioInput);
export type ScenarioPatch = z.infer<typeof scenarioPatch>;

export const approvalInput = z.object({
  smtConsultedOn: isoDate.describe("When the SMT was consulted on this assessment (not in the future)"),
  conditions: longText(4000).nullable().optional(),
});
export type ApprovalInput = z.infer<typeof approvalInput>;

/** The DO returns an assessment in review to its author; the reason is what the author must revise. */
export const returnForRevisionInput = z.object({
  reason: z
    .string({ message: "is required" })
    .trim()
    .min(10, { message: "must say what to revise, in at least 10 characters" })
    .max(4000, { message: "must be at most 4000 characters" }),
});
export type ReturnForRevisionInput = z.infer<typeof returnForRevisionInput>;
