import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { multipartPayload } from "../../../authorization/matrix-driver.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { type Measure, issuesOf, measureSupport } from "./measures-test-support.ts";

/** SRM measures: recording, the rules between fields, the organisation rule, the list and evidence. */
let t: TestApp;
let m: Awaited<ReturnType<typeof measureSupport>>;
const today = todayIso();

beforeAll(async () => {
  t = await startTestApp();
  m = await measureSupport(t);
});
afterAll(() => t.close());

const auditOf = (id: string) =>
  t.database.query<{ action: string; actor_name: string; changes: Record<string, { from: unknown; to: unknown }> }>(
    "select action, actor_name, changes from audit_log where entity_type = 'srm_measure' and entity_id = $1 order by seq",
    [id],
  );

describe("recording a measure", () => {
  it("creates an area measure of Mopti as its ASC, with cost and owner, audited", async () => {
    const created = await m.create(demo.ascMopti, "Mopti Security Area", { costAmount: 1250.5, costCurrency: "XOF", description: "Codan HF sets" });
    expect(created).toMatchObject({
      kind: "area",
      placeName: "Mopti Security Area",
      organisationId: null,
      category: "telecoms",
      costAmount: 1250.5,
      costCurrency: "XOF",
      status: "planned",
      isOverdue: false,
      evidenceCount: 0,
      evidence: [],
      description: "Codan HF sets",
      actions: ["update", "delete"],
    });
    const [entry] = await auditOf(created.id);
    expect(entry).toMatchObject({ action: "create", actor_name: "ASC Mopti" });
    expect(entry.changes.title).toEqual({ from: null, to: "HF radio in every vehicle" });
    expect(entry.changes.costAmount).toEqual({ from: null, to: "1250.50" });
  });

  it("refuses a duty station, an unknown organisation and a measure of an organisation without one, naming the field", async () => {
    const station = await m.send(demo.pcsaMali, "POST", "/api/srm-measures", { ...m.body("Mali"), placeId: m.dutyStation });
    expect(station.statusCode).toBe(422);
    expect(issuesOf(station)).toEqual(["placeId: must be a Designated Area or a Security Area"]);
    const unknown = await m.send(demo.pcsaMali, "POST", "/api/srm-measures", m.body("Mali", { organisationId: randomUUID() }));
    expect(issuesOf(unknown)).toEqual(["organisationId: names no organisation"]);
    const orphan = await m.send(demo.pcsaMali, "POST", "/api/srm-measures", m.body("Mali", { kind: "organisation" }));
    expect(orphan.statusCode).toBe(422);
    expect(issuesOf(orphan)).toEqual(["organisationId: is required for an organisation-specific measure"]);
  });

  it("checks cost, status dates and effectiveness together, naming each field at fault", async () => {
    const check = async (overrides: Record<string, unknown>, status: number, expected: string[]) => {
      const response = await m.send(demo.pcsaMali, "POST", "/api/srm-measures", m.body("Mali", overrides));
      expect(response.statusCode, response.body).toBe(status);
      expect(issuesOf(response)).toEqual(expected);
    };
    await check({ costAmount: 100 }, 422, ["costCurrency: is required with a cost amount"]);
    await check({ costAmount: -1, costCurrency: "USD" }, 400, ["costAmount: must be 0 or more"]);
    await check({ costAmount: 10.005, costCurrency: "USD" }, 400, ["costAmount: must have at most two decimals"]);
    await check({ costAmount: 10, costCurrency: "US$" }, 400, ["costCurrency: must be an ISO 4217 currency code of three letters, such as USD or XOF"]);
    await check({ costAmount: 10, costCurrency: "ABC" }, 400, ["costCurrency: is not an ISO 4217 currency code in use"]);
    await check({ status: "implemented" }, 422, ["implementedOn: is required once the measure is implemented or verified"]);
    await check({ status: "implemented", implementedOn: addDays(today, 1) }, 422, ["implementedOn: must not be in the future"]);
    await check({ status: "in_progress", implementedOn: today }, 422, ["implementedOn: must be empty until the measure is implemented or verified"]);
    await check({ status: "verified", implementedOn: today, verifiedOn: addDays(today, -1), verificationNote: "Seen on site." }, 422, ["verifiedOn: must not be before implementedOn"]);
    await check({ status: "planned", effectiveness: 4 }, 422, ["effectiveness: may be rated only once the measure is implemented or verified"]);
    await check({ status: "implemented", implementedOn: today, effectiveness: 6 }, 400, ["effectiveness: must be from 1 to 5"]);
    await check({ status: "verified", implementedOn: addDays(today, -3), verifiedOn: today, verificationNote: "Checked on site by the ASC.", effectiveness: 5, effectivenessNote: "No breach since" }, 201, []);
    const lowerCase = await m.send(demo.pcsaMali, "POST", "/api/srm-measures", m.body("Mali", { costAmount: 10, costCurrency: "xof" }));
    expect(lowerCase.json()).toMatchObject({ costAmount: 10, costCurrency: "XOF" });
  });

  it("links a measure to a scenario of an SRM assessment of its area (or of the area above), and to nothing else", async () => {
    const [matrix] = await t.database.query<{ id: string }>("select id from risk_matrices where is_default");
    const lineageId = randomUUID();
    const scenarioKey = randomUUID();
    const [assessment] = await t.database.query<{ id: string }>(
      `insert into srm_assessments (lineage_id, version, place_id, place_path, matrix_id, title, period_from, period_to, review_due_on, author_name)
       select $1, 1, id, path, $2, 'SRM Mali', '2026-01-01', '2026-12-31', '2026-06-30', 'P/C/SA Mali' from places where name = 'Mali' returning id`,
      [lineageId, matrix.id],
    );
    await t.database.query(
      `insert into srm_scenarios (key, assessment_id, threat_category, title, inherent_likelihood, inherent_impact, residual_likelihood, residual_impact)
       values ($1, $2, 'crime', 'Carjacking on the Mopti road', 4, 4, 2, 3)`,
      [scenarioKey, assessment.id],
    );
    const linked = await m.create(demo.ascMopti, "Mopti Security Area", { assessmentLineageId: lineageId, scenarioKey });
    expect(linked).toMatchObject({ assessmentLineageId: lineageId, scenarioKey });

    const wrongScenario = await m.send(demo.pcsaMali, "POST", "/api/srm-measures", m.body("Mali", { assessmentLineageId: lineageId, scenarioKey: randomUUID() }));
    expect(issuesOf(wrongScenario)).toEqual(["scenarioKey: names no scenario of that assessment"]);
    const unknown = await m.send(demo.pcsaMali, "POST", "/api/srm-measures", m.body("Mali", { assessmentLineageId: randomUUID() }));
    expect(issuesOf(unknown)).toEqual(["assessmentLineageId: names no SRM assessment of this area"]);
    const haiti = await m.send(await m.haitiWriter(), "POST", "/api/srm-measures", m.body("Haiti", { assessmentLineageId: lineageId }));
    expect(issuesOf(haiti)).toEqual(["assessmentLineageId: names no SRM assessment of this area"]);
    const keyAlone = await m.send(demo.pcsaMali, "POST", "/api/srm-measures", m.body("Mali", { scenarioKey }));
    expect(issuesOf(keyAlone)).toEqual(["scenarioKey: needs assessmentLineageId, the assessment the scenario belongs to"]);
  });
});

