import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { isHashtagRow, uniqueHeaders } from "../../../core/incidents/incident-import-fields.ts";
import { AppError } from "../../platform/http/errors.ts";

/**
 * An uploaded incident file (CSV or XLSX) as rows of text cells. Row numbers are the file's
 * own (the header is row 1, as a spreadsheet shows it), so errors can be found in the file.
 */
export type ImportFile = {
  format: "csv" | "xlsx";
  headers: string[];
  /** The HXL hashtag row (row 2) when the file has one; it is not data. */
  hashtags: string[] | null;
  rows: { row: number; cells: string[] }[];
};

const unreadable = (message: string) => new AppError(400, "validation", message, [{ field: "file", message }]);

// A cell starting with = + - @ is prefixed with a quote by Vigil's exports (CSV injection):
// the quote is taken off again, so an export can be imported unchanged.
const formulaStart = /^[=+\-@\t\r]/;
const unneutralise = (value: string) => (value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value);

export function isXlsx(fileName: string, content: Buffer): boolean {
  return content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || /\.xlsx$/i.test(fileName);
}

export async function readImportFile(fileName: string, content: Buffer): Promise<ImportFile> {
  const table = isXlsx(fileName, content) ? await readXlsx(content) : readCsv(content);
  if (table.length === 0 || table[0].cells.every((cell) => cell.trim() === "")) throw unreadable("The file is empty: its first row must name the columns");
  const headers = uniqueHeaders(table[0].cells);
  const hashtags = table[1] && isHashtagRow(table[1].cells) ? table[1].cells.map((cell) => cell.trim()) : null;
  return { format: isXlsx(fileName, content) ? "xlsx" : "csv", headers, hashtags, rows: table.slice(hashtags ? 2 : 1) };
}

/** The delimiter the header line uses most: comma, or semicolon as French spreadsheets write, or tab. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((delimiter) => ({ delimiter, count: firstLine.split(delimiter).length }));
  return counts.sort((a, b) => b.count - a.count)[0].delimiter;
}

function readCsv(content: Buffer): { row: number; cells: string[] }[] {
  const text = content.toString("utf8");
  try {
    const records = parse(text, {
      delimiter: delimiterOf(text.replace(/^\uFEFF/, "")),
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
    }) as unknown as { record: string[]; info: { records: number; empty_lines: number } }[];
    // A blank line is a row in a spreadsheet, and a quoted cell over several lines is one row.
    return records.map((item) => ({ row: item.info.records + item.info.empty_lines, cells: item.record.map(unneutralise) }));
  } catch (error) {
    throw unreadable(`The file is not valid CSV: ${(error as Error).message}`);
  }
}

/** A cell as text. Dates come as the wall-clock time they show (exceljs reads them as UTC). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

async function readXlsx(content: Buffer): Promise<{ row: number; cells: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw unreadable(`The file is not a readable XLSX workbook: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable("The workbook has no sheet");
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    // row.values is 1-based: index 0 is always empty.
    const cells = values.slice(1).map((value) => cellText(value));
    if (cells.some((cell) => cell.trim() !== "")) rows.push({ row: rowNumber, cells });
  });
  return rows;
}
