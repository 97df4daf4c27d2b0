import { type AnyPgColumn, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { ProgrammeCriticality, RiskApprover } from "../../../../core/risk/acceptable-risk.ts";
import type { LevelChangeStatus } from "../../../../core/risk/risk-enums.ts";
import type { AcceptabilityClass } from "../../../../core/risk/risk-matrix.types.ts";
import type { SecurityLevel, ThreatCategory } from "../../../../core/risk/security-levels.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { organisations, places } from "../../structure/index.ts";
import { srmAssessments } from "../assessments/srm.tables.ts";

/**
 * Programme criticality: an activity of one organisation, in an area and time frame, rated PC1
 * (most critical) to PC4. `activityKey` links it to the SRM activity it rates (stable across
 * assessment versions).
 */
export const pcAssessments = pgTable(
  "pc_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    placePath: text("place_path").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    activityKey: uuid("activity_key"),
    activityName: text("activity_name").notNull(),
    periodFrom: date("period_from").notNull(),
    periodTo: date("period_to").notNull(),
    level: text("level").$type<ProgrammeCriticality>().notNull(),
    rationale: text("rationale").notNull(),
    approverName: text("approver_name").notNull(),
    approvedOn: date("approved_on").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("pc_assessments_place_path_idx").using("btree", table.placePath.op("text_pattern_ops")),
    index("pc_assessments_activity_idx").on(table.activityKey),
  ],
);

/** Every acceptance of a residual risk: who accepted which risk, for which activity, when and why. */
export const riskAcceptances = pgTable(
  "risk_acceptances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => srmAssessments.id),
    placePath: text("place_path").notNull(),
    activityKey: uuid("activity_key").notNull(),
    pcAssessmentId: uuid("pc_assessment_id")
      .notNull()
      .references(() => pcAssessments.id),
    residualLevel: text("residual_level").notNull(),
    riskClass: text("risk_class").$type<AcceptabilityClass>().notNull(),
    criticality: text("criticality").$type<ProgrammeCriticality>().notNull(),
    approverRole: text("approver_role").$type<RiskApprover>().notNull(),
    // The person who accepted: the signed-in DO, or the USG UNDSS whose decision the DO records.
    acceptedByUserId: uuid("accepted_by_user_id")
      .notNull()
      .references(() => users.id),
    acceptedByName: text("accepted_by_name").notNull(),
    reason: text("reason").notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull().defaultNow(),
    // Set on the copy a new SRM version keeps of an earlier acceptance whose activity and risk
    // are unchanged (issue 12 §3.3): the decision stays the DO's original one, with its date.
    carriedFromId: uuid("carried_from_id").references((): AnyPgColumn => riskAcceptances.id),
  },
  (table) => [index("risk_acceptances_assessment_idx").on(table.assessmentId, table.activityKey)],
);

export type CategoryLevels = Record<ThreatCategory, SecurityLevel>;

/**
 * Security Level System: each proposed change of an area's levels, kept for ever. The level in
 * force is the latest endorsed change.
 */
export const securityLevelChanges = pgTable(
  "security_level_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    placePath: text("place_path").notNull(),
    levels: jsonb("levels").$type<CategoryLevels>().notNull(),
    overall: integer("overall").$type<SecurityLevel>().notNull(),
    justification: text("justification"),
    status: text("status").$type<LevelChangeStatus>().notNull().default("proposed"),
    proposedByUserId: uuid("proposed_by_user_id").references(() => users.id),
    proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull().defaultNow(),
    approvedByUserId: uuid("approved_by_user_id").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    endorsedByUserId: uuid("endorsed_by_user_id").references(() => users.id),
    endorsedAt: timestamp("endorsed_at", { withTimezone: true }),
    rejectedByUserId: uuid("rejected_by_user_id").references(() => users.id),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    rejectionReason: text("rejection_reason"),
  },
  (table) => [
    index("security_level_changes_place_idx").on(table.placeId, table.endorsedAt),
    index("security_level_changes_place_path_idx").using("btree", table.placePath.op("text_pattern_ops")),
  ],
);
