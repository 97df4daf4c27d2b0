import type { ReportLanguage } from "../../../core/incidents/incident-report-labels.ts";
import { word } from "../../../core/incidents/incident-report-labels.ts";
import { type Trio, reportSexes, sexLabel } from "../../../core/incidents/incident-report-periodic.ts";
import { type Doc, formatNumber, generatedAt, header, newDocument, pageNumbers, printable, table } from "../../platform/pdf/pdf-kit.ts";
import { comparedPeriods } from "./incident-reports.csv.ts";
import type { JiuTableReport, PeriodicReport } from "./incident-reports.service.ts";

/**
 * The generated incident reports as PDF (A4), streamed as pdfkit writes them: title, scope,
 * period and generation time, then the tables (platform/pdf draws them).
 */

export async function periodicReportPdf(report: PeriodicReport): Promise<Doc> {
  const lang = report.lang as ReportLanguage;
  const doc = await newDocument(report.title, "portrait", lang);
  const periods = comparedPeriods(report);
  const n = (value: number) => formatNumber(lang, value);
  const trio = (value: Trio) => periods.map((period) => n(value[period.key]));
  const periodHeaders = periods.map((period) => ({ header: period.label, width: 62 }));
  header(
    doc,
    report.title,
    [
      [word("scope", lang), report.scope.name],
      [word("period", lang), `${report.period.label} (${report.period.from} – ${report.period.to})`],
      [word("previousPeriod", lang), report.previousPeriod.label],
      ...(report.kind === "quarter" ? ([[word("yearEarlier", lang), report.yearEarlier.label]] as [string, string][]) : []),
      [word("generatedAt", lang), generatedAt(lang, report.generatedAt)],
    ],
    word("countingRule", lang),
  );
  const t = report.totals;
  table(doc, word("totals", lang), [{ header: "" }, ...periodHeaders], [
    [word("incidents", lang), ...trio(t.incidents)],
    [word("affectingUn", lang), ...trio(t.affectingUn)],
    [word("people", lang), ...trio(t.people)],
    [word("killed", lang), ...trio(t.killed)],
    [word("injured", lang), ...trio(t.injured)],
  ]);
  if (report.byCategory.length === 0) {
    doc.font("Helvetica").fontSize(10).text(printable(word("none", lang)));
  } else {
    const withPeople = (rows: { label: string; incidents: Trio; people: Trio }[]) => rows.map((row) => [row.label, ...trio(row.incidents), n(row.people.current)]);
    const countColumns = [...periodHeaders, { header: `${word("people", lang)} ${report.period.label}`, width: 84 }];
    table(doc, word("violenceSafety", lang), [{ header: "" }, ...countColumns], withPeople(report.violenceSafety));
    table(doc, word("byGroup", lang), [{ header: word("group", lang) }, ...countColumns], withPeople(report.byGroup));
    table(doc, word("byCategory", lang), [{ header: word("category", lang) }, ...countColumns], withPeople(report.byCategory));
    table(doc, word("byArea", lang), [{ header: word("area", lang) }, ...countColumns], withPeople(report.byArea.map((row) => ({ ...row, label: row.name }))));
    if (report.peopleByOutcome.length > 0) {
      table(doc, word("people", lang), [{ header: word("outcome", lang) }, ...periodHeaders], report.peopleByOutcome.map((row) => [row.label, ...trio(row.people)]));
    }
    if (report.peopleByOutcomeDetail.length > 0) {
      table(
      doc,
      `${word("peopleByOutcome", lang)} — ${report.period.label}`,
      [
        { header: word("outcome", lang), align: "left" },
        { header: word("recruitmentType", lang), width: 130, align: "left" },
        ...reportSexes.map((sex) => ({ header: sexLabel(sex, lang), width: 46 })),
        { header: word("total", lang), width: 46 },
      ],
      report.peopleByOutcomeDetail.map((row) => [row.outcomeLabel, row.recruitmentTypeLabel, ...reportSexes.map((sex) => n(row.bySex[sex] ?? 0)), n(row.total)]),
      );
    }
  }
  pageNumbers(doc, `${report.title} — ${report.scope.name} — ${report.period.label}`);
  doc.end();
  return doc;
}

export async function jiuTablePdf(report: JiuTableReport): Promise<Doc> {
  const lang = report.lang as ReportLanguage;
  const isWide = report.years.length > 6;
  const doc = await newDocument(report.title, isWide ? "landscape" : "portrait", lang);
  const n = (value: number) => formatNumber(lang, value);
  header(doc, report.title, [
    [word("scope", lang), report.scope.name],
    [word("years", lang), report.fromYear === report.toYear ? String(report.fromYear) : `${report.fromYear} – ${report.toYear}`],
    [word("generatedAt", lang), generatedAt(lang, report.generatedAt)],
  ], word("jiuRule", lang));
  const available = doc.page.width - 80 - 170;
  const width = Math.min(56, Math.floor(available / (report.years.length + 1)));
  table(
    doc,
    word("people", lang),
    [{ header: word("category", lang) }, ...report.yearLabels.map((label) => ({ header: label, width })), { header: word("total", lang), width }],
    [...report.rows, report.totalRow].map((row) => [row.label, ...row.cells.map(n), n(row.total)]),
    { fontSize: report.years.length > 14 ? 6.5 : 8.5, boldLast: true },
  );
  pageNumbers(doc, `${report.title} — ${report.scope.name}`);
  doc.end();
  return doc;
}
