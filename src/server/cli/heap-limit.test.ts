import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module of the launcher
import { defaultHeapMb, heapLimitFlag, startExecArgv } from "../../../bin/heap-limit.js";

/**
 * The server's V8 heap limit (bin/heap-limit.js): VIGIL_HEAP_MB or the default, unless node was
 * given a limit already; the relaunched process really runs under it, and exit codes and signals
 * pass through the relaunching one.
 */
const launcher = pathToFileURL(path.resolve("bin/heap-limit.js")).href;
const directory = mkdtempSync(path.join(tmpdir(), "vigil-heap-limit-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A script that relaunches itself, then prints its heap limit and waits for SIGTERM or exits with the code given. */
const script = path.join(directory, "relaunched.mjs");
writeFileSync(
  script,
  `import { getHeapStatistics } from "node:v8";
import { relaunchWithHeapLimit } from ${JSON.stringify(launcher)};
await relaunchWithHeapLimit();
// The handler goes in before the line is printed: the test signals as soon as it reads the line.
if (process.argv[2] === "wait") process.on("SIGTERM", () => { console.log("stopping"); process.exit(0); });
console.log(JSON.stringify({ limit: getHeapStatistics().heap_size_limit, pid: process.pid }));
if (process.argv[2] === "wait") setInterval(() => {}, 1000);
else process.exit(Number(process.argv[2]));
`,
);

/** The heap limit V8 reports in a node started directly with --max-old-space-size=<mb>. */
function limitWithFlag(mb: number): number {
  const output = spawnSync(process.execPath, [`--max-old-space-size=${mb}`, "-p", "require('node:v8').getHeapStatistics().heap_size_limit"], { encoding: "utf8" });
  return Number(output.stdout.trim());
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const environment = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete environment[name];
  return spawnSync(process.execPath, [script, ...args], { encoding: "utf8", env: environment });
}

describe("heapLimitFlag", () => {
  it("gives the default, or VIGIL_HEAP_MB, when node has no limit", () => {
    expect(heapLimitFlag({}, [])).toBe(`--max-old-space-size=${defaultHeapMb}`);
    expect(heapLimitFlag({ VIGIL_HEAP_MB: " 512 " }, [])).toBe("--max-old-space-size=512");
  });

  it("leaves a limit given to node, directly or in NODE_OPTIONS, as it is", () => {
    expect(heapLimitFlag({ VIGIL_HEAP_MB: "512" }, ["--max-old-space-size=2048"])).toBeNull();
    expect(heapLimitFlag({}, ["--max_old_space_size=2048"])).toBeNull();
    expect(heapLimitFlag({ NODE_OPTIONS: "--enable-source-maps --max-old-space-size=2048" }, [])).toBeNull();
  });

  it("adds nothing for a value the configuration check refuses", () => {
    for (const value of ["lots", "64", "256.5"]) expect(heapLimitFlag({ VIGIL_HEAP_MB: value }, [])).toBeNull();
  });
});

describe("relaunchWithHeapLimit", () => {
  it("runs the script under VIGIL_HEAP_MB, passing its exit code on", () => {
    const result = run(["3"], { VIGIL_HEAP_MB: "160", NODE_OPTIONS: undefined });
    expect(result.status, result.stderr).toBe(3);
    expect(JSON.parse(result.stdout).limit).toBe(limitWithFlag(160));
  });

  it("runs it as it is when NODE_OPTIONS sets a limit", () => {
    const result = run(["0"], { VIGIL_HEAP_MB: "160", NODE_OPTIONS: "--max-old-space-size=200" });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).limit).toBe(limitWithFlag(200));
  });

  it("passes SIGTERM on to the process it started", async () => {
    const environment: NodeJS.ProcessEnv = { ...process.env, VIGIL_HEAP_MB: "160" };
    delete environment.NODE_OPTIONS;
    const parent = spawn(process.execPath, [script, "wait"], { env: environment });
    let output = "";
    await new Promise<void>((resolve) =>
      parent.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("\n")) resolve();
      }),
    );
    const started = JSON.parse(output.split("\n")[0]) as { pid: number };
    expect(started.pid).not.toBe(parent.pid);
    parent.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => parent.once("close", (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
    expect(output).toContain("stopping");
  });
});

describe("startExecArgv (npm start runs the server in the process npm starts)", () => {
  const own = `--max-old-space-size=${defaultHeapMb}`;

  it("keeps the process when package.json gave node the default and nothing else is asked", () => {
    const script = JSON.parse(readFileSync("package.json", "utf8")).scripts.start as string;
    // exec: the shell npm runs the script with gives way to node, which then gets npm's signals itself.
    expect(script).toBe(`exec node ${own} scripts/start.js`);
    expect(startExecArgv({}, [own])).toBeNull();
    // A refused VIGIL_HEAP_MB: the configuration check stops the server with its message.
    expect(startExecArgv({ VIGIL_HEAP_MB: "lots" }, [own])).toBeNull();
  });

  it("asks for a new process under VIGIL_HEAP_MB, or under the limit NODE_OPTIONS sets", () => {
    expect(startExecArgv({ VIGIL_HEAP_MB: "512" }, ["--enable-source-maps", own])).toEqual(["--enable-source-maps", "--max-old-space-size=512"]);
    // On node's command line our flag would override NODE_OPTIONS: it goes.
    expect(startExecArgv({ NODE_OPTIONS: "--max-old-space-size=300" }, [own])).toEqual([]);
    expect(startExecArgv({}, [])).toEqual([own]);
  });
});
