/**
 * (d) CSV import through the HTTP route (multipart upload, every row checked as the API checks
 * a new incident, batches of 500, one audit entry per incident), in rows per second. Goal:
 * ≥ 5,000 rows/s. Baseline in the same run: storing the same rows with the bulk insert alone
 * (no checks, one audit entry per batch), as the generator does. Also printed: the CPU time per row of
 * this process and of the local PostgreSQL server (from /proc), and the throughput those allow
 * on this machine's cores even if they overlapped perfectly.
 *   npx tsx bench/incidents-import.bench.ts [--db pglite|postgres|both] [--rows 20000]
 */
import { readFileSync, readdirSync } from "node:fs";
import { cpus } from "node:os";
import { stringify } from "csv-stringify/sync";
import { insertIncidentRows } from "../src/server/modules/incidents/index.ts";
import { systemContext } from "../src/server/platform/http/context.ts";
import { generateIncidents, generatedImportRows, importHeaders, loadGeneratorWorld } from "../src/server/seed/incident-generator.ts";
import { type DatabaseKind, kindsToRun, machine, openBenchDatabase, option, signedIn, startApp } from "./incidents-support.ts";

const rowCount = Number(option("rows", "20000"));
const boundary = "----vigil-bench-import";

/** CPU time (ms) used so far by the PostgreSQL server processes of this machine (0 where /proc says nothing). */
function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * 10;
}

async function benchmark(kind: DatabaseKind) {
  const bench = await openBenchDatabase(kind);
  const app = await startApp(bench.database);
  const asPcsa = await signedIn(app, "pcsa.mali@vigil.example");
  const world = await loadGeneratorWorld(bench.database);
  const [mali] = await bench.database.query<{ path: string }>("select path from places where name = 'Mali'");
  const maliWorld = { ...world, stations: world.stations.filter((station) => station.path.startsWith(mali.path)) };
  const csv = stringify([importHeaders, ...generatedImportRows(maliWorld, { count: rowCount, seed: 99 })]);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const upload = async () => {
    const started = performance.now();
    const response = await asPcsa({ method: "POST", url: "/api/incidents/imports", payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
    const seconds = (performance.now() - started) / 1000;
    if (response.statusCode !== 200) throw new Error(`import answered ${response.statusCode} ${response.body.slice(0, 300)}`);
    return { seconds, result: response.json() as { inserted: number; duplicates: number; rejected: number } };
  };
  const cpuBefore = process.cpuUsage();
  const serverBefore = postgresCpuMs();
  const first = await upload();
  const cpu = process.cpuUsage(cpuBefore);
  const ownPerRow = (cpu.user + cpu.system) / rowCount;
  const serverPerRow = ((postgresCpuMs() - serverBefore) * 1000) / rowCount;
  const again = await upload();

  // Baseline: the same incidents stored without checks, one audit entry per batch.
  const rows = [...generateIncidents(maliWorld, { count: rowCount, seed: 98 })].map((incident, index) => ({ ...incident, importKey: `bench:${index}` }));
  const context = systemContext(bench.database, "bench");
  const started = performance.now();
  for (let start = 0; start < rows.length; start += 500) {
    await bench.database.db.transaction((tx) => insertIncidentRows(tx, context, rows.slice(start, start + 500), "batch"));
  }
  const bulkSeconds = (performance.now() - started) / 1000;
  await app.close();
  await bench.dispose();

  const rate = rowCount / first.seconds;
  console.log(`[${kind}] import of ${rowCount} rows (${(csv.length / 1024 / 1024).toFixed(1)} MB): ${first.seconds.toFixed(1)} s = ${Math.round(rate)} rows/s = ${(rate / 5000).toFixed(2)}× the goal of 5,000 rows/s (inserted ${first.result.inserted}, refused ${first.result.rejected})`);
  const ceiling = (cpus().length * 1_000_000) / (ownPerRow + serverPerRow);
  console.log(
    kind === "pglite"
      ? `[${kind}] CPU per row: this process, with the embedded database in its main thread, ${Math.round(ownPerRow)} µs`
      : `[${kind}] CPU per row: this process ${Math.round(ownPerRow)} µs, PostgreSQL server ${Math.round(serverPerRow)} µs; on ${cpus().length} cores, perfectly overlapped, at most ${Math.round(ceiling)} rows/s`,
  );
  console.log(`[${kind}] same file again (all duplicates): ${again.seconds.toFixed(1)} s = ${Math.round(rowCount / again.seconds)} rows/s (inserted ${again.result.inserted}, duplicates ${again.result.duplicates})`);
  console.log(`[${kind}] baseline, bulk insert of as many rows without checks: ${bulkSeconds.toFixed(1)} s = ${Math.round(rowCount / bulkSeconds)} rows/s; import = ${(bulkSeconds / first.seconds).toFixed(2)}× its throughput`);
}

console.log(`machine: ${machine()}`);
for (const kind of kindsToRun()) await benchmark(kind);
