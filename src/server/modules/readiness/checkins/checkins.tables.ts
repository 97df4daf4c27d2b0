import { bigserial, bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { AudienceInput, CheckinAnswer, MessageKind, ReplyChannel } from "../../../../core/readiness/checkins.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { persons } from "../../personnel/index.ts";
import { places } from "../../structure/index.ts";
import { wardenZones } from "../zones/zones.tables.ts";

/** A broadcast or a check-in (issue 14 §4), with the audience as chosen and as resolved when sent. */
export const massMessages = pgTable(
  "mass_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<MessageKind>().notNull(),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    placePath: text("place_path").notNull(),
    audience: jsonb("audience").$type<AudienceInput>().notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** The sender's language: the words of e-mails to people without an account. */
    language: text("language").notNull().default("en"),
    channels: jsonb("channels").$type<{ app: boolean; email: boolean; sms: boolean }>().notNull(),
    isTest: boolean("is_test").notNull().default(false),
    sentByUserId: uuid("sent_by_user_id").references(() => users.id),
    sentByName: text("sent_by_name").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (table) => [index("mass_messages_place_path_idx").using("btree", table.placePath.op("text_pattern_ops")), index("mass_messages_sent_idx").on(table.sentAt)],
);

/**
 * One row per person the message went to, with their latest answer. The id (a number) is what the
 * signed reply link carries: short enough for an SMS.
 */
export const messageRecipients = pgTable(
  "mass_message_recipients",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => massMessages.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    organisationId: uuid("organisation_id").notNull(),
    zoneId: uuid("zone_id").references(() => wardenZones.id, { onDelete: "set null" }),
    /** The person and, when the audience counts them, their eligible dependants. */
    people: integer("people").notNull().default(1),
    /** Whether a channel could reach them when sent (the preview's "no reachable channel"). */
    hasEmail: boolean("has_email").notNull().default(false),
    hasMobile: boolean("has_mobile").notNull().default(false),
    isTraveller: boolean("is_traveller").notNull().default(false),
    answer: text("answer").$type<CheckinAnswer>(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answerChannel: text("answer_channel").$type<ReplyChannel>(),
  },
  (table) => [uniqueIndex("mass_message_recipients_person_idx").on(table.messageId, table.personId), index("mass_message_recipients_zone_idx").on(table.messageId, table.zoneId)],
);

/** Every answer, in order: a later one replaces the recipient's answer, and both stay here. */
export const messageReplies = pgTable(
  "mass_message_replies",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => massMessages.id, { onDelete: "cascade" }),
    recipientId: bigint("recipient_id", { mode: "number" })
      .notNull()
      .references(() => messageRecipients.id, { onDelete: "cascade" }),
    answer: text("answer").$type<CheckinAnswer>().notNull(),
    note: text("note"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    channel: text("channel").$type<ReplyChannel>().notNull(),
    /** Who recorded it when not the person (a warden on their behalf). */
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    recordedByName: text("recorded_by_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("mass_message_replies_message_idx").on(table.messageId, table.id), index("mass_message_replies_recipient_idx").on(table.recipientId)],
);
