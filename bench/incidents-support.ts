/**
 * What the incident benchmarks share: a database of each kind (PGlite in a temporary directory,
 * or a throwaway PostgreSQL cluster as the tests use, or DATABASE_URL), seeded with the demo;
 * the app on it; signed-in requests through `inject`; percentiles; the machine's description.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import type { FastifyInstance, InjectOptions } from "fastify";
import pg from "pg";
// @ts-expect-error: a plain JavaScript module of the test scripts
import { startPostgres } from "../scripts/postgres.js";
import { loadResponsibilityRegister } from "../src/server/modules/responsibilities/index.ts";
import { loadConfig } from "../src/server/platform/config.ts";
import { type Database, openDatabase, runMigrations } from "../src/server/platform/db/database.ts";
import { seedDemo } from "../src/server/seed/demo.seed.ts";
import { createServer } from "../src/server/server.ts";

export type DatabaseKind = "pglite" | "postgres";
export type BenchDatabase = { kind: DatabaseKind; database: Database; dispose(): Promise<void> };

/** `--db pglite|postgres|both` (default both) and `--name value` options. */
export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

export function kindsToRun(): DatabaseKind[] {
  const chosen = option("db", "both");
  return chosen === "both" ? ["pglite", "postgres"] : [chosen as DatabaseKind];
}

/**
 * A fresh migrated database with the demo dataset. `--pglite-dir <dir>` keeps the PGlite
 * database there (reused by the next run when it holds data), for EXPLAIN ANALYZE afterwards;
 * `--postgres-url <url>` does the same with an existing (empty or kept) PostgreSQL database.
 */
export async function openBenchDatabase(kind: DatabaseKind): Promise<BenchDatabase & { isReused: boolean }> {
  if (kind === "pglite") {
    const kept = option("pglite-dir", "");
    const dataDir = kept || mkdtempSync(path.join(tmpdir(), "vigil-bench-"));
    const isReused = Boolean(kept) && existsSync(path.join(dataDir, "pgdata"));
    const database = await openDatabase({ dataDir });
    // A kept database is brought up to the migrations of this checkout before it is reused.
    if (isReused) await runMigrations(database);
    else await prepare(database);
    const dispose = async () => {
      await database.close();
      if (!kept) rmSync(dataDir, { recursive: true, force: true });
    };
    return { kind, database, isReused, dispose };
  }
  const keptUrl = option("postgres-url", "");
  if (keptUrl) {
    const database = await openDatabase({ databaseUrl: keptUrl });
    database.pool?.on("error", () => {});
    const [{ exists }] = await database.query<{ exists: boolean }>("select to_regclass('incidents') is not null as exists");
    const isReused = exists && (await database.query<{ any: boolean }>("select exists (select 1 from incidents) as any"))[0].any;
    if (isReused) await runMigrations(database);
    else await prepare(database);
    return { kind, database, isReused, dispose: () => database.close() };
  }
  // Durable (fsync and synchronous commit on): a write's figure includes making it durable.
  const cluster = process.env.DATABASE_URL ? null : await startPostgres({ durable: true });
  const serverUrl: string = process.env.DATABASE_URL ?? cluster.url;
  const name = `vigil_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  // Idle connections see the throwaway cluster stop at the end: not an error of the benchmark.
  database.pool?.on("error", () => {});
  await prepare(database);
  return {
    kind,
    database,
    isReused: false,
    dispose: async () => {
      await database.close();
      if (cluster) cluster.stop();
      else {
        const cleaner = new pg.Client({ connectionString: serverUrl });
        await cleaner.connect();
        await cleaner.query(`drop database if exists ${name}`);
        await cleaner.end();
      }
    },
  };
}

async function prepare(database: Database) {
  await runMigrations(database);
  await loadResponsibilityRegister(database);
  await seedDemo(database);
}

/** The app on the database; `BENCH_LOG=error` shows server errors (silent by default). */
export async function startApp(database: Database, environment: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ LOG_LEVEL: process.env.BENCH_LOG ?? "silent", DATA_DIR: "/nonexistent", JOBS: "off", ...environment });
  return createServer(config, database, { webRoot: "/nonexistent" });
}

/** Signed-in requests through `inject` (session cookie, CSRF header on writes). */
export async function signedIn(app: FastifyInstance, email: string) {
  const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: "vigil-demo-2026" }, headers: { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200) + 1}` } });
  if (login.statusCode !== 200) throw new Error(`login ${email}: ${login.statusCode} ${login.body}`);
  const cookie = `vigil_session=${login.cookies.find((item) => item.name === "vigil_session")?.value}`;
  const csrfToken = login.json().csrfToken as string;
  return (options: InjectOptions) => app.inject({ ...options, headers: { ...(options.headers as Record<string, string>), cookie, ...(options.method && options.method !== "GET" ? { "x-csrf-token": csrfToken } : {}) } });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values: number[]) => percentile(values, 50);

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.versions.node}`;
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
