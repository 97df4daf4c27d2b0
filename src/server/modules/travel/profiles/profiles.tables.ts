import { sql } from "drizzle-orm";
import { date, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "../../../platform/auth/auth.tables.ts";
import { dependants, persons } from "../../personnel/index.ts";

/** A proof-of-life question and its answer, asked of someone claiming contact with a missing traveller. */
export type ProofOfLife = { question: string; answer: string };

/**
 * The travel profile of a person or of one of their eligible dependants (issue 13 §2; the
 * Framework of Accountability: every person keeps a TRIP profile for themselves and their family).
 * Everything here is need-to-know, like contacts: kept apart from `persons` so no ordinary query
 * carries it, and every read is audited.
 */
export const travelProfiles = pgTable(
  "travel_profiles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    /** Null for the person's own profile; set for a dependant's. */
    dependantId: uuid("dependant_id")
      .unique()
      .references(() => dependants.id, { onDelete: "cascade" }),
    emergencyContactName: text("emergency_contact_name"),
    emergencyContactPhone: text("emergency_contact_phone"),
    emergencyContactRelationship: text("emergency_contact_relationship"),
    travelPhone: text("travel_phone"),
    /** ISO 3166-1 alpha-2. */
    nationality: text("nationality"),
    passportNumber: text("passport_number"),
    /** ISO 3166-1 alpha-2 of the issuing state. */
    passportCountry: text("passport_country"),
    passportExpiresOn: date("passport_expires_on", { mode: "string" }),
    /** Optional questions only the traveller can answer, for whoever must confirm they are alive. */
    proofOfLife: jsonb("proof_of_life").$type<ProofOfLife[]>().notNull().default([]),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One own profile per person (dependant null); a dependant's is unique by `dependant_id`.
    uniqueIndex("travel_profiles_own_idx").on(table.personId).where(sql`dependant_id is null`),
  ],
);
