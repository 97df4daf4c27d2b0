import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { TokenScope } from "../../../core/access/accounts.schemas.ts";
import type { SystemRole } from "../../../core/access/roles.ts";

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  displayName: text("display_name").notNull(),
  // Null for accounts that only sign in through an external identity provider.
  passwordHash: text("password_hash"),
  systemRoles: text("system_roles").array().$type<SystemRole[]>().notNull().default([]),
  isActive: boolean("is_active").notNull().default(true),
  locale: text("locale").notNull().default("en"),
  passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * External identities (OIDC issuer + subject) linked to an account. Local password
 * accounts need no row here; an OIDC provider added later maps (provider, subject) to a user.
 */
export const userIdentities = pgTable(
  "user_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("user_identities_provider_subject").on(table.provider, table.subject)],
);

/** Sessions live in the database (never in process memory) so several nodes can share them. */
export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the cookie value: a leaked table does not yield usable cookies.
    idHash: text("id_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  // "read": GET and HEAD only; "read_write": everything the owner may do, except managing tokens
  // and the account itself (those need a signed-in session).
  scope: text("scope").$type<TokenScope>().notNull().default("read"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/**
 * Failed sign-in attempts per key ("account:<e-mail>", "address:<ip>", "device:<user>:<nonce>"),
 * in the database so that every node sees the same counts. An attempt is counted BEFORE its
 * password is checked (login-throttle.ts), so concurrent guesses cannot outrun the count.
 */
export const loginThrottle = pgTable(
  "login_throttle",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    nextAllowedAt: timestamp("next_allowed_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("login_throttle_updated_idx").on(table.updatedAt)],
);

/** Server-side secrets made on first use, shared by every node (the device-cookie HMAC key). */
export const authSecrets = pgTable("auth_secrets", {
  name: text("name").primaryKey(),
  secret: text("secret").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
