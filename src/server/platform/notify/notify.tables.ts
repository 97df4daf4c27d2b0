import { index, jsonb, pgTable, text, timestamp, uuid, integer } from "drizzle-orm/pg-core";
import { users } from "../auth/auth.tables.ts";

/** In-app notifications: one row per recipient, read or not. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** The message key and its parameters, put into words in the reader's language when read. */
    messageKey: text("message_key"),
    params: jsonb("params").$type<Record<string, unknown>>(),
    /** Text of rows written before notifications had keys (issue 12): shown as it is. */
    title: text("title"),
    body: text("body"),
    entityType: text("entity_type"),
    entityId: uuid("entity_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (table) => [index("notifications_user_idx").on(table.userId, table.createdAt)],
);

export const emailStatuses = ["pending", "sent", "failed"] as const;
export type EmailStatus = (typeof emailStatuses)[number];

/**
 * E-mail outbox: a message is written in the same transaction as the event that causes it,
 * then delivered through SMTP. A crash between the two loses nothing; delivery retries.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    recipients: text("recipients").array().notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    entityType: text("entity_type"),
    entityId: uuid("entity_id"),
    status: text("status").$type<EmailStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    messageId: text("message_id"),
    meta: jsonb("meta").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (table) => [index("email_outbox_pending_idx").on(table.status, table.nextAttemptAt)],
);

/**
 * SMS outbox (issue 14 §4): like the e-mail outbox, written in the transaction that causes the
 * message and delivered afterwards through the operator's SMPP server, retried, resumed after a
 * crash. `parts` is how many SMS the text takes; `smscIds` the operator's ids of the parts sent.
 */
export const smsOutbox = pgTable(
  "sms_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    to: text("to").notNull(),
    text: text("text").notNull(),
    parts: integer("parts").notNull().default(1),
    entityType: text("entity_type"),
    entityId: uuid("entity_id"),
    status: text("status").$type<EmailStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    smscIds: text("smsc_ids").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (table) => [index("sms_outbox_pending_idx").on(table.status, table.nextAttemptAt)],
);
