import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newPage, signIn } from "./support/browser.ts";
import { choose, en, hasNoHorizontalScroll, main, mainHeading, navigate, pattern, settledScreenshot, todayIso, type Viewport } from "./support/vigil.ts";

/*
 * SRM assessments (issue 4, acceptance items 2 and 4). The P/C/SA of Mali drafts an assessment
 * with an activity and a scenario and submits it; the DO approves it, which freezes it; the
 * P/C/SA starts version 2, lowers the scenario's residual likelihood, and the compare view shows
 * exactly that change. Then the acceptable-risk board of an approved assessment shows a
 * High-risk PC3 activity as blocked and a PC2 one awaiting the DO, who records the acceptance.
 */
const pcsa = "pcsa.mali@vigil.example";
const designatedOfficial = "do.mali@vigil.example";
const tag = randomBytes(3).toString("hex");
const title = `SRM Mali ${tag}`;
const activityName = `Nutrition screening in Mopti ${tag}`;
const scenarioTitle = `Armed robbery of a convoy on the Mopti road ${tag}`;
const likelihoodLabel = (value: number) => `${value} – ${["Very unlikely", "Unlikely", "Moderately likely", "Likely", "Very likely"][value - 1]}`;
const impactLabel = (value: number) => `${value} – ${["Negligible", "Minor", "Moderate", "Severe", "Critical"][value - 1]}`;
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

type Session = { page: Page; csrf: string };

