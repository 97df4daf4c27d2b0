import { randomBytes } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ReceivedMail, readMail, waitFor } from "../src/server/testing/test-mail-server.ts";
import { drawnQr, readQr } from "../src/server/testing/pdf-reading.ts";
import { qrModulePoints } from "../src/server/modules/travel/requests/clearance-pdf.ts";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { choose, en, fr, hasNoHorizontalScroll, main, mainHeading, navigate, notificationsGone, pattern, settledScreenshot, type Viewport } from "./support/vigil.ts";

/*
 * Issue 13 §3 in the browser. On a 360 px phone the demo traveller files a trip Bamako → Mopti →
 * Bamako a month ahead: Bamako's rules clear the return leg at once, Mopti's leg waits for its
 * area. The ASC of Mopti finds the leg in the clearance queue and clears it with a condition; the
 * traveller then sees the trip cleared and acknowledges the condition, in French. A trip that
 * overlaps it is refused, naming it. The traveller receives the briefing through a real SMTP server
 * and downloads the clearance PDF, whose QR code, read back from the PDF, opens a page saying the
 * clearance is valid. Screenshots at phone and desktop width, in both languages.
 */
const traveller = "traveller.mali@vigil.example";
const reviewer = "asc.mopti@vigil.example";
const tag = randomBytes(3).toString("hex");
const purpose = `Nutrition survey in Mopti ${tag}`;
const condition = `Call the Mopti radio room on arrival ${tag}`;
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const outbound = day(30);
const back = day(33);
// A place option shows its name, then the areas it lies in.
const bamako = /^Bamako\s*Mali › Bamako Security Area$/;
const mopti = /^Mopti\s*Mali › Mopti Security Area$/;

type Strings = typeof en;

