import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";

export const screenshotDir = path.resolve(".test-artifacts/screenshots");

/** Debian's Chromium, headless, with the flags this environment needs (no background network). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

export const viewports = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 360, height: 740 },
} as const;

export async function newPage(browser: Browser, baseUrl: string, viewport: keyof typeof viewports): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: viewports[viewport], locale: "en-GB" });
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Signs in through the login page. The page's language is made explicit first (the one a test set,
 * else the browser's): the app then writes it to the account, so a test that signed someone in in
 * French never leaves that account French for the next test, in whatever order the files run.
 */
export async function signIn(page: Page, email: string, password = "vigil-demo-2026") {
  await page.context().addInitScript(() => {
    if (!localStorage.getItem("vigil.language")) localStorage.setItem("vigil.language", navigator.language.startsWith("fr") ? "fr" : "en");
  });
  await page.goto("/login");
  await page.getByLabel(/e-?mail|courriel/i).fill(email);
  await page.locator("input[type=password]").fill(password);
  await page.getByRole("button", { name: /sign in|se connecter/i }).click();
}
