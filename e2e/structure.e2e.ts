import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import {
  choose,
  dashboardLoaded,
  en,
  fr,
  hasNoHorizontalScroll,
  main,
  mainHeading,
  navigate,
  navigationClosed,
  pattern,
  settledScreenshot,
  todayIso,
  type Viewport,
} from "./support/vigil.ts";

/*
 * Acceptance: the structure of accountability, run once on a desktop and once on a 360 px phone.
 * Both runs share one server: the first run to execute closes Haiti's demo gap, the other checks
 * that it stays closed. Each run creates and covers its own Designated Area.
 */
const admin = "admin@vigil.example";
/** A family name of the demo seed (src/server/seed/demo-data.ts) for the person picker search. */
const personSearch = "Andersen";
let haitiClosedBy: Viewport | null = null;
const noDoTitle = pattern(en.continuity.alertTitle, { slot: en.continuity.slot.do });

type Appointment = { role: string; place?: string; appointedBy: string; letterNumber: string };

/** Records an appointment in the open form; returns the name of the person chosen. */
async function recordAppointment(page: Page, appointment: Appointment): Promise<string> {
  const dialog = page.getByRole("dialog", { name: en.appointments.createTitle });
  await dialog.waitFor();
  const personInput = dialog.getByRole("combobox", { name: en.fields.person });
  await personInput.click();
  // The picker searches on the server (or answers from its cache); whichever list is showing,
  // the match is then picked by its full label, so a list that is replaced cannot change who.
  await personInput.fill(personSearch);
  const label = (await page.getByRole("option", { name: new RegExp(personSearch) }).first().textContent()) ?? "";
  await page.getByRole("option", { name: label, exact: true }).first().click();
  expect(await personInput.inputValue()).toBe(label);
  await choose(page, dialog.getByRole("combobox", { name: en.fields.role }), appointment.role);
  if (appointment.place) {
    await choose(page, dialog.getByRole("combobox", { name: en.fields.place }), appointment.place, appointment.place);
  }
  await dialog.getByLabel(en.fields.startsOn).fill(todayIso());
  await dialog.getByLabel(en.fields.appointedBy).fill(appointment.appointedBy);
  await dialog.getByLabel(en.fields.letterNumber).fill(appointment.letterNumber);
  const saved = page.waitForResponse(
    (response) => response.url().endsWith("/api/appointments") && response.request().method() === "POST",
  );
  await dialog.getByRole("button", { name: en.common.create, exact: true }).click();
  expect((await saved).status()).toBe(201);
  await dialog.waitFor({ state: "detached" });
  // "Given Family (ORG)" in the picker; pages name the person without the organisation.
  return label.replace(/\s*\([^)]*\)\s*$/, "").trim();
}

function continuityCard(page: Page): Locator {
  return page.getByRole("region", { name: pattern(en.continuity.title, { slot: en.continuity.slot.do }) });
}

function dashboardGapBanner(page: Page): Locator {
  const titles = [en.dashboard.noneInChargeTitle_one, en.dashboard.noneInChargeTitle_other];
  return main(page)
    .getByRole("alert")
    .filter({ hasText: new RegExp(titles.map((title) => pattern(title).source).join("|")) });
}

