import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, viewports } from "./support/browser.ts";
import { findCategory } from "../src/core/incidents/incident-taxonomy.data.ts";
import { choose, en, fr, hasNoHorizontalScroll, main, mainHeading, navigate, pattern, sessionCookieOf, settledScreenshot } from "./support/vigil.ts";

/*
 * Every person reports incidents: staff@vigil.example, who holds no appointment, finds "Quick
 * report" in the menu (desktop and the 360 px burger menu, English and French), the report starts
 * at their own duty station, and it is sent. Staff read no incidents: no incident list in the
 * menu, no "open the incident" link once the report is sent.
 */
const staff = "staff@vigil.example";
const password = "vigil-demo-2026";
type Language = "en" | "fr";
type Viewport = keyof typeof viewports;

describe("a staff member sends a quick report from the menu", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let analystCookie = "";
  let stationName = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    const login = async (email: string) => {
      const response = await fetch(`${baseUrl}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
      expect(response.status).toBe(200);
      return sessionCookieOf(response);
    };
    analystCookie = await login("analyst@vigil.example");
    // The one place a staff member sees: their own duty station.
    const tree = await fetch(`${baseUrl}/api/places/tree`, { headers: { cookie: await login(staff) } });
    const { items } = (await tree.json()) as { items: { name: string; kind: string }[] };
    expect(items).toHaveLength(1);
    expect(items[0].kind).toBe("duty_station");
    stationName = items[0].name;
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(language: Language, viewport: Viewport): Promise<{ context: BrowserContext; page: Page; strings: typeof en }> {
    const strings = language === "fr" ? fr : en;
    const context = await browser.newContext({ baseURL: baseUrl, viewport: viewports[viewport], locale: language === "fr" ? "fr-FR" : "en-GB" });
    context.setDefaultTimeout(30_000);
    await context.addInitScript((chosen) => localStorage.setItem("vigil.language", chosen), language);
    const page = await context.newPage();
    // Signed in through the API (the sign-in form has its own tests): the session cookie is the context's.
    expect((await page.request.post("/api/auth/login", { data: { email: staff, password } })).status()).toBe(200);
    await page.goto("/");
    await mainHeading(page, strings.dashboard.title).waitFor();
    return { context, page, strings };
  }

  async function incidentsDescribed(token: string): Promise<string[]> {
    const response = await fetch(`${baseUrl}/api/incidents?q=${token}&pageSize=50`, { headers: { cookie: analystCookie } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: { id: string }[] }).items.map((item) => item.id);
  }

  const cases: [Language, Viewport, boolean][] = [
    ["en", "desktop", true],
    ["en", "phone", false],
    ["fr", "desktop", false],
    ["fr", "phone", true],
  ];
  for (const [language, viewport, isSent] of cases) {
    it(`offers Quick report in the menu and starts at their duty station (${language}, ${viewport})${isSent ? ", and sends it" : ""}`, async () => {
      const { context, page, strings } = await signedIn(language, viewport);
      const navigation = page.getByRole("navigation", { name: strings.shell.mainNavigation });
      if (viewport === "phone") await page.getByRole("button", { name: strings.shell.openNavigation }).click();
      const link = navigation.getByRole("link", { name: strings.incidents.navGroup.quick, exact: true });
      await link.waitFor();
      expect(await link.getAttribute("href")).toBe("/incidents/quick");
      // Reporting is not reading: nothing leads to the incident list.
      expect(await navigation.locator('a[href="/incidents"]').count()).toBe(0);
      await settledScreenshot(page, `staffreport-menu-${viewport}-${language}`);
      if (viewport === "phone") await page.getByRole("button", { name: strings.shell.closeNavigation }).click();
      await navigate(page, viewport, strings.incidents.navGroup.quick, strings);
      const quick = strings.incidents.quick;
      await mainHeading(page, quick.title).waitFor();

      const form = main(page);
      // Their one duty station is chosen already; GPS stays one tap away.
      const station = form.getByRole("combobox", { name: strings.fields.dutyStation });
      await expect.poll(() => station.inputValue()).toBe(stationName);
      expect(await form.getByRole("radio", { name: quick.station }).isChecked()).toBe(true);
      expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `staffreport-quick-${viewport}-${language}`);

      if (isSent) {
        const token = `sr${randomBytes(4).toString("hex")}`;
        const description = `${language === "fr" ? "Un minibus a heurté un véhicule de l'ONU" : "A minibus hit a UN vehicle"} (${token}).`;
        const category = findCategory("road_traffic_accident")?.label[language] as string;
        await choose(page, form.getByRole("combobox", { name: strings.incidents.fields.category }), category, category.slice(0, 8));
        await form.getByLabel(quick.whatHappened).fill(description);
        await form.getByText(strings.common.yes, { exact: true }).click();
        await choose(page, form.getByRole("combobox", { name: strings.incidents.fields.outcome }), strings.incidents.outcomes.injured);
        await form.getByRole("button", { name: quick.send }).click();
        const item = form.getByRole("listitem", { name: pattern(quick.outboxItem, { description }) });
        await item.getByText(quick.statusSent).waitFor({ timeout: 60_000 });
        expect(await incidentsDescribed(token)).toHaveLength(1);
        // Staff may not read the incident back: the outbox offers no link to it.
        expect(await form.getByRole("link", { name: quick.openIncident }).count()).toBe(0);
        await settledScreenshot(page, `staffreport-sent-${viewport}-${language}`);
      }
      await context.close();
    });
  }
});
