import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startVigil, type VigilServer } from "./process-support.ts";

/**
 * Issue 11, item 3: two nodes started together on an empty PostgreSQL database. Before, both
 * migrated at once and the second died with `Failed query: CREATE TABLE "audit_head"`; now the
 * migrations, the register and the demo seed run under an advisory lock, one node after the other,
 * and so do the scheduled jobs' queues, once both listen.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const databaseName = `vigil_two_nodes_${randomBytes(4).toString("hex")}`;
const servers: VigilServer[] = [];

async function onServer<Row>(url: string, statement: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows as Row[];
  } finally {
    await client.end();
  }
}

function databaseUrl(): string {
  const url = new URL(serverUrl ?? "");
  url.pathname = `/${databaseName}`;
  return url.toString();
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  if (serverUrl) await onServer(serverUrl, `drop database if exists ${databaseName}`);
});

describe.skipIf(!serverUrl)("two nodes starting together on an empty PostgreSQL database (needs TEST_DATABASE_URL)", () => {
  it("both become ready, and the demo is seeded once", { timeout: 600_000 }, async () => {
    await onServer(serverUrl ?? "", `create database ${databaseName}`);
    const settings = { DATABASE_URL: databaseUrl(), LOG_LEVEL: "info" };
    const started = await Promise.allSettled([startVigil(settings), startVigil(settings)]);
    for (const outcome of started) if (outcome.status === "fulfilled") servers.push(outcome.value);
    expect(started.map((outcome) => (outcome.status === "rejected" ? String(outcome.reason) : "ready"))).toEqual(["ready", "ready"]);
    for (const server of servers) expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    const seeded = servers.filter((server) => server.output().includes("Empty database: loading the demo dataset"));
    expect(seeded).toHaveLength(1);
    const [{ admins }] = await onServer<{ admins: number }>(databaseUrl(), "select count(*)::int as admins from users where email = 'admin@vigil.example'");
    expect(admins).toBe(1);
    // The scheduled jobs start a moment after each node listens (serve.command.ts): both get
    // there, one after the other under the start-up lock (pg-boss deadlocked when they raced).
    while (!servers.every((server) => server.output().includes("scheduled jobs started"))) {
      for (const server of servers) {
        if (server.child.exitCode !== null || server.output().includes("could not start")) throw new Error(`a node failed after it was ready:\n${server.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