describe("the organisation rule: representatives and focal points change only their own organisation's measures", () => {
  let unicefMeasure: Measure;
  let wfpMeasure: Measure;

  beforeAll(async () => {
    unicefMeasure = await m.create(demo.repUnicefMali, "Mali", { kind: "organisation", organisationId: m.organisation("UNICEF"), category: "vehicles" });
    wfpMeasure = await m.create(demo.pcsaMali, "Mali", { kind: "organisation", organisationId: m.organisation("WFP"), category: "premises" });
  });

  it("lets the UNICEF representative record a UNICEF measure, but not a WFP one nor a baseline or area measure", async () => {
    expect(unicefMeasure).toMatchObject({ organisationCode: "UNICEF", actions: ["update", "delete"] });
    for (const overrides of [{ kind: "organisation", organisationId: m.organisation("WFP") }, { kind: "baseline" }, { kind: "area" }]) {
      const refused = await m.send(demo.repUnicefMali, "POST", "/api/srm-measures", m.body("Mali", overrides));
      expect(refused.statusCode, JSON.stringify(overrides)).toBe(403);
    }
  });

  it("refuses the UNICEF representative's edit of the WFP measure (403), and takes their edit of the UNICEF one", async () => {
    const refused = await m.send(demo.repUnicefMali, "PATCH", `/api/srm-measures/${wfpMeasure.id}`, { ownerName: "Someone else" });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/only measures of your own organisation/);
    expect((await m.send(demo.repUnicefMali, "DELETE", `/api/srm-measures/${wfpMeasure.id}`)).statusCode).toBe(403);

    const edited = await m.send(demo.repUnicefMali, "PATCH", `/api/srm-measures/${unicefMeasure.id}`, { ownerName: "UNICEF fleet manager", status: "in_progress" });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ ownerName: "UNICEF fleet manager", status: "in_progress", category: "vehicles", organisationCode: "UNICEF" });

    const wfpEdit = await m.send(demo.sfpWfpMali, "PATCH", `/api/srm-measures/${wfpMeasure.id}`, { ownerName: "WFP field security officer" });
    expect(wfpEdit.statusCode).toBe(200);
  });

  it("does not let a representative hand their measure to another organisation or make it an area measure", async () => {
    const handOver = await m.send(demo.repUnicefMali, "PATCH", `/api/srm-measures/${unicefMeasure.id}`, { organisationId: m.organisation("WFP") });
    expect(handOver.statusCode).toBe(403);
    const detach = await m.send(demo.repUnicefMali, "PATCH", `/api/srm-measures/${unicefMeasure.id}`, { kind: "area", organisationId: null });
    expect(detach.statusCode).toBe(403);
    const still = await m.send(demo.pcsaMali, "GET", `/api/srm-measures/${unicefMeasure.id}`);
    expect(still.json()).toMatchObject({ organisationCode: "UNICEF", kind: "organisation" });
  });

  it("shows every reader the WFP measure, with the actions each may take", async () => {
    const seen = async (email: string) => (await m.send(email, "GET", `/api/srm-measures/${wfpMeasure.id}`)).json().actions;
    expect(await seen(demo.repUnicefMali)).toEqual([]);
    expect(await seen(demo.sfpWfpMali)).toEqual(["update", "delete"]);
    expect(await seen(demo.doMali)).toEqual([]);
    expect(await seen(demo.pcsaMali)).toEqual(["update", "delete"]);
    expect(await seen(demo.analyst)).toEqual([]);
    // Above the ASC of Mopti: the Designated Area's measures are not in their scope.
    expect((await m.send(demo.ascMopti, "GET", `/api/srm-measures/${wfpMeasure.id}`)).statusCode).toBe(404);
  });
});

