/**
 * First load on a field link (issue 12 §1): Chromium through CDP network throttling, on two
 * profiles, with an empty cache and then warm (a second visit in the same browser context, the
 * service worker active). Build the web app first, this benchmark builds nothing:
 *   npx vite build --logLevel warn && npx tsx bench/first-load.bench.ts
 *
 * Steps, each timed and with its bytes on the wire (the sum of CDP Network.loadingFinished
 * encodedDataLength: compressed, headers included, as the browser receives them; answers the
 * service worker gives from its cache cost nothing):
 *   login      navigation to `/` → the sign-in form usable (inputs enabled: the bundle's JS has run)
 *   dashboard  submitting sign-in → the dashboard's content shown (its areas section; not the map)
 *   incidents  going to the incident list in the app → the list shown (a link to an incident)
 * Between the form being usable and submitting, the benchmark waits for the link to fall quiet,
 * as a person typing their credentials would: what the page fetches then is counted in the
 * dashboard step's bytes, not its time. The floor of a step is its bytes ÷ the bandwidth.
 * Note: CDP throttles the page, not the service worker's own fetches (its precache at install).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type CDPSession, chromium, type Page } from "playwright-core";

const port = 19_000 + Math.floor(Math.random() * 1000);
const baseUrl = `http://127.0.0.1:${port}`;
const email = "do.mali@vigil.example";
const password = "vigil-demo-2026";

const profiles = [
  { name: "400 kbit/s, 400 ms", bitsPerSecond: 400_000, latencyMs: 400 },
  { name: "1.6 Mbit/s, 150 ms", bitsPerSecond: 1_600_000, latencyMs: 150 },
];

type Step = { step: string; seconds: number; bytes: number };

/** With FIRST_LOAD_TRACE=1, each step's requests are printed: start and end (s from the step's start), KB, URL. */
const trace = process.env.FIRST_LOAD_TRACE === "1";

