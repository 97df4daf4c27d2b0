import type { FastifyBaseLogger } from "fastify";
import { forgetSessions } from "../auth/session-cache.ts";
import type { Database } from "../db/database.ts";
import { withStartupLock } from "../db/startup-lock.ts";
import { bindJobQueue } from "./job-queue.ts";

/**
 * Scheduled and on-demand background jobs (overdue checks, reminders) on pg-boss, in the same
 * database as everything else: a job's queue and its schedule survive restarts, and several nodes
 * never run one job twice (pg-boss claims jobs with SKIP LOCKED). Modules define jobs; the
 * composition root (server.ts) hands them to `startJobs`, so the platform imports no module.
 */
export type JobDefinition = {
  /** Queue name, e.g. "srm-measures-overdue". */
  name: string;
  /** Cron expression (UTC) for the schedule, or null for on-demand only. */
  cron: string | null;
  /** What a run did, for the job's record and the logs; `data` as queued (`enqueueJob`), {} for a scheduled run. */
  run: (data: Record<string, unknown>) => Promise<Record<string, unknown>>;
};

export type JobRunner = {
  /** Queues a run now and resolves with its result once a worker has finished it. */
  runNow(name: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
};

/**
 * pg-boss talks to the database through `executeSql`. PGlite runs parameterised SQL with `query`
 * (one statement) and pg-boss's parameterless scripts (several statements: its migrations, its
 * locks) with `exec`, whose results are merged. PostgreSQL uses the application's pool as it is.
 */
function bossDatabase(database: Database) {
  if (database.pool) {
    const pool = database.pool;
    return { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) };
  }
  const pglite = database.pglite as NonNullable<Database["pglite"]>;
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return pglite.query(text, values);
      const results = await pglite.exec(text);
      const rows = results.flatMap((result) => result.rows);
      return { rows, rowCount: rows.length };
    },
  };
}

const finishedStates = new Set(["completed", "failed", "cancelled"]);

export type JobLogger = Pick<FastifyBaseLogger, "info" | "error">;

export async function startJobs(options: { database: Database; logger: JobLogger; jobs: readonly JobDefinition[] }): Promise<JobRunner> {
  const { logger, jobs } = options;
  // Loaded when the jobs start (after the server listens), not with the server's code.
  const { default: PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ db: bossDatabase(options.database), schedule: true, supervise: true });
  boss.on("error", (error) => logger.error({ err: error }, "background jobs: pg-boss reported an error"));
  // Two nodes starting together deadlock in pg-boss when both create its schema and queues at
  // once ("deadlock detected", seen by the two-node start test): nodes take turns, as for migrations.
  await withStartupLock(options.database, async () => {
    await boss.start();
    for (const job of jobs) {
      await boss.createQueue(job.name);
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
      else await boss.unschedule(job.name);
    }
  });
  const workers = new Map<string, string>();
  for (const job of jobs) {
    const workerId = await boss.work<Record<string, unknown>>(job.name, { pollingIntervalSeconds: 5 }, async ([queued]) => {
      const result = await job.run(queued?.data ?? {});
      // A job may have changed what a remembered session answers (platform/auth/session-cache.ts).
      forgetSessions(options.database);
      logger.info({ job: job.name, result }, "background job done");
      return result;
    });
    workers.set(job.name, workerId);
  }

  const byName = new Map(jobs.map((job) => [job.name, job]));
  bindJobQueue(options.database, async (name, data) => {
    if (!byName.has(name)) throw new Error(`No job is called ${name}`);
    // A few retries: a run that failed on a passing fault (a deadlock, a restart) starts again.
    const id = await boss.send(name, data, { retryLimit: 3, retryDelay: 30 });
    if (!id) throw new Error(`The job ${name} could not be queued`);
    const workerId = workers.get(name);
    if (workerId) boss.notifyWorker(workerId);
  });
  logger.info({ jobs: jobs.map((job) => job.name) }, "scheduled jobs started");

  return {
    async runNow(name) {
      const workerId = workers.get(name);
      if (!workerId) throw new Error(`No job is called ${name}`);
      // No retries for a run someone is waiting for: they see the failure at once.
      const id = await boss.send(name, {}, { retryLimit: 0 });
      if (!id) throw new Error(`The job ${name} could not be queued`);
      boss.notifyWorker(workerId);
      // Waits for the job's state, not for a time: a slow machine only makes this take longer.
      for (;;) {
        const record = await boss.getJobById(name, id);
        if (record && finishedStates.has(record.state)) {
          if (record.state !== "completed") throw new Error(`The job ${name} ${record.state}: ${JSON.stringify(record.output)}`);
          return (record.output ?? {}) as Record<string, unknown>;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      bindJobQueue(options.database, null);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
