import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signIn, viewports } from "./support/browser.ts";
import { en, mainHeading } from "./support/vigil.ts";

/*
 * Every demo role (the accounts `vigil serve --demo-if-empty` prints) signs in and opens every
 * page its menu offers, by clicking the links the navigation actually renders, plus the user
 * menu's own pages and the area pages the dashboard links to. A page fails on an error panel
 * (a section that could not load, the route error page, "page not found"), on any console
 * error, and on any API answer 401, 403 or 404: a page asks only for what the role may read.
 * Then, at 360 px, the burger menu must offer the same links, and a few pages open cleanly.
 * One browser; one context per role.
 */
const demoAccounts = [
  "admin@vigil.example",
  "analyst@vigil.example",
  "do.mali@vigil.example",
  "pcsa.mali@vigil.example",
  "asc.mopti@vigil.example",
  "rep.unicef.mali@vigil.example",
  "sfp.wfp.mali@vigil.example",
  "warden.bamako@vigil.example",
  "desk.mali@vigil.example",
  "aviation@vigil.example",
  "staff@vigil.example",
];

const errorTexts = [en.errors.loadFailed, en.errors.failedTitle, en.errors.pageNotFoundTitle];

type Watch = { problems: string[]; pending: Set<unknown> };

/** Records refused API answers, failed requests and console errors, naming the page they happened on. */
function watch(page: Page): Watch {
  const state: Watch = { problems: [], pending: new Set() };
  const where = () => new URL(page.url()).pathname;
  page.on("console", (message) => {
    if (message.type() === "error") state.problems.push(`${where()}: console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => state.problems.push(`${where()}: uncaught: ${error.message}`));
  page.on("request", (request) => state.pending.add(request));
  page.on("requestfinished", (request) => state.pending.delete(request));
  page.on("requestfailed", (request) => state.pending.delete(request));
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith("/api/") && [401, 403, 404].includes(response.status())) {
      state.problems.push(`${where()}: ${response.request().method()} ${url.pathname}${url.search} → ${response.status()}`);
    }
  });
  return state;
}

/** Quiet: no request in flight and nothing loading on screen, twice in a row 150 ms apart. */
async function settled(page: Page, state: Watch) {
  let quietTimes = 0;
  const deadline = Date.now() + 20_000;
  while (quietTimes < 2 && Date.now() < deadline) {
    await page.waitForTimeout(150);
    // A page that redirects while being looked at is busy, not broken.
    const isBusy = await page
      .evaluate(() => Boolean(document.querySelector('.mantine-Skeleton-root[data-visible="true"], .mantine-Loader-root')))
      .catch(() => true);
    quietTimes = state.pending.size === 0 && !isBusy ? quietTimes + 1 : 0;
  }
}

async function errorPanels(page: Page): Promise<string[]> {
  const text = await page.locator("#main-content").innerText();
  return errorTexts.filter((message) => text.includes(message));
}

async function navigationLinks(page: Page): Promise<string[]> {
  return page.locator("#vigil-navbar a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
}

describe("every demo role opens every page of its menu", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(demoAccounts)("%s: no error panel, console error or refused request", async (email) => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: viewports.desktop, locale: "en-GB" });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    try {
      await signIn(page, email);
      await mainHeading(page, en.dashboard.title).waitFor();
      const state = watch(page);
      await settled(page, state);
      const problems: string[] = [];
      const check = async (label: string) => {
        await settled(page, state);
        for (const message of await errorPanels(page)) problems.push(`${label}: error panel “${message}”`);
      };
      await check("/");

      const links = await navigationLinks(page);
      expect(links.length).toBeGreaterThan(0);
      // The dashboard's area pages: where a DO or a desk officer acts on a security level.
      const areaLinks = await page
        .locator('#main-content a[href^="/places/"]')
        .evaluateAll((anchors) => [...new Set(anchors.map((anchor) => anchor.getAttribute("href") ?? ""))].slice(0, 3));
      for (const href of links) {
        await page.locator(`#vigil-navbar a[href="${href}"]`).first().click();
        await page.waitForURL((url) => url.pathname === href.split("?")[0]);
        await check(href);
      }
      // The user menu's pages: every signed-in person's account and own record.
      await page.getByRole("button", { name: new RegExp(en.shell.userMenu.replace("{{name}}", ".+")) }).click();
      const userMenuLinks = await page
        .locator('[role="menu"] a[href]')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
      await page.keyboard.press("Escape");
      for (const href of [...userMenuLinks, ...areaLinks]) {
        await page.goto(href);
        await check(href);
      }

      // Phone width: the burger menu offers the same links, and its pages open cleanly.
      await page.setViewportSize(viewports.phone);
      await page.goto("/");
      await mainHeading(page, en.dashboard.title).waitFor();
      await page.getByRole("button", { name: en.shell.openNavigation }).click();
      await page.locator("#vigil-navbar a[href]").first().waitFor();
      expect(await navigationLinks(page)).toEqual(links);
      for (const href of links.slice(1, 4)) {
        if (!(await page.locator("#vigil-navbar").isVisible()) || (await page.getByRole("button", { name: en.shell.openNavigation }).isVisible())) {
          await page.getByRole("button", { name: en.shell.openNavigation }).click();
        }
        await page.locator(`#vigil-navbar a[href="${href}"]`).first().click();
        await page.waitForURL((url) => url.pathname === href.split("?")[0]);
        await check(`${href} (360 px)`);
      }
      problems.push(...state.problems);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
