// The whole test suite, as `npm test`: type check, unit and API tests on PGlite, the tests that
// depend on the database again on a real PostgreSQL (DATABASE_URL, or a throwaway local cluster), then the
// browser tests in Chromium against the built web app. Ends with "N passed, N failed".
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startPostgres } from "./postgres.js";

const args = new Set(process.argv.slice(2));
const artifacts = path.resolve(".test-artifacts");
mkdirSync(artifacts, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, commandArgs, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, commandArgs, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
}

const reportOf = (label) => path.join(artifacts, `${label.replace(/\W+/g, "-")}.json`);
const vitestArgs = (config, report, files) => ["vitest", "run", "--config", config, "--reporter=default", "--reporter=json", `--outputFile=${report}`, ...files];

function count(report) {
  if (existsSync(report)) {
    const summary = JSON.parse(readFileSync(report, "utf8"));
    totals.passed += summary.numPassedTests;
    totals.failed += summary.numFailedTests;
    totals.skipped += summary.numPendingTests + (summary.numTodoTests ?? 0);
  } else {
    totals.failed += 1;
  }
}

function vitest(label, config, env = {}, files = []) {
  const report = reportOf(label);
  rmSync(report, { force: true });
  run(label, "npx", vitestArgs(config, report, files), env);
  count(report);
}

/**
 * The browser tests in two halves at once, each with its own Vigil server and browser: a browser
 * test spends much of its time waiting for pages, so two of them keep both processors busy where
 * one left a third idle. Each half prints its output when it ends (interleaved, the two would be
 * unreadable). The halves are balanced on each file's seconds in a CI run (e2e/durations.json;
 * `node scripts/test.js --save-e2e-durations` rewrites it from the last run's reports); a file
 * not listed yet counts as the median.
 */
async function browserTestsInHalves(label, config) {
  console.log(`\n=== ${label} (two halves at once) ===`);
  const known = existsSync(durationsFile) ? JSON.parse(readFileSync(durationsFile, "utf8")) : {};
  const values = Object.values(known).sort((a, b) => a - b);
  const median = values.length ? values[Math.floor(values.length / 2)] : 1;
  const files = readdirSync("e2e")
    .filter((file) => file.endsWith(".e2e.ts"))
    .map((file) => path.join("e2e", file))
    .map((file) => ({ file, seconds: known[file] ?? median }))
    .sort((a, b) => b.seconds - a.seconds);
  const halves = [[], []];
  const weights = [0, 0];
  for (const { file, seconds } of files) {
    const lighter = weights[0] <= weights[1] ? 0 : 1;
    halves[lighter].push(file);
    weights[lighter] += seconds;
  }
  const outcomes = await Promise.all(
    halves.map(async (half, index) => {
      const name = `${label} ${index + 1} of 2`;
      const report = reportOf(name);
      const logFile = path.join(artifacts, `${name.replace(/\W+/g, "-")}.log`);
      rmSync(report, { force: true });
      const log = openSync(logFile, "w");
      const child = spawn("npx", vitestArgs(config, report, half), { stdio: ["ignore", log, log], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" } });
      const code = await new Promise((resolve) => child.on("close", resolve));
      closeSync(log);
      console.log(`\n--- ${name}: ${half.length} files ---\n${readFileSync(logFile, "utf8")}`);
      return { name, report, code };
    }),
  );
  for (const { name, report, code } of outcomes) {
    if (code !== 0) failures.push(name);
    count(report);
  }
}

/**
 * The test files whose outcome depends on the database: those that open one (the test app, a test
 * database) or read which one runs. The others (pure rules, the web's catalogues, PGlite-only
 * process tests) run once, in the PGlite run, instead of twice.
 */
function databaseDependentTests() {
  const files = readdirSync("src", { recursive: true })
    .map((file) => path.join("src", String(file)))
    .filter((file) => file.endsWith(".test.ts"));
  return files.filter((file) => /startTestApp|openTestDatabase|TEST_DATABASE_URL|testDatabaseKind/.test(readFileSync(file, "utf8"))).sort();
}

const durationsFile = path.join("e2e", "durations.json");
if (args.has("--save-e2e-durations")) {
  // Each browser test file's seconds in the last run, for balancing the halves (see below).
  const seconds = {};
  for (const report of readdirSync(artifacts).filter((file) => /^Browser-tests.*\.json$/.test(file))) {
    for (const result of JSON.parse(readFileSync(path.join(artifacts, report), "utf8")).testResults) {
      seconds[path.join("e2e", path.basename(result.name))] = Math.round((result.endTime - result.startTime) / 1000);
    }
  }
  writeFileSync(durationsFile, `${JSON.stringify(Object.fromEntries(Object.entries(seconds).sort()), null, 2)}\n`);
  console.log(`Wrote ${durationsFile}: ${Object.keys(seconds).length} files`);
  process.exit(0);
}

run("Type check", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]);
// Once here, rather than by each test that starts `bin/vigil.js` finding it stale at the same moment.
run("Build the server", process.execPath, ["bin/server-bundle.js"]);
run("Lint", "npx", ["biome", "lint"]);
vitest("Unit and API tests on PGlite", "vitest.config.ts");

if (!args.has("--no-postgres")) {
  let cluster;
  let url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  try {
    if (!url) {
      cluster = await startPostgres();
      url = cluster.url;
    }
    vitest("API tests on PostgreSQL", "vitest.config.ts", { TEST_DATABASE_URL: url, DATABASE_URL: "" }, databaseDependentTests());
  } catch (error) {
    console.error(`PostgreSQL suite could not run: ${error.message}\nInstall PostgreSQL (apt-get install -y postgresql), set DATABASE_URL, or pass --no-postgres.`);
    failures.push("PostgreSQL suite");
    totals.failed += 1;
  } finally {
    cluster?.stop();
  }
}

if (!args.has("--no-e2e")) {
  if (run("Build the web app", "npx", ["vite", "build", "--logLevel", "warn"])) {
    await browserTestsInHalves("Browser tests in Chromium", "vitest.e2e.config.ts");
  }
}

console.log(`\nFailed steps: ${failures.length ? failures.join(", ") : "none"}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length || totals.failed ? 1 : 0);
