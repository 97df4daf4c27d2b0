import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { en, hasNoHorizontalScroll, settledScreenshot, type Viewport } from "./support/vigil.ts";
import fr from "../src/web/app/i18n/fr.json" with { type: "json" };

/*
 * Issue 12 §3.7 and §3.8 in the browser: the export menu offers files for people and for other
 * systems; country-level Designated Areas read in French; quarters are T1–T4 in French.
 */
describe.each(["desktop", "phone"] as const)("language and exports (%s)", (viewport: Viewport) => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const language of ["en", "fr"] as const) {
    it(`shows the export menu, the places and the report quarters in ${language}`, async () => {
      const strings = language === "fr" ? fr : en;
      const { context, page } = await newPage(browser, baseUrl, viewport);
      context.setDefaultTimeout(20_000);
      await context.addInitScript((chosen) => localStorage.setItem("vigil.language", chosen), language);
      await signIn(page, "analyst@vigil.example");
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));

      await page.goto("/incidents");
      await page.getByRole("button", { name: strings.incidentExchange.export.button }).click();
      await page.getByRole("menuitem", { name: strings.incidentExchange.export.formats.codes }).waitFor();
      expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `language-export-menu-${language}-${viewport}`);
      await page.keyboard.press("Escape");

      await page.goto("/places");
      const congo = language === "fr" ? "République démocratique du Congo" : "Democratic Republic of the Congo";
      await page.getByText(congo, { exact: true }).first().waitFor();
      await settledScreenshot(page, `language-places-${language}-${viewport}`);
      // The security levels table names the country's area the same way, as a link to it.
      await page.goto("/risk/security-levels");
      await page.getByRole("link", { name: congo, exact: true }).first().waitFor();

      await page.goto("/incidents/reports");
      await page.getByText(language === "fr" ? /T\d \d{4}/ : /\d{4} Q\d/).first().waitFor();
      await settledScreenshot(page, `language-reports-${language}-${viewport}`);
      await context.close();
    });
  }
});
