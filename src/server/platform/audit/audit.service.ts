import { asc, eq, sql } from "drizzle-orm";
import type { Database, Db } from "../db/database.ts";
import { entryHash, genesisHash } from "./audit-hash.ts";
import { type AuditChanges, auditHead, auditLog } from "./audit.tables.ts";

export type AuditActor = { userId: string | null; displayName: string };
export type AuditContext = { actor: AuditActor; requestId: string | null };

export type AuditAction = "create" | "update" | "delete" | "read_sensitive" | "login" | "logout" | string;

export type AuditEntryInput = {
  action: AuditAction;
  entityType: string;
  entityId: string;
  changes?: AuditChanges;
};

// One chain for the whole system: writers serialise on this advisory lock inside their
// transaction, so on PostgreSQL concurrent transactions cannot fork the chain.
const auditLockKey = 7_146_221;

/** Appends an entry in the caller's transaction: the change and its audit commit together. */
export async function recordAudit(tx: Db, context: AuditContext, input: AuditEntryInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${auditLockKey})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  const prevHash = head?.hash ?? genesisHash;
  const seq = (head?.seq ?? 0) + 1;
  const entry = {
    seq,
    at: new Date(),
    actorUserId: context.actor.userId,
    actorName: context.actor.displayName,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    changes: input.changes ?? {},
    requestId: context.requestId,
  };
  const hash = entryHash(prevHash, entry);
  await tx.insert(auditLog).values({ ...entry, prevHash, hash });
  await tx
    .insert(auditHead)
    .values({ id: 1, seq, hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq, hash } });
}

export type VerifyResult = { isValid: boolean; checked: number; problems: string[] };

/** Walks the chain and reports every entry that was edited, removed or inserted out of band. */
export async function verifyAuditChain(database: Database): Promise<VerifyResult> {
  const problems: string[] = [];
  let prevHash = genesisHash;
  let expectedSeq = 1;
  let checked = 0;
  const pageSize = 5000;
  let afterSeq = 0;
  for (;;) {
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.seq} > ${afterSeq}`)
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) problems.push(`entry ${expectedSeq} is missing (next entry is ${row.seq})`);
      if (row.prevHash !== prevHash) problems.push(`entry ${row.seq} does not follow the entry before it`);
      const recomputed = entryHash(row.prevHash, row);
      if (recomputed !== row.hash) problems.push(`entry ${row.seq} was altered after it was written`);
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      afterSeq = row.seq;
      checked += 1;
    }
    if (rows.length < pageSize) break;
  }
  const [head] = await database.db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
    problems.push(`the chain ends at entry ${expectedSeq - 1} but the head records entry ${head.seq}`);
  }
  return { isValid: problems.length === 0, checked, problems };
}

export async function historyOf(database: Database, entityType: string, entityId: string) {
  return database.db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorName: auditLog.actorName,
      action: auditLog.action,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .where(sql`${auditLog.entityType} = ${entityType} and ${auditLog.entityId} = ${entityId}`)
    .orderBy(asc(auditLog.seq));
}
