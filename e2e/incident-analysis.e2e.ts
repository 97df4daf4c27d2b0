import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { choose, en, hasNoHorizontalScroll, main, mainHeading, navigate, sessionCookieOf, settledScreenshot, type Viewport } from "./support/vigil.ts";

/*
 * Incident analysis in the browser: the dashboard (ECharts), the map (MapLibre on the offline
 * world outline, clustered) and the generated reports, at desktop size and on a 360 px phone.
 * Incidents are recorded through the API first, dated within the last twelve months so the
 * dashboard's default period shows them.
 */
const baseUrl = inject("baseUrl");
const strings = en.incidentAnalysis;

async function apiSession(email: string) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.77" },
    body: JSON.stringify({ email, password: "vigil-demo-2026" }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status}`);
  const cookie = sessionCookieOf(response);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, "x-csrf-token": csrfToken, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return answer.json() as Promise<Record<string, unknown>>;
  };
}

/**
 * Clicks the middle of the map until `expected` shows. A click can land while MapLibre is still
 * placing the point after the last frame (the canvas is redrawn asynchronously), so one try is
 * not enough on a busy machine; each try waits long enough for a popup to open.
 */
async function clickUntil(page: Page, canvas: Locator, expected: Locator) {
  for (let attempt = 1; ; attempt += 1) {
    const box = await canvas.boundingBox();
    if (!box) throw new Error("no map canvas");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    try {
      await expected.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("incident analysis pages", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    const asPcsa = await apiSession("pcsa.mali@vigil.example");
    const places = (await asPcsa("GET", "/api/places/tree")).items as { id: string; name: string }[];
    const station = (name: string) => places.find((place) => place.name === name)?.id as string;
    const injured = (count: number) => [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count }];
    const records: [string, string, number | string, Record<string, unknown>][] = [
      ["Bamako", "robbery", 20, { peopleAffected: [{ outcome: "robbed", recruitmentType: "international", sex: "female", count: 1 }] }],
      ["Bamako", "road_traffic_accident", 45, { peopleAffected: injured(2), assetsAffected: [{ kind: "vehicle", description: "UN-101" }] }],
      ["Kati", "theft", 70, {}],
      ["Kati", "burglary", 95, { premisesAffected: [{ kind: "residence", description: "Staff house" }] }],
      ["Ségou", "intimidation", 120, { peopleAffected: [{ outcome: "threatened", recruitmentType: "locally_recruited", sex: "female", count: 3 }] }],
      ["Mopti", "armed_attack_premises", 150, { peopleAffected: injured(1), premisesAffected: [{ kind: "office", description: "Field office" }] }],
      ["Mopti", "demonstration", 180, {}],
      ["Sévaré", "road_traffic_accident", 210, { peopleAffected: injured(1), assetsAffected: [{ kind: "vehicle", description: "UN-202" }] }],
      ["Gao", "ied_explosive_attack", 240, { peopleAffected: [{ outcome: "killed", recruitmentType: "national_not_locally_recruited", sex: "male", count: 1 }] }],
      ["Tombouctou", "fire", 300, {}],
      ["Kidal", "aviation_incident", 330, {}],
      // Alone on its day (demo data starts in 2016): the map filtered to that day shows this one incident.
      ["Gao", "aviation_incident", "2004-04-04T10:00:00Z", {}],
      ["Bamako", "carjacking", 400, { assetsAffected: [{ kind: "vehicle", description: "UN-303" }] }],
    ];
    for (const [name, categoryCode, age, extra] of records) {
      const created = await asPcsa("POST", "/api/incidents", {
        occurredAt: typeof age === "string" ? age : daysAgo(age),
        timeZone: "Africa/Bamako",
        place: { dutyStationId: station(name) },
        categoryCode,
        description: `Browser test: ${categoryCode} at ${name}`,
        source: "un_security",
        reporter: { name: "Browser Test" },
        ...extra,
      });
      await asPcsa("POST", `/api/incidents/${created.id}/transition`, { to: "submitted" });
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(viewport: Viewport): Promise<Page> {
    const { context, page } = await newPage(browser, baseUrl, viewport);
    context.setDefaultTimeout(20_000);
    await signIn(page, "pcsa.mali@vigil.example");
    await mainHeading(page, en.dashboard.title).waitFor();
    return page;
  }

  for (const viewport of ["desktop", "phone"] as const) {
    it(`draws the dashboard with the previous period, filters in the URL and an empty state (${viewport})`, async () => {
      const page = await signedIn(viewport);
      await navigate(page, viewport, strings.nav.dashboard);
      await mainHeading(page, strings.dashboard.title).waitFor();
      const overTime = page.getByRole("region", { name: strings.dashboard.overTime });
      await overTime.locator("svg").first().waitFor();
      for (const title of [strings.dashboard.byCategory, strings.dashboard.byArea, strings.dashboard.peopleByOutcome, strings.dashboard.violenceSafety]) {
        await page.getByRole("region", { name: title }).locator("svg").first().waitFor();
      }
      await overTime.getByText(strings.dashboard.previousPeriod).waitFor();
      expect(await main(page).getByText(strings.totals.incidents, { exact: true }).first().isVisible()).toBe(true);
      expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `incident-dashboard-${viewport}`);

      if (viewport === "phone") await main(page).getByRole("button", { name: en.common.filters }).click();
      await choose(page, main(page).getByRole("combobox", { name: strings.filters.category }), "Robbery", "Robb");
      await page.waitForURL(/categoryCode=robbery/);
      await page.goto("/incidents/dashboard?from=2001-01&to=2001-12");
      await main(page).getByText(strings.dashboard.emptyTitle).waitFor();
      if (viewport === "desktop") await settledScreenshot(page, "incident-dashboard-empty-desktop");
      await page.context().close();
    });

    it(`shows incidents on the map, clustered, and a point's category, date and link (${viewport})`, async () => {
      const page = await signedIn(viewport);
      await navigate(page, viewport, strings.nav.map);
      await mainHeading(page, strings.map.title).waitFor();
      await page.locator(".maplibregl-canvas").waitFor();
      await main(page).getByText(/^\d+ incidents on the map$/).waitFor();
      // Clusters are buttons: choosing one zooms in.
      const cluster = page.getByRole("button", { name: /incidents: zoom in/ }).first();
      await cluster.waitFor();
      await page.waitForTimeout(300);
      expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `incident-map-${viewport}`);

      // One incident: the map centres it, so a click in the middle of the map opens its popup.
      await page.goto("/incidents/map?from=2004-04-04&to=2004-04-04");
      await main(page).getByText("1 incident on the map").waitFor();
      const canvas = page.locator(".maplibregl-canvas");
      await page.locator('[data-drawn="true"]').waitFor();
      await canvas.scrollIntoViewIfNeeded();
      const popup = page.locator(".maplibregl-popup");
      await clickUntil(page, canvas, popup.getByText("Aviation incident"));
      const link = popup.getByRole("link", { name: strings.map.openIncident });
      expect(await link.getAttribute("href")).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
      if (viewport === "desktop") await settledScreenshot(page, "incident-map-popup-desktop");
      await page.context().close();
    });

    it(`shows the quarterly report and the JIU table, and downloads them (${viewport})`, async () => {
      const page = await signedIn(viewport);
      await navigate(page, viewport, strings.nav.reports);
      await mainHeading(page, strings.reports.title).waitFor();
      await page.getByRole("region", { name: strings.reports.totals }).getByRole("table").waitFor();
      await page.getByText(/Quarterly incident report/).first().waitFor();
      expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `incident-reports-${viewport}`);

      await page.getByRole("tab", { name: strings.reports.jiuTab }).click();
      await page.waitForURL(/tab=jiu/);
      const table = page.getByRole("region", { name: /UN personnel affected/ }).getByRole("table");
      await table.getByText("Fatalities resulting from acts of violence").waitFor();
      await table.getByText("Total", { exact: true }).first().waitFor();
      // Burglary split by premises, and the year in progress says what it covers (issue 12 §3.12).
      await table.getByText("Burglary of residence").waitFor();
      await table.getByText("Burglary of other premises").waitFor();
      await table.getByRole("columnheader", { name: /^\d{4} \(January – \d{1,2} [A-Z][a-z]+\)$/ }).waitFor();
      expect(await hasNoHorizontalScroll(page)).toBe(true);
      await settledScreenshot(page, `incident-reports-jiu-${viewport}`);
      if (viewport === "desktop") {
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: strings.reports.downloadCsv }).click()]);
        expect(download.suggestedFilename()).toMatch(/^personnel-affected-\d{4}-\d{4}-system-wide\.csv$/);
        const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: strings.reports.downloadPdf }).click()]);
        expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
      }
      await page.context().close();
    });
  }
});
