import { integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The "who must do what" register: the roles and responsibilities annex of the Framework
 * of Accountability, loaded as data (one row per numbered responsibility).
 */
export const responsibilities = pgTable(
  "responsibilities",
  {
    id: text("id").primaryKey(),
    section: text("section").notNull(),
    actor: text("actor").notNull(),
    // Appointment role or body the section applies to (null for actors with no appointment in Vigil).
    roleKey: text("role_key"),
    heading: text("heading"),
    number: integer("number").notNull(),
    text: text("text").notNull(),
    // French translation of the annex (null where none is available: the English is shown).
    actorFr: text("actor_fr"),
    headingFr: text("heading_fr"),
    textFr: text("text_fr"),
  },
  (table) => [uniqueIndex("responsibilities_section_number").on(table.section, table.number)],
);
