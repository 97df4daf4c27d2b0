import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { measureCsvColumns } from "./measures-export.service.ts";
import { type Measure, measureSupport } from "./measures-test-support.ts";

/** The CSV export of the measures list, and the cross-country view of implemented measures. */
let t: TestApp;
let m: Awaited<ReturnType<typeof measureSupport>>;
const today = todayIso();
const implemented = (days: number, effectiveness: number | null, costAmount: number | null, costCurrency: string | null) => ({
  status: "implemented",
  dueOn: addDays(today, -days - 5),
  implementedOn: addDays(today, -days),
  effectiveness,
  costAmount,
  costCurrency,
});

beforeAll(async () => {
  t = await startTestApp();
  m = await measureSupport(t);
});
afterAll(() => t.close());

describe("the CSV export", () => {
  let measure: Measure;
  beforeAll(async () => {
    measure = await m.create(demo.pcsaMali, "Mopti Security Area", {
      title: "Exporttag armoured vehicle",
      category: "vehicles",
      description: "Two B6 vehicles, shared by the agencies",
      ownerName: "Fleet manager",
      dueOn: addDays(today, -3),
      costAmount: 180000.5,
      costCurrency: "USD",
    });
    await m.create(demo.pcsaMali, "Mali", { title: "=HYPERLINK(\"http://evil.example\") Exporttag", category: "training_briefing" });
    await m.create(await m.haitiWriter(), "Haiti", { title: "Exporttag Haiti radios" });
  });

  const exported = async (email: string, query: string) => {
    // Column codes (for machines) unless a test asks for the readable headers.
    const response = await m.send(email, "GET", `/api/srm-measures/export.csv?${query.includes("headers=") ? query : `headers=codes&${query}`}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="srm-measures.csv"');
    // People's CSV downloads start with a UTF-8 byte-order mark (issue 12 §3.8).
    expect(response.body.startsWith("\uFEFF")).toBe(true);
    const rows = parse(response.body, { columns: true, bom: true }) as Record<string, string>[];
    return { header: response.body.slice(1).split("\n")[0], rows: rows.filter((row) => row.title.includes("Exporttag")) };
  };

  it("writes the filtered measures of the caller's areas, with English column names and the labels in English", async () => {
    const { header, rows } = await exported(demo.pcsaMali, "");
    expect(header).toBe(measureCsvColumns.join(","));
    expect(rows.map((row) => row.title).sort()).toEqual(["'=HYPERLINK(\"http://evil.example\") Exporttag", "Exporttag armoured vehicle"]);
    expect(rows.find((row) => row.id === measure.id)).toEqual({
      id: measure.id,
      designated_area: "Mali",
      area: "Mopti Security Area",
      kind_code: "area",
      kind: "Area",
      category_code: "vehicles",
      category: "Vehicles",
      organisation: "",
      title: "Exporttag armoured vehicle",
      description: "Two B6 vehicles, shared by the agencies",
      owner: "Fleet manager",
      due_on: addDays(today, -3),
      status_code: "planned",
      status: "Planned",
      overdue: "true",
      implemented_on: "",
      verified_on: "",
      cost_amount: "180000.50",
      cost_currency: "USD",
      effectiveness: "",
      effectiveness_note: "",
      evidence_files: "0",
      assessment_lineage_id: "",
      scenario_key: "",
    });
  });

  it("applies the list's filters, and answers 'not found' for an area outside the caller's scope", async () => {
    const { rows } = await exported(demo.pcsaMali, "category=vehicles&overdue=true");
    expect(rows.map((row) => row.id)).toEqual([measure.id]);
    expect((await exported(demo.ascMopti, "")).rows.map((row) => row.id)).toEqual([measure.id]);
    expect((await exported(demo.analyst, `placeId=${m.place("Haiti")}`)).rows.map((row) => row.title)).toEqual(["Exporttag Haiti radios"]);
    expect((await m.send(demo.pcsaMali, "GET", `/api/srm-measures/export.csv?placeId=${m.place("Haiti")}`)).statusCode).toBe(404);
  });

  it("labels in French when asked, and by default in the caller's own language", async () => {
    const asked = (await exported(demo.pcsaMali, "lang=fr&category=vehicles")).rows[0];
    expect(asked).toMatchObject({ kind: "Zone", category: "Véhicules", status: "Prévue", category_code: "vehicles" });
    expect((await m.send(demo.doMali, "PATCH", "/api/auth/me", { locale: "fr" })).statusCode).toBe(200);
    const { header, rows } = await exported(demo.doMali, "category=vehicles");
    expect(header).toBe(measureCsvColumns.join(","));
    expect(rows[0]).toMatchObject({ category: "Véhicules", status: "Prévue" });
  });

  it("gives people readable headers in their language by default, with a byte-order mark (issue 12 §3.8)", async () => {
    const french = await m.send(demo.pcsaMali, "GET", "/api/srm-measures/export.csv?lang=fr&category=vehicles");
    expect(french.body.startsWith("\uFEFF")).toBe(true);
    const header = french.body.slice(1).split("\n")[0];
    expect(header).toMatch(/^Identifiant,Zone désignée,Zone,Type \(code\),Type,Catégorie \(code\),Catégorie,Organisation,Mesure,/);
    expect(header).toContain("Échéance,Statut (code),Statut,En retard,Mise en œuvre le");
    const [row] = (parse(french.body, { columns: true, bom: true }) as Record<string, string>[]).filter((line) => line.Mesure.includes("Exporttag"));
    expect(row).toMatchObject({ Identifiant: measure.id, Catégorie: "Véhicules", Statut: "Prévue", Coût: "180000.50" });
    const english = await m.send(demo.pcsaMali, "GET", "/api/srm-measures/export.csv?lang=en&headers=names");
    expect(english.body.slice(1).split("\n")[0]).toMatch(/^ID,Designated area,Area,Kind \(code\),Kind,/);
    expect((await m.send(demo.pcsaMali, "GET", "/api/srm-measures/export.csv?headers=labels")).statusCode).toBe(400);
  });
});

describe("the cross-country view", () => {
  const tag = "Comparetag";
  beforeAll(async () => {
    const haiti = await m.haitiWriter();
    await m.create(demo.pcsaMali, "Mali", { title: `${tag} Mali HF network`, ...implemented(10, 4, 100, "USD") });
    await m.create(demo.ascMopti, "Mopti Security Area", { title: `${tag} Mopti HF network`, ...implemented(20, 2, 1000, "USD"), ownerName: "Secret Owner Name" });
    await m.create(haiti, "Haiti", { title: `${tag} Haiti VHF repeaters`, ...implemented(5, 5, 300, "USD"), description: "Repeaters on two hills" });
    await m.create(haiti, "Haiti", { title: `${tag} Haiti radio room`, ...implemented(3, null, 25000, "HTG") });
    await m.create(haiti, "Haiti", { title: `${tag} Haiti guard force`, category: "premises", ...implemented(1, 3, null, null) });
    await m.create(demo.repUnicefMali, "Mali", { title: `${tag} UNICEF armoured car`, kind: "organisation", organisationId: m.organisation("UNICEF"), category: "vehicles", ...implemented(2, 5, 90000, "USD") });
    // Not implemented: never shown.
    await m.create(haiti, "Haiti", { title: `${tag} Haiti satellite phones (planned)` });
    await m.create(demo.pcsaMali, "Mali", { title: `${tag} Mali tracking (in progress)`, status: "in_progress" });
  });

  type View = {
    items: { id: string; title: string; areaName: string; designatedAreaName: string; countryCode: string; organisationCode: string | null; effectiveness: number | null }[];
    total: number;
    summary: { category: string; count: number; areas: number; averageEffectiveness: number | null; medianCost: { currency: string; median: number; count: number }[] }[];
  };
  const view = async (email: string, query = ""): Promise<View> => {
    const response = await m.send(email, "GET", `/api/srm-measures/compare?q=${tag}&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const titles = (result: View) => result.items.map((item) => item.title.replace(`${tag} `, ""));

  it("shows a Mali representative the implemented measures of Haiti too, without anyone's name", async () => {
    const result = await view(demo.repUnicefMali);
    expect(titles(result)).toEqual(["Haiti guard force", "UNICEF armoured car", "Haiti radio room", "Haiti VHF repeaters", "Mali HF network", "Mopti HF network"]);
    expect(result.total).toBe(6);
    const haiti = result.items.find((item) => item.title.includes("VHF"));
    expect(haiti).toMatchObject({ areaName: "Haiti", designatedAreaName: "Haiti", countryCode: "HT", organisationCode: null, effectiveness: 5 });
    expect(result.items.find((item) => item.title.includes("Mopti"))).toMatchObject({ areaName: "Mopti Security Area", designatedAreaName: "Mali", countryCode: "ML" });
    const response = await m.send(demo.repUnicefMali, "GET", `/api/srm-measures/compare?q=${tag}`);
    expect(response.body).not.toContain("Secret Owner Name");
    expect(response.body).not.toContain("ownerName");
    expect((await m.send(demo.wardenBamako, "GET", "/api/srm-measures/compare")).statusCode).toBe(403);
  });

  it("sums up each category: count, areas, average effectiveness and median cost per currency", async () => {
    const { summary } = await view(demo.doMali);
    expect(summary).toEqual([
      {
        category: "telecoms",
        count: 4,
        areas: 3,
        averageEffectiveness: 3.67,
        medianCost: [
          { currency: "HTG", median: 25000, count: 1 },
          { currency: "USD", median: 300, count: 3 },
        ],
      },
      { category: "vehicles", count: 1, areas: 1, averageEffectiveness: 5, medianCost: [{ currency: "USD", median: 90000, count: 1 }] },
      { category: "premises", count: 1, areas: 1, averageEffectiveness: 3, medianCost: [] },
    ]);
  });

  it("filters by country, category, kind, currency and effectiveness, and sorts by cost or effectiveness", async () => {
    expect(titles(await view(demo.doMali, "countryCode=ht"))).toEqual(["Haiti guard force", "Haiti radio room", "Haiti VHF repeaters"]);
    expect(titles(await view(demo.doMali, "category=vehicles"))).toEqual(["UNICEF armoured car"]);
    expect(titles(await view(demo.doMali, "kind=organisation"))).toEqual(["UNICEF armoured car"]);
    expect(titles(await view(demo.doMali, "minEffectiveness=4&sort=effectiveness"))).toEqual(["UNICEF armoured car", "Haiti VHF repeaters", "Mali HF network"]);
    expect(titles(await view(demo.doMali, "currency=USD&sort=cost&order=asc"))).toEqual(["Mali HF network", "Haiti VHF repeaters", "Mopti HF network", "UNICEF armoured car"]);
    const byDescription = await m.send(demo.doMali, "GET", "/api/srm-measures/compare?q=Repeaters%20on%20two");
    expect(byDescription.json().items.map((item: { title: string }) => item.title)).toEqual([`${tag} Haiti VHF repeaters`]);
    const paged = await view(demo.doMali, "pageSize=2&page=2");
    expect(paged).toMatchObject({ total: 6 });
    expect(titles(paged)).toEqual(["Haiti radio room", "Haiti VHF repeaters"]);
    const bad = await m.send(demo.doMali, "GET", "/api/srm-measures/compare?minEffectiveness=9&countryCode=XX");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((issue: { field: string }) => issue.field).sort()).toEqual(["countryCode", "minEffectiveness"]);
  });
});
