import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type pg from "pg";
import { lockDataDirectory } from "./data-dir-lock.ts";
import { openPglite, type PgliteDurability } from "./pglite-open.ts";
import { countWrites } from "./write-counter.ts";

/** Typed Drizzle handle; the same type for PGlite and PostgreSQL, and for transactions. */
export type Db = PgDatabase<PgQueryResultHKT>;

export type QueryFn = <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;

export type Database = {
  kind: "pglite" | "postgres";
  db: Db;
  /** Raw SQL returning rows, for the few places (backup, audit verify) Drizzle does not fit. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` on one connection (for explicit BEGIN/COMMIT outside Drizzle). */
  withSession<T>(work: (query: QueryFn) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
  /** Embedded database only: how many statements that may change data were sent so far (write-counter.ts). */
  writeCount?: () => number;
};

export const migrationsFolder = fileURLToPath(new URL("../../../../drizzle", import.meta.url));


export type DatabaseOptions = { databaseUrl?: string; dataDir?: string; pglite?: PGlite; durability?: PgliteDurability };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    // Loaded only for PostgreSQL: an embedded start need not read the driver (part of start-up time).
    const [{ default: pg }, { drizzle: drizzleNodePg }] = await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
    // Dates stay as ISO text (YYYY-MM-DD), never shifted by the server's time zone.
    pg.types.setTypeParser(1082, (value: string) => value);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = drizzleNodePg(pool) as unknown as Db;
    return {
      kind: "postgres",
      db,
      pool,
      async query(text, params) {
        const result = await pool.query(text, params as unknown[]);
        return result.rows;
      },
      async withSession(work) {
        const client = await pool.connect();
        try {
          return await work(async (text, params) => (await client.query(text, params as unknown[])).rows);
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  let client = options.pglite;
  // A data directory is this process's alone while it is open (see data-dir-lock.ts).
  let releaseLock = () => {};
  if (!client) {
    if (!options.dataDir) throw new Error("Either DATABASE_URL or a data directory is needed");
    // PGlite fails if the parent of its data directory is missing.
    mkdirSync(options.dataDir, { recursive: true });
    const lock = lockDataDirectory(options.dataDir);
    try {
      client = await openPglite(path.join(options.dataDir, "pgdata"), options.durability ?? "full");
    } catch (error) {
      lock.release();
      throw error;
    }
    releaseLock = lock.release;
  }
  const pglite = client;
  const writeCount = countWrites(pglite);
  const db = drizzlePglite(pglite) as unknown as Db;
  const query: QueryFn = async (text, params) => (await pglite.query(text, params as unknown[])).rows as never[];
  return {
    kind: "pglite",
    db,
    pglite,
    writeCount,
    query,
    // PGlite has a single connection: between the statements of an explicit BEGIN … COMMIT, any
    // other caller's statement would run inside that transaction. Only pglite.transaction holds
    // the others out, so the session runs in one, whose own BEGIN is closed at once and reopened
    // (empty) at the end, leaving `work` free to open and close its own transactions (backup, restore).
    withSession: (work) =>
      pglite.transaction(async (transaction) => {
        await transaction.exec("commit");
        try {
          return await work(async (text, params) => (await transaction.query(text, params as unknown[])).rows as never[]);
        } finally {
          // Fails only inside a transaction that `work` left aborted, which the ROLLBACK then ends.
          await transaction.exec("begin").catch(() => {});
        }
      }),
    async close() {
      try {
        await pglite.close();
      } finally {
        releaseLock();
      }
    },
  };
}

export async function runMigrations(database: Database): Promise<void> {
  try {
    if (database.kind === "pglite") {
      await migratePglite(database.db as never, { migrationsFolder });
    } else {
      const { migrate: migrateNodePg } = await import("drizzle-orm/node-postgres/migrator");
      await migrateNodePg(database.db as never, { migrationsFolder });
    }
  } catch (error) {
    // Drizzle says only "Failed query: <the whole SQL>"; the database's own reason is its cause.
    throw new Error(`Database migration failed: ${describeDatabaseError(error)}`, { cause: error });
  }
}

/** The database's own reason for a failure (code, message, detail), under Drizzle's wrapper. */
export function describeDatabaseError(error: unknown): string {
  const reasons: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code, detail } = current as Error & { code?: string; detail?: string };
    const message = current.message.startsWith("Failed query:") ? current.message.split("\n")[0].slice(0, 200) : current.message;
    reasons.push([code ? `${code}: ${message}` : message, detail].filter(Boolean).join(" — "));
  }
  return reasons.reverse().join(" (in ") + ")".repeat(Math.max(0, reasons.length - 1));
}

type Journal = { entries: { tag: string }[] };

export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as Journal;
  return journal.entries.length;
}

/** Readiness: the database answers and every migration shipped with this build is applied. */
export async function migrationStatus(database: Database): Promise<{ applied: number; expected: number }> {
  const expected = expectedMigrationCount();
  try {
    const rows = await database.query<{ count: string | number }>(
      "select count(*)::int as count from drizzle.__drizzle_migrations",
    );
    return { applied: Number(rows[0]?.count ?? 0), expected };
  } catch {
    return { applied: 0, expected };
  }
}

export async function ping(database: Database): Promise<void> {
  await database.db.execute(sql`select 1`);
}