describe("travel requests and clearance", () => {
  const baseUrl = inject("baseUrl");
  const mailboxUrl = inject("mailboxUrl");
  let browser: Browser;
  let tripPath = "";
  let tripNumber = "";

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(email: string, viewport: Viewport, language: "en" | "fr" = "en"): Promise<Page> {
    const { context, page } = await newPage(browser, baseUrl, viewport);
    context.setDefaultTimeout(20_000);
    await context.addInitScript((chosen) => localStorage.setItem("vigil.language", chosen), language);
    await signIn(page, email);
    await mainHeading(page, (language === "fr" ? fr : en).dashboard.title).waitFor();
    return page;
  }

  const leg = (page: Page, number: number, strings: Strings = en) =>
    main(page).getByRole("group", { name: pattern(strings.travel.file.legTitle, { number: String(number) }) });
  const legCard = (page: Page, number: number, from: string, to: string, strings: Strings = en) =>
    main(page).getByRole("region", { name: pattern(strings.travel.trip.legHeading, { number: String(number), from, to }) });

  async function fillMoment(group: Locator, which: "departure" | "arrival", date: string, time: string) {
    await group.getByLabel(en.travel.fields[`${which}Date`]).fill(date);
    await group.getByLabel(en.travel.fields[`${which}Time`]).fill(time);
  }

  it("files a two-leg trip on a phone: the return to Bamako is cleared at once, Mopti waits for its area", async () => {
    const page = await signedIn(traveller, "phone");
    await navigate(page, "phone", en.nav.myTrips);
    await mainHeading(page, en.travel.list.title).waitFor();
    // The demo's own trip to Mopti is there already, with its status.
    await main(page).getByText("Monitoring visit to the nutrition programme in Mopti").waitFor();
    await settledScreenshot(page, "travel-list-phone-en");

    await main(page).getByRole("link", { name: en.travel.file.open }).first().click();
    await mainHeading(page, en.travel.file.title).waitFor();
    // The traveller is the signed-in person; a staff member names no one else.
    await main(page).getByText(pattern(en.travel.file.yourself)).waitFor();
    expect(await main(page).getByRole("button", { name: en.travel.file.addTraveller }).count()).toBe(0);
    await main(page).getByRole("textbox", { name: en.travel.fields.purpose }).fill(purpose);

    const first = leg(page, 1);
    await choose(page, first.getByRole("combobox", { name: en.travel.fields.from }), bamako, "Bamako");
    await choose(page, first.getByRole("combobox", { name: en.travel.fields.to }), mopti, "Mopti");
    // Arrival typed before the departure: the server's problem comes back beside the arrival.
    await fillMoment(first, "departure", outbound, "07:00");
    await fillMoment(first, "arrival", outbound, "06:00");
    await first.getByRole("textbox", { name: en.travel.fields.vehicleArrangement }).fill("UN vehicle, two-car movement");
    await first.getByRole("textbox", { name: en.travel.fields.accommodation }).fill("UN hub, Sévaré");

    // The return leg: from where the trip got to, back to where it started.
    await main(page).getByRole("button", { name: pattern(en.travel.file.addReturnLeg, { place: "Bamako" }) }).click();
    const second = leg(page, 2);
    expect(await second.getByRole("combobox", { name: en.travel.fields.from }).inputValue()).toBe("Mopti");
    expect(await second.getByRole("combobox", { name: en.travel.fields.to }).inputValue()).toBe("Bamako");
    expect(await second.getByLabel(en.travel.fields.departureDate).inputValue()).toBe(outbound);
    await fillMoment(second, "departure", back, "07:00");
    await fillMoment(second, "arrival", back, "16:00");
    expect(await hasNoHorizontalScroll(page)).toBe(true);

    const refused = page.waitForResponse((response) => response.url().endsWith("/api/travel/requests") && response.request().method() === "POST");
    await main(page).getByRole("button", { name: en.travel.file.submit }).click();
    expect((await refused).status()).toBe(422);
    await first.getByText("must be after the departure").waitFor();
    await main(page).getByRole("alert").filter({ hasText: en.errors.fixFields }).waitFor();
    await settledScreenshot(page, "travel-file-error-phone-en");

    await fillMoment(first, "arrival", outbound, "16:00");
    const filed = page.waitForResponse((response) => response.url().endsWith("/api/travel/requests") && response.request().method() === "POST");
    await main(page).getByRole("button", { name: en.travel.file.submit }).click();
    const answer = await filed;
    expect(answer.status()).toBe(201);
    tripNumber = (await answer.json()).number;
    await mainHeading(page, tripNumber).waitFor();
    tripPath = new URL(page.url()).pathname;
    expect(tripPath).toMatch(/^\/travel\/requests\/[0-9a-f-]{36}$/);

    const toMopti = legCard(page, 1, "Bamako", "Mopti");
    await toMopti.getByText(en.travel.legStatuses.review, { exact: true }).waitFor();
    await toMopti.getByText(en.travel.standing.waitingArea).waitFor();
    const toBamako = legCard(page, 2, "Mopti", "Bamako");
    await toBamako.getByText(en.travel.legStatuses.cleared, { exact: true }).waitFor();
    await toBamako.getByText(en.travel.standing.clearedAtOnce).waitFor();
    // A traveller decides nothing.
    expect(await main(page).getByRole("button", { name: en.travel.decide.clear }).count()).toBe(0);
    await main(page).getByText(en.travel.statuses.under_review).first().waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await notificationsGone(page);
    await settledScreenshot(page, "travel-trip-phone-en");
    await page.context().close();
  });

  it("shows the ASC of Mopti the leg in the clearance queue on a phone, with the decisions it offers", async () => {
    const page = await signedIn(reviewer, "phone");
    await navigate(page, "phone", en.nav.clearanceQueue);
    await mainHeading(page, en.travel.queue.title).waitFor();
    const item = main(page).getByRole("listitem").filter({ has: page.getByRole("link", { name: tripNumber, exact: true }) });
    await item.getByText("Bamako → Mopti").waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "travel-queue-phone-en");
    await item.getByRole("link", { name: tripNumber, exact: true }).click();
    await mainHeading(page, tripNumber).waitFor();
    const toMopti = legCard(page, 1, "Bamako", "Mopti");
    for (const decision of ["clear", "clear_with_conditions", "request_changes", "refuse"] as const) {
      await toMopti.getByRole("button", { name: en.travel.decide[decision], exact: true }).waitFor();
    }
    // Refusing needs a reason: the dialog says so and sends nothing without one.
    await toMopti.getByRole("button", { name: en.travel.decide.refuse, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: en.travel.decide.refuseTitle });
    await dialog.getByRole("button", { name: en.travel.decide.refuse, exact: true }).click();
    await dialog.getByText(en.validation.required).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await dialog.getByRole("button", { name: en.common.cancel }).click();
    await dialog.waitFor({ state: "detached" });
    await settledScreenshot(page, "travel-trip-review-phone-en");
    await page.context().close();
  });

  it("lets the ASC of Mopti clear the Mopti leg with a condition, from the clearance queue", async () => {
    const page = await signedIn(reviewer, "desktop");
    await navigate(page, "desktop", en.nav.clearanceQueue);
    await mainHeading(page, en.travel.queue.title).waitFor();
    const row = main(page).getByRole("row").filter({ has: page.getByRole("link", { name: tripNumber, exact: true }) });
    await row.getByText("Bamako → Mopti").waitFor();
    await settledScreenshot(page, "travel-queue-desktop-en");

    await row.getByRole("link", { name: tripNumber, exact: true }).click();
    await mainHeading(page, tripNumber).waitFor();
    const toMopti = legCard(page, 1, "Bamako", "Mopti");
    // The return leg was cleared by Bamako's rules: nothing to decide there.
    expect(await legCard(page, 2, "Mopti", "Bamako").getByRole("button").count()).toBe(0);
    await toMopti.getByRole("button", { name: en.travel.decide.clear_with_conditions }).click();
    const dialog = page.getByRole("dialog", { name: en.travel.decide.clear_with_conditionsTitle });
    // Clearing "with conditions" needs one.
    await dialog.getByRole("button", { name: en.travel.decide.clear_with_conditions }).click();
    await dialog.getByText(en.travel.decide.conditionsRequired).waitFor();
    await dialog.getByRole("textbox", { name: en.travel.decide.conditions }).fill(condition);
    await settledScreenshot(page, "travel-decide-desktop-en");
    const decided = page.waitForResponse((response) => response.url().endsWith("/decision") && response.request().method() === "POST");
    await dialog.getByRole("button", { name: en.travel.decide.clear_with_conditions }).click();
    expect((await decided).status()).toBe(200);
    await dialog.waitFor({ state: "detached" });
    await toMopti.getByText(en.travel.standing.clearedByArea).waitFor();
    await toMopti.getByText(condition).waitFor();
    await main(page).getByText(en.travel.statuses.cleared, { exact: true }).first().waitFor();
    await main(page).getByText(pattern(en.travel.history.onLeg, { action: en.travel.history.actions.cleared_with_conditions })).waitFor();
    await notificationsGone(page);
    await settledScreenshot(page, "travel-trip-cleared-desktop-en");

    // The queue no longer holds the leg.
    await navigate(page, "desktop", en.nav.clearanceQueue);
    await mainHeading(page, en.travel.queue.title).waitFor();
    await main(page).getByRole("link", { name: tripNumber, exact: true }).waitFor({ state: "detached" });
    await page.context().close();
  });

  it("shows the traveller the trip cleared, in French, and takes their acknowledgement of the conditions", async () => {
    const page = await signedIn(traveller, "phone", "fr");
    await navigate(page, "phone", fr.nav.myTrips, fr);
    await mainHeading(page, fr.travel.list.title).waitFor();
    await main(page).getByRole("link", { name: tripNumber, exact: true }).waitFor();
    await settledScreenshot(page, "travel-list-phone-fr");
    await main(page).getByRole("link", { name: tripNumber, exact: true }).click();
    await mainHeading(page, tripNumber).waitFor();
    await main(page).getByText(fr.travel.statuses.cleared, { exact: true }).first().waitFor();
    const conditions = main(page).getByRole("alert").filter({ hasText: fr.travel.trip.conditionsTitle });
    await conditions.getByText(condition).waitFor();
    await conditions.getByRole("button", { name: fr.travel.trip.acknowledge }).click();
    await conditions.getByText(pattern(fr.travel.trip.acknowledgedOn)).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await notificationsGone(page);
    await settledScreenshot(page, "travel-trip-acknowledged-phone-fr");

    await page.goto("/travel/new");
    await mainHeading(page, fr.travel.file.title).waitFor();
    await main(page).getByRole("button", { name: fr.travel.file.addLeg }).click();
    await leg(page, 2, fr).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "travel-file-phone-fr");
    await page.context().close();
  });

  it("e-mails the traveller the briefing through SMTP; the clearance PDF's QR code opens a page saying it is valid", async () => {
    const briefing = await waitFor("the briefing e-mail", async () => {
      const received = (await (await fetch(mailboxUrl)).json()) as ReceivedMail[];
      return received.filter((mail) => mail.to.includes(traveller)).map(readMail).find((mail) => mail.subject.includes(tripNumber));
    });
    expect(briefing.subject).toBe(`Security briefing for your trip ${tripNumber}`);
    expect(briefing.text).toContain(condition);
    expect(briefing.text).toContain("Mopti");

    const page = await signedIn(traveller, "phone");
    await page.goto(tripPath);
    await mainHeading(page, tripNumber).waitFor();
    const link = main(page).getByRole("link", { name: en.travel.trip.clearancePdf });
    const pdf = await page.request.get(new URL((await link.getAttribute("href")) as string, baseUrl).toString());
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const scanned = readQr(drawnQr(await pdf.body(), qrModulePoints));
    expect(scanned).toMatch(new RegExp(`^${baseUrl}/verify/clearance/[A-Za-z0-9_-]+$`));
    await page.goto(scanned as string);
    await page.getByText("VALID", { exact: true }).waitFor();
    await page.getByText(tripNumber).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "travel-clearance-verified-phone");
    await page.context().close();
  });

  it("refuses a trip that overlaps another, naming it", async () => {
    const page = await signedIn(traveller, "desktop");
    await page.goto("/travel/new");
    await mainHeading(page, en.travel.file.title).waitFor();
    await main(page).getByRole("textbox", { name: en.travel.fields.purpose }).fill(`Overlapping visit ${tag}`);
    const only = leg(page, 1);
    await choose(page, only.getByRole("combobox", { name: en.travel.fields.from }), bamako, "Bamako");
    await choose(page, only.getByRole("combobox", { name: en.travel.fields.to }), /^Kati\b/, "Kati");
    await fillMoment(only, "departure", day(31), "08:00");
    await fillMoment(only, "arrival", day(31), "10:00");
    const refused = page.waitForResponse((response) => response.url().endsWith("/api/travel/requests") && response.request().method() === "POST");
    await main(page).getByRole("button", { name: en.travel.file.submit }).click();
    expect((await refused).status()).toBe(409);
    const alert = main(page).getByRole("alert").filter({ hasText: en.travel.file.overlapTitle });
    await alert.getByText(new RegExp(`already on trip ${tripNumber}`)).waitFor();
    await settledScreenshot(page, "travel-file-overlap-desktop-en");
    await page.context().close();
  });

  it("records a travel notification and cancels it after confirmation", async () => {
    const page = await signedIn(traveller, "desktop");
    await page.goto("/travel/new");
    await mainHeading(page, en.travel.file.title).waitFor();
    await main(page).getByText(en.travel.kinds.notification, { exact: true }).click();
    expect(await main(page).getByRole("radio", { name: en.travel.kinds.notification }).isChecked()).toBe(true);
    await main(page).getByText(en.travel.file.notificationHint).waitFor();
    await main(page).getByRole("textbox", { name: en.travel.fields.purpose }).fill(`Workshop in Kati ${tag}`);
    const only = leg(page, 1);
    await choose(page, only.getByRole("combobox", { name: en.travel.fields.from }), bamako, "Bamako");
    await choose(page, only.getByRole("combobox", { name: en.travel.fields.to }), /^Kati\b/, "Kati");
    await fillMoment(only, "departure", day(40), "08:00");
    await fillMoment(only, "arrival", day(40), "10:00");
    await main(page).getByRole("button", { name: en.travel.file.submitNotification }).click();
    await mainHeading(page, /^TR-/).waitFor();
    await main(page).getByText(en.travel.statuses.notified, { exact: true }).first().waitFor();
    await legCard(page, 1, "Bamako", "Kati").getByText(en.travel.standing.notified).waitFor();
    await notificationsGone(page);
    await main(page).getByRole("button", { name: en.travel.trip.cancel }).click();
    const dialog = page.getByRole("dialog", { name: en.travel.trip.cancelTitle });
    await dialog.getByRole("textbox", { name: en.travel.trip.cancelReason }).fill("The workshop is postponed");
    const cancelled = page.waitForResponse((response) => response.url().endsWith("/cancel") && response.request().method() === "POST");
    await dialog.getByRole("button", { name: en.travel.trip.cancel }).click();
    expect((await cancelled).status()).toBe(200);
    await main(page).getByText(en.travel.statuses.cancelled, { exact: true }).first().waitFor();
    const history = main(page).getByRole("region", { name: en.travel.history.title });
    await history.getByText(en.travel.history.actions.cancelled, { exact: true }).waitFor();
    await history.getByText("The workshop is postponed").waitFor();
    await main(page).getByRole("button", { name: en.travel.trip.cancel }).waitFor({ state: "detached" });
    await page.context().close();
  });

  it("reads in French on a desktop: the queue, the trip and the list", async () => {
    const page = await signedIn(reviewer, "desktop", "fr");
    await navigate(page, "desktop", fr.nav.clearanceQueue, fr);
    await mainHeading(page, fr.travel.queue.title).waitFor();
    // The demo's own trip to Mopti still waits for the ASC.
    await main(page).getByRole("row").nth(1).waitFor();
    await settledScreenshot(page, "travel-queue-desktop-fr");
    await page.goto(tripPath);
    await mainHeading(page, tripNumber).waitFor();
    await legCard(page, 1, "Bamako", "Mopti", fr).getByText(fr.travel.standing.clearedByArea).waitFor();
    await settledScreenshot(page, "travel-trip-desktop-fr");
    await navigate(page, "desktop", fr.nav.myTrips, fr);
    await mainHeading(page, fr.travel.list.title).waitFor();
    await main(page).getByRole("tab", { name: fr.travel.list.areaTab }).click();
    await main(page).getByRole("link", { name: tripNumber, exact: true }).waitFor();
    await settledScreenshot(page, "travel-list-area-desktop-fr");
    await page.context().close();
  });
});
