/**
 * Start-up and memory, each against a baseline measured in the same run (a bare `node` process),
 * and the initial web bundle against its 250 KB gzip budget.
 *   npx tsx bench/startup.bench.ts
 *
 * - Start to /readyz on PGlite with the demo data, from the server bundle once it is built
 *   (bin/server-bundle.js: what `npm start` and `vigil serve` run), beside the TypeScript sources
 *   through tsx (how Vigil started before). Goal: ≤ 1.5 s. The CPU time the server used until it
 *   was ready is printed too: on a busy machine the wall time grows with the load, the CPU time less.
 * - The processes under `npm start` once the server is ready and idle: npm's own, the shell npm runs
 *   the script with, and the server; Ctrl+C (SIGINT to the process group) and SIGTERM to npm stop all.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
// @ts-expect-error: a plain JavaScript module of the launcher
import { buildBundle, isFresh } from "../bin/server-bundle.js";

const runs = 5;
const goalMs = 1500;
const clockTicks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
let nextPort = 18_000 + Math.floor(Math.random() * 1000);

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function procStatus(pid: number): { rssKb: number; ppid: number; name: string } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return {
    rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
    ppid: Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0),
    name: readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" "),
  };
}

/** A process and its descendants, parents first. */
function tree(pid: number): { pid: number; rssKb: number; cmd: string }[] {
  const { rssKb, name } = procStatus(pid);
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return [{ pid, rssKb, cmd: name }, ...children.flatMap((child) => tree(child))];
}

/** User + system CPU seconds a process has used. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

async function bareNode(): Promise<{ ms: number; rssKb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000); process.stdout.write('up')"]);
  await new Promise((resolve) => child.stdout.once("data", resolve));
  const ms = performance.now() - started;
  const rss = procStatus(child.pid as number).rssKb;
  child.kill();
  return { ms, rssKb: rss };
}

async function untilReady(port: number, child: ChildProcess) {
  for (;;) {
    if (child.exitCode !== null) throw new Error("the server stopped before it was ready");
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

function environment(dataDir: string, port: number): NodeJS.ProcessEnv {
  return { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", BASE_URL: "" };
}

/** Starts `node <args>` (a server), measures the time and CPU to /readyz, and stops it. */
async function start(args: string[], dataDir: string): Promise<{ ms: number; cpuS: number }> {
  const port = nextPort++;
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: environment(dataDir, port), stdio: "ignore" });
  await untilReady(port, child);
  const ms = performance.now() - started;
  const cpuS = cpuSeconds(child.pid as number);
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return { ms, cpuS };
}

type NpmStart = { processes: { pid: number; rssKb: number; cmd: string }[]; serverKb: number; npmKb: number; stopped: Record<string, string> };

/** `npm start` on the seeded directory: the process tree once idle, then how each signal stops it. */
async function npmStart(dataDir: string): Promise<NpmStart> {
  const stopped: Record<string, string> = {};
  let processes: NpmStart["processes"] = [];
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    const port = nextPort++;
    // Its own process group, as a terminal's foreground job: Ctrl+C signals the whole group.
    const npm = spawn("npm", ["start", "--silent"], { env: { ...environment(dataDir, port), LOG_LEVEL: "info" }, stdio: "ignore", detached: true });
    await untilReady(port, npm);
    for (let index = 0; index < 20; index += 1) await fetch(`http://127.0.0.1:${port}/api/auth/me`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const found = tree(npm.pid as number);
    if (signal === "SIGINT") processes = found;
    const ended = new Promise((resolve) => npm.once("exit", (code, name) => resolve(name ?? `exit code ${code}`)));
    const startedAt = performance.now();
    // Ctrl+C: the terminal signals the foreground group; SIGTERM: a service manager signals npm.
    if (signal === "SIGINT") process.kill(-(npm.pid as number), "SIGINT");
    else npm.kill("SIGTERM");
    const outcome = await ended;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const left = found.filter((item) => existsSync(`/proc/${item.pid}`));
    stopped[signal] = `${signal === "SIGINT" ? "Ctrl+C (SIGINT to the group)" : "SIGTERM to npm"}: npm ended with ${outcome} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s, ${left.length ? `left running: ${left.map((item) => item.cmd).join(", ")}` : "no process left"}`;
  }
  const server = processes.find((item) => item.cmd.includes("scripts/start.js") && item.cmd.startsWith("node"));
  const npm = processes[0];
  return { processes, serverKb: server?.rssKb ?? 0, npmKb: npm?.rssKb ?? 0, stopped };
}

