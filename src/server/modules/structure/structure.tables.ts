import { doublePrecision, index, pgTable, text, timestamp, uuid, type AnyPgColumn, jsonb } from "drizzle-orm/pg-core";
import type { OrganisationKind, PlaceKind } from "../../../core/structure/structure.schemas.ts";

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  kind: text("kind").$type<OrganisationKind>().notNull(),
  hqFocalPoints: jsonb("hq_focal_points").$type<{ name: string; email: string; title?: string }[]>().notNull().default([]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Designated Areas, Security Areas and duty stations in one tree. `path` is the
 * materialised path of ids ("/da/sa/ds/"): a right on a place covers every path that
 * starts with the place's path, which lists filter with an indexed LIKE prefix.
 * A place never moves, so the path never changes.
 */
export const places = pgTable(
  "places",
  {
    id: uuid("id").primaryKey(),
    kind: text("kind").$type<PlaceKind>().notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => places.id),
    name: text("name").notNull(),
    countryCode: text("country_code"),
    /** IANA zone of local times here (incidents); null inherits the nearest area's (`effectiveTimeZone`). */
    timeZone: text("time_zone"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    path: text("path").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("places_path_prefix_idx").using("btree", table.path.op("text_pattern_ops")),
    index("places_parent_idx").on(table.parentId),
  ],
);
