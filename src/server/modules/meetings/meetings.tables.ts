import { date, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { ActionPointKind, ActionPointStatus, Attendance, MeetingBody } from "../../../core/meetings/meetings.schemas.ts";
import { persons } from "../personnel/index.ts";
import { places } from "../structure/index.ts";

/** Meetings of the SMT, Area SMT and Security Cell, whose minutes must be recorded. */
export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    body: text("body").$type<MeetingBody>().notNull(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    placePath: text("place_path").notNull(),
    heldOn: date("held_on").notNull(),
    title: text("title").notNull(),
    location: text("location"),
    // Sanitised HTML from the rich-text editor.
    minutesHtml: text("minutes_html").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("meetings_place_path_idx").using("btree", table.placePath.op("text_pattern_ops"))],
);

export const meetingAttendees = pgTable(
  "meeting_attendees",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    attendance: text("attendance").$type<Attendance>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.meetingId, table.personId] })],
);

export const actionPoints = pgTable(
  "action_points",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    kind: text("kind").$type<ActionPointKind>().notNull(),
    text: text("text").notNull(),
    ownerPersonId: uuid("owner_person_id").references(() => persons.id),
    dueOn: date("due_on"),
    status: text("status").$type<ActionPointStatus>().notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("action_points_meeting_idx").on(table.meetingId), index("action_points_due_idx").on(table.dueOn)],
);
