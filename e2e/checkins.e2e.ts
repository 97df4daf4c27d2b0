import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ReceivedMail, readMail, waitFor } from "../src/server/testing/test-mail-server.ts";
import checkinsEn from "../src/web/modules/readiness/checkins.en.json";
import checkinsFr from "../src/web/modules/readiness/checkins.fr.json";
import { launchBrowser, signIn, viewports } from "./support/browser.ts";
import { type Viewport, choose, en, fr, hasNoHorizontalScroll, main, mainHeading, settledScreenshot } from "./support/vigil.ts";

/*
 * Issue 14 §4, acceptance 1 in the browser: the P/C/SA sends a check-in to the demo's Zone 1 in
 * Bamako; each person there gets an e-mail (the real SMTP server beside the test server) with a
 * one-tap link; an answer through that link and one recorded by the warden on a phone, in French,
 * both appear in the tally the P/C/SA has open, without reloading it.
 */
const strings = checkinsEn.checkins;
const pcsa = "pcsa.mali@vigil.example";
const warden = "warden.bamako@vigil.example";
const title = "Gunfire reported near the river";

async function signedIn(browser: Browser, baseUrl: string, email: string, viewport: Viewport, language: "en" | "fr" = "en"): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: viewports[viewport], locale: language === "fr" ? "fr-FR" : "en-GB" });
  context.setDefaultTimeout(20_000);
  await context.addInitScript((chosen) => localStorage.setItem("vigil.language", chosen), language);
  const page = await context.newPage();
  await signIn(page, email);
  await mainHeading(page, (language === "fr" ? fr : en).dashboard.title).waitFor();
  return page;
}

/** The figure a tally card shows for one answer (its `data-figure`). */
const figure = (page: Page, key: string) => main(page).locator(`[data-figure="${key}"]`).locator("p").first();

describe("a check-in from sending to the live tally", () => {
  const baseUrl = inject("baseUrl");
  const mailboxUrl = inject("mailboxUrl");
  let browser: Browser;
  let pcsaPage: Page;
  let checkinPath: string;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("lets the P/C/SA send a check-in to Zone 1 of Bamako, showing its reach first", async () => {
    pcsaPage = await signedIn(browser, baseUrl, pcsa, "desktop");
    await pcsaPage.goto("/readiness/checkins");
    await mainHeading(pcsaPage, strings.title).waitFor();
    await main(pcsaPage).getByRole("link", { name: strings.new }).click();
    await mainHeading(pcsaPage, strings.new).waitFor();
    await choose(pcsaPage, main(pcsaPage).getByRole("combobox", { name: strings.form.area }), /Bamako Security Area/, "Bamako Sec");
    await choose(pcsaPage, main(pcsaPage).getByRole("combobox", { name: strings.form.zones }), "Zone 1 — Rive gauche");
    await pcsaPage.keyboard.press("Escape");
    await main(pcsaPage).getByText(/^Reaches \d+ people/).waitFor();
    await main(pcsaPage).getByRole("textbox", { name: strings.form.title }).fill(title);
    await settledScreenshot(pcsaPage, "checkin-new-desktop-en");
    await main(pcsaPage).getByRole("button", { name: strings.form.send }).click();
    await pcsaPage.getByRole("dialog").getByRole("button", { name: strings.form.send }).click();
    await mainHeading(pcsaPage, title).waitFor();
    checkinPath = new URL(pcsaPage.url()).pathname;
    await main(pcsaPage).getByLabel(strings.tally).waitFor();
    expect(await figure(pcsaPage, "replied").innerText()).toBe("0");
  });

  it("reaches each person by e-mail; an answer through the one-tap link shows in the open tally without a reload", async () => {
    const messageId = checkinPath.split("/").pop() as string;
    const sent = await waitFor("the check-in e-mails", async () => {
      const received = (await (await fetch(mailboxUrl)).json()) as ReceivedMail[];
      const found = received.map(readMail).filter((mail) => mail.header("X-Vigil-Entity") === `mass_message/${messageId}`);
      return found.length > 0 ? found : undefined;
    });
    expect(sent[0].subject).toContain(title);
    const link = /https?:\/\/\S+\/r\/\S+/.exec(sent[0].text)?.[0] as string;
    // The person opens the link on their phone: no sign-in.
    const phone = await browser.newContext({ viewport: viewports.phone, locale: "en-GB" });
    const personPage = await phone.newPage();
    await personPage.goto(new URL(new URL(link).pathname, baseUrl).toString());
    await personPage.getByRole("button", { name: "I am safe" }).waitFor();
    expect(await figure(pcsaPage, "replied").innerText()).toBe("0");
    await personPage.getByRole("button", { name: "I am safe" }).click();
    await personPage.getByText("Your answer is recorded: I am safe.").waitFor();
    await personPage.screenshot({ path: ".test-artifacts/screenshots/checkin-reply-link-phone-en.png" });
    await phone.close();
    await expect.poll(() => figure(pcsaPage, "safe").innerText(), { timeout: 15_000 }).toBe("1");
  });

  it("lets the warden, on a phone in French, record that someone needs help; the P/C/SA's tally shows it live", async () => {
    const page = await signedIn(browser, baseUrl, warden, "phone", "fr");
    await page.goto(checkinPath);
    await mainHeading(page, title).waitFor();
    const french = checkinsFr.checkins;
    const record = main(page).getByRole("button", { name: new RegExp(`^${french.recordFor.split("{{")[0]}`) }).first();
    await record.click();
    await page.getByRole("menuitem", { name: french.answers.need_help }).click();
    await expect.poll(() => figure(pcsaPage, "need_help").innerText(), { timeout: 15_000 }).toBe("1");
    await expect.poll(() => figure(page, "need_help").innerText(), { timeout: 15_000 }).toBe("1");
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "checkin-tally-warden-phone-fr");
    // The top of the page at the size a phone shows it (the full page is too tall to read).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: ".test-artifacts/screenshots/checkin-top-warden-phone-fr.png" });
    await main(page).getByText(french.recipients).scrollIntoViewIfNeeded();
    await page.screenshot({ path: ".test-artifacts/screenshots/checkin-list-warden-phone-fr.png" });
    await settledScreenshot(pcsaPage, "checkin-tally-pcsa-desktop-en");
    await page.context().close();
    await pcsaPage.context().close();
  });
});
