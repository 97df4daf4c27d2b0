// `npm start`: builds the web app when it is missing or older than its sources, then
// migrates and starts Vigil, loading the demo dataset into an empty database.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { heapLimitFlag } from "../bin/heap-limit.js";

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
// The server's heap limit given here, so that bin/vigil.js need not start node a second time
// (only NODE_OPTIONS and VIGIL_HEAP_MB reach the server: this script's own node flags do not).
const heapLimit = heapLimitFlag(process.env, []);
const server = spawnSync(process.execPath, [...(heapLimit ? [heapLimit] : []), "bin/vigil.js", "serve", "--demo-if-empty", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(server.status ?? 0);
