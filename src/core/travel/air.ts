import { z } from "zod";
import type { AcceptabilityClass } from "../risk/risk-matrix.types.ts";
import { isoDate, requiredText, uuidSchema } from "../structure/structure.schemas.ts";
import { type OperatorCategory, type TransportMode, operatorCategories } from "./clearance.ts";

/**
 * Air travel (issue 13 §5): the register of air operators and their categories, the Risk
 * Management Tool (RMT) assessments that let a Conditional operator be used, and the pure rules
 * the services and the clearance evaluation share. Unrestricted, Conditional, Restricted: three
 * categories, never collapsed into two.
 */

export const operatorKinds = ["airline", "charter_operator", "donated_flight_provider"] as const;
export type OperatorKindName = (typeof operatorKinds)[number];

/**
 * Which kinds of operator a leg's transport may name. Commercial air: an airline. Charter: a
 * charter operator. Donated flight: a provider of donated flights. UN air service (UNHAS and the
 * missions' air assets) flies its own contracted aircraft: an airline or a charter operator, never
 * a donated flight, which is a kind of its own.
 */
export const operatorKindsFor: Record<TransportMode, readonly OperatorKindName[]> = {
  commercial_air: ["airline"],
  un_air: ["airline", "charter_operator"],
  charter: ["charter_operator"],
  donated_flight: ["donated_flight_provider"],
  road: [],
  boat: [],
  rail: [],
};

/**
 * Charter and donated flights follow their own rules: the 2015 policy leaves them outside the
 * routine clearance of commercial flights, so a leg on one is never cleared automatically — the
 * area's reviewer looks at the arrangement (reason `operator_special_kind`), whatever the category.
 */
export const reviewedKinds: readonly OperatorKindName[] = ["charter_operator", "donated_flight_provider"];

const optionalText = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).nullable().optional();
const category = z.enum(operatorCategories, { message: `must be one of ${operatorCategories.join(", ")}` });

/** A category from a date, with where it comes from; rows are only ever added. */
export const categoryInput = z.object({
  category,
  effectiveFrom: isoDate.describe("The day the category takes effect"),
  source: requiredText(300).describe("Where the category comes from (the aviation risk assessment, a notice…)"),
  note: optionalText(1000),
});
export type CategoryInput = z.infer<typeof categoryInput>;

export const operatorInput = z.object({
  name: requiredText(200),
  kind: z.enum(operatorKinds, { message: `must be one of ${operatorKinds.join(", ")}` }),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, { message: "must be a two-letter country code (ISO 3166-1)" })
    .nullable()
    .optional()
    .describe("State of registry"),
  notes: optionalText(1000),
  /** An operator enters the register with its first category: there is no operator without one. */
  initialCategory: categoryInput,
});
export type OperatorInput = z.infer<typeof operatorInput>;

export const rmtPolicies = ["mandatory", "advisory"] as const;
export const rmtPolicyInput = z.object({
  policy: z.enum(rmtPolicies, { message: "must be mandatory or advisory" }),
});

const scaleValue = z.number({ message: "must be a whole number on the matrix's scale" }).int({ message: "must be a whole number on the matrix's scale" }).min(1, { message: "must be 1 or more" });

export const rmtInput = z
  .object({
    operatorId: uuidSchema,
    organisationId: uuidSchema.describe("The organisation whose travel the assessment covers"),
    fromPlaceId: uuidSchema.describe("One end of the route: a duty station or the area around it"),
    toPlaceId: uuidSchema.describe("The other end of the route"),
    matrixId: uuidSchema.nullable().optional().describe("The risk library's matrix; the default matrix when omitted"),
    likelihood: scaleValue,
    impact: scaleValue,
    justification: requiredText(2000).describe("Why no Unrestricted operator serves the route"),
    mitigations: requiredText(2000),
    validFrom: isoDate,
    validUntil: isoDate,
  })
  .superRefine((value, issues) => {
    if (value.validUntil < value.validFrom) issues.addIssue({ code: "custom", path: ["validUntil"], message: "must not be before validFrom" });
    if (value.fromPlaceId === value.toPlaceId) issues.addIssue({ code: "custom", path: ["toPlaceId"], message: "must differ from fromPlaceId" });
  });
