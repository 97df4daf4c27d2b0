import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signIn, viewports } from "./support/browser.ts";
import { dashboardLoaded, en, fr, mainHeading, settledScreenshot } from "./support/vigil.ts";

/*
 * (a) At 360 px in French (the longer language), a security adviser opens every page of the menu:
 *     the page never scrolls sideways, and no text in the content is cut (a box whose text is
 *     wider than the box while it hides the overflow, "Locally recr…", or text running past the
 *     right edge of the screen outside a box meant to scroll).
 * (b) The dashboard's duty-station map frames the user's duty stations: Mali for a user whose
 *     areas are all in Mali (and only the outline tiles of that region are downloaded), the
 *     world for a global role.
 */
const baseUrl = inject("baseUrl");
const adviser = "pcsa.mali@vigil.example";

/** What is cut, as "tag "text…" (reason)"; empty when nothing is. Runs in the page. */
function cutTexts(): string[] {
  const found: string[] = [];
  const viewportWidth = window.innerWidth;
  const root = document.getElementById("main-content");
  if (!root) return ["no #main-content"];
  const scrollsSideways = (element: Element | null): boolean => {
    for (let node = element; node && node !== root; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow === "auto" || overflow === "scroll") return true;
    }
    return false;
  };
  for (const element of Array.from(root.querySelectorAll<HTMLElement>("*"))) {
    const ownText = Array.from(element.childNodes)
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent ?? "")
      .join("")
      .trim();
    if (!ownText || element.closest("svg, .vigil-sr-only, caption")) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || element.getClientRects().length === 0) continue;
    const name = `${element.tagName.toLowerCase()} "${ownText.slice(0, 50)}"`;
    const hides = style.overflowX === "hidden" || style.overflowX === "clip" || style.textOverflow === "ellipsis";
    if (hides && element.clientWidth > 1 && element.scrollWidth > element.clientWidth + 1) {
      found.push(`${name} (${element.scrollWidth} px of text in ${element.clientWidth} px)`);
    }
    const box = element.getBoundingClientRect();
    if (box.right > viewportWidth + 1 && !scrollsSideways(element)) found.push(`${name} (ends at ${Math.round(box.right)} px)`);
  }
  return found;
}

describe("the phone layout and the duty-station map", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(email: string, language: "en" | "fr", viewport: keyof typeof viewports): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: viewports[viewport], locale: language === "fr" ? "fr-FR" : "en-GB" });
    context.setDefaultTimeout(30_000);
    await context.addInitScript((chosen) => localStorage.setItem("vigil.language", chosen), language);
    const page = await context.newPage();
    await signIn(page, email);
    await mainHeading(page, (language === "fr" ? fr : en).dashboard.title).waitFor();
    return { context, page };
  }

  it("cuts no text on any page of a security adviser's menu, at 360 px in French", async () => {
    const { context, page } = await signedIn(adviser, "fr", "phone");
    const links = await page.locator("#vigil-navbar a[href]").evaluateAll((anchors) => [...new Set(anchors.map((anchor) => anchor.getAttribute("href") ?? ""))]);
    expect(links.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const link of links) {
      await page.goto(link);
      await page.locator("#main-content h1").first().waitFor();
      // Lists, charts and lazily loaded sections: wait until nothing is loading any more.
      await page.waitForLoadState("networkidle");
      await page.waitForFunction(() => !document.querySelector('.mantine-Skeleton-root[data-visible="true"], .mantine-Loader-root'));
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (pageWidth > viewports.phone.width) problems.push(`${link}: the page is ${pageWidth} px wide`);
      for (const cut of await page.evaluate(cutTexts)) problems.push(`${link}: ${cut}`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  /** The map's frame in degrees of longitude and latitude: [west, south, east, north]. */
  async function mapFrame(page: Page, strings: typeof en): Promise<number[]> {
    await dashboardLoaded(page, strings);
    const viewBox = await page.locator("svg[role=group][viewBox]").first().getAttribute("viewBox");
    const [x, y, width, height] = (viewBox ?? "").split(" ").map(Number);
    return [(x / 1000) * 360 - 180, 90 - ((y + height) / 500) * 180, ((x + width) / 1000) * 360 - 180, 90 - (y / 500) * 180];
  }

  it("frames Mali for a user whose areas are all in Mali, downloading only that region's outline", async () => {
    const { context, page } = await signedIn(adviser, "en", "desktop");
    const outlines: string[] = [];
    // The outline data: the regional tiles (tile-2-5-<hash>.js) or the whole world (world-<hash>.js).
    page.on("request", (request) => {
      const file = new URL(request.url()).pathname.split("/").at(-1) ?? "";
      if (file.startsWith("tile-") || (file.startsWith("world-") && !file.startsWith("world-outline"))) outlines.push(file);
    });
    await page.reload();
    const [west, south, east, north] = await mapFrame(page, en);
    // Bamako (-8.0, 12.6), Gao (-0.04, 16.3) and Timbuktu (-3.0, 16.8) inside; the rest of Africa, let alone the world, outside.
    expect(west).toBeLessThan(-8);
    expect(east).toBeGreaterThan(0);
    expect(south).toBeLessThan(12.6);
    expect(north).toBeGreaterThan(16.8);
    expect(east - west).toBeLessThan(40);
    expect(outlines.length).toBeGreaterThan(0);
    expect(outlines.every((file) => file.startsWith("tile-"))).toBe(true);
    await settledScreenshot(page, "map-mali-desktop-en");
    await context.close();
  });

  it("shows the world to a global role", async () => {
    const { context, page } = await signedIn("analyst@vigil.example", "en", "desktop");
    const [west, south, east, north] = await mapFrame(page, en);
    expect(west).toBeLessThanOrEqual(-179);
    expect(east).toBeGreaterThanOrEqual(179);
    expect(north - south).toBeGreaterThan(130);
    await context.close();
  });
});
