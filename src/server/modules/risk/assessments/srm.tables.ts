import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { AssessmentStatus, ExposureKind } from "../../../../core/risk/risk-enums.ts";
import type { RiskMatrix, TreatmentStrategy } from "../../../../core/risk/risk-matrix.types.ts";
import type { ThreatCategory } from "../../../../core/risk/security-levels.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { organisations, places } from "../../structure/index.ts";

/**
 * Risk matrices as data. A version in use by an approved assessment is frozen: an edit makes
 * version n + 1 under the same code, and assessments keep the version they were approved with.
 */
export const riskMatrices = pgTable(
  "risk_matrices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<RiskMatrix>().notNull(),
    // The matrix new assessments start with; exactly one row holds it (partial unique index).
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("risk_matrices_code_version_key").on(table.code, table.version),
    uniqueIndex("risk_matrices_one_default_idx").on(table.isDefault).where(sql`${table.isDefault}`),
  ],
);

/**
 * One version of an area's SRM assessment. Versions of the same assessment share `lineageId`;
 * an approved version is immutable, and editing it starts version n + 1 as a draft (the
 * approved one becomes superseded when the new one is approved).
 */
export const srmAssessments = pgTable(
  "srm_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lineageId: uuid("lineage_id").notNull(),
    version: integer("version").notNull(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    placePath: text("place_path").notNull(),
    matrixId: uuid("matrix_id")
      .notNull()
      .references(() => riskMatrices.id),
    status: text("status").$type<AssessmentStatus>().notNull().default("draft"),
    title: text("title").notNull(),
    periodFrom: date("period_from").notNull(),
    periodTo: date("period_to").notNull(),
    reviewDueOn: date("review_due_on").notNull(),
    summary: text("summary").notNull().default(""),
    authorUserId: uuid("author_user_id").references(() => users.id),
    authorName: text("author_name").notNull(),
    smtConsultedOn: date("smt_consulted_on"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedByUserId: uuid("approved_by_user_id").references(() => users.id),
    approvedByName: text("approved_by_name"),
    approvalConditions: text("approval_conditions"),
    // The DO's last return for revision (issue 12 §3.3): shown on the draft until it is resubmitted.
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    returnedByName: text("returned_by_name"),
    returnReason: text("return_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("srm_assessments_lineage_version_key").on(table.lineageId, table.version),
    index("srm_assessments_place_path_idx").using("btree", table.placePath.op("text_pattern_ops")),
    index("srm_assessments_review_due_idx").on(table.reviewDueOn),
  ],
);

/**
 * Rows below belong to one assessment version and are copied into the next version. `key` stays
 * the same across versions, so the diff view pairs "the same" activity or scenario.
 */
const versioned = {
  id: uuid("id").primaryKey().defaultRandom(),
  key: uuid("key").notNull().defaultRandom(),
  assessmentId: uuid("assessment_id")
    .notNull()
    .references(() => srmAssessments.id, { onDelete: "cascade" }),
};

/** Programme assessment: the activities planned in the area, per organisation. */
export const srmActivities = pgTable(
  "srm_activities",
  {
    ...versioned,
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
  },
  (table) => [index("srm_activities_assessment_idx").on(table.assessmentId), unique("srm_activities_assessment_key").on(table.assessmentId, table.key)],
);

/** Threat assessment, one per threat category. Ratings 1–5; empty for hazards, which have no intent. */
export const srmThreats = pgTable(
  "srm_threats",
  {
    ...versioned,
    category: text("category").$type<ThreatCategory>().notNull(),
    intent: integer("intent"),
    capability: integer("capability"),
    inhibitingContext: integer("inhibiting_context"),
    narrative: text("narrative").notNull().default(""),
  },
  (table) => [unique("srm_threats_assessment_category_key").on(table.assessmentId, table.category)],
);

/** A risk scenario: what could happen, to whom, inherent and residual risk, and the treatment. */
export const srmScenarios = pgTable(
  "srm_scenarios",
  {
    ...versioned,
    threatCategory: text("threat_category").$type<ThreatCategory>().notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    exposed: jsonb("exposed").$type<ExposureKind[]>().notNull().default([]),
    inherentLikelihood: integer("inherent_likelihood").notNull(),
    inherentImpact: integer("inherent_impact").notNull(),
    residualLikelihood: integer("residual_likelihood").notNull(),
    residualImpact: integer("residual_impact").notNull(),
    measuresText: text("measures_text").notNull().default(""),
    strategies: text("strategies").array().$type<TreatmentStrategy[]>().notNull().default(sql`'{}'::text[]`),
    justification: text("justification").notNull().default(""),
    // Keys of the activities (srm_activities.key) this scenario concerns: the acceptable-risk
    // decision weighs each activity against the highest residual risk among its scenarios.
    activityKeys: uuid("activity_keys").array().notNull().default(sql`'{}'::uuid[]`),
    position: integer("position").notNull().default(0),
  },
  (table) => [index("srm_scenarios_assessment_idx").on(table.assessmentId), unique("srm_scenarios_assessment_key").on(table.assessmentId, table.key)],
);
