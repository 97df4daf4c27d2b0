import { randomBytes } from "node:crypto";
import type { Browser, } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { signedInOnDashboard, submitIncidentAtBamako } from "./support/incidents.ts";
import { en, hasNoHorizontalScroll, main, mainHeading, navigate, pattern, settledScreenshot, type Viewport } from "./support/vigil.ts";

/*
 * The notification bell (a flash alert reaches the DO of Mali in-app and opens the incident)
 * and the webhook administration page, on a desktop and on a 360 px phone.
 */
describe.each(["desktop", "phone"] as const)("notifications and webhooks (%s)", (viewport: Viewport) => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const signedIn = (email: string) => signedInOnDashboard(browser, baseUrl, viewport, email);

  it("shows the DO the flash alert of an abduction in the bell, and opens the incident from it", async () => {
    const reporter = await signedIn("pcsa.mali@vigil.example");
    const incidentId = await submitIncidentAtBamako(reporter, {
      occurredAt: "2026-03-02T08:15:00Z",
      categoryCode: "abduction",
      description: `A driver was taken at a false checkpoint (${randomBytes(3).toString("hex")}).`,
      source: "un_security",
      peopleAffected: [{ outcome: "abducted", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
    });
    await reporter.context().close();

    const page = await signedIn("do.mali@vigil.example");
    const bell = page.getByRole("button", { name: pattern(en.notifications.openUnread_other) });
    await bell.waitFor();
    await bell.click();
    const panel = page.getByRole("dialog", { name: en.notifications.title });
    const item = panel.getByRole("button", { name: pattern(en.notifications.unreadItem, { title: "Flash alert: Abduction — Bamako (Mali)" }) }).first();
    await item.waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, `notifications-bell-${viewport}`);
    await item.click();
    await page.waitForURL(new RegExp(`/incidents/${incidentId}$`));
    await page.context().close();
  });

  it("lets the administrator subscribe a receiver, shows its secret once, activates and deactivates it, and deletes it after confirmation", async () => {
    const page = await signedIn("admin@vigil.example");
    await navigate(page, viewport, en.webhooks.nav);
    await mainHeading(page, en.webhooks.title).waitFor();

    const name = `Browser receiver ${viewport} ${randomBytes(2).toString("hex")}`;
    await main(page).getByRole("button", { name: en.webhooks.create }).click();
    const form = page.getByRole("dialog", { name: en.webhooks.createTitle });
    await form.getByLabel(en.webhooks.name).fill(name);
    await form.getByLabel(en.webhooks.url).fill("http://127.0.0.1:9/vigil-browser-test");
    await form.getByRole("switch", { name: en.webhooks.activeNow }).uncheck({ force: true });
    await form.getByRole("button", { name: en.common.create, exact: true }).click();

    const secretDialog = page.getByRole("dialog", { name: en.webhooks.secretTitle });
    await secretDialog.getByText(/^whsec_[0-9a-f]{64}$/).waitFor();
    await settledScreenshot(page, `webhooks-secret-${viewport}`);
    await secretDialog.getByRole("button", { name: en.webhooks.done }).click();
    await secretDialog.waitFor({ state: "detached" });

    await main(page).getByText(name).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, `webhooks-list-${viewport}`);

    const actions = main(page).getByRole("button", { name: pattern(en.webhooks.actionsFor, { name }) });
    await actions.click();
    await page.getByRole("menuitem", { name: en.webhooks.showDeliveries }).click();
    const deliveries = page.getByRole("dialog", { name: pattern(en.webhooks.deliveriesTitle, { name }) });
    await deliveries.getByText(en.webhooks.noDeliveries).waitFor();
    await page.keyboard.press("Escape");
    await deliveries.waitFor({ state: "detached" });

    await actions.click();
    await page.getByRole("menuitem", { name: en.webhooks.activate }).click();
    await page.getByText(en.webhooks.activated).first().waitFor();
    await main(page).getByText(en.webhooks.active, { exact: true }).waitFor();

    await actions.click();
    await page.getByRole("menuitem", { name: en.webhooks.deactivate }).click();
    await page.getByRole("dialog", { name: en.webhooks.deactivateTitle }).getByRole("button", { name: en.webhooks.deactivate }).click();
    await page.getByText(en.webhooks.deactivated).first().waitFor();
    await main(page).getByText(en.webhooks.inactive, { exact: true }).waitFor();

    await actions.click();
    await page.getByRole("menuitem", { name: en.common.delete }).click();
    const confirm = page.getByRole("dialog", { name: en.webhooks.deleteTitle });
    await confirm.getByRole("button", { name: en.common.delete }).click();
    await main(page).getByText(name).waitFor({ state: "detached" });
    await page.context().close();
  });
});
