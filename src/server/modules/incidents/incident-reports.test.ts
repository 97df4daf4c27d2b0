import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentInput } from "../../../core/incidents/incident.schemas.ts";
import { jiuYearLabel } from "../../../core/incidents/incident-report-jiu.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { analysisFixtures, clearIncidents, bodyFrom, createHaitiAccount, haitiEmail, incidentArbitrary, recordIncident } from "./incident-stats.testing.ts";

/**
 * Acceptance (issue 3, §7): the generated annual report and the JIU table reproduce exact
 * category-by-year counts for a seeded dataset. The dataset is random (fast-check, fixed seed),
 * recorded through the API across years, areas, categories and workflow states; the expected
 * tables are computed here in plain JavaScript from the generated inputs, never by SQL.
 */
let t: TestApp;
const years = [2021, 2022, 2023, 2024];
type Where = { key: string; country: "mali" | "haiti"; area: string; place: (f: Fixtures) => Record<string, unknown> };
type Fixtures = Awaited<ReturnType<typeof analysisFixtures>>;
type Status = "draft" | "submitted" | "verified" | "closed";
type Generated = { input: IncidentInput; where: Where; status: Status };

const station = (name: string, country: "mali" | "haiti", area: string): Where => ({ key: name, country, area, place: (f) => ({ dutyStationId: f.place(name).id }) });
const wheres: Where[] = [
  station("Bamako", "mali", "Bamako Security Area"),
  station("Kati", "mali", "Bamako Security Area"),
  station("Mopti", "mali", "Mopti Security Area"),
  station("Djenné", "mali", "Mopti Security Area"),
  station("Gao", "mali", "Gao"),
  station("Port-au-Prince", "haiti", "Port-au-Prince"),
  station("Jacmel", "haiti", "Jacmel"),
  // Free coordinates near Mopti: resolved to the Mopti Security Area itself, not to a station.
  { key: "near Mopti", country: "mali", area: "Mopti Security Area", place: () => ({ coordinates: { latitude: 14.49, longitude: -4.19 } }) },
];

const generated: Generated[] = fc.sample(
  fc.record({ input: incidentArbitrary(years[0], years.at(-1) as number), where: fc.constantFrom(...wheres), status: fc.constantFrom<Status>("draft", "submitted", "verified", "closed") }),
  { seed: 20260517, numRuns: 80 },
);
// Burglaries of a residence and of an office, with people, so that both JIU burglary rows count someone.
for (const [index, kind] of (["residence", "office"] as const).entries()) {
  const [input] = fc.sample(
    incidentArbitrary(2022, 2023).filter((item) => item.categoryCode === "burglary" && item.peopleAffected.length > 0),
    { seed: 20261207 + index, numRuns: 1 },
  );
  generated.push({ input: { ...input, premisesAffected: [{ kind, description: `Burglary test: ${kind}` }] }, where: wheres[index], status: "verified" });
}

// ----- The expected tables, in plain JavaScript -------------------------------------------

const localDate = (input: IncidentInput) => {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: input.timeZone, year: "numeric", month: "2-digit" }).formatToParts(new Date(input.occurredAt));
  return { year: Number(parts.find((part) => part.type === "year")?.value), month: Number(parts.find((part) => part.type === "month")?.value) };
};
const counted = (keep: (item: Generated) => boolean = () => true) => generated.filter((item) => item.status !== "draft" && keep(item));
// Local dates near New Year fall in the years either side: the JIU tables below cover `years` only.
const inYears = (item: Generated) => years.includes(localDate(item.input).year);
const peopleOf = (input: IncidentInput) => input.peopleAffected.reduce((sum, line) => sum + line.count, 0);

/** category → { incidents, people } for the incidents kept. */
function byCategory(items: Generated[]) {
  const table: Record<string, { incidents: number; people: number }> = {};
  for (const { input } of items) {
    table[input.categoryCode] ??= { incidents: 0, people: 0 };
    table[input.categoryCode].incidents += 1;
    table[input.categoryCode].people += peopleOf(input);
  }
  return table;
}

