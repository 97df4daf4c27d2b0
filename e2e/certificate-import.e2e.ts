import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { en, hasNoHorizontalScroll, main, mainHeading, navigate, pattern, settledScreenshot, type Viewport } from "./support/vigil.ts";

/*
 * Importing training certificates from a learning platform's export, in the browser, on a desktop
 * and on a 360 px phone: WFP's focal point in Mali follows the navigation to the import, uploads
 * a CSV naming a WFP colleague by index number, someone unknown, and an unknown course, imports,
 * and reads the refused rows by their number; a second import adds nothing.
 */
const baseUrl = inject("baseUrl");
const strings = en.certificateImport;

describe("importing training certificates from a file", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(viewport: Viewport): Promise<Page> {
    const { page } = await newPage(browser, baseUrl, viewport);
    await signIn(page, "sfp.wfp.mali@vigil.example");
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    return page;
  }

  /** A WFP person in Mali with an index number, as the focal point's personnel list shows them. */
  async function wfpColleague(page: Page): Promise<string> {
    const list = await page.evaluate(async () => (await fetch("/api/personnel?pageSize=100", { credentials: "same-origin" })).json());
    const person = (list.items as { indexNumber: string | null; organisationCode: string }[]).find((item) => item.organisationCode === "WFP" && item.indexNumber);
    if (!person?.indexNumber) throw new Error("No WFP person with an index number in the demo");
    return person.indexNumber;
  }

  for (const viewport of ["desktop", "phone"] as const) {
    it(`maps the columns, imports, and shows each refused row by its number (${viewport})`, async () => {
      const page = await signedIn(viewport);
      await navigate(page, viewport, en.nav.certificateImport);
      await mainHeading(page, strings.title).waitFor();

      const indexNumber = await wfpColleague(page);
      // A completion date per viewport, so the phone's import is not a duplicate of the desktop's.
      const completed = viewport === "desktop" ? "12/01/2021" : "13/01/2021";
      const file = ["Staff ID;Course code;Completion date", `${indexNumber};SSAFE;${completed}`, "000000;SSAFE;12/01/2021", `${indexNumber};First aid;12/01/2021`].join("\n");
      await page.locator('input[type="file"]').setInputFiles({ name: `completions-${viewport}.csv`, mimeType: "text/csv", buffer: Buffer.from(file) });
      await page.getByRole("button", { name: strings.import.read }).click();
      await page.getByRole("heading", { name: strings.import.step2 }).waitFor();
      await page.getByText(pattern(strings.import.found_other, { count: "3", format: "CSV" })).waitFor();
      expect(await page.getByRole("combobox", { name: strings.fields.person }).inputValue()).toBe("Staff ID");
      expect(await page.getByRole("combobox", { name: strings.fields.course }).inputValue()).toBe("Course code");

      const importButton = page.getByRole("button", { name: pattern(strings.import.submit_other, { count: "3" }) });
      const imported = page.waitForResponse((response) => response.url().endsWith("/api/training/certificates/imports") && response.request().method() === "POST");
      await importButton.click();
      expect(await (await imported).json()).toMatchObject({ inserted: 1, duplicates: 0, rejected: 2 });

      const table = page.getByRole("table", { name: strings.result.errorsTable });
      await table.waitFor();
      const rows = await table.locator("tbody tr").allInnerTexts();
      expect(rows.map((row) => row.split("\t")[0].trim())).toEqual(["3", "4"]);
      expect(rows[0]).toMatch(/Staff ID[\s\S]*Person not found: "000000"/);
      expect(rows[1]).toMatch(/Course code[\s\S]*Unknown course "First aid"/);
      await main(page).getByText(pattern(strings.result.inserted_one, { count: "1" })).waitFor();
      if (viewport === "phone") expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `certificate-import-${viewport}`);

      const again = page.waitForResponse((response) => response.url().endsWith("/api/training/certificates/imports") && response.request().method() === "POST");
      await importButton.click();
      expect(await (await again).json()).toMatchObject({ inserted: 0, duplicates: 1, rejected: 2 });
    }, 120_000);
  }
});
