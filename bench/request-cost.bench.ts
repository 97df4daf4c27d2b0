/**
 * The cost of a request (issue 12 §2): requests per second, latency, server CPU and database round
 * trips per request for the endpoints every page calls, against a bare Fastify answering a small
 * JSON in the same run, at 10 and 50 connections, on PGlite and on PostgreSQL.
 *   npx tsx bench/request-cost.bench.ts [--db pglite|postgres|both] [--duration 8] [--user pcsa.mali@vigil.example]
 *
 * The server runs in this process (so process.cpuUsage() is its CPU, PGlite's WASM included);
 * autocannon runs in a child process, so its own CPU is not counted. Round trips are counted with
 * a wrapper on the driver (pg.Client#query, PGlite query/exec/transaction): every statement sent,
 * BEGIN and COMMIT included (the e-mail and webhook workers' rare polls too). CPU and statements
 * are divided by the responses the server finished between two quiet moments. On PostgreSQL the
 * database server's own CPU is not in the figure.
 *
 * Requests carry a browser's Accept-Encoding, so answers above 1 KB are compressed as a browser
 * receives them. The list, the statistics and the dashboard are measured twice: as served (a
 * repeated read with no change in between is answered from the response cache, which is what the
 * goals are about) and computed every time (a second app on the same database with
 * RESPONSE_CACHE_SECONDS=0: the cost of the first read after a change, reported, with no goal).
 */
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import Fastify, { type FastifyInstance } from "fastify";
import pg from "pg";
import type { Database } from "../src/server/platform/db/database.ts";
import { type DatabaseKind, kindsToRun, machine, openBenchDatabase, option, startApp } from "./incidents-support.ts";

const durationSeconds = Number(option("duration", "8"));
const warmupSeconds = Number(option("warmup", "2"));
const connectionCounts = option("connections", "10,50").split(",").map(Number);
// The Principal Security Adviser of Mali: scoped grants (a place path, not "everywhere"), appointments
// to list in /me, most of the demo's incidents in scope: the common case of a field security user.
const user = option("user", "pcsa.mali@vigil.example");

type Target = { name: string; path: string };
const targets: Target[] = [
  { name: "/api/auth/me", path: "/api/auth/me" },
  { name: "incident list", path: "/api/incidents" },
  { name: "incident stats", path: "/api/incidents/stats" },
  { name: "dashboard", path: "/api/dashboard" },
];

type Result = { rps: number; p50: number; p97_5: number; requests: number; non2xx: number; errors: number; cpuMs: number; statements: number };

/** Counts every statement sent to the database (round trips), whichever driver. */
function statementCounter(database: Database): { read(): number } {
  let count = 0;
  if (database.kind === "postgres") {
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      count += 1;
      return (original as (...rest: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  } else {
    const client = database.pglite as PGlite;
    const query = client.query.bind(client);
    const exec = client.exec.bind(client);
    const transaction = client.transaction.bind(client);
    client.query = ((...args: Parameters<PGlite["query"]>) => {
      count += 1;
      return query(...args);
    }) as PGlite["query"];
    client.exec = ((...args: Parameters<PGlite["exec"]>) => {
      count += 1;
      return exec(...args);
    }) as PGlite["exec"];
    client.transaction = (<T>(work: (tx: Transaction) => Promise<T>) => {
      count += 2; // BEGIN and COMMIT
      return transaction((tx) => {
        const txQuery = tx.query.bind(tx);
        tx.query = ((...args: Parameters<Transaction["query"]>) => {
          count += 1;
          return txQuery(...args);
        }) as Transaction["query"];
        return work(tx);
      });
    }) as PGlite["transaction"];
  }
  return { read: () => count };
}

/** autocannon in a child process; its JSON result. */
function cannon(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<Record<string, never>> {
  const script = `import autocannon from "autocannon";
const options = JSON.parse(process.argv[1]);
autocannon(options, (error, result) => { if (error) { console.error(error); process.exit(1); } process.stdout.write(JSON.stringify(result)); });`;
  const options = { url, connections, duration: seconds, headers, pipelining: 1 };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(options)], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`autocannon exited with ${code}`))));
  });
}

/** Responses the server finished (counted on the raw HTTP server: requests still in flight when autocannon stops count when they end). */
function answeredCounter(app: FastifyInstance): { read(): number } {
  let answered = 0;
  app.server.on("request", (_request, response) => response.once("finish", () => (answered += 1)));
  return { read: () => answered };
}

