import type { Locator, Page } from "playwright-core";
import en from "../../src/web/app/i18n/en.json";
import fr from "../../src/web/app/i18n/fr.json";
import type { viewports } from "./browser.ts";

/** The UI strings, straight from the catalogues the app ships, so a wording change cannot break a test. */
export { en, fr };

export type Viewport = keyof typeof viewports;

/** Any string containing `{{…}}` placeholders, matched with the placeholders as wildcards. */
export function pattern(template: string, values: Record<string, string> = {}): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const source = template
    .split(/(\{\{\w+\}\})/)
    .map((part) => {
      const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
      if (!name) return escape(part);
      return name in values ? escape(values[name]) : ".+";
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
  if (viewport === "phone") {
    await page.getByRole("button", { name: strings.shell.openNavigation }).waitFor();
  }
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
