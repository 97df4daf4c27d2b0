import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signIn, viewports } from "./support/browser.ts";
import { en, mainHeading } from "./support/vigil.ts";

/*
 * What the first screen costs (issue 12 §1), checked on the requests Chromium makes; the times are
 * measured by bench/first-load.bench.ts. The sign-in page downloads only what it shows: no SRM or
 * security-level strings, no map, chart or editor code, and no second wave of code after the
 * bundle; a second visit is served by the service worker; no page shows a raw translation key.
 */
const otherPagesStrings = /_vigil-strings-(?:en|fr)-(?:srm|levels)-/;
const heavyCode = /maplibre|echart|duty-station-map|world-outline|countries-110m|heat-map|minutes-editor|tiptap/;
/** A translation key left on screen: a catalogue's top-level key, a dot, more of the key. */
const rawKey = new RegExp(`\\b(?:${Object.keys(en).join("|")})\\.[a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)*\\b`);

async function formUsable(page: Page) {
  await page.waitForFunction(() => {
    const inputs = [...document.querySelectorAll<HTMLInputElement>("input[type=password], input[autocomplete=username]")];
    return inputs.length === 2 && inputs.every((input) => !input.disabled);
  });
}

/** No request in flight for a while: what the page fetches at idle (while a person types) is in. */
async function quiet(page: Page, pending: Set<Request>) {
  let calm = 0;
  const deadline = Date.now() + 15_000;
  while (calm < 6 && Date.now() < deadline) {
    await page.waitForTimeout(250);
    calm = pending.size === 0 ? calm + 1 : 0;
  }
}

function track(page: Page) {
  const requests: Request[] = [];
  const pending = new Set<Request>();
  page.on("request", (request) => {
    requests.push(request);
    pending.add(request);
  });
  page.on("requestfinished", (request) => pending.delete(request));
  page.on("requestfailed", (request) => pending.delete(request));
  return { requests, pending };
}

async function rawKeysOnScreen(page: Page): Promise<string[]> {
  const text = await page.locator("body").innerText();
  return [...text.matchAll(new RegExp(rawKey.source, "g"))].map((match) => match[0]);
}

describe("first load on a field link", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("the sign-in page downloads only its own code and strings, in one wave, and a second visit comes from the service worker", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: viewports.phone, locale: "fr-FR" });
    context.setDefaultTimeout(30_000);
    try {
      // One wave: with every built file not named by index.html refused, the form still becomes usable,
      // and the session probe starts with the bundle (preloaded), not after it.
      const html = await (await fetch(`${baseUrl}/`)).text();
      const named = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]));
      expect(named.size).toBeGreaterThan(1);
      expect(html).toContain('rel="preload" href="/api/auth/me"');
      const strict = await browser.newContext({ baseURL: baseUrl, viewport: viewports.phone, locale: "fr-FR", serviceWorkers: "block" });
      try {
        await strict.route("**/assets/**", (route) =>
          named.has(new URL(route.request().url()).pathname) ? route.continue() : route.abort(),
        );
        const strictPage = await strict.newPage();
        // The probe leaves before the bundle has arrived, beside it.
        const events: string[] = [];
        strictPage.on("request", (request) => {
          if (new URL(request.url()).pathname === "/api/auth/me") events.push("probe sent");
        });
        strictPage.on("requestfinished", (request) => {
          if (/\/assets\/vendor-.*\.js$/.test(request.url())) events.push("bundle arrived");
        });
        await strictPage.goto("/");
        await formUsable(strictPage);
        expect(events.indexOf("probe sent")).toBeGreaterThanOrEqual(0);
        expect(events.indexOf("probe sent")).toBeLessThan(events.indexOf("bundle arrived"));
      } finally {
        await strict.close();
      }

      const page = await context.newPage();
      const { requests, pending } = track(page);
      await page.goto("/");
      await formUsable(page);
      await quiet(page, pending);
      const all = requests.map((request) => new URL(request.url()).pathname);

      // Nothing for other pages, not even at idle (the shell and dashboard code fetched then do not need them).
      expect(all.filter((pathname) => otherPagesStrings.test(pathname))).toEqual([]);
      expect(all.filter((pathname) => heavyCode.test(pathname))).toEqual([]);
      // Sent compressed: the largest file of the first download arrives as brotli.
      const vendor = requests.find((request) => /\/assets\/vendor-.*\.js$/.test(request.url()));
      expect((await vendor?.response())?.headers()["content-encoding"]).toBe("br");
      expect(await rawKeysOnScreen(page)).toEqual([]);
      await expect(page.getByRole("button", { name: "Se connecter" }).isVisible()).resolves.toBe(true);

      // The service worker takes over after the first load; the next visit's page and code come from it.
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", undefined, { timeout: 30_000 });
      const second = await context.newPage();
      const answers: { path: string; fromServiceWorker: boolean }[] = [];
      second.on("response", (response) =>
        answers.push({ path: new URL(response.url()).pathname, fromServiceWorker: response.fromServiceWorker() }),
      );
      await second.goto("/");
      await formUsable(second);
      const shell = answers.filter((answer) => answer.path === "/" || answer.path.startsWith("/assets/"));
      expect(shell.length).toBeGreaterThan(3);
      expect(shell.filter((answer) => !answer.fromServiceWorker)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("no page shows a raw translation key, in English or French, also after switching language on a page", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: viewports.desktop, locale: "en-GB" });
    context.setDefaultTimeout(30_000);
    try {
      const page = await context.newPage();
      await signIn(page, "analyst@vigil.example");
      await mainHeading(page, en.dashboard.title).waitFor();
      const found: string[] = [];
      const look = async (where: string) => {
        await page.waitForLoadState("networkidle");
        for (const key of await rawKeysOnScreen(page)) found.push(`${where}: ${key}`);
      };
      for (const href of ["/", "/incidents", "/incidents/dashboard", "/risk/assessments", "/places"]) {
        await page.goto(href);
        await page.locator("#main-content h1").first().waitFor();
        await look(`en ${href}`);
      }
      // Switch on an open page: its strings must come in the new language before it shows them.
      await page.locator("label.mantine-SegmentedControl-label").filter({ hasText: /^FR$/ }).first().click();
      await page.waitForFunction(() => document.documentElement.lang === "fr");
      await look("fr /places (switched)");
      for (const href of ["/incidents", "/risk/assessments", "/"]) {
        await page.goto(href);
        await page.locator("#main-content h1").first().waitFor();
        await look(`fr ${href}`);
      }
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
