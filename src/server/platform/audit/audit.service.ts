import { type SQL, asc, eq, sql } from "drizzle-orm";
import type { Database, Db } from "../db/database.ts";
import { type AuditAnchor, isAnchorSigned } from "./audit-anchor.ts";
import { bodyBeforeSeq, entryHash, genesisHash } from "./audit-hash.ts";
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

/**
 * One audit entry as a single statement, so a write and its entry can travel to the database
 * together (see `withAuditEntry`). The head row's lock serialises writers (on PostgreSQL,
 * concurrent transactions cannot fork the chain); the database assigns the sequence number and
 * computes the hash. JavaScript builds the canonical body up to its last key, `"seq":` (the keys
 * are sorted and "seq" sorts last), and SQL appends the number it assigns, so the hash is
 * byte for byte what `entryHash` computes when `verifyAuditChain` walks the chain.
 *
 * If the head row were missing (it is created by migration 0008), `head` would yield no row and
 * the entry a NULL sequence number: the whole statement fails, writes included.
 */
export function auditEntryStatement(context: AuditContext, input: AuditEntryInput, writes: readonly SQL[] = []): SQL {
  const at = new Date();
  const fields = {
    at,
    actorUserId: context.actor.userId,
    actorName: context.actor.displayName,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    changes: input.changes ?? {},
    requestId: context.requestId,
  };
  const prefix = bodyBeforeSeq(fields);
  const ctes = writes.map((write, index) => sql`, ${sql.raw(`write_${index}`)} as (${write})`);
  return sql`
    with head as (
      update audit_head
         set seq = seq + 1, prev_hash = hash,
             hash = encode(sha256(convert_to(hash || chr(10) || ${prefix}::text || (seq + 1)::text || '}', 'UTF8')), 'hex')
       where id = 1
   returning seq, prev_hash, hash
    )${sql.join(ctes, sql``)}
    insert into audit_log (seq, at, actor_user_id, actor_name, action, entity_type, entity_id, changes, request_id, prev_hash, hash)
    select head.seq, ${at.toISOString()}::timestamptz, ${fields.actorUserId}::uuid, ${fields.actorName}::text, ${fields.action}::text,
           ${fields.entityType}::text, ${fields.entityId}::text, ${JSON.stringify(fields.changes)}::jsonb, ${fields.requestId}::text,
           head.prev_hash, head.hash
      from (values (1)) as one (x) left join head on true`;
}

/** Appends an entry in the caller's transaction: the change and its audit commit together. */
export async function recordAudit(tx: Db, context: AuditContext, input: AuditEntryInput): Promise<void> {
  await tx.execute(auditEntryStatement(context, input));
}

/**
 * Data-modifying statements and their audit entry as ONE statement (each write a CTE), atomic
 * without a transaction: a create costs one round trip instead of BEGIN, writes, entry, COMMIT.
 * The writes must not depend on each other's results (CTEs all see the same snapshot).
 */
export async function withAuditEntry(db: Db, context: AuditContext, input: AuditEntryInput, writes: readonly SQL[]): Promise<void> {
  await db.execute(auditEntryStatement(context, input, writes));
}

export type VerifyResult = { isValid: boolean; checked: number; problems: string[]; anchorsChecked: number };

export type VerifyOptions = {
  /** Signed checkpoints the chain must still contain (see audit-anchor.ts). */
  anchors?: readonly AuditAnchor[];
  /** The key the anchors are checked with; required when anchors are given. */
  anchorKey?: Buffer;
};

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function rowsOf<Row>(tx: Tx, query: SQL): Promise<Row[]> {
  return ((await tx.execute(query)) as unknown as { rows: Row[] }).rows;
}

/**
 * Walks the chain and reports every entry that was edited, removed or inserted out of band, every
 * sequence number held twice, and every anchor the chain no longer reaches. One repeatable-read
 * snapshot, so a server writing meanwhile causes no false alarm.
 */
