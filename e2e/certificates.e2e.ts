import PDFDocument from "pdfkit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import certificatesEn from "../src/web/modules/training/certificates.en.json";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { choose, en, hasNoHorizontalScroll, main, mainHeading, navigate, sessionCookieOf, settledScreenshot, todayIso, type Viewport } from "./support/vigil.ts";

/*
 * Issue 13 §1, acceptance 2, in the browser on a 360 px phone: the demo traveller's BSAFE has
 * lapsed (the P/C/SA records it), so the trip they file is blocked with a reason naming the course
 * and the date. From the trip page they follow "Upload a new certificate", add a new BSAFE with
 * its PDF on "My certificates", and find the trip cleared. Screenshots at phone and desktop width.
 */
const baseUrl = inject("baseUrl");
const strings = certificatesEn.certificates;
const traveller = "traveller.mali@vigil.example";
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

type Session = { cookie: string; csrfToken: string };

async function apiSession(email: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "vigil-demo-2026" }) });
  return { cookie: sessionCookieOf(response), csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken };
}

async function call<T>(session: Session, method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A real, small PDF, as a learning platform issues it. */
async function certificatePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4" });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on("end", resolve));
  doc.fontSize(20).text("Certificate of completion: BSAFE");
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe("a new certificate lets a blocked trip proceed", () => {
  let browser: Browser;
  let tripId = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    // The P/C/SA records that the traveller's BSAFE lapsed three days ago; the traveller files a trip to Kati.
    const pcsa = await apiSession("pcsa.mali@vigil.example");
    const own = await apiSession(traveller);
    const { personId } = await call<{ personId: string }>(own, "GET", "/api/auth/me");
    const held = await call<{ items: { id: string; courseCode: string; status: string }[] }>(own, "GET", `/api/personnel/${personId}/certificates`);
    for (const certificate of held.items.filter((item) => item.courseCode === "BSAFE" && item.status !== "expired")) {
      await call(pcsa, "PATCH", `/api/training/certificates/${certificate.id}`, { expiresOn: day(-3), expiryReason: "Revoked by the learning platform" });
    }
    const placeOf = async (name: string) => (await call<{ items: { id: string; name: string }[] }>(own, "GET", `/api/travel/places?q=${name}`)).items.find((item) => item.name === name)?.id;
    const [bamako, kati] = [await placeOf("Bamako"), await placeOf("Kati")];
    const road = (from: unknown, to: unknown, days: number) => ({ fromPlaceId: from, toPlaceId: to, departureLocal: `${day(days)}T08:00`, arrivalLocal: `${day(days)}T10:00`, transport: "road" });
    const trip = await call<{ id: string; status: string }>(own, "POST", "/api/travel/requests", {
      purpose: "Partner meeting in Kati",
      travellers: [{ personId }],
      legs: [road(bamako, kati, 120), road(kati, bamako, 121)],
    });
    expect(trip.status).toBe("blocked");
    tripId = trip.id;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(viewport: Viewport): Promise<Page> {
    const { context, page } = await newPage(browser, baseUrl, viewport);
    context.setDefaultTimeout(20_000);
    await signIn(page, traveller);
    await mainHeading(page, en.dashboard.title).waitFor();
    return page;
  }

  it("shows the blocked trip's reason, and the traveller uploads a new BSAFE on a phone; the trip is cleared", async () => {
    const page = await signedIn("phone");
    await page.goto(`/travel/requests/${tripId}`);
    await main(page).getByText(/BSAFE expired on \d{4}-\d{2}-\d{2}/).first().waitFor();
    await main(page).getByText(en.travel.statuses.blocked).first().waitFor();
    await settledScreenshot(page, "certificates-trip-blocked-phone");

    await main(page).getByRole("link", { name: strings.uploadNew }).click();
    await mainHeading(page, strings.title).waitFor();
    await main(page).getByText(strings.status.expired).first().waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "certificates-mine-expired-phone");

    const form = main(page).getByRole("region", { name: strings.add.title });
    await choose(page, form.getByRole("combobox", { name: strings.add.course }), "BSAFE (basic security in the field)");
    await form.getByLabel(strings.add.completedOn).fill(todayIso());
    await form.getByRole("textbox", { name: strings.add.issuer }).fill("UN learning platform");
    await form.locator('input[type="file"]').setInputFiles({ name: "bsafe-certificate.pdf", mimeType: "application/pdf", buffer: await certificatePdf() });
    const uploaded = page.waitForResponse((response) => /\/api\/training\/certificates\/[0-9a-f-]{36}\/file$/.test(response.url()) && response.request().method() === "POST");
    await form.getByRole("button", { name: strings.add.submit }).click();
    expect((await uploaded).status()).toBe(200);
    await page.getByText(strings.add.saved).waitFor();
    await main(page).getByText(strings.status.valid).first().waitFor();
    await main(page).getByRole("link", { name: "Download the BSAFE certificate file" }).first().waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "certificates-mine-uploaded-phone");

    await page.goto(`/travel/requests/${tripId}`);
    await main(page).getByText(en.travel.statuses.cleared).first().waitFor();
    expect(await main(page).getByText(/BSAFE expired on/).count()).toBe(0);
    expect(await main(page).getByRole("link", { name: strings.uploadNew }).count()).toBe(0);
    await settledScreenshot(page, "certificates-trip-cleared-phone");
  });

  it("lists the certificates on a desktop, reached from the navigation", async () => {
    const page = await signedIn("desktop");
    await navigate(page, "desktop", en.nav.myCertificates);
    await mainHeading(page, strings.title).waitFor();
    await main(page).getByText(strings.status.valid).first().waitFor();
    await settledScreenshot(page, "certificates-mine-desktop");
  });
});