// JIU 2016 Table 1, written out again: the killed and injured by violence or safety, everyone else by category.
const safetyCategories = ["natural_disaster", "fatality_safety", "injury_safety", "road_traffic_accident", "fire", "aviation_incident", "medical_emergency"];
const jiuCategories = ["abduction", "robbery", "residence_break_in", "aggravated_assault", "sexual_assault", "intimidation", "harassment", "arrest_detention"];
const fatalOrInjury = ["fatality_violence", "fatality_safety", "injury_violence", "injury_safety"];
function expectedJiuRow(categoryCode: string, outcome: string, premises: readonly { kind: string }[]): string {
  const side = safetyCategories.includes(categoryCode) ? "safety" : "violence";
  if (outcome === "killed") return `fatalities_${side}`;
  if (outcome === "injured") return `injuries_${side}`;
  // JIU's row is burglary of a residence; other premises have their own row.
  if (categoryCode === "burglary") return premises.some((item) => item.kind === "residence") ? "burglary_residence" : "burglary_other_premises";
  if (jiuCategories.includes(categoryCode)) return categoryCode;
  if (fatalOrInjury.includes(categoryCode)) return "other";
  return `category:${categoryCode === "vehicle_break_in" ? "theft" : categoryCode}`;
}
function expectedJiu(items: Generated[]) {
  const rows: Record<string, number[]> = {};
  for (const { input } of items) {
    const index = years.indexOf(localDate(input).year);
    if (index === -1) continue;
    for (const line of input.peopleAffected) {
      const row = expectedJiuRow(input.categoryCode, line.outcome, input.premisesAffected);
      rows[row] ??= years.map(() => 0);
      rows[row][index] += line.count;
    }
  }
  return rows;
}

// ----- Recording the dataset through the API ---------------------------------------------

beforeAll(async () => {
  t = await startTestApp();
  await clearIncidents(t);
  const f = await analysisFixtures(t);
  await createHaitiAccount(t, f.place("Haiti").id);
  for (const item of generated) {
    const email = item.where.country === "mali" ? demo.pcsaMali : haitiEmail;
    const body = bodyFrom(item.input, item.where.place(f), f.organisations);
    if (item.input.categoryCode === "sexual_assault") body.description = "SECRET NARRATIVE of a sexual assault";
    await recordIncident(t, email, body, item.status);
  }
}, 300_000);
afterAll(() => t.close());