/** Waits until no request is in flight any more: the last ones of a run must not be charged to the next. */
async function settle(answered: { read(): number }) {
  for (let last = -1; answered.read() !== last; ) {
    last = answered.read();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function measure(
  url: string,
  connections: number,
  headers: Record<string, string>,
  counter: { read(): number } | null,
  answered: { read(): number },
): Promise<Result> {
  await cannon(url, connections, warmupSeconds, headers);
  await settle(answered);
  const cpuBefore = process.cpuUsage();
  const statementsBefore = counter?.read() ?? 0;
  const answeredBefore = answered.read();
  const result = (await cannon(url, connections, durationSeconds, headers)) as unknown as {
    requests: { average: number; total: number };
    latency: { p50: number; p97_5: number };
    non2xx: number;
    errors: number;
  };
  await settle(answered);
  const cpu = process.cpuUsage(cpuBefore);
  // Per request the server answered in the window (autocannon's own total leaves out those in flight at its end).
  const requests = Math.max(1, answered.read() - answeredBefore);
  return {
    rps: result.requests.total / durationSeconds,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuMs: (cpu.user + cpu.system) / 1000 / requests,
    statements: ((counter?.read() ?? 0) - statementsBefore) / requests,
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function bareFastify(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get("/hello", async () => ({ status: "ok", service: "bare" }));
  return app;
}

const pad = (value: string, width: number) => value.padEnd(width);
const num = (value: number, digits = 0) => value.toFixed(digits);

function row(name: string, result: Result) {
  const flags = result.non2xx || result.errors ? `  !! ${result.non2xx} non-2xx, ${result.errors} errors` : "";
  console.log(
    `  ${pad(name, 26)} ${num(result.rps).padStart(7)} req/s   p50 ${num(result.p50).padStart(4)} ms   p97.5 ${num(result.p97_5).padStart(5)} ms   CPU ${num(result.cpuMs, 3).padStart(6)} ms/req   DB ${num(result.statements, 2).padStart(5)} stmt/req${flags}`,
  );
}

const verdict = (ratio: number, goal: number) => `${ratio.toFixed(2)}× (goal ≥ ${goal}) ${ratio >= goal ? "PASS" : "FAIL"}`;

async function runKind(kind: DatabaseKind): Promise<boolean> {
  console.log(`\n## ${kind}: opening a fresh database with the demo data…`);
  const bench = await openBenchDatabase(kind);
  const app = await startApp(bench.database);
  const uncached = await startApp(bench.database, { RESPONSE_CACHE_SECONDS: "0" });
  const bare = await bareFastify();
  let isPassing = true;
  try {
    const base = await listen(app);
    const uncachedBase = await listen(uncached);
    const bareBase = await listen(bare);
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: user, password: "vigil-demo-2026" }),
    });
    if (login.status !== 200) throw new Error(`sign-in as ${user}: ${login.status} ${await login.text()}`);
    const session = login.headers.getSetCookie().find((cookie) => cookie.startsWith("vigil_session="))?.split(";")[0];
    if (!session) throw new Error("no session cookie");
    const headers = { cookie: session, "accept-encoding": "gzip, deflate, br, zstd" };
    const list = (await (await fetch(`${base}/api/incidents`, { headers })).json()) as { items: unknown[] };
    console.log(`signed in as ${user}; the first page of the incident list holds ${list.items.length} incidents`);
    const counter = statementCounter(bench.database);
    const answered = answeredCounter(app);
    const uncachedAnswered = answeredCounter(uncached);
    const bareAnswered = answeredCounter(bare);
    for (const connections of connectionCounts) {
      console.log(`\n### ${kind}, ${connections} connections, ${durationSeconds} s each (after ${warmupSeconds} s of warm-up)`);
      const bareResult = await measure(`${bareBase}/hello`, connections, {}, null, bareAnswered);
      row("bare Fastify", bareResult);
      const results = new Map<string, Result>();
      for (const target of targets) {
        const result = await measure(`${base}${target.path}`, connections, headers, counter, answered);
        results.set(target.name, result);
        row(target.name, result);
        if (result.non2xx || result.errors) isPassing = false;
      }
      for (const target of targets.slice(1)) {
        const result = await measure(`${uncachedBase}${target.path}`, connections, headers, counter, uncachedAnswered);
        results.set(`${target.name}, computed`, result);
        row(`${target.name}, computed`, result);
        if (result.non2xx || result.errors) isPassing = false;
      }
      const me = results.get("/api/auth/me") as Result;
      const meRatio = me.rps / bareResult.rps;
      console.log(`  /api/auth/me ÷ bare Fastify: ${verdict(meRatio, 0.1)}`);
      isPassing &&= meRatio >= 0.1;
      for (const name of ["incident list", "incident stats", "dashboard"]) {
        const ratio = (results.get(name) as Result).rps / me.rps;
        console.log(`  ${name} ÷ /api/auth/me: ${verdict(ratio, 0.5)}`);
        isPassing &&= ratio >= 0.5;
      }
      for (const name of ["incident list", "incident stats", "dashboard"]) {
        const ratio = (results.get(`${name}, computed`) as Result).rps / me.rps;
        console.log(`  ${name} computed every time ÷ /api/auth/me: ${ratio.toFixed(2)}× (no goal: the first read after a change)`);
      }
    }
  } finally {
    await bare.close();
    await uncached.close();
    await app.close();
    await bench.dispose();
  }
  return isPassing;
}

console.log(`# Request cost — ${machine()}; signed in as ${user}`);
let isAllPassing = true;
for (const kind of kindsToRun()) isAllPassing = (await runKind(kind)) && isAllPassing;
console.log(`\n${isAllPassing ? "PASS" : "FAIL"}: every goal on every database and concurrency`);
process.exit(isAllPassing ? 0 : 1);
