import { z } from "zod";
import { patchOf } from "../structure/patch.ts";
import { isoDate, requiredText, uuidSchema } from "../structure/structure.schemas.ts";
import { programmeCriticalities } from "./acceptable-risk.ts";
import { type SecurityLevel, type ThreatCategory, securityLevelProblems, threatCategories } from "./security-levels.ts";

/**
 * Input of the risk decisions (issue 4 §4 and §5): programme criticality assessments, the
 * acceptance of a residual risk, and proposed security level changes. Shared by server and web.
 */

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(", ")}` });

export const pcAssessmentInput = z.object({
  placeId: uuidSchema.describe("The Designated Area or Security Area where the activity takes place"),
  organisationId: uuidSchema.describe("The organisation whose activity it is"),
  activityKey: uuidSchema
    .nullable()
    .optional()
    .describe("Key of the SRM activity rated (stable across assessment versions); it must belong to an assessment of this area and organisation"),
  activityName: requiredText(200),
  periodFrom: isoDate,
  periodTo: isoDate,
  level: oneOf(programmeCriticalities).describe("pc1 (most critical: lifesaving, or directed by the Secretary-General) to pc4"),
  rationale: requiredText(4000),
  approverName: requiredText(200).describe("Who approved the rating"),
  approvedOn: isoDate,
});
export type PcAssessmentInput = z.infer<typeof pcAssessmentInput>;

/** The place and organisation of a rating never change: they decide who may see and edit it. */
export const pcAssessmentPatch = patchOf(pcAssessmentInput.omit({ placeId: true, organisationId: true }));
export type PcAssessmentPatch = z.infer<typeof pcAssessmentPatch>;

export type FieldProblem = { field: string; message: string };

/** Rules across the fields of a programme criticality assessment, with the day it is checked on. */
export function pcAssessmentProblems(input: Pick<PcAssessmentInput, "periodFrom" | "periodTo" | "approvedOn">, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.periodTo < input.periodFrom) problems.push({ field: "periodTo", message: "must be on or after periodFrom" });
  if (input.approvedOn > today) problems.push({ field: "approvedOn", message: "must not be in the future" });
  return problems;
}

export const riskAcceptanceInput = z.object({
  activityKey: uuidSchema.describe("The activity whose residual risk is accepted"),
  reason: z
    .string({ message: "is required" })
    .trim()
    .min(10, { message: "must say why, in at least 10 characters" })
    .max(4000, { message: "must be at most 4000 characters" }),
  acceptedByName: requiredText(200)
    .nullable()
    .optional()
    .describe("Required when the USG UNDSS must accept the risk: the DO records the USG's decision and names them"),
});
export type RiskAcceptanceInput = z.infer<typeof riskAcceptanceInput>;

const levelField = z
  .number({ message: "must be a whole number from 1 to 6" })
  .int({ message: "must be a whole number from 1 to 6" })
  .min(1, { message: "must be a whole number from 1 to 6" })
  .max(6, { message: "must be a whole number from 1 to 6" });

export const categoryLevelsInput = z.object(
  Object.fromEntries(threatCategories.map((category) => [category, levelField])) as Record<ThreatCategory, typeof levelField>,
  { message: `must give a level for each of ${threatCategories.join(", ")}` },
);

export const securityLevelChangeInput = z.object({
  placeId: uuidSchema.describe("The Designated Area or Security Area"),
  levels: categoryLevelsInput.describe("The level (1 Minimal to 6 Extreme) of each of the five threat categories"),
  overall: levelField.describe("The overall level: at least the highest category level, unless justified"),
  justification: z.string().trim().max(4000, { message: "must be at most 4000 characters" }).nullable().optional(),
});
export type SecurityLevelChangeInput = z.infer<typeof securityLevelChangeInput>;

/** The overall-level rule of the Security Level System, on the input's field names. */
export const securityLevelChangeProblems = (input: SecurityLevelChangeInput): FieldProblem[] =>
  securityLevelProblems({ categories: input.levels as Record<ThreatCategory, SecurityLevel>, overall: input.overall as SecurityLevel, justification: input.justification });

export const levelChangeRejection = z.object({ reason: requiredText(2000).describe("Why the change is rejected; the proposer is told") });
