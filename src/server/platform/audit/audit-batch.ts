import { eq, sql } from "drizzle-orm";
import { entryHash } from "./audit-hash.ts";
import { type AuditContext, type AuditEntryInput, recordAudit } from "./audit.service.ts";
import { auditHead, auditLog } from "./audit.tables.ts";
import type { Db } from "../db/database.ts";

// Entries per INSERT: bounds the size of one statement.
const rowsPerInsert = 2000;
// U+001E, chr(30) in SQL.
const recordSeparator = "\u001e";

/**
 * Many audit entries in the caller's transaction, with one multi-row INSERT per thousand
 * instead of one statement per entry. The first entry goes through `recordAudit`, which locks the
 * chain's head row for the rest of the transaction; the others are chained to it here with the
 * same hash, and the head moves once, to the last.
 */
export async function recordAuditEntries(tx: Db, context: AuditContext, inputs: readonly AuditEntryInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await recordAudit(tx, context, inputs[0]);
  if (inputs.length === 1) return;
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  let prevHash = head.hash;
  let beforeLast = head.prevHash;
  let seq = head.seq;
  const at = new Date();
  const rows = inputs.slice(1).map((input) => {
    seq += 1;
    const entry = {
      seq,
      at,
      actorUserId: context.actor.userId,
      actorName: context.actor.displayName,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      changes: input.changes ?? {},
      requestId: context.requestId,
    };
    const hash = entryHash(prevHash, entry);
    const row = { ...entry, prevHash, hash };
    beforeLast = prevHash;
    prevHash = hash;
    return row;
  });
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    const chunk = rows.slice(start, start + rowsPerInsert);
    const column = <T>(pick: (row: (typeof rows)[number]) => T) => sql.param(chunk.map(pick));
    // unnest: one array per column, so a thousand entries are eleven parameters, not 11,000.
    // The changes (some 2 KB of JSON each) go as one text, split in the database on the record
    // separator, which JSON text never holds raw (JSON.stringify escapes control characters).
    // Escaping them into a text[] literal cost this process more than hashing them, and the
    // server took one jsonb array of the whole chunk apart several times slower.
    const changes = chunk.map((row) => JSON.stringify(row.changes)).join(recordSeparator);
    await tx.execute(sql`
      insert into ${auditLog} (seq, at, actor_user_id, actor_name, action, entity_type, entity_id, changes, request_id, prev_hash, hash)
      select seq, at, actor_user_id, actor_name, action, entity_type, entity_id, changes::jsonb, request_id, prev_hash, hash
      from unnest(${column((row) => row.seq)}::bigint[], ${column((row) => row.at.toISOString())}::timestamptz[],
        ${column((row) => row.actorUserId)}::uuid[], ${column((row) => row.actorName)}::text[], ${column((row) => row.action)}::text[],
        ${column((row) => row.entityType)}::text[], ${column((row) => row.entityId)}::text[], string_to_array(${changes}::text, chr(30)),
        ${column((row) => row.requestId)}::text[], ${column((row) => row.prevHash)}::text[], ${column((row) => row.hash)}::text[])
        as t(seq, at, actor_user_id, actor_name, action, entity_type, entity_id, changes, request_id, prev_hash, hash)`);
  }
  await tx.update(auditHead).set({ seq, hash: prevHash, prevHash: beforeLast }).where(eq(auditHead.id, 1));
}
