import PDFDocument from "pdfkit";
import { type ReportLanguage, word } from "../../../core/incidents/incident-report-labels.ts";
import { type Trio, reportSexes, sexLabel } from "../../../core/incidents/incident-report-periodic.ts";
import { comparedPeriods } from "./incident-reports.csv.ts";
import type { JiuTableReport, PeriodicReport } from "./incident-reports.service.ts";

/**
 * The generated reports as PDF (A4), streamed as pdfkit writes them: title, scope, period and
 * generation time, then the tables, with the header row repeated on each new page. The standard
 * PDF fonts carry Western European characters only (WinAnsi): others are shown as "?".
 */
type Doc = InstanceType<typeof PDFDocument>;
type Column = { header: string; width?: number; align?: "left" | "right" };

const winAnsiExtras = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const printable = (text: string) =>
  [...text.replace(/[\u202f\u00a0]/g, " ")].map((char) => (char.charCodeAt(0) <= 0xff || winAnsiExtras.has(char) ? char : "?")).join("");

const numberFormat = (lang: ReportLanguage) => new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB");
const formatNumber = (lang: ReportLanguage, value: number) => printable(numberFormat(lang).format(value));

function generatedAt(lang: ReportLanguage, iso: string) {
  const text = new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
  return `${printable(text)} UTC`;
}

function newDocument(title: string, layout: "portrait" | "landscape"): Doc {
  return new PDFDocument({ size: "A4", layout, margin: 40, bufferPages: true, info: { Title: printable(title), Creator: "Vigil" } });
}

function header(doc: Doc, title: string, lines: [string, string][], note?: string) {
  doc.font("Helvetica-Bold").fontSize(16).fillColor("#1b3a57").text(printable(title));
  doc.moveDown(0.4);
  doc.fontSize(9.5).fillColor("#000");
  for (const [label, value] of lines) {
    doc.font("Helvetica-Bold").text(`${printable(label)}: `, { continued: true }).font("Helvetica").text(printable(value));
  }
  if (note) {
    doc.moveDown(0.4);
    doc.font("Helvetica-Oblique").fontSize(8).fillColor("#444").text(printable(note));
  }
  doc.fillColor("#000").moveDown(0.8);
}

/** A table: the first column takes the width the others leave. Breaks pages, repeating its header. */
function table(doc: Doc, title: string, columns: Column[], rows: string[][], options: { fontSize?: number; boldLast?: boolean } = {}) {
  const fontSize = options.fontSize ?? 8.5;
  const left = doc.page.margins.left;
  const available = doc.page.width - left - doc.page.margins.right;
  const fixed = columns.slice(1).reduce((sum, column) => sum + (column.width ?? 60), 0);
  const widths = [Math.max(80, available - fixed), ...columns.slice(1).map((column) => column.width ?? 60)];
  const bottom = () => doc.page.height - doc.page.margins.bottom - 16;
  const padding = 3;

  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(fontSize);
    return Math.max(...cells.map((cell, index) => doc.heightOfString(printable(cell), { width: widths[index] - 2 * padding }))) + 2 * padding;
  };
  const drawRow = (cells: string[], font: string, fill?: string) => {
    const height = rowHeight(cells, font);
    if (doc.y + height > bottom()) doc.addPage();
    const top = doc.y;
    if (fill) doc.rect(left, top, widths.reduce((a, b) => a + b, 0), height).fill(fill).fillColor("#000");
    let x = left;
    doc.font(font).fontSize(fontSize);
    cells.forEach((cell, index) => {
      doc.text(printable(cell), x + padding, top + padding, { width: widths[index] - 2 * padding, align: columns[index]?.align ?? (index === 0 ? "left" : "right") });
      x += widths[index];
    });
    doc.moveTo(left, top + height).lineTo(x, top + height).lineWidth(0.3).strokeColor("#c8d0d8").stroke();
    doc.x = left;
    doc.y = top + height;
  };

  const headerCells = columns.map((column) => column.header);
  // Never a title and header alone at the foot of a page: keep them with the first row.
  const opening = 24 + rowHeight(headerCells, "Helvetica-Bold") + (rows[0] ? rowHeight(rows[0], "Helvetica") : 0);
  if (doc.y + opening > bottom()) doc.addPage();
  doc.font("Helvetica-Bold").fontSize(11).fillColor("#1b3a57").text(printable(title), left, doc.y);
  doc.fillColor("#000").moveDown(0.3);
  drawRow(headerCells, "Helvetica-Bold", "#e8eef4");
  rows.forEach((cells, index) => {
    if (doc.y + rowHeight(cells, "Helvetica") > bottom()) {
      doc.addPage();
      drawRow(headerCells, "Helvetica-Bold", "#e8eef4");
    }
    const isLast = index === rows.length - 1 && options.boldLast;
    drawRow(cells, isLast ? "Helvetica-Bold" : "Helvetica");
  });
  doc.moveDown(1);
}

function pageNumbers(doc: Doc, footer: string) {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottomMargin = doc.page.margins.bottom;
    // Writing inside the bottom margin would start a new page: lift the margin while writing.
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(7.5).fillColor("#666");
    doc.text(`${printable(footer)} — ${index + 1} / ${range.count}`, doc.page.margins.left, doc.page.height - 28, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      align: "center",
    });
    doc.page.margins.bottom = bottomMargin;
  }
}

export function periodicReportPdf(report: PeriodicReport): Doc {
  const lang = report.lang as ReportLanguage;
  const doc = newDocument(report.title, "portrait");
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

export function jiuTablePdf(report: JiuTableReport): Doc {
  const lang = report.lang as ReportLanguage;
  const isWide = report.years.length > 6;
  const doc = newDocument(report.title, isWide ? "landscape" : "portrait");
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
    [{ header: word("category", lang) }, ...report.years.map((year) => ({ header: String(year), width })), { header: word("total", lang), width }],
    [...report.rows, report.totalRow].map((row) => [row.label, ...row.cells.map(n), n(row.total)]),
    { fontSize: report.years.length > 14 ? 6.5 : 8.5, boldLast: true },
  );
  pageNumbers(doc, `${report.title} — ${report.scope.name}`);
  doc.end();
  return doc;
}
