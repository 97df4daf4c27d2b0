import { date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { OperatorCategory } from "../../../../core/travel/clearance.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { riskMatrices } from "../../risk/index.ts";
import { organisations, places } from "../../structure/index.ts";

/** Airline, charter operator, or provider of donated flights: distinct kinds with their own rules (§5). */
export type OperatorKind = "airline" | "charter_operator" | "donated_flight_provider";

/** The register of air operators; the category lives in `air_operator_categories`, with its history. */
export const airOperators = pgTable("air_operators", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  kind: text("kind").$type<OperatorKind>().notNull(),
  /** ISO 3166-1 alpha-2 of the operator's state of registry, when known. */
  country: text("country"),
  notes: text("notes"),
  createdByUserId: uuid("created_by_user_id").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An operator's category from a date: Unrestricted, Conditional or Restricted (three, never two).
 * Rows are only added: the category on a day is the latest row effective that day, so the full
 * history stays, and a decision can be explained with the category it used.
 */
export const airOperatorCategories = pgTable(
  "air_operator_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => airOperators.id, { onDelete: "cascade" }),
    category: text("category").$type<OperatorCategory>().notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    source: text("source").notNull(),
    note: text("note"),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("air_operator_categories_operator_idx").on(table.operatorId, table.effectiveFrom)],
);

/** Whether an organisation makes an RMT mandatory for Conditional operators (the 2015 seed: organisations disagreed). */
export type RmtPolicy = "mandatory" | "advisory";

/** One row per organisation that has chosen; an organisation without a row is "mandatory" (the safer default). */
export const airRmtPolicies = pgTable("air_rmt_policies", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  policy: text("policy").$type<RmtPolicy>().notNull(),
  updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type RmtStatus = "submitted" | "approved" | "rejected" | "withdrawn";
/** Who approves an RMT by its rating: the DO up to high, the USG UNDSS (recorded by the aviation role) at very high. */
export type RmtApprover = "do" | "usg_undss" | "aviation";

/**
 * A Risk Management Tool assessment for a Conditional operator on a route (from and to places),
 * for one organisation's travel. Likelihood and impact are positions on a matrix of the risk
 * library (`matrixId`); `level` is the matrix's level for them, computed when recorded.
 * Valid from `validFrom` to `validUntil`; only an approved one in its validity covers a leg.
 */
export const airRmtAssessments = pgTable(
  "air_rmt_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => airOperators.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    fromPlaceId: uuid("from_place_id")
      .notNull()
      .references(() => places.id),
    toPlaceId: uuid("to_place_id")
      .notNull()
      .references(() => places.id),
    /** Both ends' paths: the scope filter reads them (the DO of either area sees the RMT). */
    scopePaths: text("scope_paths").array().notNull(),
    justification: text("justification").notNull(),
    matrixId: uuid("matrix_id")
      .notNull()
      .references(() => riskMatrices.id),
    likelihood: integer("likelihood").notNull(),
    impact: integer("impact").notNull(),
    level: text("level").notNull(),
    mitigations: text("mitigations").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    status: text("status").$type<RmtStatus>().notNull(),
    approver: text("approver").$type<RmtApprover>(),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("air_rmt_assessments_route_idx").on(table.operatorId, table.fromPlaceId, table.toPlaceId)],
);
