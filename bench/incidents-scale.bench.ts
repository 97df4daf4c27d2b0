/**
 * Incidents at scale (default a million, generated first and timed):
 *  (b) the list with filters, p95 ≤ 50 ms;
 *  (c) the dashboard aggregates (GET /api/incidents/stats), p95 ≤ 150 ms;
 *  (e) the export of every row over real HTTP, peak memory (RSS) growth ≤ 100 MB.
 * Each figure is printed against its goal and beside a baseline measured in the same run
 * (GET /api/auth/me through the same stack, and the RSS before the export).
 *   node --expose-gc --import tsx bench/incidents-scale.bench.ts [--db pglite|postgres|both] [--count 1000000]
 *     [--formats csv,geojson,xlsx] [--parts list,stats,export] [--pglite-dir <dir> | --postgres-url <url>: keep (and reuse) the database]
 * The server runs here under the V8 heap limit `vigil serve` gets (bin/heap-limit.js: VIGIL_HEAP_MB,
 * default 1024 MB, or --max-old-space-size given to node), printed on the first line.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { getHeapStatistics } from "node:v8";
// @ts-expect-error: a plain JavaScript module of the launcher
import { relaunchWithHeapLimit } from "../bin/heap-limit.js";
import { insertGeneratedIncidents } from "../src/server/seed/incident-generator.ts";
import { type BenchDatabase, type DatabaseKind, kindsToRun, machine, ms, openBenchDatabase, option, percentile, signedIn, startApp } from "./incidents-support.ts";

// The server's memory is measured under the heap limit it is started with.
await relaunchWithHeapLimit();

const count = Number(option("count", "1000000"));
const formats = option("formats", "csv").split(",");
const parts = option("parts", "list,stats,export").split(",");
const repeats = 30;

type Caller = Awaited<ReturnType<typeof signedIn>>;

async function timings(call: Caller, url: string): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < repeats + 3; index += 1) {
    const started = performance.now();
    const response = await call({ method: "GET", url });
    const elapsed = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode} ${response.body.slice(0, 300)}`);
    if (index >= 3) times.push(elapsed);
  }
  return times;
}

/**
 * One export over real HTTP, read by curl in its own process (so this process's memory is the
 * server's alone: with PGlite, the database's too), sampling this process's RSS meanwhile.
 */
async function exportOverHttp(baseUrl: string, cookie: string, query: string) {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = process.memoryUsage();
  // The kernel's own high-water mark of this process's RSS, reset here: a sampler could miss
  // the peak while an embedded database keeps the event loop busy.
  writeFileSync("/proc/self/clear_refs", "5");
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 20);
  const started = performance.now();
  const curl = spawn("curl", ["-s", "-S", "-f", "-o", "/dev/null", "-w", "%{size_download}", "-H", `cookie: ${cookie}`, `${baseUrl}/api/incidents/export?${query}`]);
  let written = "";
  curl.stdout.on("data", (chunk: Buffer) => {
    written += chunk.toString();
  });
  const [code] = (await once(curl, "close")) as [number];
  clearInterval(sampler);
  if (code !== 0) throw new Error(`curl exited with ${code}`);
  const peak = Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return { seconds: (performance.now() - started) / 1000, bytes: Number(written), growthMb: mb(peak - before.rss), heapGrowthMb: mb(peakHeap - before.heapUsed), beforeMb: mb(before.rss) };
}

