import type { Reviewer, TransportMode } from "../../../../core/travel/clearance.ts";
import { type DocumentLanguage, clearanceWords, clearedBy, localTimeText, transportLabel } from "../../../../core/travel/clearance-document.ts";
import { type Doc, generatedAt, header, newDocument, pageNumbers, printable, table } from "../../../platform/pdf/pdf-kit.ts";

/**
 * The clearance PDF (issue 13 §3): one page a traveller carries, with a QR code that opens the
 * public verification page. The code is drawn as vector squares, one per dark module of the
 * matrix `qrcode` computes: sharp at any print size, and nothing rasterised to embed.
 */
export type ClearanceDocument = {
  language: DocumentLanguage;
  number: string;
  purpose: string;
  travellers: string[];
  clearedAt: string | null;
  generatedAt: string;
  legs: { from: string; to: string; departureLocal: string; arrivalLocal: string; transport: TransportMode; reviewer: Reviewer; conditions: string[] }[];
  verificationUrl: string;
};

/** Side of one QR module, in points (about 1 mm): a phone reads it at arm's length. */
export const qrModulePoints = 3;

/** The QR matrix of a text, as rows of booleans (dark = true). Error correction M: a crease or a stain still reads. */
export async function qrMatrix(text: string): Promise<boolean[][]> {
  // Loaded on first use, as pdfkit is: a seventh of a second of start-up otherwise.
  const { default: QRCode } = await import("qrcode");
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, column) => Boolean(modules.get(row, column))));
}

/** Draws the matrix with its top-left corner at (x, y): whole points, so every square lands on the same grid. */
export function drawQr(doc: Doc, matrix: boolean[][], x: number, y: number) {
  for (const [rowIndex, row] of matrix.entries()) {
    for (const [column, isDark] of row.entries()) if (isDark) doc.rect(x + column * qrModulePoints, y + rowIndex * qrModulePoints, qrModulePoints, qrModulePoints);
  }
  doc.fillColor("#000").fill();
}

export function section(doc: Doc, title: string) {
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font("Helvetica-Bold").fontSize(11).fillColor("#1b3a57").text(printable(title), doc.page.margins.left, doc.y);
  doc.fillColor("#000").moveDown(0.3);
}

/** Lines as a list, or the sentence saying there are none. */
export function bullets(doc: Doc, items: readonly string[], none: string) {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font("Helvetica").fontSize(9).fillColor("#000");
  if (items.length === 0) doc.font("Helvetica-Oblique").text(printable(none), doc.page.margins.left, doc.y, { width });
  for (const item of items) doc.text(`•  ${printable(item)}`, doc.page.margins.left, doc.y, { width });
  doc.moveDown(0.8);
}

export async function clearancePdf(data: ClearanceDocument): Promise<Doc> {
  const { language } = data;
  const w = clearanceWords(language);
  const doc = await newDocument(`${w.title} — ${data.number}`, "portrait", language);
  const matrix = await qrMatrix(data.verificationUrl);
  const side = matrix.length * qrModulePoints;
  const qrX = Math.floor(doc.page.width - doc.page.margins.right - side);
  const qrY = doc.page.margins.top;

  // The header keeps clear of the code and of its quiet zone (four modules), which a reader needs.
  const rightMargin = doc.page.margins.right;
  doc.page.margins.right = doc.page.width - qrX + 4 * qrModulePoints;
  const first = data.legs[0];
  const last = data.legs[data.legs.length - 1];
  header(doc, w.title, [
    [w.trip, data.number],
    [w.travellers, data.travellers.join(", ")],
    [w.purpose, data.purpose],
    [w.period, first && last ? `${localTimeText(first.departureLocal, language)} – ${localTimeText(last.arrivalLocal, language)}` : "—"],
    [w.clearedAt, data.clearedAt ? generatedAt(language, data.clearedAt) : "—"],
    [w.generatedAt, generatedAt(language, data.generatedAt)],
  ]);
  doc.page.margins.right = rightMargin;
  const afterHeader = doc.y;

  drawQr(doc, matrix, qrX, qrY);
  doc.font("Helvetica").fontSize(6.5).fillColor("#333");
  doc.text(printable(w.scan), qrX, qrY + side + 4, { width: side });
  doc.text(printable(data.verificationUrl), qrX, doc.y, { width: side });
  doc.fillColor("#000");
  doc.x = doc.page.margins.left;
  doc.y = Math.max(afterHeader, doc.y + 12);

  table(
    doc,
    w.legs,
    [
      { header: w.leg, align: "left" },
      { header: w.departure, width: 82, align: "left" },
      { header: w.arrival, width: 82, align: "left" },
      { header: w.transport, width: 70, align: "left" },
      { header: w.clearance, width: 130, align: "left" },
    ],
    data.legs.map((leg) => [
      // The standard PDF fonts have no arrow (WinAnsi): an en dash joins the places.
      `${leg.from} – ${leg.to}`,
      localTimeText(leg.departureLocal, language),
      localTimeText(leg.arrivalLocal, language),
      transportLabel(leg.transport, language),
      clearedBy(leg.reviewer, language),
    ]),
  );

  section(doc, w.conditions);
  const conditions = data.legs.flatMap((leg) => leg.conditions.map((condition) => `${condition} (${leg.from} – ${leg.to})`));
  bullets(doc, [...new Set(conditions)], w.noConditions);
  pageNumbers(doc, `${w.footer} ${data.number}`);
  doc.end();
  return doc;
}
