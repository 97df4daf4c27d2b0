import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/test-database.ts";
import { type JobRunner, startJobs } from "./job-runner.ts";

/** pg-boss on the test database (PGlite, or PostgreSQL when the suite runs there). */
let database: Awaited<ReturnType<typeof openTestDatabase>>;
let runner: JobRunner;
let runs = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  runner = await startJobs({
    database,
    logger: { info: () => undefined, error: () => undefined },
    jobs: [
      {
        name: "count-places",
        cron: "0 6 * * *",
        run: async () => {
          runs += 1;
          const [row] = await database.query<{ count: number }>("select count(*)::int as count from places");
          return { places: row.count };
        },
      },
      {
        name: "always-fails",
        cron: null,
        run: async () => {
          throw new Error("refused on purpose");
        },
      },
    ],
  });
});
afterAll(async () => {
  await runner.stop();
  await database.drop();
});

describe("background jobs", () => {
  it("runs a job on demand through its queue and returns what it did", async () => {
    const result = await runner.runNow("count-places");
    expect(result.places).toBeGreaterThan(10);
    expect(runs).toBe(1);
    await runner.runNow("count-places");
    expect(runs).toBe(2);
  });

  it("keeps the job's schedule in the database", async () => {
    const [schedule] = await database.query<{ name: string; cron: string }>("select name, cron from pgboss.schedule where name = 'count-places'");
    expect(schedule).toEqual({ name: "count-places", cron: "0 6 * * *" });
  });

  it("reports a failed run, and refuses a job nobody defined", async () => {
    await expect(runner.runNow("always-fails")).rejects.toThrow(/always-fails failed/);
    await expect(runner.runNow("no-such-job")).rejects.toThrow(/No job is called no-such-job/);
  });
});
