/**
 * Cold start, idle memory and initial bundle size, each against a baseline measured in the
 * same run: a bare `node` process (start-up and RSS) and the 250 KB gzip budget (bundle).
 *   npx tsx bench/startup.bench.ts
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const runs = 5;
const port = 18_000 + Math.floor(Math.random() * 1000);

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** RSS of a process and its descendants: on Node 20, bin/vigil.js starts the server as its child to give it a heap limit. */
function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) + children.reduce((sum, child) => sum + rssKb(Number(child)), 0);
}

async function bareNode(): Promise<{ ms: number; rssKb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000); process.stdout.write('up')"]);
  await new Promise((resolve) => child.stdout.once("data", resolve));
  const ms = performance.now() - started;
  const rss = rssKb(child.pid as number);
  child.kill();
  return { ms, rssKb: rss };
}

async function vigil(dataDir: string): Promise<{ ms: number; rssKb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["bin/vigil.js", "serve"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: "ignore",
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const ms = performance.now() - started;
  // Idle after a few ordinary requests have warmed the routes.
  for (let index = 0; index < 20; index += 1) await fetch(`http://127.0.0.1:${port}/api/auth/me`);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rss = rssKb(child.pid as number);
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return { ms, rssKb: rss };
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

const dataDir = mkdtempSync(path.join(tmpdir(), "vigil-bench-"));
spawnSync(process.execPath, ["bin/vigil.js", "seed", "--demo"], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent" }, stdio: "ignore" });
const baseline: { ms: number; rssKb: number }[] = [];
const measured: { ms: number; rssKb: number }[] = [];
for (let run = 0; run < runs; run += 1) {
  baseline.push(await bareNode());
  measured.push(await vigil(dataDir));
}
rmSync(dataDir, { recursive: true, force: true });
const baseMs = median(baseline.map((item) => item.ms));
const vigilMs = median(measured.map((item) => item.ms));
const baseRss = median(baseline.map((item) => item.rssKb)) / 1024;
const vigilRss = median(measured.map((item) => item.rssKb)) / 1024;
console.log(`cold start to /readyz (demo data, PGlite): ${vigilMs.toFixed(0)} ms = ${(vigilMs / baseMs).toFixed(1)}× a bare node start (${baseMs.toFixed(0)} ms)`);
console.log(`idle memory (RSS): ${vigilRss.toFixed(0)} MB = ${(vigilRss / baseRss).toFixed(1)}× a bare node process (${baseRss.toFixed(0)} MB)`);
const script = initialBundleGzip("js");
const style = initialBundleGzip("css");
if (script === null || style === null) console.log("initial bundle: build the web app first (npx vite build)");
else {
  console.log(`initial JS (gzip): ${(script / 1024).toFixed(1)} KB = ${(script / (250 * 1024)).toFixed(2)}× the 250 KB budget`);
  console.log(`initial CSS (gzip): ${(style / 1024).toFixed(1)} KB`);
}
