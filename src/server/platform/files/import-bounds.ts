import {
  importLimitMessages,
  maxImportCells,
  maxImportColumns,
  maxImportFileBytes,
  maxImportRows,
} from "../../../core/import-limits.ts";
import { AppError } from "../http/errors.ts";

/**
 * The import limits (core/import-limits.ts) applied while a file is parsed, so a parser stops at
 * the first row past them instead of building the whole table first. Shared by the incident
 * import and the training certificate import (CSV and XLSX, platform/import) and the personnel
 * import (CSV).
 */

/** 413: the file is well-formed but too big; the message names the limit. */
export const tooLarge = (message: string) => new AppError(413, "too_large", `file: ${message}`, [{ field: "file", message }]);

export function checkImportSize(bytes: number): void {
  if (bytes > maxImportFileBytes) throw tooLarge(importLimitMessages.fileBytes);
}

/** Rows a parser may meet beyond the data rows: the header and the HXL hashtag row. */
export const importHeaderRows = 2;

/** Counts rows and cells as a parser produces them; throws the 413 once a limit is passed. */
export class ImportCounter {
  private rows = 0;
  private cells = 0;

  /** A new row (header included) with `columns` cells, the last at column `widest` (1-based). */
  row(columns: number, widest = columns): void {
    this.rows += 1;
    if (this.rows > maxImportRows + importHeaderRows) throw tooLarge(importLimitMessages.rows);
    this.cell(columns, widest);
  }

  /** Cells added to the current row; `widest` is the highest column reached. */
  cell(count: number, widest: number): void {
    if (widest > maxImportColumns) throw tooLarge(importLimitMessages.columns(widest));
    this.cells += count;
    if (this.cells > maxImportCells) throw tooLarge(importLimitMessages.cells);
  }
}

/** The exact check once the header (and hashtag row) are known: data rows only. */
export function checkImportRows(dataRows: number): void {
  if (dataRows > maxImportRows) throw tooLarge(importLimitMessages.rows);
}

type CsvCastContext = { index: number };

/**
 * A csv-parse `cast` option that counts every field as it is read (csv-parse has no option
 * bounding the fields of a record: a single line of commas would otherwise become an array of
 * millions) and keeps the value as text. Its 413 leaves csv-parse unchanged.
 */
export function boundedCsvCast(): (value: string, context: CsvCastContext) => string {
  const counter = new ImportCounter();
  return (value, context) => {
    if (context.index === 0) counter.row(1);
    else counter.cell(1, context.index + 1);
    return value;
  };
}
