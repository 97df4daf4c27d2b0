import { date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { MeasureCategory, MeasureKind, MeasureStatus } from "../../../../core/risk/risk-enums.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { files } from "../../../platform/files/files.tables.ts";
import { organisations, places } from "../../structure/index.ts";

/**
 * SRM measures and their implementation in one area. Measures outlive assessment versions, so
 * they point at the assessment's lineage (and a scenario's key), not at one version.
 * `organisationId`: the responsible organisation (required for organisation-specific measures;
 * its representatives and focal points may change only their own organisation's measures).
 */
export const srmMeasures = pgTable(
  "srm_measures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<MeasureKind>().notNull(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    placePath: text("place_path").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    assessmentLineageId: uuid("assessment_lineage_id"),
    scenarioKey: uuid("scenario_key"),
    category: text("category").$type<MeasureCategory>().notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    ownerName: text("owner_name").notNull(),
    dueOn: date("due_on").notNull(),
    costAmount: numeric("cost_amount", { precision: 14, scale: 2 }),
    costCurrency: text("cost_currency"),
    status: text("status").$type<MeasureStatus>().notNull().default("planned"),
    implementedOn: date("implemented_on"),
    verifiedOn: date("verified_on"),
    // How the verification was done, when no evidence file shows it (a verified measure needs one or the other).
    verificationNote: text("verification_note"),
    // After review: 1 (not effective) to 5 (fully effective), with a note.
    effectiveness: integer("effectiveness"),
    effectivenessNote: text("effectiveness_note"),
    // The overdue rule notifies once, then weekly: when it last did.
    lastOverdueNoticeAt: timestamp("last_overdue_notice_at", { withTimezone: true }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("srm_measures_place_path_idx").using("btree", table.placePath.op("text_pattern_ops")),
    index("srm_measures_due_idx").on(table.status, table.dueOn),
    index("srm_measures_category_idx").on(table.category),
  ],
);

/** Evidence that a measure is implemented (photos, reports), stored as files. */
export const srmMeasureEvidence = pgTable(
  "srm_measure_evidence",
  {
    measureId: uuid("measure_id")
      .notNull()
      .references(() => srmMeasures.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => files.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.measureId, table.fileId] })],
);