export type RmtInput = z.infer<typeof rmtInput>;

export const rmtDecisions = ["approve", "reject"] as const;
export const rmtDecisionInput = z
  .object({
    decision: z.enum(rmtDecisions, { message: "must be approve or reject" }),
    note: z.string().trim().max(1000, { message: "must be at most 1000 characters" }).nullable().optional(),
  })
  .superRefine((value, issues) => {
    if (value.decision === "reject" && !value.note) issues.addIssue({ code: "custom", path: ["note"], message: "is required to reject" });
  });
export type RmtDecisionInput = z.infer<typeof rmtDecisionInput>;

export type CategoryRow = { category: OperatorCategory; effectiveFrom: string; recordedAt: Date | string };

/**
 * The category on a day: the latest row effective that day (a later recording of the same day wins,
 * so a correction supersedes). Null before the first row takes effect.
 */
export function categoryOn(history: readonly CategoryRow[], day: string): OperatorCategory | null {
  let best: CategoryRow | null = null;
  for (const row of history) {
    if (row.effectiveFrom > day) continue;
    const later = best && row.effectiveFrom === best.effectiveFrom && new Date(row.recordedAt).getTime() >= new Date(best.recordedAt).getTime();
    if (!best || row.effectiveFrom > best.effectiveFrom || later) best = row;
  }
  return best?.category ?? null;
}

/**
 * Who approves an RMT by the level its likelihood and impact give on the matrix: the DO of either
 * end's area up to high; the USG UNDSS at very high (the aviation role records the decision); an
 * unacceptable risk is approved by no one (it can only be rejected).
 */
export type RmtApproverKind = "do" | "usg_undss";
export function approverFor(acceptability: AcceptabilityClass): RmtApproverKind | null {
  if (acceptability === "medium_or_below" || acceptability === "high") return "do";
  if (acceptability === "very_high") return "usg_undss";
  return null;
}

export type RmtCoverage = {
  operatorId: string;
  organisationId: string;
  fromPath: string;
  toPath: string;
  validFrom: string;
  validUntil: string;
  status: string;
};

const within = (placePath: string, rmtPath: string) => placePath.startsWith(rmtPath);

/**
 * Whether an RMT covers a leg: approved, same operator, the traveller's organisation, the leg's
 * departure day within its validity, and the route in either direction (an outbound and a return
 * flight on one operator are one route), each end being the RMT's place or lying inside it — an
 * RMT between two Security Areas covers every duty station in them.
 */
export function rmtCovers(rmt: RmtCoverage, leg: { operatorId: string; organisationId: string; fromPath: string; toPath: string; day: string }): boolean {
  if (rmt.status !== "approved" || rmt.operatorId !== leg.operatorId || rmt.organisationId !== leg.organisationId) return false;
  if (leg.day < rmt.validFrom || leg.day > rmt.validUntil) return false;
  const outbound = within(leg.fromPath, rmt.fromPath) && within(leg.toPath, rmt.toPath);
  const inbound = within(leg.fromPath, rmt.toPath) && within(leg.toPath, rmt.fromPath);
  return outbound || inbound;
}

/** A scale position outside the matrix's scale, as the field to name (null when both fit). */
export function scaleProblem(sizes: { likelihood: number; impact: number }, input: { likelihood: number; impact: number }): { field: string; message: string } | null {
  if (input.likelihood > sizes.likelihood) return { field: "likelihood", message: `must be from 1 to ${sizes.likelihood} on this matrix` };
  if (input.impact > sizes.impact) return { field: "impact", message: `must be from 1 to ${sizes.impact} on this matrix` };
  return null;
}
