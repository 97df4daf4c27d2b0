import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { measureCategoryLabels } from "../src/core/risk/risk-enums.ts";
import { securityLevelNotice } from "../src/core/risk/security-level-message.ts";
import { securityLevelColours, securityLevelLabels, threatCategories, threatCategoryLabels } from "../src/core/risk/security-levels.ts";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { choose, notificationsGone, en, hasNoHorizontalScroll, main, mainHeading, navigate, pattern, settledScreenshot, todayIso, type Viewport } from "./support/vigil.ts";

/*
 * Issue 4, acceptance item 5: a security level change for Mali, proposed by the P/C/SA, approved
 * by the DO and endorsed by the UNDSS desk officer, all in the UI; the map then shows Mali in
 * level 4's colour, Mali's page shows the change in its history chart, and someone assigned to
 * Mali finds the notice in the bell. Then the measures: a WFP focal point records a WFP measure
 * (with evidence), and finds a baseline measure read-only; and the cross-country view.
 */
const tag = randomBytes(3).toString("hex");
const levelLabel = (level: 1 | 2 | 3 | 4 | 5 | 6) => `${level} · ${securityLevelLabels[level].en}`;
const proposed = { armed_conflict: 4, terrorism: 4, crime: 3, civil_unrest: 3, hazards: 2 } as const;
/** The notice of this change, which names the level Mali had before it (read from the demo data). */
const endorsedNotice = (previousOverall: 1 | 2 | 3 | 4 | 5 | 6 | null) =>
  securityLevelNotice("endorsed", { placeName: "Mali", levels: proposed, overall: 4, previousOverall, justification: null, rejectionReason: null, link: "" }, "en");
const today = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date());
const wfpMeasure = `Armoured vehicle convoy rule ${tag}`;
const baselineMeasure = `Radio check every evening ${tag}`;
const programmeActivity = `Nutrition screening in Mopti ${tag}`;