async function benchmark(kind: DatabaseKind) {
  const bench = await openBenchDatabase(kind);
  const { database } = bench;
  let started = performance.now();
  let lastShown = 0;
  if (bench.isReused) console.log(`[${kind}] reusing the kept database (--pglite-dir or --postgres-url), its incidents already generated`);
  else await insertGeneratedIncidents(database, {
    count,
    seed: 1_000_000,
    audit: "batch",
    batchSize: 2000,
    onProgress: (done) => {
      if (done - lastShown >= count / 10 || done === count) {
        lastShown = done;
        console.log(`[${kind}]   generated ${done} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      }
    },
  });
  const generationSeconds = (performance.now() - started) / 1000;
  if (!bench.isReused) console.log(`[${kind}] generation of ${count} incidents: ${generationSeconds.toFixed(0)} s = ${Math.round(count / generationSeconds)} incidents/s`);
  started = performance.now();
  await database.query("analyze");
  console.log(`[${kind}] ANALYZE: ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const app = await startApp(database);
  const place = async (name: string) => (await database.query<{ id: string }>("select id from places where name = $1", [name]))[0].id;
  const [mopti, mali, organisation] = [await place("Mopti Security Area"), await place("Mali"), (await database.query<{ id: string }>("select id from organisations where code = 'UNICEF'"))[0].id];
  const analyst = await signedIn(app, "analyst@vigil.example");
  const pcsa = await signedIn(app, "pcsa.mali@vigil.example");
  const doMali = await signedIn(app, "do.mali@vigil.example");

  const baseline = await timings(analyst, "/api/auth/me");
  console.log(`[${kind}] baseline GET /api/auth/me: p95 ${ms(percentile(baseline, 95))}`);

  if (parts.includes("list")) await lists(kind, count, analyst, pcsa, doMali, baseline, mopti, organisation);
  if (parts.includes("stats")) await dashboards(kind, database, analyst, pcsa, mali);
  if (parts.includes("export")) await exports(kind, app, formats);
  await app.close();
  await bench.dispose();
}

async function lists(kind: DatabaseKind, count: number, analyst: Caller, pcsa: Caller, doMali: Caller, baseline: number[], mopti: string, organisation: string) {
  const firstPage = (await analyst({ method: "GET", url: "/api/incidents?pageSize=25" })).json() as { nextCursor: string | null };
  const lists: [string, Caller, string][] = [
    ["analyst, no filter (newest first)", analyst, "/api/incidents?pageSize=25"],
    ["analyst, second page (cursor)", analyst, `/api/incidents?pageSize=25&cursor=${encodeURIComponent(firstPage.nextCursor ?? "")}`],
    ["P/C/SA Mali, Mopti + robbery", pcsa, `/api/incidents?pageSize=25&placeId=${mopti}&categoryCode=robbery`],
    ["analyst, one quarter of 2024", analyst, "/api/incidents?pageSize=25&from=2024-01-01&to=2024-03-31"],
    ["analyst, situational awareness, closed", analyst, "/api/incidents?pageSize=25&affectsUn=false&status=closed"],
    ["analyst, UNICEF affected", analyst, `/api/incidents?pageSize=25&organisationId=${organisation}`],
    ["DO Mali, someone killed", doMali, "/api/incidents?pageSize=25&outcome=killed"],
    ["analyst, full text 'vehicle'", analyst, "/api/incidents?pageSize=25&q=vehicle"],
    ["analyst, oldest first", analyst, "/api/incidents?pageSize=25&order=asc"],
  ];
  const allLists: number[] = [];
  for (const [name, caller, url] of lists) {
    const times = await timings(caller, url);
    allLists.push(...times);
    console.log(`[${kind}]   list, ${name}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
  }
  const listP95 = percentile(allLists, 95);
  console.log(`[${kind}] (b) list with filters at ${count}: p95 ${ms(listP95)} = ${(listP95 / 50).toFixed(2)}× the 50 ms goal (${(listP95 / percentile(baseline, 95)).toFixed(1)}× /api/auth/me)`);
}

async function dashboards(kind: DatabaseKind, database: BenchDatabase["database"], analyst: Caller, pcsa: Caller, mali: string) {
  const stats: [string, Caller, string][] = [
    ["analyst, last twelve months", analyst, "/api/incidents/stats"],
    ["analyst, 2016–2025", analyst, "/api/incidents/stats?from=2016-01&to=2025-12"],
    ["P/C/SA Mali, last twelve months", pcsa, "/api/incidents/stats"],
    ["analyst, Mali, road accidents", analyst, `/api/incidents/stats?placeId=${mali}&categoryCode=road_traffic_accident`],
  ];
  const allStats: number[] = [];
  for (const [name, caller, url] of stats) {
    const times = await timings(caller, url);
    allStats.push(...times);
    console.log(`[${kind}]   stats, ${name}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
  }
  const rollupTables = await database.query<{ name: string }>("select tablename as name from pg_tables where tablename like 'incident%rollup' order by tablename");
  const sizes: string[] = [];
  for (const { name } of rollupTables) sizes.push(`${name} ${(await database.query<{ rows: number }>(`select count(*)::int as rows from ${name}`))[0].rows}`);
  console.log(`[${kind}]   rollup rows: ${sizes.join(", ")}`);
  const statsP95 = percentile(allStats, 95);
  console.log(`[${kind}] (c) dashboard aggregates at ${count}: p95 ${ms(statsP95)} = ${(statsP95 / 150).toFixed(2)}× the 150 ms goal`);
}

async function exports(kind: DatabaseKind, app: Awaited<ReturnType<typeof startApp>>, formats: string[]) {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "analyst@vigil.example", password: "vigil-demo-2026" }) });
  // The answer sets the device cookie too: take the session's.
  const cookie = (login.headers.getSetCookie().find((line) => line.startsWith("vigil_session=")) ?? "").split(";")[0];
  await exportOverHttp(baseUrl, cookie, "format=csv&categoryCode=fire&from=2025-01-01");
  // CSV twice: on PGlite the first full read also fills the database's own page cache, which
  // lives in this process; the second shows what the streaming itself holds.
  for (const format of formats[0] === "csv" ? ["csv", ...formats] : formats) {
    const result = await exportOverHttp(baseUrl, cookie, `format=${format}`);
    console.log(
      `[${kind}] (e) export of every incident as ${format}: ${(result.bytes / 1024 / 1024).toFixed(0)} MB in ${result.seconds.toFixed(0)} s; RSS ${result.beforeMb.toFixed(0)} MB before, peak growth ${result.growthMb.toFixed(0)} MB = ${(result.growthMb / 100).toFixed(2)}× the 100 MB goal (JS heap growth ${result.heapGrowthMb.toFixed(0)} MB)`,
    );
  }
}

console.log(`machine: ${machine()}; ${count} incidents; V8 heap limit ${(getHeapStatistics().heap_size_limit / 1024 / 1024).toFixed(0)} MB (old generation and young)`);
for (const kind of kindsToRun()) await benchmark(kind);
