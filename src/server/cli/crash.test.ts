import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../platform/db/database.ts";
import { demoPassword } from "../seed/demo.seed.ts";
import { templateDatabaseName, templateDumpFile, testDatabaseKind } from "../testing/test-database.ts";
import { signIn, startVigil, type VigilServer } from "./process-support.ts";

/**
 * Acceptance item 3 of issue 11: a server killed with SIGKILL in the middle of concurrent creates
 * loses none it acknowledged. Runs on the database of the test run: PGlite in a data directory,
 * or a fresh database on TEST_DATABASE_URL's server; both start from the seeded test template.
 */
const kind = testDatabaseKind();
const run = `crash-${randomBytes(4).toString("hex")}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "vigil-crash-"));
const serverUrl = process.env.TEST_DATABASE_URL ?? "";
const databaseName = `vigil_crash_${randomBytes(4).toString("hex")}`;
let server: VigilServer | undefined;

function databaseUrl(): string {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

async function onServer(statement: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

async function prepare(): Promise<Record<string, string>> {
  if (kind === "postgres") {
    await onServer(`create database ${databaseName} template ${templateDatabaseName}`);
    return { DATABASE_URL: databaseUrl() };
  }
  const pglite = await PGlite.create({ dataDir: path.join(dataDir, "pgdata"), loadDataDir: new Blob([readFileSync(templateDumpFile)]) });
  await pglite.close();
  return { DATA_DIR: dataDir };
}

/** The descriptions of this run's incidents, read from the database once no server runs. */
async function storedDescriptions(settings: Record<string, string>): Promise<Set<string>> {
  const database = await openDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.DATA_DIR });
  try {
    const rows = await database.query<{ description: string }>("select description from incidents where description like $1", [`${run} %`]);
    return new Set(rows.map((row) => row.description));
  } finally {
    await database.close();
  }
}

afterAll(async () => {
  await server?.stop("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
  if (kind === "postgres") await onServer(`drop database if exists ${databaseName}`);
});

describe(`kill -9 during concurrent creates (${kind})`, () => {
  it("keeps every create the server acknowledged", { timeout: 600_000 }, async () => {
    const settings = await prepare();
    server = await startVigil(settings);
    const { baseUrl } = server;
    const session = await signIn(baseUrl, "pcsa.mali@vigil.example", demoPassword);
    expect(session.status).toBe(200);
    const headers = { "content-type": "application/json", cookie: session.cookie, "x-csrf-token": session.csrfToken };
    const get = async (url: string) => (await (await fetch(`${baseUrl}${url}`, { headers })).json()) as { items: { id: string; name: string }[] };
    const station = (await get("/api/places?kind=duty_station&q=Mopti")).items[0];
    const organisation = (await get("/api/organisations?q=WFP")).items[0];
    const body = (description: string) =>
      JSON.stringify({
        occurredAt: "2026-01-10T09:30:00Z",
        timeZone: "Africa/Bamako",
        place: { dutyStationId: station.id },
        categoryCode: "road_traffic_accident",
        description,
        source: "un_security",
        reporter: { name: "Crash test" },
        organisationsAffected: [organisation.id],
        peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1, organisationId: organisation.id }],
      });

    // Eight clients create incidents one after another; the server is killed once 80 are
    // acknowledged, with requests still in flight (their outcome is unknown, and not counted).
    const acknowledged: string[] = [];
    const failures: string[] = [];
    let isKilled = false;
    const client = async (worker: number) => {
      for (let index = 0; !isKilled; index += 1) {
        const description = `${run} ${worker}-${index}: a UN vehicle left the road near Mopti.`;
        try {
          const response = await fetch(`${baseUrl}/api/incidents`, { method: "POST", headers, body: body(description) });
          if (response.status === 201) acknowledged.push(description);
          else if (!isKilled) failures.push(`${response.status} ${await response.text()}`);
        } catch {
          // the connection died with the server
        }
        if (acknowledged.length >= 80 && !isKilled) {
          isKilled = true;
          server?.child.kill("SIGKILL");
        }
        if (failures.length > 0) return;
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, worker) => client(worker)));
    expect(failures).toEqual([]);
    await server.stop();
    expect(server.child.signalCode).toBe("SIGKILL");

    // The restarted server opens the database (on PGlite: recovery, and the dead server's lock taken over).
    server = await startVigil(settings);
    expect((await signIn(server.baseUrl, "pcsa.mali@vigil.example", demoPassword)).status).toBe(200);
    await server.stop();
    server = undefined;
    const stored = await storedDescriptions(settings);
    expect(acknowledged.filter((description) => !stored.has(description))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(80);
  });
});