describe("security levels and measures", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let maliBefore: 1 | 2 | 3 | 4 | 5 | 6 | null = null;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(email: string, viewport: Viewport): Promise<Page> {
    const { context, page } = await newPage(browser, baseUrl, viewport);
    context.setDefaultTimeout(20_000);
    await signIn(page, email);
    await mainHeading(page, en.dashboard.title).waitFor();
    return page;
  }

  async function openLevels(page: Page, viewport: Viewport) {
    await navigate(page, viewport, en.riskNav.securityLevels);
    await mainHeading(page, en.riskLevels.title).waitFor();
  }

  const levelsRow = (page: Page, area: string) => main(page).getByRole("row").filter({ has: page.getByRole("link", { name: area, exact: true }) });

  /** The change awaiting this caller, decided through the confirmation dialog. */
  async function decide(page: Page, step: "approve" | "endorse") {
    const decided = page.waitForResponse((response) => response.url().endsWith(`/${step}`) && response.request().method() === "POST");
    await main(page).getByRole("button", { name: en.riskLevels.decide[`${step}For`].replace("{{name}}", "Mali") }).first().click();
    const dialog = page.getByRole("dialog", { name: en.riskLevels.decide[`${step}Title`] });
    await dialog.getByRole("button", { name: en.riskLevels.decide[step], exact: true }).click();
    expect((await decided).status()).toBe(200);
  }

  it("takes a level change for Mali from proposal through the DO's approval to UNDSS endorsement", async () => {
    const pcsa = await signedIn("pcsa.mali@vigil.example", "desktop");
    await openLevels(pcsa, "desktop");
    const inForce: { items: { placeName: string; overall: typeof maliBefore }[] } = await (await pcsa.request.get("/api/security-levels")).json();
    maliBefore = inForce.items.find((area) => area.placeName === "Mali")?.overall ?? null;
    await levelsRow(pcsa, "Mali").getByText(maliBefore === null ? en.riskLevels.noLevel : levelLabel(maliBefore)).waitFor();
    await main(pcsa).getByRole("button", { name: en.riskLevels.propose.open, exact: true }).click();
    const dialog = pcsa.getByRole("dialog", { name: en.riskLevels.propose.title });
    await choose(pcsa, dialog.getByRole("combobox", { name: en.riskLevels.fields.placeId }), "Mali");
    for (const category of threatCategories) {
      await choose(pcsa, dialog.getByRole("combobox", { name: threatCategoryLabels[category].en }), levelLabel(proposed[category]));
    }
    // Below the highest category level, the justification becomes required.
    await choose(pcsa, dialog.getByRole("combobox", { name: en.riskLevels.fields.overall }), levelLabel(3));
    await dialog.getByText(pattern(en.riskLevels.propose.belowHighest, { overall: "3", highest: "4" })).waitFor();
    await dialog.getByRole("button", { name: en.riskLevels.propose.submit, exact: true }).click();
    await dialog.getByText(pattern(en.riskLevels.propose.justificationRequired, { highest: "4" })).waitFor();
    await choose(pcsa, dialog.getByRole("combobox", { name: en.riskLevels.fields.overall }), levelLabel(4));
    const created = pcsa.waitForResponse((response) => response.url().endsWith("/api/security-level-changes") && response.request().method() === "POST");
    await dialog.getByRole("button", { name: en.riskLevels.propose.submit, exact: true }).click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: "detached" });
    await levelsRow(pcsa, "Mali").getByText(en.riskLevels.statuses.proposed).waitFor();
    // The proposer cannot approve their own proposal.
    expect(await main(pcsa).getByRole("button", { name: en.riskLevels.decide.approve }).count()).toBe(0);
    await pcsa.context().close();

    const designatedOfficial = await signedIn("do.mali@vigil.example", "desktop");
    await openLevels(designatedOfficial, "desktop");
    await decide(designatedOfficial, "approve");
    await levelsRow(designatedOfficial, "Mali").getByText(en.riskLevels.statuses.approved).waitFor();
    // The DO does not endorse for UNDSS.
    expect(await main(designatedOfficial).getByRole("button", { name: en.riskLevels.decide.endorse }).count()).toBe(0);
    await designatedOfficial.context().close();

    const desk = await signedIn("desk.mali@vigil.example", "desktop");
    await openLevels(desk, "desktop");
    await decide(desk, "endorse");
    const mali = levelsRow(desk, "Mali");
    await mali.getByText(levelLabel(4)).waitFor();
    // The map colours Mali as level 4 (Substantial).
    const country = main(desk).getByRole("link", { name: pattern(en.riskLevels.map.areaLevel, { name: "Mali", level: "4", label: securityLevelLabels[4].en }) });
    await country.waitFor();
    expect(await country.getAttribute("fill")).toBe(securityLevelColours[4]);
    await main(desk).getByRole("list", { name: en.riskLevels.map.legend }).getByText(levelLabel(4)).waitFor();
    await desk.mouse.move(0, 0);
    await settledScreenshot(desk, "risk-levels-map-desktop");

    await desk.context().close();
  });

  it("shows the change on Mali's page, in the level history chart and the list of changes", async () => {
    const page = await signedIn("pcsa.mali@vigil.example", "desktop");
    await openLevels(page, "desktop");
    // Mali's page: the level in force, the history chart and the change with who did what.
    await levelsRow(page, "Mali").getByRole("link", { name: "Mali", exact: true }).click();
    await mainHeading(page, "Mali").waitFor();
    const section = page.getByRole("region", { name: en.riskLevels.section.title });
    await section.getByText(levelLabel(4)).first().waitFor();
    const chart = section.getByRole("img", { name: pattern(en.riskLevels.history.chartLabel, { name: "Mali" }) });
    // The endorsement is a marker in level 4's colour on the step line.
    await chart.locator(`svg path[fill="${securityLevelColours[4]}"]`).first().waitFor();
    // The chart's text alternative lists every endorsement: today's brings Mali to 4.
    expect(await chart.getAttribute("aria-label")).toContain(`${today}: ${levelLabel(4)}`);
    const change = section.getByTestId("level-change").first();
    await change.getByText(en.riskLevels.statuses.endorsed, { exact: true }).waitFor();
    await change.getByText(pattern(en.riskLevels.history.step.proposed, { name: "P/C/SA Mali" })).waitFor();
    await change.getByText(pattern(en.riskLevels.history.step.approved, { name: "DO Mali" })).waitFor();
    await change.getByText(pattern(en.riskLevels.history.step.endorsed, { name: "UNDSS Desk Officer Mali" })).waitFor();
    await section.scrollIntoViewIfNeeded();
    await settledScreenshot(page, "risk-levels-place-chart-desktop");
    await page.context().close();
  });

  it("tells the people assigned to Mali, in the bell", async () => {
    const warden = await signedIn("warden.bamako@vigil.example", "desktop");
    await warden.getByRole("button", { name: pattern(en.notifications.openUnread_other) }).click();
    const panel = warden.getByRole("dialog", { name: en.notifications.title });
    // The newest notice is this change's: its title, and the level before and after it.
    const notice = endorsedNotice(maliBefore);
    const newest = panel.getByRole("listitem").first().getByRole("button");
    await newest.getByText(notice.body).waitFor();
    expect(await newest.getAttribute("aria-label")).toBe(en.notifications.unreadItem.replace("{{title}}", notice.title));
    await settledScreenshot(warden, "risk-levels-notification-desktop");
    await warden.context().close();
  });

  it("shows the map on a 360 px phone without sideways scrolling", async () => {
    const page = await signedIn("staff@vigil.example", "phone");
    // Security levels are the only risk page a staff member sees: the group is that one link.
    await navigate(page, "phone", en.riskNav.group);
    await mainHeading(page, en.riskLevels.title).waitFor();
    await main(page).getByRole("link", { name: pattern(en.riskLevels.map.areaLevel, { name: "Mali", level: "4" }) }).waitFor();
    // Someone who only reads levels is offered no change to make.
    expect(await main(page).getByRole("button", { name: en.riskLevels.propose.open, exact: true }).count()).toBe(0);
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "risk-levels-map-phone");
    await page.context().close();
  });

  /** Measures recorded through the API by the P/C/SA, so the list and the cross-country view have something to show. */
  async function recordMeasures(page: Page) {
    const me = await (await page.request.get("/api/auth/me")).json();
    const places: { id: string; name: string }[] = (await (await page.request.get("/api/places/tree")).json()).items;
    const placeId = (name: string) => places.find((place) => place.name === name)?.id;
    const headers = { "x-csrf-token": me.csrfToken };
    const measures = [
      { kind: "baseline", placeId: placeId("Mali"), category: "telecoms", title: baselineMeasure, ownerName: "Radio room", dueOn: "2026-01-15", status: "implemented", implementedOn: "2026-01-10", effectiveness: 4, effectivenessNote: "Every team answered within ten minutes", costAmount: 1200, costCurrency: "USD" },
      { kind: "area", placeId: placeId("Mopti Security Area"), category: "residential", title: `Window grilles in Sévaré residences ${tag}`, ownerName: "ASC Mopti", dueOn: "2026-02-01", status: "planned" },
      { kind: "area", placeId: placeId("Bamako Security Area"), category: "vehicles", title: `Vehicle tracking in Bamako ${tag}`, ownerName: "Fleet unit", dueOn: "2026-01-20", status: "verified", implementedOn: "2026-01-18", verifiedOn: todayIso(), verificationNote: "Tracking seen live on the fleet console for every vehicle", effectiveness: 5, costAmount: 4500000, costCurrency: "XOF" },
      { kind: "area", placeId: placeId("Bamako Security Area"), category: "training_briefing", title: `SSAFE course for new arrivals ${tag}`, ownerName: "Security training officer", dueOn: "2026-12-31", status: "in_progress", costAmount: 800, costCurrency: "USD" },
    ];
    for (const measure of measures) {
      const response = await page.request.post("/api/srm-measures", { headers, data: measure });
      expect(response.status(), await response.text()).toBe(201);
    }
  }

  it("lets the WFP focal point record a WFP measure with evidence, and shows a baseline measure read-only", async () => {
    const pcsa = await signedIn("pcsa.mali@vigil.example", "desktop");
    await recordMeasures(pcsa);
    await pcsa.context().close();

    const page = await signedIn("sfp.wfp.mali@vigil.example", "desktop");
    await navigate(page, "desktop", en.riskNav.measures);
    await mainHeading(page, en.riskMeasures.title).waitFor();
    await main(page).getByRole("button", { name: en.riskMeasures.create }).first().click();
    const dialog = page.getByRole("dialog", { name: en.riskMeasures.createTitle });
    // A focal point records only their own organisation's measures: WFP is given.
    const organisation = dialog.getByRole("combobox", { name: en.riskMeasures.fields.organisationId });
    await expect.poll(() => organisation.inputValue()).toMatch(/^WFP/);
    expect(await organisation.isDisabled()).toBe(true);
    await choose(page, dialog.getByRole("combobox", { name: en.riskMeasures.fields.placeId }), "Mali");
    await choose(page, dialog.getByRole("combobox", { name: en.riskMeasures.fields.category }), measureCategoryLabels.vehicles.en);
    await dialog.getByRole("textbox", { name: en.riskMeasures.fields.title }).fill(wfpMeasure);
    await dialog.getByRole("textbox", { name: en.riskMeasures.fields.ownerName }).fill("WFP logistics officer");
    await dialog.getByLabel(en.riskMeasures.fields.dueOn).fill("2026-06-30");
    await dialog.getByRole("textbox", { name: en.riskMeasures.fields.costAmount }).fill("25000");
    await dialog.getByRole("textbox", { name: en.riskMeasures.fields.costCurrency }).fill("usd");
    const created = page.waitForResponse((response) => response.url().endsWith("/api/srm-measures") && response.request().method() === "POST");
    await dialog.getByRole("button", { name: en.common.create, exact: true }).click();
    expect((await created).status()).toBe(201);
    await mainHeading(page, wfpMeasure).waitFor();

    // Evidence: a short PDF.
    const evidence = page.getByRole("region", { name: en.riskMeasures.evidenceSection.title });
    await evidence.locator("input[type=file]").setInputFiles({ name: "convoy-briefing.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% convoy briefing\n%%EOF\n") });
    const uploaded = page.waitForResponse((response) => response.url().endsWith("/evidence") && response.request().method() === "POST");
    await evidence.getByRole("button", { name: en.riskMeasures.evidenceSection.upload }).click();
    expect((await uploaded).status()).toBe(201);
    await evidence.getByRole("link", { name: pattern(en.riskMeasures.evidenceSection.download, { name: "convoy-briefing.pdf" }) }).waitFor();
    await notificationsGone(page);

    // Implemented, and rated.
    await main(page).getByRole("button", { name: en.riskMeasures.changeStatus }).click();
    const status = page.getByRole("dialog", { name: en.riskMeasures.statusTitle });
    await choose(page, status.getByRole("combobox", { name: en.riskMeasures.fields.status }), en.riskMeasures.statuses.implemented);
    expect(await status.getByLabel(en.riskMeasures.fields.implementedOn).inputValue()).not.toBe("");
    // The star's input is visually hidden: its label is what a user clicks.
    const fourStars = await status.getByRole("radio", { name: pattern(en.riskMeasures.effectivenessValue, { value: "4" }) }).getAttribute("id");
    await status.locator(`label[for="${fourStars}"]`).click();
    const saved = page.waitForResponse((response) => /\/api\/srm-measures\/[^/]+$/.test(response.url()) && response.request().method() === "PATCH");
    await status.getByRole("button", { name: en.common.save, exact: true }).click();
    expect((await saved).status()).toBe(200);
    await main(page).getByText(en.riskMeasures.statuses.implemented).first().waitFor();
    await main(page).getByRole("img", { name: pattern(en.riskMeasures.effectivenessValue, { value: "4" }) }).waitFor();
    // The history, newest first: the status change, the evidence, the creation, in the page's words.
    const history = main(page).getByRole("region", { name: en.history.title });
    await history.getByText(en.history.actions.update, { exact: true }).waitFor();
    await history.getByText(en.riskMeasures.history.actions.evidence_add, { exact: true }).waitFor();
    await history.getByText("convoy-briefing.pdf").waitFor();
    await history.getByRole("cell", { name: en.riskMeasures.statuses.implemented, exact: true }).waitFor();
    await history.getByRole("cell", { name: en.riskMeasures.fields.effectiveness, exact: true }).waitFor();
    // Amounts and ratings read as the page shows them, not as stored ("25000.00", "4").
    await history.getByRole("cell", { name: "4/5", exact: true }).waitFor();
    await history.getByRole("cell", { name: "25,000", exact: true }).waitFor();
    await history.getByText(en.history.actions.create, { exact: true }).waitFor();
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "risk-measure-detail-desktop");

    // The list, and a baseline measure: readable, not changeable by WFP.
    await navigate(page, "desktop", en.riskNav.measures);
    await main(page).getByRole("link", { name: wfpMeasure }).waitFor();
    await main(page).getByRole("row").filter({ hasText: `Window grilles in Sévaré residences ${tag}` }).getByText(en.riskMeasures.overdue).waitFor();
    await settledScreenshot(page, "risk-measures-list-desktop");
    await main(page).getByRole("link", { name: baselineMeasure }).click();
    await mainHeading(page, baselineMeasure).waitFor();
    await main(page).getByText(en.riskMeasures.readOnlyArea).waitFor();
    expect(await main(page).getByRole("button", { name: en.common.edit }).count()).toBe(0);
    expect(await main(page).getByRole("button", { name: en.common.delete }).count()).toBe(0);
    expect(await main(page).getByRole("button", { name: en.riskMeasures.changeStatus }).count()).toBe(0);
    await page.context().close();
  });

  it("compares implemented measures across areas, with a summary per category", async () => {
    const page = await signedIn("analyst@vigil.example", "desktop");
    await navigate(page, "desktop", en.riskNav.compare);
    await mainHeading(page, en.riskMeasures.compare.title).waitFor();
    const summary = page.getByRole("region", { name: en.riskMeasures.compare.summaryTitle });
    await summary.getByRole("row").filter({ hasText: measureCategoryLabels.vehicles.en }).waitFor();
    await main(page).getByText(wfpMeasure).waitFor();
    await settledScreenshot(page, "risk-measures-compare-desktop");

    // This run's measures: implemented and verified ones only, then only the fully effective one.
    await main(page).getByRole("searchbox", { name: en.common.search }).fill(tag);
    await main(page).getByText(baselineMeasure).waitFor();
    await main(page).getByText(`Vehicle tracking in Bamako ${tag}`).waitFor();
    await main(page).getByText(wfpMeasure).waitFor();
    expect(await main(page).getByText(`SSAFE course for new arrivals ${tag}`).count()).toBe(0);
    await choose(page, main(page).getByRole("combobox", { name: en.riskMeasures.compare.minEffectiveness }), en.riskMeasures.compare.atLeast.replace("{{value}}", "5"));
    await main(page).getByText(baselineMeasure).waitFor({ state: "detached" });
    await main(page).getByText(`Vehicle tracking in Bamako ${tag}`).waitFor();
    expect(await main(page).getByText(wfpMeasure).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("minEffectiveness")).toBe("5");
    await page.context().close();
  });

  it("lets the UNICEF representative rate a UNICEF activity's criticality, change it, see its history, and delete it after confirming", async () => {
    const page = await signedIn("rep.unicef.mali@vigil.example", "desktop");
    await navigate(page, "desktop", en.riskNav.programmes);
    await mainHeading(page, en.riskProgrammes.title).waitFor();
    await main(page).getByRole("button", { name: en.riskProgrammes.create }).first().click();
    const dialog = page.getByRole("dialog", { name: en.riskProgrammes.createTitle });
    // A representative rates only their own organisation's activities: UNICEF is given.
    const organisation = dialog.getByRole("combobox", { name: en.riskProgrammes.fields.organisationId });
    await expect.poll(() => organisation.inputValue()).toMatch(/^UNICEF/);
    await choose(page, dialog.getByRole("combobox", { name: en.riskProgrammes.fields.placeId }), "Mali › Mopti Security Area");
    await dialog.getByRole("textbox", { name: en.riskProgrammes.fields.activityName }).fill(programmeActivity);
    await dialog.getByLabel(en.riskProgrammes.fields.periodFrom).fill("2026-11-01");
    await dialog.getByLabel(en.riskProgrammes.fields.periodTo).fill("2027-04-30");
    await dialog.getByRole("radio", { name: new RegExp(`^${en.riskProgrammes.levels.pc2}`) }).click();
    await dialog.getByRole("textbox", { name: en.riskProgrammes.fields.rationale }).fill("Malnutrition among children under five is above the emergency threshold in Mopti.");
    await dialog.getByRole("textbox", { name: en.riskProgrammes.fields.approverName }).fill("UNICEF Representative, Mali");
    const created = page.waitForResponse((response) => response.url().endsWith("/api/pc-assessments") && response.request().method() === "POST");
    await dialog.getByRole("button", { name: en.common.create, exact: true }).click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: "detached" });
    const row = main(page).getByRole("row").filter({ hasText: programmeActivity });
    await row.getByText(en.riskProgrammes.levels.pc2, { exact: true }).waitFor();
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "risk-programmes-list-desktop");

    // Lowered to PC3: the rating's history shows who changed it, from what to what.
    await row.getByRole("button", { name: en.riskProgrammes.editOne.replace("{{name}}", programmeActivity) }).click();
    const edit = page.getByRole("dialog", { name: en.riskProgrammes.editTitle });
    await edit.getByRole("radio", { name: new RegExp(`^${en.riskProgrammes.levels.pc3}`) }).click();
    const saved = page.waitForResponse((response) => /\/api\/pc-assessments\/[^/]+$/.test(response.url()) && response.request().method() === "PATCH");
    await edit.getByRole("button", { name: en.common.save, exact: true }).click();
    expect((await saved).status()).toBe(200);
    await edit.waitFor({ state: "detached" });
    await row.getByRole("button", { name: en.riskProgrammes.historyOne.replace("{{name}}", programmeActivity) }).click();
    const history = page.getByRole("dialog", { name: en.riskProgrammes.historyOne.replace("{{name}}", programmeActivity) });
    const change = history.getByRole("row").filter({ has: page.getByRole("cell", { name: en.riskProgrammes.fields.level, exact: true }) });
    // The dialog opens at once; its history arrives after.
    await change.first().waitFor();
    expect(await change.first().getByRole("cell").allTextContents()).toEqual([en.riskProgrammes.fields.level, en.riskProgrammes.levels.pc2, en.riskProgrammes.levels.pc3]);
    await history.getByText(en.history.actions.create, { exact: true }).waitFor();
    await settledScreenshot(page, "risk-programme-history-desktop");
    await page.keyboard.press("Escape");
    await history.waitFor({ state: "detached" });

    await row.getByRole("button", { name: en.riskProgrammes.deleteOne.replace("{{name}}", programmeActivity) }).click();
    const confirm = page.getByRole("dialog", { name: en.riskProgrammes.deleteTitle });
    const deleted = page.waitForResponse((response) => /\/api\/pc-assessments\/[^/]+$/.test(response.url()) && response.request().method() === "DELETE");
    await confirm.getByRole("button", { name: en.common.delete, exact: true }).click();
    expect((await deleted).status()).toBe(204);
    await row.waitFor({ state: "detached" });
    await page.context().close();
  });
});
