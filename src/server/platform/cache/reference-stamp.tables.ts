import { integer, pgTable, uuid } from "drizzle-orm/pg-core";

/**
 * One row whose `stamp` changes (to a new random value) whenever reference data changes: people,
 * appointments, places or organisations (statement-level triggers, migration 0010), dependants
 * (migration 0023, for the headcount). Every request
 * reads it with its session, so values derived from that data (a user's grants, a place, the list
 * of organisations) can be reused for as long as the stamp stays the same — exactly, on one
 * process or many. Random rather than a counter, so a restored database never repeats a stamp.
 */
export const referenceStamp = pgTable("reference_stamp", {
  id: integer("id").primaryKey(),
  stamp: uuid("stamp").notNull(),
});
