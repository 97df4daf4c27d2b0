import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { ZonePolygon } from "../../../../core/readiness/zones.ts";
import { appointments } from "../../appointments/index.ts";
import { persons } from "../../personnel/index.ts";
import { places } from "../../structure/index.ts";

/** A warden zone: part of a Security Area (issue 14 §2). */
export const wardenZones = pgTable(
  "warden_zones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    securityAreaId: uuid("security_area_id")
      .notNull()
      .references(() => places.id),
    // The Security Area's path, copied so that scope filters need no join.
    placePath: text("place_path").notNull(),
    name: text("name").notNull(),
    localities: text("localities").array().notNull().default([]),
    polygon: jsonb("polygon").$type<ZonePolygon | null>(),
    notes: text("notes"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("warden_zones_area_name_idx").on(table.securityAreaId, sql`lower(${table.name})`),
    index("warden_zones_place_path_idx").using("btree", table.placePath.op("text_pattern_ops")),
  ],
);

/**
 * Who is warden of a zone: a warden appointment (written, with its dates, in the appointments
 * register) linked to the zone, as the warden or a deputy. The appointment's dates say when.
 */
export const zoneWardens = pgTable(
  "warden_zone_wardens",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => wardenZones.id, { onDelete: "cascade" }),
    appointmentId: uuid("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "cascade" }),
    isDeputy: boolean("is_deputy").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("warden_zone_wardens_pk").on(table.zoneId, table.appointmentId), index("warden_zone_wardens_appointment_idx").on(table.appointmentId)],
);

/**
 * Households: a person (with their eligible dependants, who live with them) in one zone. A person
 * is in at most one zone, which is where their residence is.
 */
export const zoneHouseholds = pgTable(
  "warden_zone_households",
  {
    personId: uuid("person_id")
      .primaryKey()
      .references(() => persons.id, { onDelete: "cascade" }),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => wardenZones.id, { onDelete: "cascade" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("warden_zone_households_zone_idx").on(table.zoneId)],
);
