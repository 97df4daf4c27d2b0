import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import {
  choose,
  en,
  hasNoHorizontalScroll,
  main,
  mainHeading,
  navigate,
  pattern,
  settledScreenshot,
  todayIso,
  type Viewport,
} from "./support/vigil.ts";

/*
 * The victims follow-up register: the P/C/SA of Mali opens a case for an incident (recorded
 * through the API first), adds a follow-up action and marks it done, on a desktop; then finds
 * the case again on a 360 px phone. The DO of the same area is not even shown the register.
 */
const pcsa = "pcsa.mali@vigil.example";
const tag = randomBytes(3).toString("hex");
const narrative = `Staff member shot at a checkpoint near Kati, case ${tag}`;
const victimName = `Ibrahim Coulibaly ${tag}`;
const followUpAction = "Ask the gendarmerie for the investigation file";
const overdueVictim = `Awa Diarra ${tag}`;

describe("victims register", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let casePath = "";

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(email: string, viewport: Viewport): Promise<Page> {
    const { context, page } = await newPage(browser, baseUrl, viewport);
    context.setDefaultTimeout(20_000);
    await signIn(page, email);
    await mainHeading(page, en.dashboard.title).waitFor();
    return page;
  }

  /**
   * An incident at Bamako recorded through the API, with the signed-in page's session, and a
   * second case on it whose follow-up action is already overdue.
   */
  async function recordIncident(page: Page) {
    const me = await (await page.request.get("/api/auth/me")).json();
    const place = (await (await page.request.get("/api/places/tree")).json()).items.find((item: { name: string }) => item.name === "Bamako");
    const response = await page.request.post("/api/incidents", {
      headers: { "x-csrf-token": me.csrfToken },
      data: {
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        timeZone: "Africa/Bamako",
        place: { dutyStationId: place.id },
        categoryCode: "injury_violence",
        description: narrative,
        source: "un_security",
        reporter: { name: "Radio room" },
        peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    const headers = { "x-csrf-token": me.csrfToken };
    const overdue = await page.request.post("/api/victim-cases", {
      headers,
      data: { incidentId: (await response.json()).id, victimName: overdueVictim, perpetratorKind: "non_state" },
    });
    expect(overdue.status()).toBe(201);
    const followUp = await page.request.post(`/api/victim-cases/${(await overdue.json()).id}/follow-ups`, {
      headers,
      data: { action: "Debrief the next of kin", dueDate: "2026-01-05" },
    });
    expect(followUp.status()).toBe(201);
  }

  it("lets the P/C/SA open a case for an incident, add a follow-up action and mark it done (desktop)", async () => {
    const page = await signedIn(pcsa, "desktop");
    await recordIncident(page);
    await navigate(page, "desktop", en.nav.victims);
    await mainHeading(page, en.victims.title).waitFor();

    await main(page).getByRole("button", { name: en.victims.create }).first().click();
    const dialog = page.getByRole("dialog", { name: en.victims.createTitle });
    await dialog.waitFor();
    // The picker offers only incidents the P/C/SA may read, searched by their narrative.
    await choose(page, dialog.getByRole("combobox", { name: en.victims.fields.incident }), /Bamako/, tag);
    await dialog.getByText(en.victims.victimSource.name, { exact: true }).click();
    await dialog.getByRole("textbox", { name: en.victims.fields.victimName }).fill(victimName);
    await choose(page, dialog.getByRole("combobox", { name: en.victims.fields.perpetratorKind }), en.victims.perpetratorKinds.state);
    await choose(
      page,
      dialog.getByRole("combobox", { name: en.victims.fields.investigationStatus }),
      en.victims.investigationStatuses.under_investigation,
    );
    await dialog.getByRole("textbox", { name: en.victims.fields.nextOfKinFocalPointName }).fill("HR officer, UNDP Bamako");
    const created = page.waitForResponse((response) => response.url().endsWith("/api/victim-cases") && response.request().method() === "POST");
    await dialog.getByRole("button", { name: en.common.create, exact: true }).click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: "detached" });

    await mainHeading(page, victimName).waitFor();
    // The tab's title stays in the browser's history: it names the register, never the victim.
    expect(await page.title()).toBe(`${en.victims.title} · Vigil`);
    casePath = new URL(page.url()).pathname;
    expect(casePath).toMatch(/^\/victims\/[0-9a-f-]{36}$/);
    await page.getByRole("region", { name: en.victims.caseDetails }).getByText(en.victims.investigationStatuses.under_investigation).waitFor();
    await main(page).getByText(en.victims.followUps.empty).waitFor();

    const followUps = page.getByRole("region", { name: en.victims.followUps.title });
    await followUps.getByRole("button", { name: en.victims.followUps.add }).click();
    await followUps.getByRole("textbox", { name: en.victims.followUps.action }).fill(followUpAction);
    await followUps.getByLabel(en.victims.followUps.dueDate).fill(todayIso());
    await followUps.getByRole("textbox", { name: en.victims.followUps.ownerName }).fill("P/C/SA");
    await followUps.getByRole("button", { name: en.common.add, exact: true }).click();
    const action = followUps.getByTestId("follow-up").filter({ hasText: followUpAction });
    await action.getByText(en.victims.followUps.pending, { exact: true }).waitFor();

    const marked = page.waitForResponse((response) => /\/follow-ups\/[^/]+$/.test(response.url()) && response.request().method() === "PATCH");
    await action.getByRole("button", { name: `${en.victims.followUps.markDone}: ${followUpAction}` }).click();
    expect((await marked).status()).toBe(200);
    await action.getByText(en.victims.followUps.done, { exact: true }).waitFor();
    await action.getByText(pattern(en.victims.followUps.doneOn)).waitFor();

    // The history tells the story: opened, action added, action done.
    const history = page.getByRole("region", { name: en.history.title });
    await history.getByText(en.victims.history.follow_up_done).waitFor();
    await history.getByText(en.victims.history.follow_up_add).waitFor();
    await history.getByText(en.victims.history.create).waitFor();
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "victims-case-desktop");

    await navigate(page, "desktop", en.nav.victims);
    const row = main(page).getByRole("row").filter({ hasText: victimName });
    await row.getByRole("link", { name: /Bamako/ }).waitFor();
    await row.getByText(en.victims.perpetratorKinds.state).waitFor();
    // Cases with an action past due come first, flagged.
    const firstRow = main(page).getByRole("row").nth(1);
    await firstRow.getByText(overdueVictim).waitFor();
    await firstRow.getByText(pattern(en.victims.overdueCount_one, { count: "1" })).waitFor();
    await settledScreenshot(page, "victims-list-desktop");
    await page.context().close();
  });

  it("shows the same case on a 360 px phone, without sideways scrolling", async () => {
    expect(casePath).not.toBe("");
    const page = await signedIn(pcsa, "phone");
    await navigate(page, "phone", en.nav.victims);
    await mainHeading(page, en.victims.title).waitFor();
    await main(page).getByRole("link", { name: victimName }).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "victims-list-phone");

    await main(page).getByRole("link", { name: victimName }).click();
    await mainHeading(page, victimName).waitFor();
    await page.getByRole("region", { name: en.victims.followUps.title }).getByText(followUpAction).waitFor();
    await page.getByRole("region", { name: en.history.title }).getByText(en.victims.history.follow_up_done).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "victims-case-phone");
    await page.context().close();
  });

  it("is neither listed nor reachable for the DO of the same area", async () => {
    expect(casePath).not.toBe("");
    const page = await signedIn("do.mali@vigil.example", "desktop");
    const navigation = page.getByRole("navigation", { name: en.shell.mainNavigation });
    await navigation.getByRole("link", { name: en.nav.personnel }).waitFor();
    expect(await navigation.getByRole("link", { name: en.nav.victims }).count()).toBe(0);
    await page.goto(casePath);
    await page.getByText(en.errors.pageNotFoundTitle).first().waitFor();
    expect(await main(page).getByText(victimName).count()).toBe(0);
    await page.context().close();
  });
});
