import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { incidents } from "../incidents/index.ts";
import { persons } from "../personnel/index.ts";
import { investigationStatuses, judicialStatuses, perpetratorKinds, victimCaseStatuses } from "../../../core/victims/victim-enums.ts";

// The enumerations live in core (shared with the schemas and the web app).
export { investigationStatuses, judicialStatuses, perpetratorKinds, victimCaseStatuses };

/**
 * The confidential follow-up register of serious crimes and acts of violence against
 * personnel (IASMN 2015, "ending impunity"): one case per victim, linked to its incident,
 * so single deaths and injuries are followed up even without a formal inquiry.
 * `placePath` is the incident's, copied for scoping.
 */
export const victimCases = pgTable(
  "victim_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id),
    placePath: text("place_path").notNull(),
    victimPersonId: uuid("victim_person_id").references(() => persons.id),
    victimName: text("victim_name").notNull(),
    perpetratorKind: text("perpetrator_kind").$type<(typeof perpetratorKinds)[number]>().notNull(),
    perpetratorDetail: text("perpetrator_detail"),
    investigationStatus: text("investigation_status").$type<(typeof investigationStatuses)[number]>().notNull(),
    judicialStatus: text("judicial_status").$type<(typeof judicialStatuses)[number]>().notNull(),
    nextOfKinFocalPointName: text("next_of_kin_focal_point_name"),
    nextOfKinFocalPointContact: text("next_of_kin_focal_point_contact"),
    notes: text("notes"),
    status: text("status").$type<(typeof victimCaseStatuses)[number]>().notNull().default("open"),
    createdByUserId: uuid("created_by_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("victim_cases_place_path_idx").using("btree", table.placePath.op("text_pattern_ops")),
    index("victim_cases_incident_idx").on(table.incidentId),
  ],
);

/** Follow-up actions of a victim case, each with a due date. */
export const victimFollowUps = pgTable(
  "victim_follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => victimCases.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    ownerName: text("owner_name"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("victim_follow_ups_case_idx").on(table.caseId)],
);
