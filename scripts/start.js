// `npm start`: builds the web app when it is missing or older than its sources, then migrates and
// starts Vigil in this same process, loading the demo dataset into an empty database. No process
// of ours waits beside the server: package.json gives node the server's heap limit, and the server
// bundle (bin/server-bundle.js) is rebuilt here, in this process, when a source changed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { relaunchWith, startExecArgv } from "../bin/heap-limit.js";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const builtIndex = path.resolve("dist/web/index.html");
const sources = [path.resolve("src/web"), path.resolve("src/core")];
const isStale =
  !existsSync(builtIndex) || sources.some((dir) => existsSync(dir) && newestMtime(dir) > statSync(builtIndex).mtimeMs);
if (isStale) {
  console.log("Building the web app…");
  const build = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// A person watches this console: one readable line per request (LOG_FORMAT=json for machines).
if (!process.env.LOG_FORMAT && process.env.NODE_ENV !== "production") process.env.LOG_FORMAT = "pretty";
// From here on this process is `vigil serve --demo-if-empty [arguments of npm start]`.
process.argv = [process.argv[0], fileURLToPath(new URL("../bin/vigil.js", import.meta.url)), "serve", "--demo-if-empty", ...process.argv.slice(2)];
// Another heap limit asked for (VIGIL_HEAP_MB, NODE_OPTIONS) than the one package.json gave node:
// node cannot change it from inside, so the server starts again under it (on Node 20, beside this one).
const execArgv = startExecArgv();
if (execArgv) await relaunchWith(execArgv);
const { runCli } = await import("../bin/server-bundle.js");
await runCli();
