import { z } from "zod";
import { boardReasons, boardStatuses } from "../../../../core/risk/acceptable-risk-board.ts";
import { programmeCriticalities, riskApprovers } from "../../../../core/risk/acceptable-risk.ts";
import { carryOverChanges } from "../../../../core/risk/acceptance-carry-over.ts";
import { assessmentStatuses, levelChangeStatuses } from "../../../../core/risk/risk-enums.ts";
import { acceptabilityClasses } from "../../../../core/risk/risk-matrix.types.ts";
import { threatCategories } from "../../../../core/risk/security-levels.ts";
import { actionsField, dateOnly, timestamp } from "../../../platform/http/schemas.ts";

/** Response schemas of the decisions routes (programme criticality, acceptable risk, security levels). */

const localised = z.object({ en: z.string(), fr: z.string() });
const levelOut = z.object({ code: z.string(), label: localised, colour: z.string(), rank: z.number().int() });
const categoryLevels = z.object(Object.fromEntries(threatCategories.map((category) => [category, z.number().int()])) as Record<(typeof threatCategories)[number], z.ZodNumber>);

export const pcAssessmentOut = z.object({
  id: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  organisationId: z.string(),
  organisationCode: z.string(),
  activityKey: z.string().nullable(),
  activityName: z.string(),
  periodFrom: dateOnly,
  periodTo: dateOnly,
  level: z.enum(programmeCriticalities),
  rationale: z.string(),
  approverName: z.string(),
  approvedOn: dateOnly,
  createdAt: timestamp,
  updatedAt: timestamp,
  actions: actionsField,
});

export const acceptanceOut = z.object({
  id: z.string(),
  activityKey: z.string(),
  pcAssessmentId: z.string(),
  criticality: z.enum(programmeCriticalities),
  residualLevel: z.string().describe("Code of the residual risk level accepted, on the assessment's matrix"),
  riskClass: z.enum(acceptabilityClasses),
  approverRole: z.enum(riskApprovers),
  acceptedByName: z.string().describe("Who accepted: the DO, or the USG UNDSS whose decision the DO recorded"),
  recordedByName: z.string().nullable().describe("The signed-in DO who recorded it"),
  reason: z.string(),
  acceptedAt: timestamp,
  carriedFromId: z.string().nullable().describe("Set when the acceptance was carried over from the version approved before: the id of the original"),
});

const changeList = z
  .array(z.enum(carryOverChanges))
  .describe("Why the earlier acceptance does not hold: activity_removed, activity_changed (organisation or name), risk_changed (scenarios or their residual rating), residual_level_changed, criticality_changed");
const activityRef = z.object({ activityKey: z.string(), activityName: z.string() });

/** What happens to the DO's acceptances of the version approved before (issue 12 §3.3). */
export const carryOverOut = z
  .object({
    fromVersion: z.number().int(),
    fromAssessmentId: z.string(),
    carriedOver: z.array(activityRef).describe("Activity and risk unchanged: the acceptance holds (copied onto this version when it is approved)"),
    needNewDecision: z.array(activityRef.extend({ changes: changeList })).describe("Accepted on the earlier version, but something changed: the DO must decide again"),
  })
  .nullable()
  .describe("Null when no version was approved before this one");

