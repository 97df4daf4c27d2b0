import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module of the launcher
import { buildBundle, defaultOutDir, isFresh } from "../../../bin/server-bundle.js";

/**
 * The server built ahead of time (bin/server-bundle.js): it runs, finds the migrations from its own
 * place, and is rebuilt when a source changes, also by two processes starting at the same moment.
 */
const outDir = path.resolve("dist", `.test-bundle-${process.pid}`);
const dataDir = mkdtempSync(path.join(tmpdir(), "vigil-bundle-"));
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

// Vitest sets BASE_URL to "/" (Vite's base): not a Vigil setting.
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, DATABASE_URL: "", BASE_URL: "", LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("close", (code) => resolve({ code, output }));
  });
}

function manifestOf(directory: string): { builtAt: string; inputs: Record<string, [number, number]> } {
  return JSON.parse(readFileSync(path.join(directory, "cli.inputs.json"), "utf8"));
}

describe("the server bundle", () => {
  it("is one file that migrates a database, the migrations found from where the bundle lies", { timeout: 300_000 }, async () => {
    const bundle: string = await buildBundle(outDir);
    expect(isFresh(outDir)).toBe(true);
    const inputs = Object.keys(manifestOf(outDir).inputs);
    expect(inputs).toContain("src/server/cli.ts");
    expect(inputs).toContain("src/server/platform/db/database.ts");
    expect(inputs.some((file) => file.startsWith("node_modules/"))).toBe(false);
    const migrated = await run([bundle, "migrate"], { DATA_DIR: dataDir });
    expect(migrated.output).toContain("Database is up to date.");
    expect(migrated.code).toBe(0);
  });

  it("is rebuilt by bin/vigil.js when a source changed, by two processes at once without harm", { timeout: 300_000 }, async () => {
    await run(["bin/vigil.js", "--help"]);
    // Not isFresh() after the runs: in a working tree someone may save another file meanwhile.
    const before = manifestOf(defaultOutDir).builtAt;
    // An edit, as far as the launcher can tell: the file's modification time moves.
    const source = path.resolve("src/server/platform/http/console-log.ts");
    const now = new Date();
    utimesSync(source, now, now);
    expect(isFresh()).toBe(false);
    const [first, second] = await Promise.all([run(["bin/vigil.js", "--help"]), run(["bin/vigil.js", "--help"])]);
    for (const outcome of [first, second]) {
      expect(outcome.output).toContain("Usage: vigil");
      expect(outcome.output).not.toContain("could not be built");
      expect(outcome.code).toBe(0);
    }
    const after = manifestOf(defaultOutDir);
    expect(after.builtAt > before).toBe(true);
    expect(after.inputs["src/server/platform/http/console-log.ts"][0]).toBe(statSync(source).mtimeMs);
  });
});
