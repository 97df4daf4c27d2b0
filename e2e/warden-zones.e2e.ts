import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import zonesEn from "../src/web/modules/readiness/zones.en.json";
import zonesFr from "../src/web/modules/readiness/zones.fr.json";
import { launchBrowser, screenshotDir, signIn, viewports } from "./support/browser.ts";
import { type Viewport, choose, en, fr, hasNoHorizontalScroll, main, mainHeading, settledScreenshot } from "./support/vigil.ts";

/*
 * Issue 14 §2 in the browser: the warden of Bamako finds their two zones, opens the list of the
 * first with contacts and addresses, in English and French, on a desktop and a 360 px phone; the
 * P/C/SA draws a zone, and the DO sees the list without contacts.
 */
const warden = "warden.bamako@vigil.example";
const pcsa = "pcsa.mali@vigil.example";
const doMali = "do.mali@vigil.example";

async function open(browser: Browser, baseUrl: string, email: string, viewport: Viewport, language: "en" | "fr" = "en") {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: viewports[viewport], locale: language === "fr" ? "fr-FR" : "en-GB" });
  context.setDefaultTimeout(20_000);
  await context.addInitScript((chosen) => localStorage.setItem("vigil.language", chosen), language);
  const page = await context.newPage();
  const refused: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/api/") && [403, 404].includes(response.status())) refused.push(`${response.status()} ${response.url()}`);
  });
  await signIn(page, email);
  await mainHeading(page, (language === "fr" ? fr : en).dashboard.title).waitFor();
  await page.goto("/readiness/zones");
  return { context, page, refused };
}

const zoneCard = (page: Page, name: string) => main(page).locator(`[aria-label="${name}"]`);

describe("warden zones", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [viewport, language] of [["desktop", "en"], ["phone", "fr"], ["phone", "en"], ["desktop", "fr"]] as const) {
    it(`shows the warden their zones and the list of the first with contacts (${viewport}, ${language})`, async () => {
      const strings = (language === "fr" ? zonesFr : zonesEn).zones;
      const { context, page, refused } = await open(browser, baseUrl, warden, viewport, language);
      await mainHeading(page, strings.title).waitFor();
      const first = zoneCard(page, "Zone 1 — Rive gauche");
      await first.waitFor();
      expect(await main(page).getByText(strings.mine).count()).toBe(2);
      await first.getByRole("button", { name: strings.openList }).click();
      const table = viewport === "desktop" ? main(page).getByRole("table", { name: "Zone 1 — Rive gauche" }) : main(page).getByRole("list", { name: "Zone 1 — Rive gauche" });
      await table.waitFor();
      // Every household shows an address: the warden has need-to-know on their own zone.
      await expect.poll(() => main(page).getByText(/, Bamako$/).count()).toBeGreaterThan(0);
      expect(await main(page).getByText(strings.fields.contactsHidden, { exact: true }).count()).toBe(0);
      expect(page.url()).toContain("zoneId=");
      if (viewport === "phone") expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `warden-zones-warden-${viewport}-${language}`);
      if (viewport === "phone") {
        // The list at the size a phone shows it (the full-page picture is too tall to read).
        await table.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(screenshotDir, `warden-zones-list-phone-${language}.png`) });
      }
      expect(refused).toEqual([]);
      await context.close();
    });
  }

  it("lets the P/C/SA draw a zone with its localities, and shows it at once", async () => {
    const strings = zonesEn.zones;
    const { context, page } = await open(browser, baseUrl, pcsa, "desktop");
    await mainHeading(page, strings.title).waitFor();
    await main(page).getByRole("button", { name: strings.new }).click();
    const dialog = page.getByRole("dialog");
    await choose(page, dialog.getByRole("combobox", { name: strings.area }), /Bamako Security Area/, "Bamako");
    await dialog.getByRole("textbox", { name: strings.fields.name }).fill("Zone 3 — Kati");
    const localities = dialog.getByLabel(strings.fields.localities);
    await localities.fill("Kati");
    await localities.press("Enter");
    await dialog.getByRole("button", { name: en.common.create }).click();
    await dialog.waitFor({ state: "hidden" });
    const created = zoneCard(page, "Zone 3 — Kati");
    await created.waitFor();
    await expect.poll(() => created.getByText(strings.noWarden).isVisible()).toBe(true);
    await settledScreenshot(page, "warden-zones-pcsa-desktop-en");
    await context.close();
  });

  it("shows the DO the list without contacts", async () => {
    const strings = zonesEn.zones;
    const { context, page, refused } = await open(browser, baseUrl, doMali, "desktop");
    const first = zoneCard(page, "Zone 1 — Rive gauche");
    await first.getByRole("button", { name: strings.openList }).click();
    await main(page).getByRole("table", { name: "Zone 1 — Rive gauche" }).waitFor();
    await expect.poll(() => main(page).getByText(strings.fields.contactsHidden, { exact: true }).count()).toBeGreaterThan(0);
    expect(await main(page).getByText(/, Bamako$/).count()).toBe(0);
    expect(refused).toEqual([]);
    await context.close();
  });
});
