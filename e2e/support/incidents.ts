import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { newPage, signIn } from "./browser.ts";
import { en, mainHeading, type Viewport } from "./vigil.ts";

/** A page signed in as `email`, on the dashboard. */
export async function signedInOnDashboard(browser: Browser, baseUrl: string, viewport: Viewport, email: string): Promise<Page> {
  const { context, page } = await newPage(browser, baseUrl, viewport);
  context.setDefaultTimeout(20_000);
  await signIn(page, email);
  await mainHeading(page, en.dashboard.title).waitFor();
  return page;
}

type IncidentAtBamako = {
  occurredAt: string;
  categoryCode: string;
  description: string;
  source: string;
  peopleAffected: Record<string, unknown>[];
};

/** An incident at Bamako, recorded and submitted through the API as the page's user (which raises the flash alerts). */
export async function submitIncidentAtBamako(page: Page, incident: IncidentAtBamako): Promise<string> {
  const me = await (await page.request.get("/api/auth/me")).json();
  const headers = { "x-csrf-token": me.csrfToken as string };
  const tree = (await (await page.request.get("/api/places/tree")).json()).items as { id: string; name: string }[];
  const bamako = tree.find((item) => item.name === "Bamako")?.id as string;
  const created = await page.request.post("/api/incidents", {
    headers,
    data: { ...incident, timeZone: "Africa/Bamako", place: { dutyStationId: bamako }, reporter: { name: "Browser test" } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const submitted = await page.request.post(`/api/incidents/${id}/transition`, { headers, data: { to: "submitted" } });
  expect(submitted.status()).toBe(200);
  return id;
}