describe("changing a measure", () => {
  it("changes only the fields named, checks the result as a whole and audits the difference", async () => {
    const measure = await m.create(demo.pcsaMali, "Bamako Security Area", { costAmount: 300, costCurrency: "USD", description: "Sandbags and blast film" });
    const implemented = await m.send(demo.pcsaMali, "PATCH", `/api/srm-measures/${measure.id}`, { status: "implemented", implementedOn: today, effectiveness: 4 });
    expect(implemented.statusCode, implemented.body).toBe(200);
    expect(implemented.json()).toMatchObject({ status: "implemented", implementedOn: today, effectiveness: 4, costAmount: 300, description: "Sandbags and blast film" });

    const backwards = await m.send(demo.pcsaMali, "PATCH", `/api/srm-measures/${measure.id}`, { status: "in_progress" });
    expect(backwards.statusCode).toBe(422);
    expect(issuesOf(backwards)).toEqual([
      "implementedOn: must be empty until the measure is implemented or verified",
      "effectiveness: may be rated only once the measure is implemented or verified",
    ]);
    const clearCurrency = await m.send(demo.pcsaMali, "PATCH", `/api/srm-measures/${measure.id}`, { costCurrency: null });
    expect(issuesOf(clearCurrency)).toEqual(["costCurrency: is required with a cost amount"]);

    const entries = await auditOf(measure.id);
    expect(entries.map((entry) => entry.action)).toEqual(["create", "update"]);
    expect(entries[1].changes).toEqual({
      status: { from: "planned", to: "implemented" },
      implementedOn: { from: null, to: today },
      effectiveness: { from: null, to: 4 },
    });
  });

  it("keeps a measure in its area: placeId is not a field of a change", async () => {
    const measure = await m.create(demo.pcsaMali, "Mali");
    const moved = await m.send(demo.pcsaMali, "PATCH", `/api/srm-measures/${measure.id}`, { placeId: m.place("Mopti Security Area"), title: "Moved?" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ placeName: "Mali", title: "Moved?" });
  });
});

