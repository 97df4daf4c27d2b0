// Starts a throwaway PostgreSQL cluster in a temporary directory for the test suite, and
// stops it afterwards. initdb refuses to run as root, so as root the cluster runs as `nobody`.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export function findPostgresBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(base, version, "bin");
    if (existsSync(path.join(bin, "initdb"))) return bin;
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * A throwaway cluster. Tests run it without fsync (speed; nothing there must survive a crash);
 * benchmarks ask for `durable`, so a write's figure includes making it durable, as in production.
 */
export async function startPostgres({ durable = false } = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found (apt-get install -y postgresql)");
  const root = mkdtempSync(path.join(tmpdir(), "vigil-pg-"));
  chmodSync(root, 0o777);
  const dataDir = path.join(root, "data");
  const isRoot = process.getuid?.() === 0;
  const run = (command, args) => {
    const full = path.join(bin, command);
    const result = isRoot
      ? spawnSync("runuser", ["-u", "nobody", "--", full, ...args], { encoding: "utf8" })
      : spawnSync(full, args, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  run("initdb", ["-D", dataDir, "-U", "vigil", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  const port = await freePort();
  run("pg_ctl", [
    "-D", dataDir, "-l", path.join(root, "server.log"), "-w", "-t", "60",
    "-o", `-p ${port} -k ${root} -c listen_addresses=127.0.0.1${durable ? "" : " -c fsync=off -c synchronous_commit=off"} -c max_connections=200`,
    "start",
  ]);
  return {
    url: `postgres://vigil@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

