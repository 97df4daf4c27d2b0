import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import headcountEn from "../src/web/modules/travel/headcount.en.json";
import { launchBrowser, newPage, screenshot, signIn } from "./support/browser.ts";
import { en, hasNoHorizontalScroll, main, mainHeading } from "./support/vigil.ts";

/*
 * Issue 13 §4 and acceptance 4 in the browser: the P/C/SA of Mali opens the headcount, which
 * shows Mali (their area) now; the figures by organisation are those the API answers, on a
 * desktop and on a 375 px phone without sideways scrolling.
 */
const strings = headcountEn.headcount;
const pcsa = "pcsa.mali@vigil.example";

type Headcount = { totals: { total: number }; byOrganisation: { code: string; total: number; personnel: number; dependants: number }[] };

async function maliHeadcount(page: Page): Promise<Headcount> {
  return page.evaluate(async () => {
    const tree = (await (await fetch("/api/places/tree")).json()) as { items: { id: string; name: string }[] };
    const mali = tree.items.find((place) => place.name === "Mali")?.id;
    return (await fetch(`/api/travel/headcount?placeId=${mali}`)).json();
  });
}

async function figuresMatch(page: Page) {
  await mainHeading(page, strings.title).waitFor();
  const byOrganisation = main(page).getByRole("table", { name: strings.byOrganisation });
  await byOrganisation.waitFor();
  const api = await maliHeadcount(page);
  expect(api.byOrganisation.length).toBeGreaterThan(1);
  await expect.poll(() => main(page).getByText(/Mali,/).first().isVisible()).toBe(true);
  for (const row of api.byOrganisation) {
    const cells = await byOrganisation.getByRole("row").filter({ hasText: new RegExp(`^${row.code}`) }).first().getByRole("cell").allInnerTexts();
    expect(cells.slice(0, 3).map((cell) => cell.trim()), row.code).toEqual([row.code, String(row.total), String(row.personnel)]);
  }
  return api;
}

describe("the headcount page", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows Mali's figures by organisation to its P/C/SA, as the API counts them", async () => {
    const { context, page } = await newPage(browser, baseUrl, "desktop");
    context.setDefaultTimeout(20_000);
    await signIn(page, pcsa);
    await mainHeading(page, en.dashboard.title).waitFor();
    await page.goto("/travel/headcount");
    const api = await figuresMatch(page);
    await main(page).getByRole("table", { name: strings.peopleCaption }).waitFor();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "headcount-desktop-en");
    expect(api.totals.total).toBeGreaterThan(0);
    await context.close();
  });

  it("fits a 375 px phone", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 375, height: 812 }, locale: "en-GB" });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await signIn(page, pcsa);
    await mainHeading(page, en.dashboard.title).waitFor();
    await page.goto("/travel/headcount");
    await mainHeading(page, strings.title).waitFor();
    await main(page).getByRole("list", { name: strings.byOrganisation }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await screenshot(page, "headcount-phone-en");
    await context.close();
  });
});
