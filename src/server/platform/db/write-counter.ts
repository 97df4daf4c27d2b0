import type { PGlite, Transaction } from "@electric-sql/pglite";

/**
 * Counts the statements that may change data on an embedded database, whoever sends them: a
 * request of any method, a background job, the audit trail. The response cache (platform/http)
 * keeps an answer only while this count stays the same, so it never serves what a write has made
 * stale. One process at a time opens a PGlite data directory (data-dir-lock.ts), so every write
 * passes through here. PostgreSQL may have several nodes and uses the database's own snapshot instead.
 */
const readOnlyStart = /^\s*(?:select|with|begin|start|commit|end|rollback|savepoint|release|show|set|values|table|explain)\b/i;
/** Inside a read-looking statement: a data-changing CTE, or a sequence advanced. */
const writeWord = /\b(?:insert|update|delete|merge|truncate|nextval|setval)\b/i;

/**
 * Whether a statement may change data. Errs on the side of "yes": `SELECT … FOR UPDATE`, or a
 * column whose name is one of the words, only costs a cached answer, never serves a stale one.
 */
export function isWriteStatement(text: string): boolean {
  return !readOnlyStart.test(text) || writeWord.test(text);
}

const counted = new WeakMap<PGlite, { writes: number }>();

type Statements = Pick<PGlite, "query" | "exec">;

/** Replaces `query` and `exec` on a client or a transaction with versions that call `note` first. */
function noteStatements(target: Statements, note: (text: unknown) => void): void {
  for (const method of ["query", "exec"] as const) {
    const original = (target[method] as (...args: unknown[]) => unknown).bind(target);
    target[method] = ((text: unknown, ...rest: unknown[]) => {
      note(text);
      return original(text, ...rest);
    }) as never;
  }
}

/** Wraps the client's entry points once, so that every statement is classified; returns the count's reader. */
export function countWrites(pglite: PGlite): () => number {
  let state = counted.get(pglite);
  if (!state) {
    const counter = { writes: 0 };
    state = counter;
    counted.set(pglite, counter);
    const note = (text: unknown) => {
      // A statement not given as text is counted as a write.
      if (typeof text !== "string" || isWriteStatement(text)) counter.writes += 1;
    };
    noteStatements(pglite, note);
    const transaction = pglite.transaction.bind(pglite);
    pglite.transaction = (<T>(work: (tx: Transaction) => Promise<T>) =>
      transaction((tx) => {
        noteStatements(tx, note);
        return work(tx);
      })) as PGlite["transaction"];
  }
  const reader = state;
  return () => reader.writes;
}
