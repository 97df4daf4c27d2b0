import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, signIn, viewports } from "./support/browser.ts";
import { choose, en, fr, main, mainHeading } from "./support/vigil.ts";

/*
 * Issue 12 §3.2: the date and time of an incident are read in the time zone of its place. A phone
 * set to Tokyo time opens the new-incident form (Asia/Tokyo, UTC+9); picking Mopti switches the
 * zone to Mali's (Africa/Bamako, UTC+0) and says so. The quick report shows the zone of the
 * station it is sent from. Screenshots in English and French, at desktop width and 360 px.
 */
const shots = process.env.INCIDENTS_SHOTS_DIR;

describe.each(["desktop", "phone"] as const)("the time zone of the place (%s)", (viewport) => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const language of ["en", "fr"] as const) {
    it(`switches the form's zone to the place's when a duty station is picked (${language})`, async () => {
      const strings = language === "fr" ? fr : en;
      const context = await browser.newContext({ baseURL: baseUrl, viewport: viewports[viewport], locale: "en-GB", timezoneId: "Asia/Tokyo" });
      context.setDefaultTimeout(20_000);
      await context.addInitScript((chosen) => localStorage.setItem("vigil.language", chosen), language);
      const page = await context.newPage();
      await signIn(page, "pcsa.mali@vigil.example");
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      await page.goto("/incidents/new");
      await mainHeading(page, strings.incidents.createTitle).waitFor();
      const zone = main(page).getByTestId("incident-time-zone");
      await expect.poll(() => zone.textContent()).toContain("Asia/Tokyo (UTC+9)");
      await main(page).getByLabel(strings.incidents.fields.date).fill("2026-03-02");
      await main(page).getByLabel(strings.incidents.fields.time).fill("08:15");
      await choose(page, main(page).getByRole("combobox", { name: strings.fields.dutyStation }), /› Mopti$/, "Mopti");
      await expect.poll(() => zone.textContent()).toContain("Africa/Bamako (UTC+0)");
      await expect(main(page).getByRole("combobox", { name: strings.incidents.fields.timeZone }).inputValue()).resolves.toBe("Africa/Bamako");
      await main(page).getByText(strings.incidents.form.timeZoneOfPlace.replace("{{place}}", "Mopti")).waitFor();
      if (shots) {
        mkdirSync(shots, { recursive: true });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${shots}/form-${language}-${viewport}.png`, fullPage: true });
      }

      await page.goto("/incidents/quick");
      await mainHeading(page, strings.incidents.quick.title).waitFor();
      await main(page).getByText(strings.incidents.quick.earlier, { exact: true }).click();
      await main(page).getByText(strings.incidents.quick.station, { exact: true }).click();
      await choose(page, main(page).getByRole("combobox", { name: strings.fields.dutyStation }), /› Mopti$/, "Mopti");
      await expect.poll(() => main(page).getByTestId("quick-time-zone").textContent()).toContain("Africa/Bamako (UTC+0)");
      if (shots) await page.screenshot({ path: `${shots}/quick-${language}-${viewport}.png`, fullPage: true });
      await context.close();
    });
  }
});