describe("SRM assessments", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let assessmentPath = "";
  let version2Path = "";

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function signedIn(email: string, viewport: Viewport): Promise<Session> {
    const { context, page } = await newPage(browser, baseUrl, viewport);
    context.setDefaultTimeout(20_000);
    await signIn(page, email);
    await mainHeading(page, en.dashboard.title).waitFor();
    const me = await (await page.request.get("/api/auth/me")).json();
    return { page, csrf: me.csrfToken };
  }

  async function apiCall(session: Session, method: "post" | "put", url: string, data?: unknown) {
    const response = await session.page.request[method](url, { headers: { "x-csrf-token": session.csrf }, data });
    expect(response.status(), `${method} ${url}: ${await response.text()}`).toBeLessThan(300);
    return response.json();
  }

  async function openTab(page: Page, name: string) {
    await page.getByRole("tab", { name: new RegExp(`^${name}`) }).click();
  }

  it("lets the P/C/SA draft an assessment with an activity and a scenario, and submit it", async () => {
    const { page } = await signedIn(pcsa, "desktop");
    await navigate(page, "desktop", en.riskNav.assessments);
    await mainHeading(page, en.srm.title).waitFor();

    await main(page).getByRole("button", { name: en.srm.create }).first().click();
    const dialog = page.getByRole("dialog", { name: en.srm.createTitle });
    await choose(page, dialog.getByRole("combobox", { name: en.srm.fields.area }), "Mali", "Mali");
    await dialog.getByRole("textbox", { name: en.srm.fields.title }).fill(title);
    await dialog.getByRole("textbox", { name: en.srm.fields.summary }).fill("Deterioration along the Mopti–Gao road; convoys exposed.");
    await dialog.getByRole("button", { name: en.common.create, exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    await mainHeading(page, title).waitFor();
    assessmentPath = new URL(page.url()).pathname;
    expect(assessmentPath).toMatch(/^\/risk\/assessments\/[0-9a-f-]{36}$/);

    // Programme: one UNICEF activity.
    await openTab(page, en.srm.tabs.programme);
    await main(page).getByRole("button", { name: en.srm.activities.edit }).click();
    await main(page).getByRole("button", { name: en.srm.activities.add }).click();
    await choose(page, main(page).getByRole("combobox", { name: en.srm.activities.organisation }), /^UNICEF —/, "UNICEF");
    await main(page).getByRole("textbox", { name: en.srm.activities.name }).fill(activityName);
    await main(page).getByRole("button", { name: en.common.save, exact: true }).click();
    await main(page).getByText(activityName).waitFor();

    // A scenario: the level is computed on the matrix as likelihood and impact are picked.
    await openTab(page, en.srm.tabs.scenarios);
    await main(page).getByRole("button", { name: en.srm.scenarios.add }).click();
    const form = page.getByRole("dialog", { name: en.srm.scenarios.createTitle });
    await choose(page, form.getByRole("combobox", { name: en.srm.scenarios.fields.threatCategory }), en.srm.threatCategories.crime);
    await form.getByRole("textbox", { name: en.srm.scenarios.fields.title }).fill(scenarioTitle);
    await form.getByRole("checkbox", { name: en.srm.exposure.people }).check();
    await choose(page, form.getByRole("combobox", { name: en.srm.scenarios.fields.inherentLikelihood }), likelihoodLabel(4));
    await choose(page, form.getByRole("combobox", { name: en.srm.scenarios.fields.inherentImpact }), impactLabel(4));
    await form.getByTestId("live-inherent").getByText("High", { exact: true }).waitFor();
    await form.getByRole("textbox", { name: en.srm.scenarios.fields.measuresText }).fill("Armoured vehicles; convoy movement by day only");
    await choose(page, form.getByRole("combobox", { name: en.srm.scenarios.fields.residualLikelihood }), likelihoodLabel(3));
    await choose(page, form.getByRole("combobox", { name: en.srm.scenarios.fields.residualImpact }), impactLabel(4));
    await form.getByTestId("live-residual").getByText("High", { exact: true }).waitFor();
    await form.getByRole("checkbox", { name: en.srm.strategies.control }).check();
    await choose(page, form.getByRole("combobox", { name: en.srm.scenarios.fields.activityKeys }), pattern("UNICEF · {{name}}", { name: activityName }));
    await page.keyboard.press("Escape");
    await settledScreenshot(page, "srm-scenario-form-desktop");
    const added = page.waitForResponse((response) => response.url().endsWith("/scenarios") && response.request().method() === "POST");
    await form.getByRole("button", { name: en.common.create, exact: true }).click();
    expect((await added).status()).toBe(201);
    await form.waitFor({ state: "detached" });
    const row = main(page).getByRole("row").filter({ hasText: scenarioTitle });
    await row.getByText("High").first().waitFor();

    await page.getByRole("button", { name: en.srm.workflow.submit }).click();
    await page.getByRole("dialog", { name: en.srm.workflow.submitTitle }).getByRole("button", { name: en.srm.workflow.submit }).click();
    await page.locator("main").getByText(en.srm.statuses.in_review, { exact: true }).first().waitFor();
    await page.context().close();
  });

  it("lets the DO approve it after SMT consultation, which freezes it", async () => {
    expect(assessmentPath).not.toBe("");
    const { page } = await signedIn(designatedOfficial, "desktop");
    await page.goto(assessmentPath);
    await mainHeading(page, title).waitFor();
    await page.getByRole("button", { name: en.srm.workflow.approve, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: en.srm.approveDialog.title });
    await dialog.getByLabel(en.srm.approval.smtConsultedOn).fill(yesterday());
    await dialog.getByRole("textbox", { name: en.srm.approval.conditions }).fill("Review after the rainy season");
    await dialog.getByRole("button", { name: en.srm.workflow.approve, exact: true }).click();
    await dialog.getByText(en.srm.approveDialog.confirmTitle).waitFor();
    const approved = page.waitForResponse((response) => response.url().endsWith("/approve"));
    await dialog.getByRole("button", { name: en.srm.approveDialog.confirm }).click();
    expect((await approved).status()).toBe(200);
    await dialog.waitFor({ state: "detached" });

    // Frozen: the approval is on record and every edit control is gone.
    await main(page).getByText(en.srm.frozen.approved).waitFor();
    const approval = page.getByRole("region", { name: en.srm.approval.title });
    await approval.getByText("Review after the rainy season").waitFor();
    for (const name of [en.common.edit, en.srm.workflow.submit, en.srm.workflow.approve, en.common.delete]) {
      expect(await main(page).getByRole("button", { name, exact: true }).count()).toBe(0);
    }
    await openTab(page, en.srm.tabs.scenarios);
    await main(page).getByText(scenarioTitle).waitFor();
    expect(await main(page).getByRole("button", { name: en.srm.scenarios.add }).count()).toBe(0);
    expect(await main(page).getByRole("button", { name: `${en.common.edit}: ${scenarioTitle}` }).count()).toBe(0);
    await openTab(page, en.srm.tabs.summary);
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "srm-assessment-approved-desktop");

    await openTab(page, en.srm.tabs.heatmap);
    const residual = page.getByRole("figure", { name: en.srm.heatMap.residual });
    await residual.getByRole("cell", { name: pattern(en.srm.heatMap.cellLabel_one, { likelihood: "Moderately likely", impact: "Severe", count: "1" }) }).waitFor();
    await settledScreenshot(page, "srm-heat-map-desktop");
    await page.context().close();
  });

  it("makes version 2 on the P/C/SA's request and shows exactly the change in the compare view", async () => {
    expect(assessmentPath).not.toBe("");
    const { page } = await signedIn(pcsa, "desktop");
    await page.goto(assessmentPath);
    await mainHeading(page, title).waitFor();
    await page.getByRole("button", { name: en.srm.workflow.newVersion }).click();
    await page.getByRole("dialog", { name: en.srm.workflow.newVersionTitle }).getByRole("button", { name: en.srm.workflow.newVersion }).click();
    await page.waitForURL((url) => url.pathname !== assessmentPath && /^\/risk\/assessments\/[0-9a-f-]{36}$/.test(url.pathname));
    version2Path = new URL(page.url()).pathname;
    await main(page).getByText(en.srm.statuses.draft, { exact: true }).first().waitFor();

    await openTab(page, en.srm.tabs.scenarios);
    await main(page).getByRole("button", { name: `${en.common.edit}: ${scenarioTitle}` }).click();
    const form = page.getByRole("dialog", { name: en.srm.scenarios.editTitle });
    await choose(page, form.getByRole("combobox", { name: en.srm.scenarios.fields.residualLikelihood }), likelihoodLabel(2));
    await form.getByTestId("live-residual").getByText("Medium", { exact: true }).waitFor();
    const saved = page.waitForResponse((response) => /\/api\/srm-scenarios\//.test(response.url()) && response.request().method() === "PATCH");
    await form.getByRole("button", { name: en.common.save, exact: true }).click();
    expect((await saved).status()).toBe(200);
    await form.waitFor({ state: "detached" });

    // The history of version 2: its start, then the scenario's change, named by the scenario.
    await openTab(page, en.srm.tabs.history);
    const history = main(page).getByRole("region", { name: en.history.title });
    await history.getByText(`${en.srm.history.actions.scenario_update}: ${scenarioTitle}`).waitFor();
    await history.getByText(en.srm.history.actions.new_version, { exact: true }).waitFor();
    await history.getByRole("cell", { name: en.srm.scenarios.fields.residualLikelihood, exact: true }).waitFor();
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "srm-history-desktop");

    await page.getByRole("button", { name: en.srm.compareWith }).click();
    await page.getByRole("menuitem", { name: `${en.srm.versionNumber.replace("{{version}}", "1")} · ${en.srm.statuses.approved}` }).click();
    await mainHeading(page, en.srm.compare.title).waitFor();
    // The scenario is the one item the P/C/SA changed; the new version also proposes its own review
    // date (a year ahead), which the compare view may show as a change of the assessment itself.
    const changed = main(page).getByTestId("diff-changed").filter({ hasText: scenarioTitle });
    await changed.first().waitFor();
    expect(await changed.count()).toBe(1);
    const fields = changed.getByTestId("diff-field");
    expect(await fields.count()).toBe(1);
    expect(await fields.getAttribute("data-field")).toBe("residualLikelihood");
    await fields.getByText(en.srm.scenarios.fields.residualLikelihood).waitFor();
    await fields.getByText(likelihoodLabel(3)).waitFor();
    await fields.getByText(likelihoodLabel(2)).waitFor();
    for (const name of [en.srm.compare.added, en.srm.compare.removed]) expect(await main(page).getByText(name, { exact: true }).count()).toBe(0);
    // What the change does: the residual level goes from High to Medium.
    const shift = main(page).getByTestId("diff-level");
    await shift.getByText("High", { exact: true }).waitFor();
    await shift.getByText("Medium", { exact: true }).waitFor();
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "srm-compare-desktop");

    await navigate(page, "desktop", en.riskNav.assessments);
    const listed = main(page).getByRole("row").filter({ hasText: title });
    await listed.getByText(en.srm.statuses.draft, { exact: true }).waitFor();
    await listed.getByText("Medium", { exact: true }).waitFor();
    await settledScreenshot(page, "srm-list-desktop");
    await page.context().close();
  });

  it("reads well on a 360 px phone: the approved version, its heat map and the compare view", async () => {
    expect(version2Path).not.toBe("");
    const { page } = await signedIn(pcsa, "phone");
    await navigate(page, "phone", en.riskNav.assessments);
    await main(page).getByRole("link", { name: title }).first().click();
    await mainHeading(page, title).waitFor();
    await page.goto(assessmentPath);
    await main(page).getByText(en.srm.frozen.approved).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "srm-assessment-approved-phone");
    await openTab(page, en.srm.tabs.heatmap);
    await page.getByRole("figure", { name: en.srm.heatMap.inherent }).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "srm-heat-map-phone");
    // Version 1's history on a phone: the DO's approval and the P/C/SA's submission, one block per field.
    await openTab(page, en.srm.tabs.history);
    const history = main(page).getByRole("region", { name: en.history.title });
    await history.getByText(en.srm.history.actions.approve, { exact: true }).first().waitFor();
    await history.getByText(en.srm.history.actions.submit, { exact: true }).waitFor();
    await history.getByText(`${en.srm.history.actions.scenario_create}: ${scenarioTitle}`).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "srm-history-phone");
    await page.goto(`${version2Path}/compare?against=${assessmentPath.split("/").pop()}`);
    await main(page).getByTestId("diff-field").getByText(likelihoodLabel(2)).waitFor();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await settledScreenshot(page, "srm-compare-phone");
    await page.context().close();
  });

  it("shows a High-risk PC3 activity as blocked and lets the DO accept the risk of a PC2 one", async () => {
    const officer = await signedIn(pcsa, "desktop");
    const places = (await (await officer.page.request.get("/api/places/tree")).json()).items as { id: string; name: string }[];
    const mali = places.find((place) => place.name === "Mali");
    const organisations = (await (await officer.page.request.get("/api/organisations", { params: { pageSize: 200 } })).json()).items as {
      id: string;
      code: string;
    }[];
    const unicef = organisations.find((organisation) => organisation.code === "UNICEF");
    const wfp = organisations.find((organisation) => organisation.code === "WFP");
    expect(mali && unicef && wfp).toBeTruthy();

    // The dull set-up through the API: an assessment whose one High scenario concerns two activities.
    const today = todayIso();
    const created = await apiCall(officer, "post", "/api/srm-assessments", {
      placeId: mali?.id,
      title: `Board ${tag}`,
      periodFrom: today,
      periodTo: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
      reviewDueOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    });
    const withActivities = await apiCall(officer, "put", `/api/srm-assessments/${created.id}/activities`, {
      items: [
        { organisationId: wfp?.id, name: `Food distribution in Gao ${tag}` },
        { organisationId: unicef?.id, name: `Vaccination campaign in Gao ${tag}` },
      ],
    });
    const keys = withActivities.activities.map((activity: { key: string }) => activity.key);
    await apiCall(officer, "post", `/api/srm-assessments/${created.id}/scenarios`, {
      threatCategory: "armed_conflict",
      title: `Crossfire near Gao ${tag}`,
      inherentLikelihood: 4,
      inherentImpact: 5,
      residualLikelihood: 4,
      residualImpact: 4,
      activityKeys: keys,
    });
    await apiCall(officer, "post", `/api/srm-assessments/${created.id}/submit`);
    const [food, vaccination] = withActivities.activities as { key: string; name: string }[];
    for (const [activity, organisation, level] of [
      [food, wfp, "pc3"],
      [vaccination, unicef, "pc2"],
    ] as const) {
      await apiCall(officer, "post", "/api/pc-assessments", {
        placeId: mali?.id,
        organisationId: organisation?.id,
        activityKey: activity.key,
        activityName: activity.name,
        periodFrom: today,
        periodTo: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
        level,
        rationale: "Rated by the country team",
        approverName: "Country Representative",
        approvedOn: today,
      });
    }
    await officer.page.context().close();

    const official = await signedIn(designatedOfficial, "desktop");
    await apiCall(official, "post", `/api/srm-assessments/${created.id}/approve`, { smtConsultedOn: yesterday() });
    const { page } = official;
    await page.goto(`/risk/assessments/${created.id}?tab=acceptable`);
    const board = page.getByRole("region", { name: en.srm.board.title });
    const blocked = board.getByRole("article", { name: food.name });
    await blocked.getByText(en.srm.board.blocked, { exact: true }).waitFor();
    await blocked.getByText(pattern(en.srm.board.reasons.criticality_too_low, { pc: "PC3", needed: "PC2" })).waitFor();
    expect(await blocked.getAttribute("data-status")).toBe("blocked");
    expect(await blocked.getByRole("button", { name: en.srm.board.record }).count()).toBe(0);

    const pending = board.getByRole("article", { name: vaccination.name });
    await pending.getByText(en.srm.board.needsAcceptance.do, { exact: true }).waitFor();
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "srm-acceptable-risk-board-pending-desktop");
    await pending.getByRole("button", { name: en.srm.board.record }).click();
    const dialog = page.getByRole("dialog", { name: en.srm.accept.title });
    await dialog.getByRole("textbox", { name: en.srm.accept.reason }).fill("Lifesaving vaccination; SMT consulted and escorts arranged.");
    const recorded = page.waitForResponse((response) => response.url().endsWith("/acceptances") && response.request().method() === "POST");
    await dialog.getByRole("button", { name: en.srm.accept.submit }).click();
    expect((await recorded).status()).toBe(201);
    await dialog.waitFor({ state: "detached" });
    await pending.getByText(en.srm.board.mayGoAhead, { exact: true }).waitFor();
    await pending.getByText("Lifesaving vaccination; SMT consulted and escorts arranged.").waitFor();
    expect(await pending.getByRole("button", { name: en.srm.board.record }).count()).toBe(0);
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "srm-acceptable-risk-board-desktop");
    await page.context().close();
  });

  it("keeps a matrix used by an approved assessment: the administrator's edit makes version 2", async () => {
    expect(assessmentPath).not.toBe("");
    const { page } = await signedIn("admin@vigil.example", "desktop");
    await navigate(page, "desktop", en.riskNav.matrices);
    await mainHeading(page, en.riskMatrices.title).waitFor();
    const row = main(page).getByRole("row").filter({ hasText: "un_srm_5x5" });
    await row.getByText(en.riskMatrices.frozen, { exact: true }).waitFor();
    await row.getByText(en.riskMatrices.default, { exact: true }).waitFor();
    await row.getByRole("link", { name: "UN SRM 5 × 5" }).click();
    await mainHeading(page, "UN SRM 5 × 5 · v1").waitFor();
    await main(page).getByText(en.riskMatrices.frozenHint).waitFor();
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "srm-risk-matrix-desktop");

    await main(page).getByRole("button", { name: en.common.edit, exact: true }).click();
    await main(page).getByText(en.riskMatrices.frozenEditHint).waitFor();
    // Very likely × Severe becomes Unacceptable: still monotone, so the matrix stays sound.
    const cell = main(page).getByRole("combobox", { name: pattern(en.riskMatrices.cellLabel, { likelihood: "Very likely", impact: "Severe" }) });
    await cell.selectOption("unacceptable");
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "srm-risk-matrix-editor-desktop");
    const saved = page.waitForResponse((response) => /\/api\/risk-matrices\/[^/]+$/.test(response.url()) && response.request().method() === "PUT");
    await main(page).getByRole("button", { name: en.common.save, exact: true }).click();
    expect((await saved).status()).toBe(201);
    await mainHeading(page, "UN SRM 5 × 5 · v2").waitFor();
    await main(page).getByText(pattern(en.riskMatrices.newVersionMessage, { version: "2" })).waitFor();
    await page.mouse.move(0, 0);
    await settledScreenshot(page, "srm-risk-matrix-new-version-desktop");

    // Version 1 stays as the approved assessment used it; version 2 is not frozen.
    await navigate(page, "desktop", en.riskNav.matrices);
    const versions = main(page).getByRole("row").filter({ hasText: "un_srm_5x5" });
    await versions.filter({ hasText: "v2" }).waitFor();
    await versions.filter({ hasText: "v1" }).getByText(en.riskMatrices.frozen, { exact: true }).waitFor();
    expect(await versions.filter({ hasText: "v2" }).getByText(en.riskMatrices.frozen, { exact: true }).count()).toBe(0);
    await page.context().close();

    const phone = await signedIn("admin@vigil.example", "phone");
    await navigate(phone.page, "phone", en.riskNav.matrices);
    await main(phone.page).getByRole("link", { name: "UN SRM 5 × 5" }).first().waitFor();
    expect(await hasNoHorizontalScroll(phone.page)).toBe(true);
    await main(phone.page).getByRole("listitem").filter({ hasText: "v1" }).getByRole("link", { name: "UN SRM 5 × 5" }).click();
    await mainHeading(phone.page, "UN SRM 5 × 5 · v1").waitFor();
    expect(await hasNoHorizontalScroll(phone.page)).toBe(true);
    await settledScreenshot(phone.page, "srm-risk-matrix-phone");
    await phone.page.context().close();
  });
});
