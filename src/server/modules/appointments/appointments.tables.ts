import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AppointmentRole } from "../../../core/access/roles.ts";
import { files } from "../../platform/files/files.tables.ts";
import { persons } from "../personnel/index.ts";
import { organisations, places } from "../structure/index.ts";

/** A written appointment to a role, scoped to a place (and an organisation where it applies). */
export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    role: text("role").$type<AppointmentRole>().notNull(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    placePath: text("place_path").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    startsOn: date("starts_on").notNull(),
    // Inclusive last day; null while open-ended.
    endsOn: date("ends_on"),
    appointedBy: text("appointed_by").notNull(),
    letterNumber: text("letter_number"),
    letterDate: date("letter_date"),
    letterFileId: uuid("letter_file_id").references(() => files.id),
    notes: text("notes"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("appointments_place_path_idx").using("btree", table.placePath.op("text_pattern_ops")),
    index("appointments_person_idx").on(table.personId),
    index("appointments_place_role_idx").on(table.placeId, table.role),
  ],
);