const report = async (email: string, query: string) => {
  const response = await t.request(email, { method: "GET", url: `/api/incidents/reports/${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response;
};
const tableOf = (rows: { categoryCode: string; incidents: { current: number }; people: { current: number } }[]) =>
  Object.fromEntries(
    rows.filter((row) => row.incidents.current + row.people.current > 0).map((row) => [row.categoryCode, { incidents: row.incidents.current, people: row.people.current }]),
  );

describe("the generated reports reproduce a seeded dataset exactly", () => {
  it("generated a dataset spread over every year, several areas, categories and states", () => {
    const counts = new Set(counted().map((item) => localDate(item.input).year));
    for (const year of years) expect(counts.has(year), String(year)).toBe(true);
    expect(new Set(generated.map((item) => item.where.key)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(generated.map((item) => item.input.categoryCode)).size).toBeGreaterThanOrEqual(15);
    expect(generated.some((item) => item.status === "draft")).toBe(true);
  });

  it("annual report: incidents and people by category, year by year, with the previous year", async () => {
    for (const year of years) {
      const body = (await report(demo.analyst, `periodic?period=year&year=${year}&lang=en`)).json();
      const expected = byCategory(counted((item) => localDate(item.input).year === year));
      expect(tableOf(body.byCategory), `year ${year}`).toEqual(expected);
      expect(body.totals.incidents.current).toBe(Object.values(expected).reduce((sum, row) => sum + row.incidents, 0));
      const previous = counted((item) => localDate(item.input).year === year - 1).length;
      expect(body.totals.incidents.previous).toBe(previous);
      expect(body.totals.incidents.yearEarlier).toBe(previous);
    }
  });

  it("quarterly report: the quarter, the previous quarter and the same quarter a year earlier", async () => {
    const inQuarter = (year: number, quarter: number) => (item: Generated) => {
      const date = localDate(item.input);
      return date.year === year && Math.ceil(date.month / 3) === quarter;
    };
    const body = (await report(demo.analyst, "periodic?period=quarter&year=2023&quarter=1")).json();
    expect(tableOf(body.byCategory)).toEqual(byCategory(counted(inQuarter(2023, 1))));
    expect(body.totals.incidents).toEqual({
      current: counted(inQuarter(2023, 1)).length,
      previous: counted(inQuarter(2022, 4)).length,
      yearEarlier: counted(inQuarter(2022, 1)).length,
    });
  });

  it("JIU table: personnel affected by row and year, with the total row", async () => {
    const body = (await report(demo.analyst, `jiu-table?fromYear=${years[0]}&toYear=${years.at(-1)}`)).json();
    expect(body.years).toEqual(years);
    const expected = expectedJiu(counted(inYears));
    const shown = Object.fromEntries((body.rows as { code: string; cells: number[] }[]).map((row) => [row.code, row.cells]));
    for (const [code, cells] of Object.entries(shown)) expect(cells, code).toEqual(expected[code] ?? years.map(() => 0));
    for (const [code, cells] of Object.entries(expected)) expect(shown[code], code).toEqual(cells);
    const everyone = years.map((year) => counted((item) => localDate(item.input).year === year).reduce((sum, item) => sum + peopleOf(item.input), 0));
    expect(body.totalRow.cells).toEqual(everyone);
    // The dataset exercises both burglary rows, so the split by premises is really tested.
    expect(shown.burglary_residence.some((cell) => cell > 0)).toBe(true);
    expect(shown.burglary_other_premises.some((cell) => cell > 0)).toBe(true);
    expect(body.yearLabels).toEqual(years.map(String));
  });

  it("JIU table: the year in progress says which part of the year it covers", async () => {
    const before = new Date().toISOString().slice(0, 10);
    const body = (await report(demo.analyst, `jiu-table?lang=fr`)).json();
    const after = new Date().toISOString().slice(0, 10);
    const thisYear = Number(after.slice(0, 4));
    expect(body.years.at(-1)).toBe(thisYear);
    expect([jiuYearLabel(thisYear, before, "fr"), jiuYearLabel(thisYear, after, "fr")]).toContain(body.yearLabels.at(-1));
    expect(body.yearLabels.at(-1)).toMatch(/^\d{4} \(janvier – /);
    const csv = parse((await report(demo.analyst, "jiu-table?format=csv&lang=fr")).body, { bom: true }) as string[][];
    expect(csv[0].at(-2)).toBe(body.yearLabels.at(-1));
  });

  it("keeps to the caller's scope and to the place asked for (live below a Security Area)", async () => {
    const inMopti = (item: Generated) => item.where.area === "Mopti Security Area";
    const year = 2023;
    const ofYear = (keep: (item: Generated) => boolean) => byCategory(counted((item) => keep(item) && localDate(item.input).year === year));
    const asc = (await report(demo.ascMopti, `periodic?period=year&year=${year}`)).json();
    expect(tableOf(asc.byCategory)).toEqual(ofYear(inMopti));
    const area = (await report(demo.pcsaMali, `periodic?period=year&year=${year}&placeId=${(await analysisFixtures(t)).place("Mopti Security Area").id}`)).json();
    expect(area.source).toBe("rollup");
    expect(area.scope.name).toBe("Mopti Security Area");
    expect(tableOf(area.byCategory)).toEqual(ofYear(inMopti));
    const station = (await report(demo.pcsaMali, `jiu-table?fromYear=2021&toYear=2024&placeId=${(await analysisFixtures(t)).place("Mopti").id}`)).json();
    expect(station.source).toBe("live");
    expect(station.totalRow.total).toBe(counted((item) => item.where.key === "Mopti" && inYears(item)).reduce((sum, item) => sum + peopleOf(item.input), 0));
    const mali = (await report(demo.doMali, `jiu-table?fromYear=2021&toYear=2024`)).json();
    expect(mali.totalRow.total).toBe(counted((item) => item.where.country === "mali" && inYears(item)).reduce((sum, item) => sum + peopleOf(item.input), 0));
    const haiti = await t.request(demo.ascMopti, { method: "GET", url: `/api/incidents/reports/periodic?period=year&year=2023&placeId=${(await analysisFixtures(t)).place("Haiti").id}` });
    expect(haiti.statusCode).toBe(404);
    // A country-named Designated Area is named in the report's language, in the PDF's scope line too (issue 12 §3.7).
    const haitiPlace = (await analysisFixtures(t)).place("Haiti").id;
    expect((await report(demo.analyst, `jiu-table?fromYear=2021&toYear=2024&placeId=${haitiPlace}&lang=fr`)).json().scope.name).toBe("Haïti");
    expect((await report(demo.analyst, `jiu-table?fromYear=2021&toYear=2024&placeId=${haitiPlace}&lang=en`)).json().scope.name).toBe("Haiti");
  });

  it("downloads CSV and PDF, in English or French, as attachments", async () => {
    const csv = await report(demo.analyst, "jiu-table?fromYear=2021&toYear=2024&format=csv&lang=fr");
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="personnel-affected-2021-2024-system-wide.csv"');
    const rows = parse(csv.body, { bom: true }) as string[][];
    const json = (await report(demo.analyst, "jiu-table?fromYear=2021&toYear=2024&lang=fr")).json();
    expect(rows[0]).toEqual(["Catégorie", "2021", "2022", "2023", "2024", "Total"]);
    expect(rows.slice(1)).toEqual([...json.rows, json.totalRow].map((row: { label: string; cells: number[]; total: number }) => [row.label, ...row.cells.map(String), String(row.total)]));
    expect(rows[1][0]).toBe("Décès résultant d'actes de violence");

    const periodicCsv = await report(demo.analyst, "periodic?period=quarter&year=2023&quarter=2&format=csv");
    expect(periodicCsv.headers["content-disposition"]).toBe('attachment; filename="incident-report-2023-Q2-system-wide.csv"');
    expect((parse(periodicCsv.body, { bom: true }) as string[][])[0]).toEqual(["Section", "Code", "Label", "Measure", "2023 Q2", "2023 Q1", "2022 Q2"]);
    // Readable headers in the reader's language, quarters as T1–T4 in French; codes for machines (issue 12 §3.7, §3.8).
    const frenchCsv = await report(demo.analyst, "periodic?period=quarter&year=2023&quarter=2&format=csv&lang=fr");
    expect(frenchCsv.body.startsWith("\uFEFF")).toBe(true);
    expect((parse(frenchCsv.body, { bom: true }) as string[][])[0]).toEqual(["Section", "Code", "Libellé", "Mesure", "T2 2023", "T1 2023", "T2 2022"]);
    const codesCsv = await report(demo.analyst, "periodic?period=quarter&year=2023&quarter=2&format=csv&lang=fr&headers=codes");
    expect((parse(codesCsv.body, { bom: true }) as string[][])[0].slice(0, 4)).toEqual(["section", "code", "label", "measure"]);

    for (const query of ["periodic?period=year&year=2023&format=pdf&lang=fr", "jiu-table?fromYear=2021&toYear=2024&format=pdf"]) {
      const pdf = await report(demo.analyst, query);
      expect(pdf.headers["content-type"]).toBe("application/pdf");
      expect(pdf.headers["content-disposition"]).toMatch(/^attachment; filename="[a-z0-9-]+\.pdf"$/);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
      expect(pdf.rawPayload.length).toBeGreaterThan(1500);
    }
  });

  it("never shows a sexual assault's narrative, in any format", async () => {
    for (const query of ["periodic?period=year&year=2023", "periodic?period=year&year=2023&format=csv", "jiu-table?format=csv", "jiu-table"]) {
      expect((await report(demo.analyst, query)).body).not.toContain("SECRET NARRATIVE");
    }
  });

  it("names the field of a quarterly report without its quarter", async () => {
    const response = await t.request(demo.analyst, { method: "GET", url: "/api/incidents/reports/periodic?period=quarter&year=2023" });
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "quarter", message: "is required for a quarterly report: 1 to 4" }]);
  });
});
