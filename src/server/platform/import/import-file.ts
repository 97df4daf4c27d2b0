import { parse } from "csv-parse/sync";
import { isHashtagRow, uniqueHeaders } from "../../../core/import-columns.ts";
import { boundedCsvCast, checkImportRows, checkImportSize } from "../files/import-bounds.ts";
import { AppError } from "../http/errors.ts";
import { readXlsx } from "./import-xlsx.ts";

/**
 * An uploaded file to import (CSV or XLSX: incidents, training certificates) as rows of text
 * cells. Row numbers are the file's own (the header is row 1, as a spreadsheet shows it), so
 * errors can be found in the file. Every file is held to the import limits
 * (core/import-limits.ts) while it is read, on the web and in `vigil import incidents` alike:
 * 413 naming `file` and the limit.
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
  checkImportSize(content.length);
  const table = isXlsx(fileName, content) ? await readXlsx(content) : readCsv(content);
  if (table.length === 0 || table[0].cells.every((cell) => cell.trim() === "")) throw unreadable("The file is empty: its first row must name the columns");
  const headers = uniqueHeaders(table[0].cells);
  const hashtags = table[1] && isHashtagRow(table[1].cells) ? table[1].cells.map((cell) => cell.trim()) : null;
  const rows = table.slice(hashtags ? 2 : 1);
  checkImportRows(rows.length);
  return { format: isXlsx(fileName, content) ? "xlsx" : "csv", headers, hashtags, rows };
}

/** The delimiter the header line uses most: comma, or semicolon as French spreadsheets write, or tab. */
function delimiterOf(text: string): string {
  const lineEnd = text.search(/\r?\n|$/);
  // Counted, not split: a first line of millions of commas must not become an array of millions.
  const counts = new Map([",", ";", "\t"].map((delimiter) => [delimiter, 0]));
  for (let index = 0; index < lineEnd; index += 1) {
    const count = counts.get(text[index]);
    if (count !== undefined) counts.set(text[index], count + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
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
      cast: boundedCsvCast(),
    }) as unknown as { record: string[]; info: { records: number; empty_lines: number } }[];
    // A blank line is a row in a spreadsheet, and a quoted cell over several lines is one row.
    return records.map((item) => ({ row: item.info.records + item.info.empty_lines, cells: item.record.map(unneutralise) }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(`The file is not valid CSV: ${(error as Error).message}`);
  }
}
