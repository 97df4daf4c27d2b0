import type { Database } from "./database.ts";

/**
 * The key of the PostgreSQL advisory lock that start-up work takes (migrations, the
 * responsibilities register, demo seeding): any fixed 64-bit number no other application on the
 * same database uses. Here: the bytes of "vigil-st" read as a signed integer.
 */
export const startupLockKey = BigInt.asIntN(64, BigInt(`0x${Buffer.from("vigil-st").toString("hex")}`)).toString();

/**
 * Runs `work` while holding the start-up advisory lock, so that nodes started together on one
 * PostgreSQL migrate and seed one after the other: the second finds the work done instead of
 * failing on "CREATE TABLE" of a table the first is creating. The lock is held by one dedicated
 * connection (session-level locks belong to a connection, and `work` uses the pool's others), and
 * PostgreSQL frees it if this node dies. PGlite has one process by construction (data-dir-lock.ts).
 */
export async function withStartupLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (database.kind !== "postgres" || !database.pool) return work();
  const client = await database.pool.connect();
  try {
    await client.query("select pg_advisory_lock($1::bigint)", [startupLockKey]);
    try {
      return await work();
    } finally {
      await client.query("select pg_advisory_unlock($1::bigint)", [startupLockKey]);
    }
  } finally {
    client.release();
  }
}
