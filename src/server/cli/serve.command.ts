import { getHeapStatistics } from "node:v8";
import { count } from "drizzle-orm";
import { organisations } from "../modules/structure/index.ts";
import { findUserByEmail } from "../modules/accounts/index.ts";
import { type Config, ConfigError, baseUrlCheck, loadConfig } from "../platform/config.ts";
import type { Database } from "../platform/db/database.ts";
import { createServer, startJobsAfterListen } from "../server.ts";
import { demoPassword, seedDemo } from "../seed/demo.seed.ts";
import { openMigrated } from "./database.command.ts";
import { printLogins } from "./logins.ts";
import { startControlSocket } from "./control-server.ts";
import { startAuditAnchoring } from "../platform/audit/audit-anchor.ts";

export async function startServer(options: { isDemoIfEmpty: boolean }) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const baseUrl = baseUrlCheck();
  if (baseUrl?.isRefused) {
    console.error(baseUrl.message);
    process.exit(2);
  }
  if (baseUrl) console.warn(baseUrl.message);
  const startedAt = performance.now();
  // Seeding is part of start-up work: on PostgreSQL, under the same lock as the migrations, so
  // two nodes started together on an empty database seed it once.
  // Where a start's time goes, printed with "ready in": start-up time is a figure operators watch.
  // performance.now() counts from the process's start: what came before is loading the code.
  const phases: string[] = [`code ${Math.round(startedAt)}`];
  let phaseStart = startedAt;
  const phase = (name: string) => {
    const now = performance.now();
    phases.push(`${name} ${Math.round(now - phaseStart)}`);
    phaseStart = now;
  };
  const database = await openMigrated({ afterMigrations: options.isDemoIfEmpty ? (opened) => seedIfEmpty(opened, config) : undefined });
  phase("database");
  const app = await createServer(config, database, { jobsAfterListen: true });
  phase("app");
  const control = await startControlSocket(config, database, app.log);
  // Signed checkpoints of the audit head outside the database: at start, while running, at stop.
  const anchoring = await startAuditAnchoring({ database, settings: config.auditAnchor, logger: app.log, minutes: config.auditAnchor.minutes });
  phase("audit anchor");
  let isStopping = false;
  let jobsTimer: NodeJS.Timeout | undefined;
  const shutdown = async (signal: string) => {
    // Ctrl+C reaches both this process and bin/vigil.js's relaunching one, which passes it on:
    // the second signal must not interrupt the first shutdown.
    if (isStopping) return;
    isStopping = true;
    clearTimeout(jobsTimer);
    app.log.info({ signal }, "shutting down");
    await control?.close();
    await app.close();
    await anchoring.stop().catch((error: unknown) => app.log.error({ err: error }, "the last audit anchor could not be written"));
    await database.close();
    process.exit();
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  await app.listen({ port: config.port, host: config.host });
  phase("listen");
  const heapMb = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  console.log(`Vigil is running at ${config.baseUrl} (${database.kind}, ready ${Math.round(performance.now())} ms after the process started: ${phases.join(", ")}; V8 heap limit ${heapMb} MB)`);
  // The scheduled jobs start a moment after the server listens: pg-boss's start (its schema and
  // queues, statements on the database) would otherwise hold the first requests, on PGlite's one
  // connection. Until then a module's queued work is done in its request (job-queue.ts).
  jobsTimer = setTimeout(async () => {
    try {
      await startJobsAfterListen(app);
    } catch (error) {
      if (isStopping) return;
      // A node that cannot run its jobs must not go on as if it did: it stops, as a failed start would.
      app.log.error({ err: error }, "the scheduled jobs could not start");
      console.error(`The scheduled jobs could not start: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
      await shutdown("jobs failed");
    }
  }, jobsStartDelayMs);
}

/** How long after listening the scheduled jobs start (see above). */
const jobsStartDelayMs = 1000;

async function seedIfEmpty(database: Database, config: Config) {
  const [{ value }] = await database.db.select({ value: count() }).from(organisations);
  if (value === 0) {
    console.log("Empty database: loading the demo dataset…");
    const logins = await seedDemo(database);
    printLogins(logins, demoPassword, config.baseUrl);
  } else if (await findUserByEmail(database.db, "admin@vigil.example")) {
    console.log(`Demo data present. Sign in as admin@vigil.example (or any demo login in the README) with password ${demoPassword}.`);
  }
}
