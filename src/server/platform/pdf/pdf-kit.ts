import type PDFDocument from "pdfkit";
import { frenchTypography } from "../../../core/language/french-typography.ts";

/**
 * PDF building blocks shared by the generated reports (incidents, SRM): A4 documents streamed
 * as pdfkit writes them, a title block, tables that break pages and repeat their header row,
 * and page numbers. The standard PDF fonts carry Western European characters only (WinAnsi):
 * others are shown as "?".
 */
export type Doc = InstanceType<typeof PDFDocument>;
export type Column = { header: string; width?: number; align?: "left" | "right" };
export type PdfLanguage = "en" | "fr";

const winAnsiExtras = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
// U+00A0 is in WinAnsi and kept (French typography); the narrow U+202F is not, so it becomes U+00A0.
export const printable = (text: string) =>
  [...text.replace(/\u202f/g, "\u00a0")].map((char) => (char.charCodeAt(0) <= 0xff || winAnsiExtras.has(char) ? char : "?")).join("");

const numberFormat = (lang: PdfLanguage) => new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB");
export const formatNumber = (lang: PdfLanguage, value: number) => printable(numberFormat(lang).format(value));

export function generatedAt(lang: PdfLanguage, iso: string) {
  const text = new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
  return `${printable(text)} UTC`;
}

/**
 * A new A4 document. In French every text drawn gets French typography (a non-breaking space
 * before « : ; ! ? »): applied here, where all text passes, rather than in each report's many
 * `label: value` strings, so a new report cannot forget it.
 */
export async function newDocument(title: string, layout: "portrait" | "landscape", lang: PdfLanguage = "en"): Promise<Doc> {
  // Loaded on first use: half a second of start-up for a feature most starts never use.
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", layout, margin: 40, bufferPages: true, info: { Title: printable(title), Creator: "Vigil" } });
  if (lang === "fr") {
    const text = doc.text.bind(doc) as (...args: unknown[]) => Doc;
    (doc as unknown as { text: (...args: unknown[]) => Doc }).text = (value: unknown, ...rest: unknown[]) =>
      text(typeof value === "string" ? frenchTypography(value) : value, ...rest);
  }
  return doc;
}

export function header(doc: Doc, title: string, lines: [string, string][], note?: string) {
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
export function table(doc: Doc, title: string, columns: Column[], rows: string[][], options: { fontSize?: number; boldLast?: boolean } = {}) {
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

export function pageNumbers(doc: Doc, footer: string) {
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

