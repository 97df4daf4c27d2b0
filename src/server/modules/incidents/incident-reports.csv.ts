import { Readable, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import { type HeaderNames, type HeaderStyle, headerRow } from "../../../core/language/csv-headers.ts";
import { type ReportLanguage, word } from "../../../core/incidents/incident-report-labels.ts";
import { type Trio, reportSexes, sexLabel } from "../../../core/incidents/incident-report-periodic.ts";
import type { JiuTableReport, PeriodicReport } from "./incident-reports.service.ts";

// A cell starting with = + - @ (or a tab or carriage return) runs as a formula in a spreadsheet
// (OWASP "CSV injection"); place names are typed by users, so every text cell is neutralised.
const formulaStart = /^[=+\-@\t\r]/;
const neutralise = (value: string | number) => (typeof value === "string" && formulaStart.test(value) ? `'${value}` : value);

function csvStream(rows: (string | number)[][]): Readable {
  // No byte-order mark here: sendDownload adds it to every CSV download.
  return pipeline(Readable.from(rows.map((row) => row.map(neutralise))), stringify(), () => {});
}

/** The periods a report's tables compare: an annual report's previous period is its year earlier, shown once. */
export function comparedPeriods(report: PeriodicReport): { key: keyof Trio; label: string }[] {
  const columns: { key: keyof Trio; label: string }[] = [
    { key: "current", label: report.period.label },
    { key: "previous", label: report.previousPeriod.label },
  ];
  if (report.kind === "quarter") columns.push({ key: "yearEarlier", label: report.yearEarlier.label });
  return columns;
}

const periodicColumns = ["section", "code", "label", "measure"] as const;
const periodicHeaderNames: HeaderNames<(typeof periodicColumns)[number]> = {
  section: { en: "Section", fr: "Section" },
  code: { en: "Code", fr: "Code" },
  label: { en: "Label", fr: "Libellé" },
  measure: { en: "Measure", fr: "Mesure" },
};

/**
 * The quarterly or annual report as one long table (section, code, label, measure, then one
 * column per compared period), which a spreadsheet can pivot back into any of the PDF's tables.
 * Headers are readable in the report's language, or the column codes (`headers=codes`); the
 * section, code and measure cells stay codes either way: they are the pivot's keys.
 */
export function periodicReportCsv(report: PeriodicReport, headers: HeaderStyle = "names"): Readable {
  const lang = report.lang as ReportLanguage;
  const periods = comparedPeriods(report);
  const rows: (string | number)[][] = [[...headerRow(periodicColumns, periodicHeaderNames, lang, headers), ...periods.map((period) => period.label)]];
  const add = (section: string, code: string, label: string, measure: string, trio: Trio) => rows.push([section, code, label, measure, ...periods.map((period) => trio[period.key])]);
  const totals = report.totals;
  add("totals", "incidents", word("incidents", lang), "incidents", totals.incidents);
  add("totals", "affecting_un", word("affectingUn", lang), "incidents", totals.affectingUn);
  add("totals", "people", word("people", lang), "people", totals.people);
  add("totals", "killed", word("killed", lang), "people", totals.killed);
  add("totals", "injured", word("injured", lang), "people", totals.injured);
  for (const row of report.byGroup) {
    add("group", row.group, row.label, "incidents", row.incidents);
    add("group", row.group, row.label, "people", row.people);
  }
  for (const row of report.byCategory) {
    add("category", row.categoryCode, row.label, "incidents", row.incidents);
    add("category", row.categoryCode, row.label, "people", row.people);
  }
  for (const row of report.violenceSafety) {
    add("violence_safety", row.kind, row.label, "incidents", row.incidents);
    add("violence_safety", row.kind, row.label, "people", row.people);
  }
  for (const row of report.peopleByOutcome) add("outcome", row.outcome, row.label, "people", row.people);
  for (const row of report.peopleByOutcomeDetail) {
    for (const sex of reportSexes) {
      const count = row.bySex[sex] ?? 0;
      if (count === 0) continue;
      rows.push([
        "outcome_recruitment_sex",
        `${row.outcome}|${row.recruitmentType}|${sex}`,
        `${row.outcomeLabel} · ${row.recruitmentTypeLabel} · ${sexLabel(sex, lang)}`,
        "people",
        count,
        ...periods.slice(1).map(() => ""),
      ]);
    }
  }
  for (const row of report.byArea) {
    add("area", row.placeId ?? "", row.name, "incidents", row.incidents);
    add("area", row.placeId ?? "", row.name, "people", row.people);
  }
  return csvStream(rows);
}

/** JIU Table 1: one row per category, one column per year, then the total. */
export function jiuTableCsv(report: JiuTableReport): Readable {
  const lang = report.lang as ReportLanguage;
  const rows: (string | number)[][] = [[word("category", lang), ...report.yearLabels, word("total", lang)]];
  for (const row of [...report.rows, report.totalRow]) rows.push([row.label, ...row.cells, row.total]);
  return csvStream(rows);
}
