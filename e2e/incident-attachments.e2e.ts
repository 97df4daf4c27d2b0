import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import path from "node:path";
import { launchBrowser, newPage, screenshotDir, signIn } from "./support/browser.ts";
import { en, hasNoHorizontalScroll, main, mainHeading, settledScreenshot } from "./support/vigil.ts";

/*
 * Attachments on the incident page: the P/C/SA of Mali attaches a photo and a statement, sees
 * them listed and in the history, downloads one, removes the other after confirming; a file of
 * the wrong kind is refused before it is sent. The sidebar groups the incident pages under one
 * heading that opens and closes from the keyboard. Then the same page on a 360 px phone.
 */
const strings = en.incidents;
const attachments = strings.attachments;
const pngBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);

describe("incident attachments in the browser", () => {
  const baseUrl = inject("baseUrl");
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

  /** A draft recorded through the API, in the signed-in session (CSRF token from /api/auth/me). */
  function recordIncident(page: Page): Promise<string> {
    return page.evaluate(async () => {
      const me = await (await fetch("/api/auth/me")).json();
      const tree = await (await fetch("/api/places/tree")).json();
      const mopti = tree.items.find((item: { name: string; kind: string }) => item.name === "Mopti" && item.kind === "duty_station");
      const response = await fetch("/api/incidents", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({
          occurredAt: "2026-03-05T07:20:00Z",
          timeZone: "Africa/Bamako",
          place: { dutyStationId: mopti.id },
          categoryCode: "road_traffic_accident",
          description: "A UN vehicle hit a donkey cart near Sévaré; the driver was slightly hurt.",
          source: "un_security",
          reporter: { name: "P/C/SA Mali" },
          peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
          assetsAffected: [{ kind: "vehicle", description: "Hilux UN-3310" }],
        }),
      });
      return (await response.json()).id as string;
    });
  }

  it("attaches files, lists them, records them in the history, downloads and removes one", async () => {
    const page = await signedIn("desktop");
    const id = await recordIncident(page);
    detailPath = `/incidents/${id}`;
    await page.goto(detailPath);
    await mainHeading(page, "Road traffic accident").waitFor();

    const card = main(page).getByRole("region", { name: attachments.title });
    await card.getByText(attachments.empty).waitFor();
    const fileInput = card.locator('input[type="file"]').first();

    // Refused here, before anything is sent.
    await fileInput.setInputFiles({ name: "page.html", mimeType: "text/html", buffer: Buffer.from("<p>no</p>") });
    await card.getByText(attachments.wrongType).waitFor();

    await fileInput.setInputFiles({ name: "cart.png", mimeType: "image/png", buffer: pngBytes });
    await card.getByLabel(attachments.description).fill("The cart after the collision");
    await card.getByRole("button", { name: attachments.upload }).click();
    await page.getByText(attachments.uploaded).first().waitFor();
    const photo = card.getByRole("link", { name: en.incidents.attachments.download.replace("{{name}}", "cart.png") });
    await photo.waitFor();
    await card.getByText("The cart after the collision").waitFor();

    await fileInput.setInputFiles({ name: "statement.txt", mimeType: "text/plain", buffer: Buffer.from("Le chauffeur déclare…") });
    await card.getByRole("button", { name: attachments.upload }).click();
    await card.getByRole("link", { name: attachments.download.replace("{{name}}", "statement.txt") }).waitFor();
    expect(await card.getByRole("listitem").count()).toBe(2);

    const [download] = await Promise.all([page.waitForEvent("download"), photo.click()]);
    expect(download.suggestedFilename()).toBe("cart.png");

    // Removing asks first.
    await card.getByRole("button", { name: attachments.remove.replace("{{name}}", "statement.txt") }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(attachments.removeTitle).waitFor();
    await dialog.getByRole("button", { name: attachments.removeConfirm }).click();
    await page.getByText(attachments.removed).first().waitFor();
    await expect.poll(() => card.getByRole("listitem").count()).toBe(1);

    const history = page.getByRole("region", { name: en.history.title });
    const added = history.locator(".mantine-Timeline-item").filter({ hasText: en.history.actions.attachment_add });
    await expect.poll(() => added.count()).toBe(2);
    await added.filter({ hasText: "cart.png" }).filter({ hasText: "The cart after the collision" }).waitFor();
    await history.locator(".mantine-Timeline-item").filter({ hasText: en.history.actions.attachment_delete }).filter({ hasText: "statement.txt" }).waitFor();
    await settledScreenshot(page, "incident-attachments-desktop");
    await page.context().close();
  });

  it("groups the incident pages in the sidebar, with exactly one current link, opened and closed from the keyboard", async () => {
    expect(detailPath).not.toBe("");
    const page = await signedIn("desktop");
    await page.goto(detailPath);
    await mainHeading(page, "Road traffic accident").waitFor();
    const navigation = page.getByRole("navigation", { name: en.shell.mainNavigation });
    const group = navigation.getByRole("button", { name: strings.nav, exact: true });
    expect(await group.getAttribute("aria-expanded")).toBe("true");
    expect(await navigation.locator('[aria-current="page"]').allTextContents()).toEqual([strings.navGroup.list]);

    await navigation.getByRole("link", { name: en.incidentAnalysis.nav.dashboard, exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/incidents/dashboard");
    expect(await navigation.locator('[aria-current="page"]').allTextContents()).toEqual([en.incidentAnalysis.nav.dashboard]);

    await group.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => group.getAttribute("aria-expanded")).toBe("false");
    expect(await navigation.getByRole("link", { name: strings.navGroup.list, exact: true }).isVisible()).toBe(false);
    await page.keyboard.press("Space");
    await expect.poll(() => group.getAttribute("aria-expanded")).toBe("true");
    await navigation.getByRole("link", { name: strings.navGroup.list, exact: true }).waitFor();
    await page.context().close();
  });

  it("shows the attachments on a phone, 360 px wide, with a camera button and no sideways scrolling", async () => {
    expect(detailPath).not.toBe("");
    const page = await signedIn("phone");
    await page.goto(detailPath);
    await mainHeading(page, "Road traffic accident").waitFor();
    const card = main(page).getByRole("region", { name: attachments.title });
    await card.getByRole("link", { name: attachments.download.replace("{{name}}", "cart.png") }).waitFor();
    await card.getByRole("button", { name: attachments.takePhoto }).waitFor();
    expect(await card.locator('input[type="file"][capture="environment"]').count()).toBe(1);
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(screenshotDir, "incident-attachments-phone-card.png") });
    await settledScreenshot(page, "incident-attachments-phone");

    // The grouped navigation in the burger menu.
    await page.getByRole("button", { name: en.shell.openNavigation }).click();
    const navigation = page.getByRole("navigation", { name: en.shell.mainNavigation });
    await navigation.getByRole("link", { name: strings.navGroup.quick, exact: true }).waitFor();
    await page.waitForFunction(() => (document.getElementById("vigil-navbar")?.getBoundingClientRect().left ?? -1) >= 0);
    await page.screenshot({ path: path.join(screenshotDir, "incident-navigation-phone.png") });
    await page.context().close();
  });
});
