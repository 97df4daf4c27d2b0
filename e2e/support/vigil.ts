import type { Locator, Page } from "playwright-core";
import enShared from "../../src/web/app/i18n/en.json";
import frShared from "../../src/web/app/i18n/fr.json";
import levelsEn from "../../src/web/modules/risk/levels.en.json";
import levelsFr from "../../src/web/modules/risk/levels.fr.json";
import srmEn from "../../src/web/modules/risk/srm.en.json";
import srmFr from "../../src/web/modules/risk/srm.fr.json";
import { screenshot, type viewports } from "./browser.ts";

/**
 * The UI strings, straight from the catalogues the app ships (the shared file and the risk
 * module's fragments, as src/web/app/i18n/catalogues.ts merges them), so a wording change
 * cannot break a test.
 */
export const en = { ...enShared, ...srmEn, ...levelsEn };
export const fr = { ...frShared, ...srmFr, ...levelsFr };

export type Viewport = keyof typeof viewports;

/**
 * Any string containing `{{…}}` placeholders, matched with the placeholders as wildcards. A space
 * matches any space: French strings hold non-breaking ones (before « : » and the like), which an
 * accessible name may give back as plain spaces.
 */
export function pattern(template: string, values: Record<string, string> = {}): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[ \u00A0\u202F]/g, "[\\s\\u00A0\\u202F]");
  const source = template
    .split(/(\{\{\w+\}\})/)
    .map((part) => {
      const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
      if (!name) return literal(part);
      return name in values ? literal(values[name]) : ".+";
    })
    .join("");
  return new RegExp(source);
}

/** The calendar date the server calls "today" (it counts in UTC). */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export function mainHeading(page: Page, name: string | RegExp): Locator {
  return page.getByRole("heading", { level: 1, name, exact: typeof name === "string" ? true : undefined });
}

/**
 * Follows a link of the main navigation. On a phone the navigation sits behind the burger
 * button, so it is opened first, and it must close again once a page is chosen.
 */
export async function navigate(page: Page, viewport: Viewport, label: string, strings = en) {
  const navigation = page.getByRole("navigation", { name: strings.shell.mainNavigation });
  if (viewport === "phone") {
    await page.getByRole("button", { name: strings.shell.openNavigation }).click();
  }
  await navigation.getByRole("link", { name: label, exact: true }).click();
  if (viewport === "phone") await navigationClosed(page, strings);
}

/** On a phone: the navigation drawer has closed and slid out of sight. */
export async function navigationClosed(page: Page, strings = en) {
  await page.getByRole("button", { name: strings.shell.openNavigation }).waitFor();
  await page.waitForFunction(() => (document.getElementById("vigil-navbar")?.getBoundingClientRect().right ?? 0) <= 0);
}

/**
 * Takes the screenshot once the page is at rest: no placeholder or spinner still loading, no
 * passing notification over the header, no transition half-way, and scrolled to the top (a
 * full-page shot of a scrolled page draws the fixed header in the middle).
 */
export async function settledScreenshot(page: Page, name: string) {
  await page.waitForFunction(() => {
    const isBusy = document.querySelector(
      '.mantine-Notification-root, .mantine-Skeleton-root[data-visible="true"], .mantine-Loader-root',
    );
    const isMoving = document.getAnimations().some((animation) => animation.playState === "running");
    return !isBusy && !isMoving;
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/**
 * Waits until no notification is showing. They sit over the header's top right, where a page's
 * actions are, and one under the pointer pauses its own closing: a click there would wait forever.
 */
export async function notificationsGone(page: Page) {
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => !document.querySelector(".mantine-Notification-root"));
}

/** Chooses an option of a Mantine Select (its dropdown is rendered in a portal, outside the form). */
export async function choose(page: Page, input: Locator, option: string | RegExp, typed?: string) {
  await input.click();
  if (typed !== undefined) await input.fill(typed);
  await page.getByRole("option", { name: option, exact: typeof option === "string" ? true : undefined }).first().click();
}

/** True when the page does not scroll sideways (the phone layout must never need it). */
export function hasNoHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** The main content region (excludes header and navigation). */
export function main(page: Page): Locator {
  return page.locator("#main-content");
}

/** The dashboard with everything it loads lazily: continuity, country names and the map outline. */
export async function dashboardLoaded(page: Page, strings = en) {
  await mainHeading(page, strings.dashboard.title).waitFor();
  await page.getByRole("region", { name: strings.dashboard.continuityTitle }).waitFor();
  // Country names come in their own chunk; until they arrive the codes ("ML") are shown.
  await page
    .getByRole("region", { name: strings.dashboard.areasTitle })
    .getByText(`${strings.placeKinds.designated_area} · Mali`)
    .waitFor();
  // The map draws one outline per country once the browser is idle.
  await page.getByRole("group", { name: pattern(strings.dashboard.mapLabel_other) }).locator("path").first().waitFor();
}

/** The session cookie (`name=value`) a sign-in answer sets; it also sets the device cookie, in any order. */
export function sessionCookieOf(response: Response): string {
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith("vigil_session="));
  if (!cookie) throw new Error(`No session cookie in the sign-in answer (${response.status})`);
  return cookie.split(";")[0];
}