describe.each(["desktop", "phone"] as const)("structure of accountability on the %s", (viewport) => {
  const baseUrl = inject("baseUrl");
  const areaName = `Test Area ${viewport} ${randomBytes(3).toString("hex")}`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let areaUrl = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, baseUrl, viewport));
    context.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it("signs the system administrator in through the login page", async () => {
    await signIn(page, admin);
    await dashboardLoaded(page);
    await page.getByText(pattern(en.dashboard.welcome, { name: "Vigil Administrator" })).waitFor();
  });

  it("lists Haiti's continuity gap on the dashboard, unless an earlier run closed it", async () => {
    const continuity = page.getByRole("region", { name: en.dashboard.continuityTitle });
    await continuity.waitFor();
    const haitiInBanner = dashboardGapBanner(page).getByRole("link", { name: "Haiti", exact: true });
    if (haitiClosedBy === null) {
      await haitiInBanner.waitFor();
      const haitiEntry = continuity.locator("div", { has: page.getByRole("link", { name: "Haiti", exact: true }) });
      // The demo DO left some days ago, so the gap is dated from the day after.
      await haitiEntry.getByText(pattern(en.continuity.noneSinceSlot.do)).first().waitFor();
      await haitiEntry.getByText(en.continuity.noneToday).first().waitFor();
    } else {
      expect(await haitiInBanner.count()).toBe(0);
      expect(await continuity.getByRole("link", { name: "Haiti", exact: true }).count()).toBe(0);
    }
    if (viewport === "phone") expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, `dashboard-${viewport}`);
  });

  it("creates a Designated Area, whose page shows that nobody is in charge", async () => {
    await navigate(page, viewport, en.nav.places);
    await mainHeading(page, en.places.title).waitFor();
    await page.getByRole("button", { name: en.places.create }).click();
    const dialog = page.getByRole("dialog", { name: en.places.createTitle });
    await choose(page, dialog.getByRole("combobox", { name: en.fields.kind }), en.placeKinds.designated_area);
    await dialog.getByRole("textbox", { name: en.fields.name, exact: true }).fill(areaName);
    await choose(page, dialog.getByRole("combobox", { name: en.fields.countryCode }), "Chad", "Chad");
    await dialog.getByRole("button", { name: en.common.create, exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    // The form leads to the new area's page.
    await mainHeading(page, areaName).waitFor();
    areaUrl = new URL(page.url()).pathname;
    const card = continuityCard(page);
    const alert = card.getByRole("alert", { name: noDoTitle });
    await alert.waitFor();
    const background = await alert.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toMatch(/^rgb\((\d+), (\d+), (\d+)\)$/);
    const [red, green, blue] = (background.match(/\d+/g) ?? []).map(Number);
    expect(red).toBeGreaterThan(150);
    expect(red).toBeGreaterThan(green * 2);
    expect(red).toBeGreaterThan(blue * 2);
    await main(page).getByText("Chad").first().waitFor();
    if (viewport === "phone") expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, `area-gap-${viewport}`);

    // And it is listed among the areas, flagged as uncovered.
    await navigate(page, viewport, en.nav.places);
    const row = main(page).getByRole("listitem").filter({ has: page.getByRole("link", { name: areaName }) });
    await row.getByText(en.continuity.noneToday).waitFor();
  });

  it("appoints a Designated Official for the new area, which closes its gap", async () => {
    await navigate(page, viewport, en.nav.appointments);
    await mainHeading(page, en.appointments.title).waitFor();
    await page.getByRole("button", { name: en.appointments.create }).click();
    const personName = await recordAppointment(page, {
      role: en.roles.do,
      place: areaName,
      appointedBy: "Secretary-General",
      letterNumber: `E2E/${viewport}/DO`,
    });

    // The appointment's page links to the area.
    await mainHeading(page, `${en.roles.do} — ${personName}`).waitFor();
    await main(page).getByRole("link", { name: areaName, exact: true }).click();
    await mainHeading(page, areaName).waitFor();
    const card = continuityCard(page);
    await card.getByText(en.continuity.inChargeToday).waitFor();
    await card.getByRole("link", { name: personName, exact: true }).waitFor();
    await card.getByText(en.roles.do, { exact: true }).waitFor();
    expect(await card.getByRole("alert", { name: noDoTitle }).count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe(areaUrl);
    if (viewport === "phone") expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, `area-covered-${viewport}`);
  });

  it("closes Haiti's gap with a DO a.i. (or finds it still closed) and the dashboard drops it", async () => {
    await navigate(page, viewport, en.nav.dashboard);
    await mainHeading(page, en.dashboard.title).waitFor();
    const continuity = page.getByRole("region", { name: en.dashboard.continuityTitle });
    await continuity.waitFor();

    if (haitiClosedBy === null) {
      // From the dashboard's alert to Haiti's page, and from there to its appointments.
      await dashboardGapBanner(page).getByRole("link", { name: "Haiti", exact: true }).click();
      await mainHeading(page, "Haiti").waitFor();
      await continuityCard(page).getByRole("link", { name: en.continuity.appointLink }).click();
      await mainHeading(page, en.appointments.title).waitFor();
      await page.getByRole("button", { name: en.appointments.create }).click();
      const dialog = page.getByRole("dialog", { name: en.appointments.createTitle });
      // The place comes from the page the form was opened from.
      expect(await dialog.getByRole("combobox", { name: en.fields.place }).inputValue()).toBe("Haiti");
      const personName = await recordAppointment(page, {
        role: en.roles.do_ai,
        appointedBy: "USG UNDSS",
        letterNumber: `E2E/${viewport}/DOAI-HAITI`,
      });
      await mainHeading(page, `${en.roles.do_ai} — ${personName}`).waitFor();
      haitiClosedBy = viewport;
      await navigate(page, viewport, en.nav.dashboard);
      await mainHeading(page, en.dashboard.title).waitFor();
      await continuity.waitFor();
    }

    // The dashboard may first show what it had cached; it must settle without Haiti.
    await continuity.getByRole("link", { name: "Haiti", exact: true }).waitFor({ state: "detached" });
    await main(page)
      .getByRole("alert")
      .getByRole("link", { name: "Haiti", exact: true })
      .waitFor({ state: "detached" });

    // Haiti's own page names the DO a.i. in charge.
    await navigate(page, viewport, en.nav.places);
    await main(page).getByRole("link", { name: "Haiti", exact: true }).click();
    await mainHeading(page, "Haiti").waitFor();
    const card = continuityCard(page);
    await card.getByText(en.continuity.inChargeToday).waitFor();
    await card.getByText(en.roles.do_ai, { exact: true }).waitFor();
    expect(await card.getByRole("alert", { name: noDoTitle }).count()).toBe(0);
  });

  it("switches to French, remembers it after a reload, and switches back", async () => {
    await navigate(page, viewport, en.nav.dashboard);
    await mainHeading(page, en.dashboard.title).waitFor();
    // The choice is also saved to the account: wait for that, or the next sign-in could differ.
    const savedToAccount = () =>
      page.waitForResponse(
        (response) => new URL(response.url()).pathname === "/api/auth/me" && response.request().method() === "PATCH",
      );
    const savedFrench = savedToAccount();
    await page.getByRole("radiogroup", { name: en.shell.language }).getByText("FR", { exact: true }).click();
    expect((await savedFrench).ok()).toBe(true);

    await mainHeading(page, fr.dashboard.title).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    const checkFrenchNavigation = async () => {
      if (viewport === "phone") await page.getByRole("button", { name: fr.shell.openNavigation }).click();
      const navigation = page.getByRole("navigation", { name: fr.shell.mainNavigation });
      for (const label of [fr.nav.dashboard, fr.nav.places, fr.nav.appointments, fr.nav.personnel]) {
        await navigation.getByRole("link", { name: label, exact: true }).waitFor();
      }
      if (viewport === "phone") {
        await page.getByRole("button", { name: fr.shell.closeNavigation }).click();
        await navigationClosed(page, fr);
      }
    };
    await checkFrenchNavigation();

    await page.reload();
    await dashboardLoaded(page, fr);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await checkFrenchNavigation();
    if (viewport === "phone") expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, `dashboard-fr-${viewport}`);

    const savedEnglish = savedToAccount();
    await page.getByRole("radiogroup", { name: fr.shell.language }).getByText("EN", { exact: true }).click();
    expect((await savedEnglish).ok()).toBe(true);
    await mainHeading(page, en.dashboard.title).waitFor();
    await page
      .getByRole("navigation", { name: en.shell.mainNavigation })
      .getByRole("link", { name: en.nav.places, exact: true })
      .waitFor({ state: "attached" });
  });

  it.runIf(viewport === "phone")("fits the phone without sideways scrolling, with navigation through the burger menu", async () => {
    const burger = page.getByRole("button", { name: en.shell.openNavigation });
    expect(await burger.getAttribute("aria-expanded")).toBe("false");
    await burger.click();
    const close = page.getByRole("button", { name: en.shell.closeNavigation });
    expect(await close.getAttribute("aria-expanded")).toBe("true");
    await page
      .getByRole("navigation", { name: en.shell.mainNavigation })
      .getByRole("link", { name: en.nav.personnel, exact: true })
      .click();
    await navigationClosed(page);
    await mainHeading(page, en.personnel.title).waitFor();
    // People are listed as "FAMILY, Given" links (cards on a phone).
    await main(page).getByRole("link").filter({ hasText: "," }).first().waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);

    await navigate(page, viewport, en.nav.dashboard);
    await mainHeading(page, en.dashboard.title).waitFor();
    await page.getByRole("region", { name: en.dashboard.continuityTitle }).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);

    await navigate(page, viewport, en.nav.places);
    await main(page).getByRole("link", { name: "Mopti Security Area", exact: true }).click();
    await mainHeading(page, "Mopti Security Area").waitFor();
    await page.getByRole("region", { name: pattern(en.continuity.title, { slot: en.continuity.slot.asc }) }).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
  });
});
