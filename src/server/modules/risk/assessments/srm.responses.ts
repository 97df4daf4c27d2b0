import { z } from "zod";
import { placeKinds } from "../../../../core/structure/structure.schemas.ts";
import { assessmentStatuses, exposureKinds } from "../../../../core/risk/risk-enums.ts";
import { acceptabilityClasses, treatmentStrategies } from "../../../../core/risk/risk-matrix.types.ts";
import { threatCategories } from "../../../../core/risk/security-levels.ts";
import { actionsField, dateOnly, timestamp } from "../../../platform/http/schemas.ts";
import { carryOverOut } from "../decisions/decisions.responses.ts";

/** Response schemas of the risk matrix and SRM assessment routes (OpenAPI comes from these). */

const localised = z.object({ en: z.string(), fr: z.string() });
const scaleStep = z.object({ value: z.number().int(), label: localised, description: localised, colour: z.string() });

export const riskMatrixDefinitionOut = z.object({
  code: z.string(),
  version: z.number().int(),
  name: localised,
  description: localised,
  likelihood: z.array(scaleStep),
  impact: z.array(scaleStep),
  levels: z.array(z.object({ code: z.string(), label: localised, colour: z.string(), rank: z.number().int(), acceptability: z.enum(acceptabilityClasses) })),
  grid: z.array(z.array(z.string())),
  strategies: z.array(z.array(z.array(z.enum(treatmentStrategies)))).optional(),
  score: z.enum(["product", "none"]),
  justification: z.string().optional().describe('Why "accept" is suggested at the highest level (required when it is)'),
});

export const riskMatrixListItem = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  name: localised,
  isDefault: z.boolean(),
  inUse: z.boolean().describe("Used by an assessment"),
  frozen: z.boolean().describe("Used by an approved or superseded assessment: an edit makes a new version"),
  createdAt: timestamp,
});

export const riskMatrixOut = riskMatrixListItem.extend({ definition: riskMatrixDefinitionOut });
export const riskMatrixEditOut = riskMatrixOut.extend({ createdVersion: z.boolean().describe("True when the edit made a new version (the edited one was frozen)") });

const levelOut = z.object({ code: z.string(), label: localised, colour: z.string() });
const cellOut = z.object({
  level: levelOut.extend({ rank: z.number().int() }),
  score: z.number().int().nullable().describe("Likelihood × impact, on matrices that show it"),
  strategies: z.array(z.enum(treatmentStrategies)).describe("Strategies the matrix suggests for this cell"),
});

export const assessmentListItem = z.object({
  id: z.string(),
  lineageId: z.string(),
  version: z.number().int(),
  placeId: z.string(),
  placeName: z.string(),
  title: z.string(),
  status: z.enum(assessmentStatuses),
  periodFrom: dateOnly,
  periodTo: dateOnly,
  reviewDueOn: dateOnly,
  reviewOverdue: z.boolean().describe("The approved version in force is past its review date"),
  approvedAt: timestamp.nullable(),
  scenarioCount: z.number().int(),
  highestResidualLevel: levelOut.nullable(),
  actions: actionsField,
});

export const assessmentOut = z.object({
  id: z.string(),
  lineageId: z.string(),
  version: z.number().int(),
  placeId: z.string(),
  placeName: z.string(),
  placeKind: z.enum(placeKinds),
  title: z.string(),
  status: z.enum(assessmentStatuses),
  periodFrom: dateOnly,
  periodTo: dateOnly,
  reviewDueOn: dateOnly,
  reviewOverdue: z.boolean(),
  summary: z.string(),
  authorUserId: z.string().nullable(),
  authorName: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  matrix: z.object({ id: z.string(), code: z.string(), version: z.number().int(), definition: riskMatrixDefinitionOut }),
  activities: z.array(
    z.object({ id: z.string(), key: z.string(), organisationId: z.string(), organisationCode: z.string(), name: z.string(), description: z.string() }),
  ),
  threats: z
    .array(
      z.object({
        category: z.enum(threatCategories),
        id: z.string().nullable().describe("Null while the category is not assessed"),
        key: z.string().nullable(),
        intent: z.number().int().nullable(),
        capability: z.number().int().nullable(),
        inhibitingContext: z.number().int().nullable(),
        narrative: z.string(),
      }),
    )
    .describe("One per threat category, always all five"),
  scenarios: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      threatCategory: z.enum(threatCategories),
      title: z.string(),
      description: z.string(),
      exposed: z.array(z.enum(exposureKinds)),
      inherentLikelihood: z.number().int(),
      inherentImpact: z.number().int(),
      residualLikelihood: z.number().int(),
      residualImpact: z.number().int(),
      measuresText: z.string(),
      strategies: z.array(z.enum(treatmentStrategies)),
      justification: z.string(),
      activityKeys: z.array(z.string()),
      inherent: cellOut,
      residual: cellOut,
    }),
  ),
  versions: z.array(z.object({ id: z.string(), version: z.number().int(), status: z.enum(assessmentStatuses), approvedAt: timestamp.nullable() })),
  approval: z
    .object({ byUserId: z.string().nullable(), byName: z.string(), at: timestamp, conditions: z.string().nullable(), smtConsultedOn: dateOnly.nullable() })
    .nullable(),
  returnedForRevision: z
    .object({ byName: z.string(), at: timestamp, reason: z.string() })
    .nullable()
    .describe("The DO's last return for revision, while the version is a draft again"),
  newerVersion: z
    .object({ id: z.string(), version: z.number().int(), status: z.enum(assessmentStatuses) })
    .nullable()
    .describe("The newest later version of this assessment (a draft or one in review, say), for a link from older versions"),
  actions: actionsField,
});

/** The approval's answer: the assessment, and what happened to the acceptances of the version approved before. */
export const approvalOut = assessmentOut.extend({ acceptanceCarryOver: carryOverOut });

const fieldChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
const itemRef = z.object({ key: z.string(), title: z.string() });
const collectionDiff = z.object({ added: z.array(itemRef), removed: z.array(itemRef), changed: z.array(itemRef.extend({ changes: z.array(fieldChange) })) });
const versionRef = z.object({ id: z.string(), version: z.number().int(), status: z.enum(assessmentStatuses) });

export const assessmentDiffOut = z.object({
  from: versionRef.describe("The `against` version"),
  to: versionRef,
  header: z.array(fieldChange),
  activities: collectionDiff,
  threats: collectionDiff.describe("Keyed by threat category"),
  scenarios: collectionDiff,
  activityNames: z.record(z.string(), z.string()).describe("Activity key → name, for the scenarios' activityKeys"),
});

export const overdueReviewOut = z.object({
  id: z.string(),
  lineageId: z.string(),
  version: z.number().int(),
  placeId: z.string(),
  placeName: z.string(),
  title: z.string(),
  reviewDueOn: dateOnly,
});
