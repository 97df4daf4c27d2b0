import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { en, main, mainHeading, navigate, settledScreenshot } from "./support/vigil.ts";

/*
 * Need-to-know on contacts (a P/C/SA sees them, the DO of the same area does not) and the
 * record history (who changed what, before and after, and when). Desktop only; every user
 * signs in in a fresh browser context.
 */
describe("need-to-know and record history", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let personPath = "";
  let personName = "";

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(email: string): Promise<Page> {
    const { context, page } = await newPage(browser, baseUrl, "desktop");
    context.setDefaultTimeout(15_000);
    await signIn(page, email);
    await mainHeading(page, en.dashboard.title).waitFor();
    return page;
  }

  function contactsBlock(page: Page) {
    return page.getByRole("region", { name: en.personnel.sections.contacts });
  }

  it("shows a person's contacts to the P/C/SA of their area", async () => {
    const page = await signedIn("pcsa.mali@vigil.example");
    await navigate(page, "desktop", en.nav.personnel);
    await mainHeading(page, en.personnel.title).waitFor();
    // Names are listed "FAMILY, Given"; the P/C/SA's list holds only people in Mali.
    const firstPerson = main(page).getByRole("table").getByRole("link").first();
    await firstPerson.click();
    await page.getByRole("region", { name: en.personnel.sections.employment }).waitFor();
    personPath = new URL(page.url()).pathname;
    personName = (await mainHeading(page, /.+/).textContent()) ?? "";
    expect(personPath).toMatch(/^\/personnel\/[0-9a-f-]{36}$/);

    const contacts = contactsBlock(page);
    await contacts.waitFor();
    await contacts.getByText(en.personnel.accessRecorded).waitFor();
    expect(await contacts.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    await contacts.getByText(en.fields.residentialAddress).waitFor();
    await page.context().close();
  });

  it("hides the same person's contacts from the DO of that area", async () => {
    expect(personPath).not.toBe("");
    const page = await signedIn("do.mali@vigil.example");
    await page.goto(personPath);
    await mainHeading(page, personName).waitFor();
    await page.getByRole("region", { name: en.personnel.sections.employment }).waitFor();
    await page.getByRole("region", { name: en.history.title }).waitFor();
    expect(await contactsBlock(page).count()).toBe(0);
    expect(await main(page).getByText(en.personnel.sections.contacts).count()).toBe(0);
    expect(await main(page).locator('a[href^="tel:"], a[href^="mailto:"]').count()).toBe(0);
    await page.context().close();
  });

  it("records an organisation's creation and a change of name, with before, after and time", async () => {
    const startedAt = Date.now();
    const page = await signedIn("admin@vigil.example");
    await navigate(page, "desktop", en.nav.organisations);
    await mainHeading(page, en.organisations.title).waitFor();
    await main(page).getByRole("link", { name: "WHO", exact: true }).click();
    const oldName = "World Health Organization";
    const newName = `World Health Organization (renamed ${randomBytes(3).toString("hex")})`;
    await mainHeading(page, `WHO — ${oldName}`).waitFor();

    await main(page).getByRole("button", { name: en.common.edit }).click();
    const dialog = page.getByRole("dialog", { name: en.organisations.editTitle.replace("{{code}}", "WHO") });
    // The organisation's name comes first; each HQ focal point below has a "Name" too.
    const nameInput = dialog.getByRole("textbox", { name: en.fields.name, exact: true }).first();
    expect(await nameInput.inputValue()).toBe(oldName);
    await nameInput.fill(newName);
    const saved = page.waitForResponse(
      (response) => /\/api\/organisations\/[^/]+$/.test(response.url()) && response.request().method() === "PATCH",
    );
    await dialog.getByRole("button", { name: en.common.save, exact: true }).click();
    expect((await saved).status()).toBe(200);
    await dialog.waitFor({ state: "detached" });
    await mainHeading(page, `WHO — ${newName}`).waitFor();

    const history = page.getByRole("region", { name: en.history.title });
    const items = history.locator(".mantine-Timeline-item");
    // Newest first: the change, then (at the bottom) the creation by the demo seed.
    const change = items.filter({ hasText: en.history.actions.update }).first();
    await change.waitFor();
    const nameRow = change.getByRole("row").filter({ hasText: en.fields.name });
    const cells = nameRow.getByRole("cell");
    expect(await cells.allTextContents()).toEqual([en.fields.name, oldName, newName]);
    await change.getByRole("columnheader", { name: en.history.before }).waitFor();
    await change.getByRole("columnheader", { name: en.history.after }).waitFor();
    await change.getByText("Vigil Administrator").waitFor();

    const creation = items.filter({ hasText: en.history.actions.create }).last();
    await creation.waitFor();
    expect(await items.first().textContent()).toContain(en.history.actions.update);
    expect(await items.last().textContent()).toContain(en.history.actions.create);

    const changedAt = Date.parse((await change.locator("time").getAttribute("datetime")) ?? "");
    const createdAt = Date.parse((await creation.locator("time").getAttribute("datetime")) ?? "");
    expect(Number.isNaN(changedAt) || Number.isNaN(createdAt)).toBe(false);
    expect(createdAt).toBeLessThanOrEqual(changedAt);
    // Same machine, same clock: the change was stamped while this test ran (a minute of slack).
    expect(changedAt).toBeGreaterThanOrEqual(startedAt - 60_000);
    expect(changedAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect((await change.locator("time").textContent())?.trim()).not.toBe("");
    expect((await creation.locator("time").textContent())?.trim()).not.toBe("");

    await settledScreenshot(page, "history");
    await page.context().close();
  });
});
