import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgSequence, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { ClearanceRules, LegOutcome, Reason, Reviewer, TransportMode } from "../../../../core/travel/clearance.ts";
import type { RequestKind } from "../../../../core/travel/itinerary.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { dependants, persons } from "../../personnel/index.ts";
import { organisations, places } from "../../structure/index.ts";

/**
 * Clearance rules of a Designated Area, or a Security Area's override, one row per version: a
 * change adds a version and a decision keeps the version it used (`travel_legs.rule_set_id`).
 */
export const clearanceRuleSets = pgTable(
  "clearance_rule_sets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    placePath: text("place_path").notNull(),
    version: integer("version").notNull(),
    rules: jsonb("rules").$type<ClearanceRules>().notNull(),
    note: text("note"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("clearance_rule_sets_version").on(table.placeId, table.version)],
);

/** An organisation's clearance suspended in a Designated Area by the DO (the compliance chain will set it too). */
export const clearanceSuspensions = pgTable(
  "clearance_suspensions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    placePath: text("place_path").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    reason: text("reason").notNull(),
    suspendedByUserId: uuid("suspended_by_user_id").references(() => users.id),
    suspendedAt: timestamp("suspended_at", { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp("lifted_at", { withTimezone: true }),
    liftedByUserId: uuid("lifted_by_user_id").references(() => users.id),
  },
  (table) => [index("clearance_suspensions_place_idx").on(table.placeId)],
);

export const travelRequestNumbers = pgSequence("travel_request_number_seq");

export const requestStatuses = ["under_review", "blocked", "changes_requested", "cleared", "refused", "notified", "cancelled"] as const;
export type RequestStatus = (typeof requestStatuses)[number];
/** A trip that still holds its traveller's time: another trip may not overlap it. */
export const activeStatuses: readonly RequestStatus[] = ["under_review", "blocked", "changes_requested", "cleared", "notified"];

/**
 * A travel request or notification. `scopePaths` (every leg's places and the travellers' duty
 * stations) and `organisationIds` (the travellers') are what the scope filter reads: the area's
 * security sees the trips that touch it, a focal point those of their organisation's staff.
 */
export const travelRequests = pgTable(
  "travel_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull().unique(),
    kind: text("kind").$type<RequestKind>().notNull(),
    status: text("status").$type<RequestStatus>().notNull(),
    purpose: text("purpose").notNull(),
    activityKey: uuid("activity_key"),
    isLateNotification: boolean("is_late_notification").notNull().default(false),
    scopePaths: text("scope_paths").array().notNull(),
    organisationIds: uuid("organisation_ids").array().notNull(),
    departsAt: timestamp("departs_at", { withTimezone: true }).notNull(),
    returnsAt: timestamp("returns_at", { withTimezone: true }).notNull(),
    filedByUserId: uuid("filed_by_user_id").references(() => users.id),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
    /**
     * The secret the clearance PDF's QR code carries (`/verify/clearance/:token`): random, drawn
     * anew each time the trip becomes cleared, so a document printed for an earlier clearance no
     * longer verifies. It stays when the trip leaves "cleared": the page then says "not valid".
     */
    verificationToken: text("verification_token").unique(),
    conditionsAcknowledgedAt: timestamp("conditions_acknowledged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("travel_requests_departs_idx").on(table.departsAt),
    index("travel_requests_scope_paths_idx").using("gin", table.scopePaths),
    index("travel_requests_status_idx").on(table.status).where(sql`status in ('under_review', 'blocked', 'changes_requested', 'cleared', 'notified')`),
    // The trips under way at a moment (the headcount, headcount/presence.service.ts): a range
    // containing the moment, among cleared and notified trips only.
    index("travel_requests_under_way_idx")
      .using("gist", sql`tstzrange(${table.departsAt}, ${table.returnsAt}, '[]')`)
      .where(sql`status in ('cleared', 'notified')`),
  ],
);

/** Who travels: a person, or a dependant travelling with or without them. */
export const travelTravellers = pgTable(
  "travel_travellers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => travelRequests.id, { onDelete: "cascade" }),
    personId: uuid("person_id").references(() => persons.id, { onDelete: "cascade" }),
    dependantId: uuid("dependant_id").references(() => dependants.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
  },
  (table) => [index("travel_travellers_request_idx").on(table.requestId), index("travel_travellers_person_idx").on(table.personId)],
);

/**
 * One leg of the itinerary with its own clearance: the destination's level, rules and reviewers
 * decide each leg. Local times are kept as typed; the instants are what overlaps and the
 * headcount compare. `reasons` are data (code and figures), worded in the reader's language.
 */
export const travelLegs = pgTable(
  "travel_legs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => travelRequests.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    fromPlaceId: uuid("from_place_id")
      .notNull()
      .references(() => places.id),
    fromPath: text("from_path").notNull(),
    fromLocality: text("from_locality"),
    toPlaceId: uuid("to_place_id")
      .notNull()
      .references(() => places.id),
    toPath: text("to_path").notNull(),
    toLocality: text("to_locality"),
    toLatitude: doublePrecision("to_latitude"),
    toLongitude: doublePrecision("to_longitude"),
    departureLocal: text("departure_local").notNull(),
    arrivalLocal: text("arrival_local").notNull(),
    departureAt: timestamp("departure_at", { withTimezone: true }).notNull(),
    arrivalAt: timestamp("arrival_at", { withTimezone: true }).notNull(),
    transport: text("transport").$type<TransportMode>().notNull(),
    operatorId: uuid("operator_id"),
    vehicleArrangement: text("vehicle_arrangement"),
    accommodation: text("accommodation"),
    contact: text("contact"),
    status: text("status").$type<LegOutcome | "changes_requested" | "notified">().notNull(),
    reviewer: text("reviewer").$type<Reviewer>().notNull().default("none"),
    reasons: jsonb("reasons").$type<Reason[]>().notNull().default([]),
    conditions: jsonb("conditions").$type<string[]>().notNull().default([]),
    ruleSetId: uuid("rule_set_id").references(() => clearanceRuleSets.id),
    levelChangeId: uuid("level_change_id"),
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
  },
  (table) => [
    index("travel_legs_request_idx").on(table.requestId, table.position),
    index("travel_legs_to_path_idx").using("btree", table.toPath.op("text_pattern_ops")),
    index("travel_legs_review_idx").on(table.departureAt).where(sql`status = 'review'`),
  ],
);

export const stepActions = ["filed", "evaluated", "cleared", "cleared_with_conditions", "refused", "changes_requested", "re_evaluated", "acknowledged", "cancelled"] as const;
export type StepAction = (typeof stepActions)[number];

/** The request's history as the traveller and reviewers read it (the audit trail keeps the full record). */
export const travelRequestSteps = pgTable(
  "travel_request_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => travelRequests.id, { onDelete: "cascade" }),
    legId: uuid("leg_id").references(() => travelLegs.id, { onDelete: "cascade" }),
    action: text("action").$type<StepAction>().notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    note: text("note"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("travel_request_steps_request_idx").on(table.requestId, table.at)],
);
