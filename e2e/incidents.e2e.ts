import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { choose, en, hasNoHorizontalScroll, main, mainHeading, navigate, settledScreenshot } from "./support/vigil.ts";

/*
 * Incidents in the browser: the P/C/SA of Mali records a road traffic accident, revises it over
 * several saves and submits it; the detail page's history shows the initial entry and every field
 * revision with its time stamp. Then the list: search, filters (kept in the URL), the phone layout.
 */
const strings = en.incidents;

describe("incidents: record, revise, history and the list", () => {
  const baseUrl = inject("baseUrl");
  const token = `e2e${randomBytes(4).toString("hex")}`;
  const firstNarrative = `A UN pick-up skidded off the Sévaré road (${token}).`;
  const revisedNarrative = `A UN pick-up skidded off the Sévaré road and rolled over; the driver was evacuated (${token}).`;
  let browser: Browser;
  let detailPath = "";

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(viewport: "desktop" | "phone"): Promise<Page> {
    const { context, page } = await newPage(browser, baseUrl, viewport);
    context.setDefaultTimeout(20_000);
    await signIn(page, "pcsa.mali@vigil.example");
    await mainHeading(page, en.dashboard.title).waitFor();
    return page;
  }

  async function edit(page: Page, change: (page: Page) => Promise<void>) {
    await main(page).getByRole("link", { name: en.common.edit }).click();
    await mainHeading(page, strings.editTitle).waitFor();
    await change(page);
    await main(page).getByRole("button", { name: en.common.save }).click();
    await mainHeading(page, "Road traffic accident").waitFor();
    await page.getByText(strings.updated).first().waitFor();
  }

  it("records an incident, revises it over several saves, submits it, and shows every revision in the history", async () => {
    const page = await signedIn("desktop");
    await navigate(page, "desktop", strings.navGroup.list);
    await mainHeading(page, strings.title).waitFor();
    expect(await page.title()).toBe(`${strings.title} · Vigil`);
    await main(page).getByRole("link", { name: strings.create }).first().click();
    await mainHeading(page, strings.createTitle).waitFor();

    const form = main(page);
    await form.getByLabel(strings.fields.date).fill("2026-03-02");
    await form.getByLabel(strings.fields.time).fill("08:15");
    await choose(page, form.getByRole("combobox", { name: strings.fields.timeZone }), "Africa/Bamako", "Bamako");
    await choose(page, form.getByRole("combobox", { name: en.fields.dutyStation }), /› Mopti$/, "Mopti");
    await choose(page, form.getByRole("combobox", { name: strings.fields.category }), /^Road traffic accident/, "Road traffic");
    await form.getByRole("alert").filter({ hasText: "A collision or other accident" }).waitFor();
    await form.getByRole("textbox", { name: strings.fields.description }).fill(firstNarrative);
    await choose(page, form.getByRole("combobox", { name: strings.fields.source }), strings.sources.un_security);
    await form.getByRole("radio", { name: en.common.no }).check();
    await form.getByRole("button", { name: strings.form.addPeople }).click();
    await choose(page, form.getByRole("combobox", { name: strings.fields.outcome }), strings.outcomes.injured);
    await choose(page, form.getByRole("combobox", { name: en.fields.recruitmentType }), en.recruitmentTypes.locally_recruited);
    await form.getByRole("button", { name: strings.form.addAsset }).click();
    await choose(page, form.getByRole("region", { name: strings.fields.assetsAffected }).getByRole("combobox", { name: strings.fields.kind }), strings.assetKinds.vehicle);
    await form.getByRole("region", { name: strings.fields.assetsAffected }).getByLabel(strings.fields.itemDescription).fill("Hilux UN-4521");
    await form.getByRole("button", { name: strings.saveDraft }).click();

    await mainHeading(page, "Road traffic accident").waitFor();
    detailPath = new URL(page.url()).pathname;
    expect(detailPath).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
    await main(page).getByRole("region", { name: strings.fields.description }).getByText(firstNarrative).waitFor();

    // Three revisions, one save each: the narrative; the source and the local time; the people affected.
    await edit(page, async (p) => {
      await main(p).getByRole("textbox", { name: strings.fields.description }).fill(revisedNarrative);
    });
    await edit(page, async (p) => {
      await choose(p, main(p).getByRole("combobox", { name: strings.fields.source }), strings.sources.host_authorities);
      await main(p).getByLabel(strings.fields.time).fill("09:40");
    });
    await edit(page, async (p) => {
      await main(p).getByLabel(strings.fields.count).fill("2");
    });
    await main(page).getByRole("button", { name: strings.workflow.submit }).click();
    await page.getByRole("dialog").getByRole("button", { name: strings.workflow.submit }).click();
    await page.getByText(strings.workflow.submitDone).first().waitFor();

    const history = page.getByRole("region", { name: en.history.title });
    await history.scrollIntoViewIfNeeded();
    const created = history.locator(".mantine-Timeline-item").filter({ hasText: en.history.actions.create });
    const changes = history.locator(".mantine-Timeline-item").filter({ hasText: en.history.actions.update });
    await expect.poll(() => changes.count()).toBe(4);
    expect(await created.count()).toBe(1);
    // Every entry carries its time stamp.
    expect(await history.locator("time[datetime]").count()).toBe(5);
    for (const stamp of await history.locator("time[datetime]").all()) {
      expect(await stamp.getAttribute("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
    // The initial entry holds what was recorded.
    await created.getByRole("row").filter({ hasText: strings.fields.categoryCode }).filter({ hasText: "Road traffic accident" }).waitFor();
    await created.getByRole("row").filter({ hasText: strings.fields.description }).filter({ hasText: firstNarrative }).waitFor();
    // Every revised field, before and after (newest first).
    const row = (entry: number, field: string) => changes.nth(entry).getByRole("row").filter({ has: page.getByRole("cell", { name: field, exact: true }) });
    await row(0, strings.fields.status).filter({ hasText: strings.statuses.draft }).filter({ hasText: strings.statuses.submitted }).waitFor();
    await row(1, strings.fields.peopleAffected).filter({ hasText: "Injured: 1" }).filter({ hasText: "Injured: 2" }).waitFor();
    await row(2, strings.fields.source).filter({ hasText: strings.sources.un_security }).filter({ hasText: strings.sources.host_authorities }).waitFor();
    await row(2, strings.fields.occurredAt).waitFor();
    await row(3, strings.fields.description).filter({ hasText: firstNarrative }).filter({ hasText: revisedNarrative }).waitFor();
    await settledScreenshot(page, "incident-detail-history-desktop");
    await page.context().close();
  });

  it("shows the same record and history on a phone, 360 px wide, without sideways scrolling", async () => {
    expect(detailPath).not.toBe("");
    const page = await signedIn("phone");
    await page.goto(detailPath);
    await mainHeading(page, "Road traffic accident").waitFor();
    const history = page.getByRole("region", { name: en.history.title });
    await history.getByText(revisedNarrative).first().waitFor();
    expect(await history.locator("time[datetime]").count()).toBe(5);
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "incident-detail-history-phone");
    await page.context().close();
  });

  it("finds the incident by full-text search and filters, keeping them in the URL", async () => {
    const page = await signedIn("desktop");
    await page.goto("/incidents");
    await mainHeading(page, strings.title).waitFor();
    await main(page).getByRole("searchbox", { name: en.common.search }).fill(`${token} evacuated`);
    await page.waitForURL((url) => url.searchParams.get("q") === `${token} evacuated`);
    const table = main(page).getByRole("table");
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    await table.getByText(revisedNarrative).waitFor();

    await choose(page, main(page).getByRole("combobox", { name: strings.fields.status }), strings.statuses.submitted);
    await page.waitForURL((url) => url.searchParams.get("status") === "submitted");
    await table.getByText(revisedNarrative).waitFor();
    await choose(page, main(page).getByRole("combobox", { name: strings.fields.outcome }), strings.outcomes.injured);
    await page.waitForURL((url) => url.searchParams.get("outcome") === "injured");
    await table.getByText(revisedNarrative).waitFor();
    await settledScreenshot(page, "incident-list-desktop");

    // A filter that excludes it: the empty state, with a way out.
    await choose(page, main(page).getByRole("combobox", { name: strings.fields.status }), strings.statuses.verified);
    await main(page).getByText(en.common.noMatches).waitFor();
    await main(page).getByRole("button", { name: en.common.clearFilters }).click();
    await page.waitForURL((url) => url.search === "");

    // A mistyped or cut-off link to a record is a missing page, not a failed load.
    await page.goto("/incidents/quick-report");
    await mainHeading(page, en.errors.pageNotFoundTitle).waitFor();
    await page.context().close();
  });

  it("lists incidents on a phone as cards with the filters behind a button", async () => {
    const page = await signedIn("phone");
    await page.goto(`/incidents?q=${token}`);
    await mainHeading(page, strings.title).waitFor();
    await main(page).getByText(revisedNarrative).waitFor();
    await main(page).getByRole("button", { name: en.common.filters }).click();
    await main(page).getByRole("combobox", { name: strings.fields.category }).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "incident-list-phone");
    await page.context().close();
  });
});
