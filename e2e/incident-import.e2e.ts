import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { choose, en, hasNoHorizontalScroll, main, mainHeading, pattern, settledScreenshot, type Viewport } from "./support/vigil.ts";

/*
 * Importing incidents in the browser, on a desktop and on a 360 px phone: upload a small CSV
 * with French headers (semicolons), map the one column Vigil cannot recognise, import, and read
 * the problems by their row number in the file.
 */
const baseUrl = inject("baseUrl");
const strings = en.incidentExchange;

function csvFile(tag: string) {
  return [
    "Date;Lieu d'affectation;Catégorie;What was seen;Blessés",
    `2026-01-12 08:15;Bamako;Accident de la circulation;${tag}: a UN vehicle left the road;1`,
    `2026-01-13 09:00;Atlantis;Vol qualifié;${tag}: phone taken at gunpoint;`,
    `2026-01-14 10:00;Kati;Burglary of a vehicle;${tag}: car broken into;`,
    `31/02/2026 10:00;Bamako;Vol;${tag}: bag stolen;`,
  ].join("\n");
}

describe("importing incidents from a file", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(viewport: Viewport): Promise<Page> {
    const { page } = await newPage(browser, baseUrl, viewport);
    await signIn(page, "pcsa.mali@vigil.example");
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    return page;
  }

  for (const viewport of ["desktop", "phone"] as const) {
    it(`maps the columns, imports, and shows each refused row by its number (${viewport})`, async () => {
      const page = await signedIn(viewport);
      await page.goto("/incidents/import");
      await mainHeading(page, strings.import.title).waitFor();

      await page.locator('input[type="file"]').setInputFiles({ name: `incidents-${viewport}.csv`, mimeType: "text/csv", buffer: Buffer.from(csvFile(`Browser import ${viewport}`)) });
      await page.getByRole("button", { name: strings.import.read }).click();
      await page.getByRole("heading", { name: strings.import.step2 }).waitFor();
      await page.getByText(pattern(strings.import.found_other, { count: "4", format: "CSV" })).waitFor();

      // French headers are recognised; the description column is not, and the import waits for it.
      expect(await page.getByRole("combobox", { name: strings.fields.dutyStation }).inputValue()).toBe("Lieu d'affectation");
      expect(await page.getByRole("combobox", { name: strings.fields.category }).inputValue()).toBe("Catégorie");
      await page.getByText(strings.import.needs.description).waitFor();
      const importButton = page.getByRole("button", { name: pattern(strings.import.submit_other, { count: "4" }) });
      expect(await importButton.isDisabled()).toBe(true);
      await choose(page, page.getByRole("combobox", { name: strings.fields.description, exact: true }), "What was seen");
      await page.getByText(strings.import.needs.description).waitFor({ state: "detached" });

      const imported = page.waitForResponse((response) => response.url().endsWith("/api/incidents/imports") && response.request().method() === "POST");
      await importButton.click();
      const answer = await (await imported).json();
      expect(answer).toMatchObject({ inserted: 1, duplicates: 0, rejected: 3 });

      const table = page.getByRole("table", { name: strings.result.errorsTable });
      await table.waitFor();
      const rows = await table.locator("tbody tr").allInnerTexts();
      expect(rows.map((row) => row.split("\t")[0].trim())).toEqual(["3", "4", "5"]);
      expect(rows[0]).toMatch(/Lieu d.affectation[\s\S]*unknown duty station "Atlantis"/i);
      expect(rows[1]).toMatch(/Catégorie[\s\S]*burglary is one category/i);
      expect(rows[2]).toMatch(/Date[\s\S]*is not a date and time/i);
      await main(page).getByText(pattern(strings.result.inserted_one, { count: "1" })).waitFor();
      if (viewport === "phone") expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `incident-import-${viewport}`);
    }, 120_000);
  }
});