/** Gzip size of what index.html loads before anything else: its scripts, preloads and styles. */
function initialBundleGzip(extension: "js" | "css"): number | null {
  const index = path.resolve("dist/web/index.html");
  if (!existsSync(index)) return null;
  const html = readFileSync(index, "utf8");
  const assets = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)]
    .map((match) => match[1])
    .filter((asset) => asset.endsWith(`.${extension}`));
  return [...new Set(assets)].reduce((total, asset) => total + gzipSync(readFileSync(path.resolve("dist/web", asset))).length, 0);
}

console.log(`load average at start: ${loadavg().map((value) => value.toFixed(1)).join(" ")} on ${spawnSync("nproc", { encoding: "utf8" }).stdout.trim()} CPUs`);
if (!isFresh()) {
  const started = performance.now();
  await buildBundle();
  console.log(`server bundle built first: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const dataDir = mkdtempSync(path.join(tmpdir(), "vigil-bench-"));
spawnSync(process.execPath, ["bin/vigil.js", "seed", "--demo"], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: "", BASE_URL: "" }, stdio: "ignore" });
// The server's own flags as `npm start` gives them: no relaunch for the heap limit.
const bundled = ["--max-old-space-size=1024", "bin/vigil.js", "serve"];
const throughTsx = ["--max-old-space-size=1024", "--import", "tsx", "src/server/cli.ts", "serve"];
const baseline: { ms: number; rssKb: number }[] = [];
const fromBundle: { ms: number; cpuS: number }[] = [];
const fromTsx: { ms: number; cpuS: number }[] = [];
for (let run = 0; run < runs; run += 1) {
  baseline.push(await bareNode());
  fromBundle.push(await start(bundled, dataDir));
  if (run < 3) fromTsx.push(await start(throughTsx, dataDir));
}
if (!isFresh()) console.log("note: a source changed during the run; some starts rebuilt the bundle");
const memory = await npmStart(dataDir);
rmSync(dataDir, { recursive: true, force: true });

const baseMs = median(baseline.map((item) => item.ms));
const bundleMs = median(fromBundle.map((item) => item.ms));
const tsxMs = median(fromTsx.map((item) => item.ms));
const baseRss = median(baseline.map((item) => item.rssKb)) / 1024;
const describe = (ms: number, cpuS: number) => `${ms.toFixed(0)} ms = ${(ms / baseMs).toFixed(1)}× a bare node start (${baseMs.toFixed(0)} ms), ${cpuS.toFixed(2)} s of CPU`;
console.log(`start to /readyz from the bundle (demo data, PGlite): ${describe(bundleMs, median(fromBundle.map((item) => item.cpuS)))}`);
console.log(`  each run: ${fromBundle.map((item) => item.ms.toFixed(0)).join(", ")} ms`);
console.log(`start to /readyz through tsx (before): ${describe(tsxMs, median(fromTsx.map((item) => item.cpuS)))}`);
console.log(`goal ≤ ${goalMs} ms from the bundle: ${bundleMs <= goalMs ? "PASS" : "FAIL"} (load average now ${loadavg()[0].toFixed(1)})`);
console.log(`\`npm start\`, idle after 20 requests (RSS; bare node process: ${baseRss.toFixed(0)} MB):`);
for (const item of memory.processes) console.log(`  pid ${item.pid}  ${(item.rssKb / 1024).toFixed(1).padStart(6)} MB  ${item.cmd}`);
const total = memory.processes.reduce((sum, item) => sum + item.rssKb, 0);
const beside = total - memory.serverKb - memory.npmKb;
console.log(`  server alone ${(memory.serverKb / 1024).toFixed(0)} MB; npm's own process ${(memory.npmKb / 1024).toFixed(0)} MB; anything else beside the server ${(beside / 1024).toFixed(1)} MB; whole tree ${(total / 1024).toFixed(0)} MB`);
for (const line of Object.values(memory.stopped)) console.log(`  ${line}`);
const script = initialBundleGzip("js");
const style = initialBundleGzip("css");
if (script === null || style === null) console.log("initial bundle: build the web app first (npx vite build)");
else {
  console.log(`initial JS (gzip): ${(script / 1024).toFixed(1)} KB = ${(script / (250 * 1024)).toFixed(2)}× the 250 KB budget`);
  console.log(`initial CSS (gzip): ${(style / 1024).toFixed(1)} KB`);
}
