import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import profileEn from "../src/web/modules/travel/profile.en.json";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { choose, en, hasNoHorizontalScroll, main, mainHeading, navigate, settledScreenshot } from "./support/vigil.ts";

/*
 * Issue 13 §2 in the browser: on a 360 px phone the demo traveller opens "My travel profile" from
 * the menu, finds the profile the demo filled, changes the emergency contact, the travel phone
 * (a number too short first: the problem shows beside the input), the nationality and the
 * passport, adds a proof-of-life question, saves, and after a reload finds it all kept.
 */
const traveller = "traveller.mali@vigil.example";
const strings = profileEn.travelProfile;
const stamp = String(Date.now()).slice(-6);

describe("my travel profile", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("is filled and saved on a phone, and kept after a reload", async () => {
    const { context, page } = await newPage(browser, baseUrl, "phone");
    context.setDefaultTimeout(20_000);
    await signIn(page, traveller);
    await mainHeading(page, en.dashboard.title).waitFor();
    await navigate(page, "phone", en.nav.myTravelProfile);
    await mainHeading(page, strings.title).waitFor();

    const own = main(page).getByRole("region", { name: strings.ownTitle });
    // The demo filled the traveller's profile: the passport is there already.
    await expect.poll(() => own.getByRole("textbox", { name: strings.fields.passportNumber, exact: true }).inputValue()).toBe("AA1234567");
    await settledScreenshot(page, "travel-profile-phone-en");

    await own.getByRole("textbox", { name: strings.fields.emergencyContactName, exact: true }).fill(`Kadiatou Sangaré ${stamp}`);
    await own.getByRole("textbox", { name: strings.fields.travelPhone }).fill("12 34");
    await choose(page, own.getByRole("combobox", { name: strings.fields.nationality }), "Senegal", "Seneg");
    await own.getByRole("textbox", { name: strings.fields.passportNumber, exact: true }).fill(`sn ${stamp}9`);
    await own.getByRole("button", { name: strings.addQuestion }).click();
    await own.getByRole("textbox", { name: strings.fields.question.replace("{{number}}", "2"), exact: true }).fill("Name of your first dog?");
    await own.getByRole("textbox", { name: strings.fields.answer.replace("{{number}}", "2"), exact: true }).fill(`Simba ${stamp}`);
    await own.getByRole("button", { name: strings.save }).click();
    // A number too short to reach anyone: refused beside its input, nothing saved.
    await own.getByText(strings.errors.phoneDigits).waitFor();
    await settledScreenshot(page, "travel-profile-phone-error-en");

    await own.getByRole("textbox", { name: strings.fields.travelPhone }).fill("+221 77 123 45 67");
    await own.getByRole("button", { name: strings.save }).click();
    await page.getByText(strings.saved.replace("{{name}}", "")).first().waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);

    await page.reload();
    await mainHeading(page, strings.title).waitFor();
    const reloaded = main(page).getByRole("region", { name: strings.ownTitle });
    await expect.poll(() => reloaded.getByRole("textbox", { name: strings.fields.emergencyContactName, exact: true }).inputValue()).toBe(`Kadiatou Sangaré ${stamp}`);
    // Each field is waited for: the country names arrive after the profile (loaded on first use), so a select is empty for a moment.
    await expect.poll(() => reloaded.getByRole("textbox", { name: strings.fields.travelPhone }).inputValue()).toBe("+221 77 123 45 67");
    await expect.poll(() => reloaded.getByRole("combobox", { name: strings.fields.nationality }).inputValue()).toBe("Senegal");
    await expect.poll(() => reloaded.getByRole("textbox", { name: strings.fields.passportNumber, exact: true }).inputValue()).toBe(`SN${stamp}9`);
    await expect.poll(() => reloaded.getByRole("textbox", { name: strings.fields.answer.replace("{{number}}", "2"), exact: true }).inputValue()).toBe(`Simba ${stamp}`);
    await settledScreenshot(page, "travel-profile-phone-saved-en");
    await context.close();
  });
});
