import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { en, fr, hasNoHorizontalScroll, main, mainHeading, pattern, settledScreenshot, type Viewport } from "./support/vigil.ts";

/*
 * Issue 12 §3.3 in the browser, on the demo data: the DO's dashboard lists what awaits their
 * decision (the High risk of the food distribution, then Mali's SRM version 2 once submitted);
 * the DO opens the assessment from the card and returns it for revision with a reason; the
 * draft then shows who returned it and why, version 1 links to it, and the acceptable-risk tab
 * says which of version 1's acceptances need a new decision. Screenshots at desktop and 360 px,
 * in English and French.
 */
const pcsa = "pcsa.mali@vigil.example";
const designatedOfficial = "do.mali@vigil.example";
const reason = "Add the flood scenario for the rainy season and review the Gao road risks.";
const srmTitle = "Security risk management: Mali";

describe("the DO's decisions on SRM versions", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let v1 = "";
  let v2 = "";

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(email: string, viewport: Viewport, language: "en" | "fr" = "en"): Promise<Page> {
    const { context, page } = await newPage(browser, baseUrl, viewport);
    // The network may never fall fully quiet (the service worker precaches, the bell polls): wait a
    // bounded time for it, then go on.
    const settle = (target: typeof page) => target.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
    context.setDefaultTimeout(20_000);
    await context.addInitScript((chosen) => localStorage.setItem("vigil.language", chosen), language);
    // The login page may still be hydrating when the form is first filled (its fields are then
    // emptied): wait for the network to settle, and sign in again if the first attempt was lost.
    await page.goto("/login");
    await settle(page);
    await signIn(page, email);
    const heading = mainHeading(page, (language === "fr" ? fr : en).dashboard.title);
    try {
      await heading.waitFor({ timeout: 10_000 });
    } catch {
      await settle(page);
      await signIn(page, email);
      await heading.waitFor();
    }
    return page;
  }

  it("lists the awaiting decisions on the DO's dashboard, and lets the DO return the submitted SRM for revision", async () => {
    // The P/C/SA submits version 2 (the demo's draft).
    const drafter = await signedIn(pcsa, "desktop");
    const me = await (await drafter.request.get("/api/auth/me")).json();
    const list = await (await drafter.request.get("/api/srm-assessments?allVersions=true&pageSize=50")).json();
    const versions = (list.items as { id: string; title: string; version: number }[]).filter((item) => item.title === srmTitle);
    v1 = versions.find((item) => item.version === 1)?.id as string;
    v2 = versions.find((item) => item.version === 2)?.id as string;
    const submitted = await drafter.request.post(`/api/srm-assessments/${v2}/submit`, { headers: { "x-csrf-token": me.csrfToken } });
    expect(submitted.status(), await submitted.text()).toBe(200);
    await drafter.context().close();

    const page = await signedIn(designatedOfficial, "desktop");
    const card = page.getByRole("region", { name: en.dashboard.awaiting.title });
    await card.getByRole("link", { name: "Food distribution in Douentza" }).waitFor();
    await card.getByText(pattern(en.dashboard.awaiting.kinds.srm_approval, { version: "2" })).waitFor();
    await settledScreenshot(page, "srm-decisions-dashboard-en-desktop");

    await card.getByRole("link", { name: srmTitle }).click();
    await mainHeading(page, srmTitle).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/risk/assessments/${v2}`);
    await main(page).getByRole("button", { name: en.srm.workflow.returnForRevision }).click();
    const dialog = page.getByRole("dialog", { name: en.srm.returnDialog.title });
    // A reason is required: an empty one is refused before anything is sent.
    await dialog.getByRole("button", { name: en.srm.workflow.returnForRevision }).click();
    await dialog.getByText(en.srm.returnDialog.reasonTooShort).waitFor();
    await dialog.getByRole("textbox", { name: en.srm.returnDialog.reason }).fill(reason);
    await settledScreenshot(page, "srm-decisions-return-dialog-en-desktop");
    await dialog.getByRole("button", { name: en.srm.workflow.returnForRevision }).click();
    await dialog.waitFor({ state: "detached" });
    await main(page).getByText(reason).waitFor();
    await main(page).getByText(pattern(en.srm.returned.title, { name: "DO Mali" })).waitFor();
    // Nothing awaits the DO on this assessment any more.
    await page.goto("/");
    await page.getByRole("region", { name: en.dashboard.awaiting.title }).getByRole("link", { name: "Food distribution in Douentza" }).waitFor();
    expect(await page.getByRole("region", { name: en.dashboard.awaiting.title }).getByRole("link", { name: srmTitle }).count()).toBe(0);
    await page.context().close();
  });

  for (const [viewport, language] of [
    ["desktop", "en"],
    ["phone", "en"],
    ["desktop", "fr"],
    ["phone", "fr"],
  ] as const) {
    it(`shows the returned draft, the link from version 1 and the decisions to take again (${viewport}, ${language})`, async () => {
      const strings = language === "fr" ? fr : en;
      const page = await signedIn(designatedOfficial, viewport, language);
      await page.getByRole("region", { name: strings.dashboard.awaiting.title }).getByRole("link").first().waitFor();
      expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `srm-decisions-dashboard-${language}-${viewport}`);

      await page.goto(`/risk/assessments/${v2}`);
      await main(page).getByText(reason).waitFor();
      expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `srm-decisions-returned-${language}-${viewport}`);

      await page.goto(`/risk/assessments/${v2}?tab=acceptable`);
      await page.getByTestId("carry-over-summary").waitFor();
      await page.getByTestId("needs-new-decision").first().waitFor();
      expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `srm-decisions-carry-over-${language}-${viewport}`);

      await page.goto(`/risk/assessments/${v1}`);
      await main(page).getByText(pattern(strings.srm.newer.draft, { version: "2" })).waitFor();
      await main(page).getByRole("link", { name: pattern(strings.srm.newer.open, { version: "2" }) }).waitFor();
      await settledScreenshot(page, `srm-decisions-version1-${language}-${viewport}`);
      await page.context().close();
    });
  }
});
