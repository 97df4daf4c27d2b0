import { Readable } from "node:stream";
import type ExcelJS from "exceljs";
import { importLimitMessages, maxImportCells, maxImportUnpackedBytes, maxImportZipEntries } from "../../../core/import-limits.ts";
import { ImportCounter, tooLarge } from "../files/import-bounds.ts";
import { ZipError, ZipReader } from "../files/zip-read.ts";
import { zipChunks } from "../files/zip-write.ts";
import { AppError } from "../http/errors.ts";

/**
 * Reads the first sheet of an uploaded XLSX within the import limits. A workbook is a zip, and
 * 1 MB of zip once unpacked into 800,000 rows that exhausted the heap, so nothing is parsed
 * whole: the parts needed are inflated under a byte budget (zip-read.ts), the sheet's rows and
 * cells are counted in its XML before any parser sees it, and exceljs's streaming reader then
 * reads it row by row, still counted.
 */

export type XlsxRow = { row: number; cells: string[] };

const unreadable = (message: string) => new AppError(400, "validation", `file: ${message}`, [{ field: "file", message }]);
const notAWorkbook = (detail: string) => unreadable(`is not a readable XLSX workbook: ${detail}`);

/** Parts as exceljs's streaming reader expects them: relationships and shared strings before the sheet, or it spills the sheet to a temporary file. */
const relationshipsPart = "xl/_rels/workbook.xml.rels";
const workbookPart = "xl/workbook.xml";
const stylesPart = "xl/styles.xml";
const sharedStringsPart = "xl/sharedStrings.xml";
const emptyRelationships = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>');
const emptySharedStrings = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];

/** The part of the workbook's first sheet (workbook order, as a spreadsheet shows its tabs). */
function firstSheetPart(workbook: string, relationships: string): string | null {
  const sheet = /<(?:\w+:)?sheet\s[^>]*>/.exec(workbook)?.[0];
  const id = sheet && attribute(sheet, "(?:\\w+:)?id");
  const relationship = id ? [...relationships.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)].find((match) => attribute(match[0], "Id") === id)?.[0] : undefined;
  const target = relationship && attribute(relationship, "Target");
  if (!target) return null;
  return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
}

const isNameEnd = (byte: number | undefined) => byte === 0x20 || byte === 0x3e || byte === 0x2f || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/**
 * Counts `<row>` and `<c>` elements in sheet XML without parsing it (text holds no raw `<`), so
 * a sheet past the limits is refused before exceljs builds a single row.
 */
function checkSheetXml(xml: Buffer): void {
  const counter = new ImportCounter();
  let cellsInRow = 0;
  let position = xml.indexOf(0x3c);
  while (position !== -1) {
    const first = xml[position + 1];
    if (first === 0x72 && xml[position + 2] === 0x6f && xml[position + 3] === 0x77 && isNameEnd(xml[position + 4])) {
      counter.row(0);
      cellsInRow = 0;
    } else if (first === 0x63 && isNameEnd(xml[position + 2])) {
      cellsInRow += 1;
      counter.cell(1, cellsInRow);
    }
    position = xml.indexOf(0x3c, position + 1);
  }
}

/** Shared strings are held in memory by the reader: no more of them than cells allowed. */
function checkSharedStrings(xml: Buffer): void {
  let strings = 0;
  for (let position = xml.indexOf("<si"); position !== -1; position = xml.indexOf("<si", position + 3)) {
    if (isNameEnd(xml[position + 3])) strings += 1;
    if (strings > maxImportCells) throw tooLarge(importLimitMessages.cells);
  }
}

function readParts(content: Buffer): { sheet: Buffer; parts: { name: string; content: Buffer }[] } {
  try {
    const zip = new ZipReader(content, { maxEntries: maxImportZipEntries, maxUnpackedBytes: maxImportUnpackedBytes });
    const workbook = zip.read(workbookPart);
    const relationships = zip.read(relationshipsPart);
    if (!workbook || !relationships) throw notAWorkbook("it has no workbook part");
    const sheetPart = firstSheetPart(workbook.toString("utf8"), relationships.toString("utf8"));
    const sheet = sheetPart ? zip.read(sheetPart) : null;
    if (!sheet) throw unreadable("has no sheet");
    const sharedStrings = zip.read(sharedStringsPart) ?? emptySharedStrings;
    const styles = zip.read(stylesPart);
    return {
      sheet,
      // Only the parts read above, in the order the streaming reader needs; the sheet is renamed so it is the one read.
      parts: [
        { name: relationshipsPart, content: emptyRelationships },
        { name: workbookPart, content: workbook },
        ...(styles ? [{ name: stylesPart, content: styles }] : []),
        { name: sharedStringsPart, content: sharedStrings },
        { name: "xl/worksheets/sheet1.xml", content: sheet },
      ],
    };
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    if (error.problem === "entries") throw tooLarge(importLimitMessages.zipEntries);
    if (error.problem === "unpacked") throw tooLarge(importLimitMessages.unpacked);
    throw notAWorkbook(error.message);
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
    return "";
  }
  return String(value);
}

/** The archive in pieces of 64 KB (views, not copies): the unzip stream joins what it is given into its own buffer. */
function* slices(chunks: Buffer[]): Generator<Buffer> {
  for (const chunk of chunks) for (let start = 0; start < chunk.length; start += 65_536) yield chunk.subarray(start, start + 65_536);
}

/** The first sheet's non-empty rows, numbered as the sheet numbers them. */
export async function readXlsx(content: Buffer): Promise<XlsxRow[]> {
  const { sheet, parts } = readParts(content);
  checkSheetXml(sheet);
  const sharedStrings = parts.find((part) => part.name === sharedStringsPart)?.content;
  if (sharedStrings) checkSharedStrings(sharedStrings);
  // Loaded on first use: over half a second of start-up for a feature most starts never use.
  const { default: Excel } = await import("exceljs");
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from(slices(zipChunks(parts))), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const counter = new ImportCounter();
  const rows: XlsxRow[] = [];
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        // The XML was counted already; counting again holds the limit should exceljs read it differently.
        counter.row(row.actualCellCount, row.cellCount);
        const cells: string[] = Array.from({ length: row.cellCount }, () => "");
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = cellText(cell.value);
        });
        if (cells.some((cell) => cell.trim() !== "")) rows.push({ row: row.number, cells });
      }
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notAWorkbook((error as Error).message);
  }
  return rows;
}
