import { randomBytes } from "node:crypto";
import type { Browser, } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { signedInOnDashboard, submitIncidentAtBamako } from "./support/incidents.ts";
import { en, hasNoHorizontalScroll, main, settledScreenshot, type Viewport } from "./support/vigil.ts";

/*
 * Issue 11, item 17: the flash alert about a sexual assault reaches the DO of Mali, who is not on
 * its need-to-know list; the incident page shows the restricted view with whom to contact, and
 * neither the narrative nor the people's details.
 */
describe.each(["desktop", "phone"] as const)("the restricted view of a need-to-know incident (%s)", (viewport: Viewport) => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const signedIn = (email: string) => signedInOnDashboard(browser, baseUrl, viewport, email);

  it("opens the alerted DO's incident page on the restricted view, with whom to contact", async () => {
    const narrative = `Restricted narrative ${randomBytes(3).toString("hex")}`;
    const warden = await signedIn("warden.bamako@vigil.example");
    const incidentId = await submitIncidentAtBamako(warden, {
      occurredAt: "2026-02-14T21:40:00Z",
      categoryCode: "sexual_assault",
      description: narrative,
      source: "un_personnel",
      peopleAffected: [{ outcome: "sexually_assaulted", recruitmentType: "locally_recruited", sex: "female", count: 1 }],
    });
    await warden.context().close();

    const page = await signedIn("do.mali@vigil.example");
    await page.goto(`${baseUrl}/incidents/${incidentId}`);
    await main(page).getByText(en.incidents.restricted.title).waitFor();
    await main(page).getByRole("heading", { name: en.incidents.restricted.holders }).waitFor();
    await main(page).getByText(en.incidents.restricted.holderRoles.pcsa, { exact: false }).first().waitFor();
    const text = await main(page).innerText();
    expect(text).not.toContain(narrative);
    expect(text).not.toContain("Browser test");
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, `incident-restricted-${viewport}`);
    await page.context().close();
  });
});