export const boardOut = z.object({
  assessment: z.object({
    id: z.string(),
    title: z.string(),
    version: z.number().int(),
    status: z.enum(assessmentStatuses),
    placeId: z.string(),
    placeName: z.string(),
    periodFrom: dateOnly,
    periodTo: dateOnly,
    matrix: z.object({ id: z.string(), code: z.string(), version: z.number().int() }),
  }),
  rule: z.array(z.object({ riskClass: z.enum(acceptabilityClasses), leastCriticalAllowed: z.enum(programmeCriticalities).nullable(), approver: z.enum(riskApprovers) })),
  counts: z.object(Object.fromEntries(boardStatuses.map((status) => [status, z.number().int()])) as Record<(typeof boardStatuses)[number], z.ZodNumber>),
  items: z.array(
    z.object({
      activityKey: z.string(),
      activityId: z.string(),
      activityName: z.string(),
      organisationId: z.string(),
      organisationCode: z.string(),
      pcAssessment: z
        .object({ id: z.string(), level: z.enum(programmeCriticalities), activityName: z.string(), periodFrom: dateOnly, periodTo: dateOnly, approverName: z.string(), approvedOn: dateOnly })
        .nullable()
        .describe("The rating that applies: same activity, period overlapping the assessment's, approved last"),
      scenarios: z.array(
        z.object({
          id: z.string(),
          key: z.string(),
          title: z.string(),
          threatCategory: z.enum(threatCategories),
          residualLikelihood: z.number().int(),
          residualImpact: z.number().int(),
          residualLevel: levelOut,
        }),
      ),
      highestResidualLevel: levelOut.nullable(),
      riskClass: z.enum(acceptabilityClasses).nullable(),
      status: z.enum(boardStatuses).describe("no_pc and blocked: may not go ahead; needs_acceptance: the approver must accept first; allowed and accepted: may go ahead"),
      reason: z.enum(boardReasons).nullable().describe("Why blocked or not assessed; no_scenario when allowed because no scenario concerns the activity"),
      approver: z.enum(riskApprovers).nullable().describe("Who must accept the risk (do, usg_undss), srm when the approved SRM covers it"),
      mayProceed: z.boolean(),
      acceptances: z.array(acceptanceOut.extend({ isCurrent: z.boolean().describe("Given for the rating and risk in force") })),
      canAccept: z.boolean(),
      previousDecision: z
        .object({
          assessmentId: z.string(),
          version: z.number().int(),
          acceptance: acceptanceOut.extend({ isCurrent: z.boolean() }),
          carriesOver: z.boolean(),
          changes: changeList,
        })
        .nullable()
        .describe("The acceptance in force on the version approved before, and whether it holds for this one"),
    }),
  ),
  carryOver: carryOverOut,
});

export const acceptanceListItem = acceptanceOut.extend({
  assessmentId: z.string(),
  assessmentTitle: z.string(),
  assessmentVersion: z.number().int(),
  placeId: z.string(),
  placeName: z.string(),
  activityName: z.string(),
  organisationCode: z.string(),
});

const areaKind = z.enum(["designated_area", "security_area"]);

export const levelsInForceOut = z.object({
  items: z.array(
    z.object({
      placeId: z.string(),
      placeName: z.string(),
      kind: areaKind,
      countryCode: z.string().nullable().describe("Of the Designated Area"),
      parentId: z.string().nullable(),
      changeId: z.string().nullable(),
      levels: categoryLevels.nullable(),
      overall: z.number().int().nullable(),
      endorsedAt: timestamp.nullable(),
      pendingChange: z
        .object({ id: z.string(), status: z.enum(levelChangeStatuses), overall: z.number().int(), actions: actionsField })
        .nullable()
        .describe("A change awaiting approval or endorsement, for those involved in it"),
    }),
  ),
  pendingCount: z.number().int().describe("Changes awaiting a decision the caller can take"),
});

export const levelChangeOut = z.object({
  id: z.string(),
  placeId: z.string(),
  levels: categoryLevels,
  overall: z.number().int(),
  justification: z.string().nullable(),
  status: z.enum(levelChangeStatuses),
  proposedByName: z.string().nullable(),
  proposedAt: timestamp,
  approvedByName: z.string().nullable(),
  approvedAt: timestamp.nullable(),
  endorsedByName: z.string().nullable(),
  endorsedAt: timestamp.nullable(),
  rejectedByName: z.string().nullable(),
  rejectedAt: timestamp.nullable(),
  rejectionReason: z.string().nullable(),
  actions: actionsField,
});

export const levelHistoryOut = z.object({
  place: z.object({ id: z.string(), name: z.string(), kind: areaKind, parentId: z.string().nullable() }),
  inForce: z.object({ changeId: z.string(), levels: categoryLevels, overall: z.number().int(), endorsedAt: timestamp }).nullable(),
  items: z.array(levelChangeOut),
  actions: actionsField,
});
