/**
 * The bounds every imported file (incident and training certificate CSV/XLSX, personnel CSV) is
 * held to, on the web and in `vigil import`. An import holds its rows in memory until they are
 * checked, so these figures are what keep one upload from exhausting the server's heap: an
 * 800,000-row XLSX of 1 MB once did. Shared with the web so the import pages can state them.
 */

/** Largest file accepted for upload (bytes). A 100,000-row incident CSV is about 20 MB. */
export const maxImportFileBytes = 50 * 1024 * 1024;

/** Data rows (the header and the HXL hashtag row excluded). A larger file is split. */
export const maxImportRows = 100_000;

/** Columns a row may use: an incident export has 35, a personnel file 13. */
export const maxImportColumns = 100;

/**
 * Cells (rows × columns present) in the whole file: enough for an incident export of 100,000
 * rows (35 columns) to be imported back. Measured before these limits: a CSV of 250,000 rows of
 * 13 cells (3.25 million) peaked at about 410 MB of heap, under the 1,024 MB default.
 */
export const maxImportCells = 4_000_000;

/**
 * Bytes an XLSX may unpack to (the parts that are read: workbook, styles, shared strings,
 * worksheets), counted from the zip's directory and again while inflating, since a directory
 * can lie. An incident export of 100,000 rows (35 columns) unpacks to about 150 MB.
 */
export const maxImportUnpackedBytes = 200 * 1024 * 1024;

/** Entries in an XLSX's zip directory; a workbook has a few dozen. */
export const maxImportZipEntries = 10_000;

const megabytes = (bytes: number) => `${bytes / 1024 / 1024} MB`;
const count = (value: number) => value.toLocaleString("en-US");

/** The limits as one sentence, for messages and the import pages (English). */
export const importLimitsText = `at most ${megabytes(maxImportFileBytes)}, ${count(maxImportRows)} rows, ${maxImportColumns} columns and ${count(maxImportCells)} cells, and an XLSX at most ${megabytes(maxImportUnpackedBytes)} unpacked`;

export const importLimitMessages = {
  fileBytes: `is larger than ${megabytes(maxImportFileBytes)}: split it into smaller files`,
  rows: `has more than ${count(maxImportRows)} rows: split it into smaller files`,
  columns: (column: number) => `uses column ${count(column)}; at most ${maxImportColumns} columns are read: remove the columns beyond`,
  cells: `has more than ${count(maxImportCells)} cells: split it into smaller files`,
  unpacked: `unpacks to more than ${megabytes(maxImportUnpackedBytes)}: split it into smaller files`,
  zipEntries: `holds more than ${count(maxImportZipEntries)} parts: it is not a workbook Vigil can read`,
} as const;
