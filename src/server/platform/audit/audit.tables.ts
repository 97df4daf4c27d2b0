import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only, hash-chained audit trail. `seq` has no gaps, and each entry's hash covers
 * the previous hash, so an edited, deleted or inserted row breaks the chain. A trigger
 * (migration 0001) refuses UPDATE and DELETE on this table.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    actorUserId: uuid("actor_user_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    changes: jsonb("changes").$type<AuditChanges>().notNull(),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (table) => [index("audit_log_entity_idx").on(table.entityType, table.entityId, table.seq)],
);

/**
 * The chain's head, updated in the same transaction as each entry: catches a deleted tail. Its row
 * lock serialises writers. `prev_hash` keeps the hash before the last entry, so one UPDATE … RETURNING
 * can hand a writer both the previous hash and the new one (migration 0008 adds the genesis row).
 */
export const auditHead = pgTable("audit_head", {
  id: integer("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
  prevHash: text("prev_hash").notNull().default("0000000000000000000000000000000000000000000000000000000000000000"),
});

export type AuditChange = { from: unknown; to: unknown };
export type AuditChanges = Record<string, AuditChange>;
