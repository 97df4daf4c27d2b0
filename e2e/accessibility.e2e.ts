import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { en, mainHeading } from "./support/vigil.ts";

/*
 * An automated accessibility check (axe-core, WCAG 2 A and AA rules) of the pages field users
 * open most, at desktop size and on a phone. It finds what a machine can find (names, labels,
 * contrast, landmarks, ARIA misuse); keyboard paths are tested in the pages' own browser tests.
 */
const baseUrl = inject("baseUrl");
// Evaluated through the DevTools protocol: Vigil's Content-Security-Policy rightly refuses an injected <script>.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const pages = [
  "/",
  "/incidents",
  "/incidents/new",
  "/incidents/quick",
  "/incidents/dashboard",
  "/incidents/map",
  "/incidents/reports",
  "/incidents/import",
  "/victims",
  "/personnel",
  "/organisations",
  "/places",
  "/appointments",
  "/meetings",
  "/risk/assessments",
  "/risk/measures",
  "/risk/measures/compare",
  "/risk/programmes",
  "/risk/security-levels",
  "/travel",
  "/travel/new",
  "/travel/queue",
  "/travel/certificates",
  "/travel/profile",
  "/travel/air/operators",
  "/travel/air/rmts",
  "/travel/headcount",
  "/readiness/zones",
  "/readiness/checkins",
  "/readiness/checkins/new",
];

/** Lists whose first record's page is checked too (the record pages carry the forms, history and files). The demo has no victim case to open. */
const recordLists = ["/incidents", "/personnel", "/places", "/meetings", "/risk/assessments", "/risk/measures", "/travel/queue"];
/** Where a list's records live, when not under the list's own address (a queued leg opens its trip). */
const recordPrefix: Record<string, string> = { "/travel/queue": "/travel/requests" };

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; html?: string; failureSummary?: string }[] };

async function violationsOf(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => ({ target: node.target, html: node.html, failureSummary: node.failureSummary })),
    }));
  });
}

describe("accessibility of the main pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // The pages in three groups per width (two halves of the main pages, then one record of each
  // list), each its own test: the list grows with every module, and one test for all of them ran
  // past the time a single test is given on a loaded machine.
  const half = Math.ceil(pages.length / 2);
  const groups = [
    { name: "the main pages, first half", urls: pages.slice(0, half), lists: [] as string[] },
    { name: "the main pages, second half", urls: pages.slice(half), lists: [] as string[] },
    { name: "a record of each list", urls: [] as string[], lists: recordLists },
  ];
  for (const viewport of ["desktop", "phone"] as const) {
    for (const group of groups) {
      it(`finds no WCAG A or AA violation on ${group.name} (${viewport})`, { timeout: 300_000 }, async () => {
        const { page, context } = await newPage(browser, baseUrl, viewport);
        await signIn(page, "pcsa.mali@vigil.example");
        await mainHeading(page, en.dashboard.title).waitFor();
        const found: Record<string, Violation[]> = {};
        const check = async (url: string) => {
          await page.goto(url);
          await page.locator("main h1").first().waitFor();
          // Let lazy parts (charts, the map, tables) arrive before judging the page.
          await page.waitForLoadState("networkidle");
          const violations = await violationsOf(page);
          if (violations.length) found[url] = violations;
        };
        for (const url of group.urls) await check(url);
        for (const list of group.lists) {
          await page.goto(list);
          const record = await page
            .waitForFunction(
              (prefix) => [...document.querySelectorAll<HTMLAnchorElement>("main a[href]")].map((a) => a.getAttribute("href")).find((href) => href && new RegExp(`^${prefix}/[0-9a-f-]{36}$`).test(href)),
              recordPrefix[list] ?? list,
              { timeout: 15_000 },
            )
            .catch(async () => {
              throw new Error(`no record link on ${list}: ${await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")).join(" "))}`);
            });
          const href = (await record.jsonValue()) as string;
          await check(href);
        }
        await context.close();
        mkdirSync(".test-artifacts", { recursive: true });
        writeFileSync(`.test-artifacts/accessibility-${viewport}-${groups.indexOf(group) + 1}.json`, JSON.stringify(found, null, 2));
        expect(found).toEqual({});
      });
    }
  }
});