class Wire {
  bytes = 0;
  inFlight = new Set<string>();
  lastActivity = performance.now();
  stepStarted = performance.now();
  requests = new Map<string, { url: string; start: number; end?: number; bytes?: number; from?: string }>();
  constructor(cdp: CDPSession) {
    cdp.on("Network.requestWillBeSent", (event) => {
      this.inFlight.add(event.requestId);
      this.lastActivity = performance.now();
      this.requests.set(event.requestId, { url: event.request.url.replace(/^https?:\/\/[^/]+/, ""), start: this.lastActivity });
    });
    cdp.on("Network.responseReceived", (event) => {
      const request = this.requests.get(event.requestId);
      if (request && event.response.fromServiceWorker) request.from = "sw";
      else if (request && event.response.fromDiskCache) request.from = "disk";
    });
    cdp.on("Network.loadingFinished", (event) => {
      this.bytes += event.encodedDataLength;
      this.inFlight.delete(event.requestId);
      this.lastActivity = performance.now();
      const request = this.requests.get(event.requestId);
      if (request) Object.assign(request, { end: this.lastActivity, bytes: event.encodedDataLength });
    });
    cdp.on("Network.loadingFailed", (event) => {
      this.inFlight.delete(event.requestId);
      this.lastActivity = performance.now();
    });
  }
  take(label = ""): number {
    const bytes = this.bytes;
    if (trace && label) {
      console.log(`  -- ${label}`);
      for (const request of [...this.requests.values()].sort((a, b) => a.start - b.start)) {
        const at = (time: number | undefined) => (time === undefined ? "  …  " : ((time - this.stepStarted) / 1000).toFixed(2).padStart(6));
        console.log(`  ${at(request.start)} ${at(request.end)} ${((request.bytes ?? 0) / 1000).toFixed(1).padStart(7)} KB ${(request.from ?? "").padEnd(4)} ${request.url.slice(0, 90)}`);
      }
    }
    this.requests.clear();
    this.stepStarted = performance.now();
    this.bytes = 0;
    return bytes;
  }
  async quiet(forMs = 1500, atMostMs = 60_000): Promise<void> {
    const started = performance.now();
    while (performance.now() - started < atMostMs) {
      if (this.inFlight.size === 0 && performance.now() - this.lastActivity > forMs) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

async function visit(page: Page, wire: Wire): Promise<Step[]> {
  wire.take();
  const login = await timed(async () => {
    await page.goto("/", { waitUntil: "commit" });
    await page.waitForFunction(
      () => {
        const inputs = [...document.querySelectorAll<HTMLInputElement>("input[type=password], input[type=email], input[autocomplete=username]")];
        return inputs.length >= 2 && inputs.every((input) => !input.disabled);
      },
      undefined,
      { timeout: 120_000, polling: 50 },
    );
  });
  const loginBytes = wire.take("login");
  await wire.quiet();
  const typingBytes = wire.take("while typing");
  await page.getByLabel(/e-?mail|courriel/i).fill(email);
  await page.locator("input[type=password]").fill(password);
  const dashboard = await timed(async () => {
    await page.getByRole("button", { name: /sign in|se connecter/i }).click();
    await page.locator("#dashboard-areas").waitFor({ timeout: 120_000 });
  });
  const dashboardBytes = typingBytes + wire.take("dashboard");
  await wire.quiet();
  wire.take();
  const incidents = await timed(async () => {
    // An in-app navigation, as the menu's link does (whose group may be folded).
    await page.evaluate(() => {
      history.pushState({}, "", "/incidents");
      dispatchEvent(new PopStateEvent("popstate"));
    });
    await page.locator('main a[href^="/incidents/"]:not([href$="/new"]):not([href$="/quick"]):not([href$="/import"])').first().waitFor({ timeout: 120_000 });
  });
  const incidentsBytes = wire.take("incidents");
  return [
    { step: "login usable", seconds: login, bytes: loginBytes },
    { step: "sign-in → dashboard", seconds: dashboard, bytes: dashboardBytes },
    { step: "→ incident list", seconds: incidents, bytes: incidentsBytes },
  ];
}

async function startVigil(dataDir: string) {
  spawnSync(process.execPath, ["bin/vigil.js", "seed", "--demo"], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent" }, stdio: "ignore" });
  const child = spawn(process.execPath, ["bin/vigil.js", "serve"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", BASE_URL: baseUrl },
    stdio: "ignore",
  });
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), "vigil-first-load-"));
const server = await startVigil(dataDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
const rows: { profile: (typeof profiles)[number]; cache: string; steps: Step[] }[] = [];
try {
  for (const profile of profiles) {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 860 }, locale: "en-GB" });
    for (const cache of ["empty", "warm"]) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: profile.latencyMs,
        downloadThroughput: profile.bitsPerSecond / 8,
        uploadThroughput: profile.bitsPerSecond / 8,
      });
      const wire = new Wire(cdp);
      rows.push({ profile, cache, steps: await visit(page, wire) });
      // Let the service worker finish installing, then sign out (the session cookie goes), as between two visits.
      const worker = await page.evaluate(() =>
        Promise.race([
          navigator.serviceWorker?.ready.then((registration) => registration.active?.state ?? "none"),
          new Promise((resolve) => setTimeout(() => resolve("not ready after 20 s"), 20_000)),
        ]),
      );
      console.log(profile.name, cache, JSON.stringify(rows.at(-1)?.steps), "service worker:", worker);
      await wire.quiet(2000);
      await context.clearCookies();
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
console.log(`\nFirst load (Chromium ${browser.version()}, CDP throttling, DO Mali at 1280 px)\n`);
console.log("profile              cache  step                    seconds   KB on wire   floor s   time/floor");
const verdicts: string[] = [];
for (const { profile, cache, steps } of rows) {
  for (const { step, seconds, bytes } of steps) {
    const floor = bytes / (profile.bitsPerSecond / 8);
    console.log(
      `${profile.name.padEnd(20)} ${cache.padEnd(6)} ${step.padEnd(22)} ${seconds.toFixed(2).padStart(8)} ${kb(bytes).padStart(12)} ${floor.toFixed(2).padStart(9)} ${(floor > 0 ? (seconds / floor).toFixed(1) : "—").padStart(12)}`,
    );
  }
}
const slow = rows.filter((row) => row.profile.bitsPerSecond === 400_000);
const [cold, warm] = [slow.find((row) => row.cache === "empty"), slow.find((row) => row.cache === "warm")];
const check = (label: string, ok: boolean) => verdicts.push(`${ok ? "PASS" : "FAIL"}  ${label}`);
if (cold && warm) {
  check(`400 kbit/s, empty cache: login usable ≤ 5 s (${cold.steps[0].seconds.toFixed(2)} s)`, cold.steps[0].seconds <= 5);
  check(`400 kbit/s, empty cache: login ≤ 200 KB on the wire (${kb(cold.steps[0].bytes)} KB)`, cold.steps[0].bytes <= 200_000);
  check(`400 kbit/s: dashboard content ≤ 3 s after sign-in (${cold.steps[1].seconds.toFixed(2)} s)`, cold.steps[1].seconds <= 3);
  check(`400 kbit/s, warm second visit: login usable ≤ 2 s (${warm.steps[0].seconds.toFixed(2)} s)`, warm.steps[0].seconds <= 2);
}
console.log(`\n${verdicts.join("\n")}`);
process.exitCode = verdicts.some((verdict) => verdict.startsWith("FAIL")) ? 1 : 0;