export async function verifyAuditChain(database: Database, options: VerifyOptions = {}): Promise<VerifyResult> {
  const anchors = options.anchors ?? [];
  if (anchors.length > 0 && !options.anchorKey) throw new Error("Anchors need the key they were signed with");
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`);
    const problems = await duplicateProblems(tx);
    const [{ total }] = await rowsOf<{ total: number }>(tx, sql`select count(*)::int as total from audit_log`);
    const anchoredSeqs = new Set(anchors.map((anchor) => anchor.seq));
    const hashesAt = new Map<number, string>([[0, genesisHash]]);
    let prevHash = genesisHash;
    let expectedSeq = 1;
    let checked = 0;
    const pageSize = 5000;
    let afterSeq = 0;
    for (;;) {
      const rows = await tx
        .select()
        .from(auditLog)
        .where(sql`${auditLog.seq} > ${afterSeq}`)
        .orderBy(asc(auditLog.seq))
        .limit(pageSize);
      for (const row of rows) {
        checked += 1;
        // A second copy of a sequence number: already reported by duplicateProblems.
        if (checked > 1 && row.seq === afterSeq) continue;
        if (row.seq !== expectedSeq) problems.push(`entry ${expectedSeq} is missing (next entry is ${row.seq})`);
        if (row.prevHash !== prevHash) problems.push(`entry ${row.seq} does not follow the entry before it`);
        const recomputed = entryHash(row.prevHash, row);
        if (recomputed !== row.hash) problems.push(`entry ${row.seq} was altered after it was written`);
        if (anchoredSeqs.has(row.seq)) hashesAt.set(row.seq, row.hash);
        prevHash = row.hash;
        expectedSeq = row.seq + 1;
        afterSeq = row.seq;
      }
      if (rows.length < pageSize) break;
    }
    if (Number(total) !== checked) {
      problems.push(`the table holds ${total} entries but ${checked} were reached through its index (a damaged index)`);
    }
    const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
    if (head && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
      problems.push(`the chain ends at entry ${expectedSeq - 1} but the head records entry ${head.seq}`);
    }
    const lastSeq = expectedSeq - 1;
    problems.push(...anchorProblems(anchors, options.anchorKey, lastSeq, head?.seq ?? 0, hashesAt));
    return { isValid: problems.length === 0, checked, problems, anchorsChecked: anchors.length };
  });
}

/**
 * Sequence numbers held by more than one row, read by a sequential scan: through the primary key's
 * index a damaged table (two processes on one PGlite directory) shows one row per number.
 */
async function duplicateProblems(tx: Tx): Promise<string[]> {
  await tx.execute(sql`set local enable_indexscan = off`);
  await tx.execute(sql`set local enable_indexonlyscan = off`);
  await tx.execute(sql`set local enable_bitmapscan = off`);
  const duplicates = await rowsOf<{ seq: string | number; copies: number }>(
    tx,
    sql`select seq, count(*)::int as copies from audit_log group by seq having count(*) > 1 order by seq limit 50`,
  );
  await tx.execute(sql`set local enable_indexscan = on`);
  await tx.execute(sql`set local enable_indexonlyscan = on`);
  await tx.execute(sql`set local enable_bitmapscan = on`);
  return duplicates.map((row) => `entry ${row.seq} is held by ${row.copies} rows (a sequence number written twice)`);
}

function anchorProblems(anchors: readonly AuditAnchor[], key: Buffer | undefined, lastSeq: number, headSeq: number, hashesAt: Map<number, string>): string[] {
  const problems: string[] = [];
  let furthest: AuditAnchor | undefined;
  for (const anchor of anchors) {
    if (!key || !isAnchorSigned(key, anchor)) {
      problems.push(`the anchor of ${anchor.at} (entry ${anchor.seq}) does not carry this installation's signature`);
    } else if (anchor.seq > lastSeq || anchor.seq > headSeq) {
      if (!furthest || anchor.seq > furthest.seq) furthest = anchor;
    } else if (hashesAt.get(anchor.seq) !== anchor.hash) {
      problems.push(`entry ${anchor.seq} is not the entry anchored on ${anchor.at}`);
    }
  }
  if (furthest) {
    problems.push(
      `the chain ends at entry ${lastSeq} (head: ${headSeq}) but the anchor of ${furthest.at} records entry ${furthest.seq}: entries were removed from its end`,
    );
  }
  return problems;
}

export async function historyOf(database: Database, entityType: string, entityId: string) {
  return historyOfMany(database, entityType, [entityId]);
}

/** The entries of several records of one type (a record's parts), in the order they were written. */
export async function historyOfMany(database: Database, entityType: string, entityIds: readonly string[]) {
  if (entityIds.length === 0) return [];
  return database.db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorName: auditLog.actorName,
      action: auditLog.action,
      entityId: auditLog.entityId,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .where(sql`${auditLog.entityType} = ${entityType} and ${auditLog.entityId} = any(${sql.param([...entityIds])}::text[])`)
    .orderBy(asc(auditLog.seq));
}

/**
 * Records of `entityType` deleted while they belonged to `parentId` (their delete entry's
 * `parentField` held it), with what they held: a parent's history still shows its removed parts.
 */
export async function deletedChildren(database: Database, entityType: string, parentField: string, parentId: string) {
  return database.db
    .select({ entityId: auditLog.entityId, changes: auditLog.changes })
    .from(auditLog)
    .where(sql`${auditLog.entityType} = ${entityType} and ${auditLog.action} = 'delete' and ${auditLog.changes} -> ${parentField} ->> 'from' = ${parentId}`);
}