describe("the list", () => {
  const tag = "Listtag";
  beforeAll(async () => {
    await m.create(demo.pcsaMali, "Mali", { title: `${tag} overdue baseline`, kind: "baseline", category: "medical", dueOn: addDays(today, -2), costAmount: 900, costCurrency: "USD" });
    await m.create(demo.pcsaMali, "Mopti Security Area", { title: `${tag} Mopti radios`, dueOn: addDays(today, 5), costAmount: 50, costCurrency: "USD" });
    await m.create(demo.pcsaMali, "Mali", { title: `${tag} WFP compound`, kind: "organisation", organisationId: m.organisation("WFP"), category: "premises", dueOn: addDays(today, 10), costAmount: 400000, costCurrency: "XOF" });
    await m.create(demo.pcsaMali, "Mali", {
      title: `${tag} done late`,
      dueOn: addDays(today, -9),
      status: "implemented",
      implementedOn: addDays(today, -1),
      ownerName: "Moussa Traoré",
    });
  });

  type Page = { items: Measure[]; total: number };
  const list = async (email: string, query: string): Promise<Page> => {
    const response = await m.send(email, "GET", `/api/srm-measures?q=${tag}&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const titles = (page: Page) => page.items.map((item) => item.title.replace(`${tag} `, ""));

  it("sorts by due date by default and flags what is overdue", async () => {
    const page = await list(demo.pcsaMali, "");
    expect(titles(page)).toEqual(["done late", "overdue baseline", "Mopti radios", "WFP compound"]);
    expect(page.items.map((item) => item.isOverdue)).toEqual([false, true, false, false]);
    expect(page.total).toBe(4);
  });

  it("filters by area (and below), kind, category, status, organisation, overdue and words of the owner's name", async () => {
    expect(titles(await list(demo.pcsaMali, `placeId=${m.place("Mopti Security Area")}`))).toEqual(["Mopti radios"]);
    expect(titles(await list(demo.pcsaMali, "kind=baseline"))).toEqual(["overdue baseline"]);
    expect(titles(await list(demo.pcsaMali, "category=premises"))).toEqual(["WFP compound"]);
    expect(titles(await list(demo.pcsaMali, "status=implemented"))).toEqual(["done late"]);
    expect(titles(await list(demo.pcsaMali, `organisationId=${m.organisation("WFP")}`))).toEqual(["WFP compound"]);
    expect(titles(await list(demo.pcsaMali, "overdue=true"))).toEqual(["overdue baseline"]);
    expect(titles(await list(demo.pcsaMali, "overdue=false"))).toEqual(["done late", "Mopti radios", "WFP compound"]);
    const byOwner = await m.send(demo.pcsaMali, "GET", "/api/srm-measures?q=Moussa%20Traor");
    expect(titles(byOwner.json())).toEqual(["done late"]);
  });

  it("sorts by cost (currency, then amount), title and status in its life order", async () => {
    expect(titles(await list(demo.pcsaMali, "sort=cost"))).toEqual(["Mopti radios", "overdue baseline", "WFP compound", "done late"]);
    // The database's collation orders the titles; descending is ascending reversed.
    const ascending = titles(await list(demo.pcsaMali, "sort=title"));
    expect(ascending).toHaveLength(4);
    expect(titles(await list(demo.pcsaMali, "sort=title&order=desc"))).toEqual([...ascending].reverse());
    expect(titles(await list(demo.pcsaMali, "sort=status&order=desc"))[0]).toBe("done late");
  });

  it("shows the ASC of Mopti only Mopti's measures, and answers 'not found' for an area outside the caller's scope", async () => {
    expect(titles(await list(demo.ascMopti, ""))).toEqual(["Mopti radios"]);
    const haiti = await m.send(demo.repUnicefMali, "GET", `/api/srm-measures?placeId=${m.place("Haiti")}`);
    expect(haiti.statusCode).toBe(404);
    expect((await m.send(demo.wardenBamako, "GET", "/api/srm-measures")).statusCode).toBe(403);
  });

  it("lets the desk officer of Mali read Mali's measures, and change none", async () => {
    const page = await list("desk.mali@vigil.example", "");
    expect(page.total).toBe(4);
    expect(page.items.every((item) => item.actions.length === 0)).toBe(true);
  });
});

describe("evidence", () => {
  const pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
  const upload = (email: string, measureId: string, file: { fileName: string; contentType: string; content: string }) => {
    const part = multipartPayload({ field: "file", ...file });
    return t.request(email, { method: "POST", url: `/api/srm-measures/${measureId}/evidence`, payload: part.payload, headers: { "content-type": part.contentType } });
  };

  it("stores a report, serves it to readers, removes it, and deletes the file with its measure", async () => {
    const measure = await m.create(demo.pcsaMali, "Mali");
    const added = await upload(demo.pcsaMali, measure.id, { fileName: "inspection.pdf", contentType: "application/pdf", content: pdf });
    expect(added.statusCode, added.body).toBe(201);
    const { fileId } = added.json();
    expect(added.json()).toMatchObject({ name: "inspection.pdf", contentType: "application/pdf", size: pdf.length });

    const download = await m.send(demo.repUnicefMali, "GET", `/api/srm-measures/${measure.id}/evidence/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.body).toBe(pdf);
    expect((await m.send(demo.pcsaMali, "GET", `/api/srm-measures/${measure.id}`)).json()).toMatchObject({ evidenceCount: 1, evidence: [{ fileId, name: "inspection.pdf" }] });

    expect((await m.send(demo.repUnicefMali, "DELETE", `/api/srm-measures/${measure.id}/evidence/${fileId}`)).statusCode).toBe(403);
    expect((await m.send(demo.pcsaMali, "DELETE", `/api/srm-measures/${measure.id}/evidence/${fileId}`)).statusCode).toBe(204);
    expect((await m.send(demo.pcsaMali, "GET", `/api/srm-measures/${measure.id}/evidence/${fileId}`)).statusCode).toBe(404);
    expect(await t.database.query("select 1 from files where id = $1", [fileId])).toHaveLength(0);
    expect((await auditOf(measure.id)).map((entry) => entry.action)).toEqual(["create", "evidence_add", "evidence_delete"]);

    const kept = (await upload(demo.pcsaMali, measure.id, { fileName: "photo.txt", contentType: "text/plain", content: "Gate barrier installed." })).json().fileId;
    expect((await m.send(demo.pcsaMali, "DELETE", `/api/srm-measures/${measure.id}`)).statusCode).toBe(204);
    expect(await t.database.query("select 1 from files where id = $1", [kept])).toHaveLength(0);
    expect((await m.send(demo.pcsaMali, "GET", `/api/srm-measures/${measure.id}`)).statusCode).toBe(404);
  });

  it("refuses a file whose content is not what it claims, naming the field", async () => {
    const measure = await m.create(demo.pcsaMali, "Mali");
    const fake = await upload(demo.pcsaMali, measure.id, { fileName: "report.pdf", contentType: "application/pdf", content: "<script>alert(1)</script>" });
    expect(fake.statusCode).toBe(422);
    expect(issuesOf(fake)).toEqual(["file: is not a valid application/pdf file: its content does not match its type"]);
    const program = await upload(demo.pcsaMali, measure.id, { fileName: "tool.exe", contentType: "application/x-msdownload", content: "MZ" });
    expect(issuesOf(program)[0]).toMatch(/^file: must be a PDF/);
  });
});
