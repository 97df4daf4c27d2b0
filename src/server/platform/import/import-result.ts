import { z } from "zod";
import type { MappingProblem } from "../../../core/import-columns.ts";
import { AppError } from "../http/errors.ts";
import type { ImportFile } from "./import-file.ts";

/**
 * What every file import answers: the preview (columns, first rows, suggested mapping) before
 * it, and the outcome after it (rows added, rows already there, rows refused with each problem
 * by the file's row number and column), with the schemas the routes document them by.
 */

/** A problem of one row: its number in the file (header = row 1), the column (or field), and the problem in words. */
export type ImportRowError = { row: number; field: string; message: string };

/** Rows added, rows found already imported (not added again: a re-import adds nothing), rows refused. */
export type ImportOutcome = { inserted: number; duplicates: number; rejected: number; errors: ImportRowError[] };

export const emptyOutcome = (): ImportOutcome => ({ inserted: 0, duplicates: 0, rejected: 0, errors: [] });

/** Counts a refused row and keeps its problems under its row number. */
export function rejectRow(outcome: ImportOutcome, row: number, issues: readonly { field: string; message: string }[]): void {
  outcome.rejected += 1;
  for (const issue of issues) outcome.errors.push({ row, ...issue });
}

const sampleSize = 10;

/** The preview of a read file: what the mapping step shows. */
export function importPreview<M>(file: ImportFile, suggestedMapping: M, fields: readonly string[]) {
  return {
    format: file.format,
    columns: file.headers,
    hashtags: file.hashtags,
    rowCount: file.rows.length,
    sampleRows: file.rows.slice(0, sampleSize),
    suggestedMapping,
    fields: [...fields],
  };
}

/** 400 when the chosen mapping does not fit the file; each problem names `mapping.<field>`. */
export function assertMapping(problems: readonly MappingProblem[]): void {
  if (problems.length) throw new AppError(400, "validation", problems.map((problem) => `${problem.field}: ${problem.message}`).join("; "), [...problems]);
}

export const importRowErrorOut = z.object({ row: z.number().int().describe("Row number in the file (the header is row 1)"), field: z.string(), message: z.string() });

export const importPreviewOut = z.object({
  format: z.enum(["csv", "xlsx"]),
  columns: z.array(z.string()).describe("Column headers (made unique)"),
  hashtags: z.array(z.string()).nullable().describe("The HXL hashtag row, when the file has one"),
  rowCount: z.number().int(),
  sampleRows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  suggestedMapping: z.record(z.string(), z.string()).describe("Target field → column header"),
  fields: z.array(z.string()).describe("Every target field a column may be mapped to"),
});

export const importOutcomeOut = z.object({
  inserted: z.number().int(),
  duplicates: z.number().int().describe("Rows already imported: not added again"),
  rejected: z.number().int().describe("Rows refused; each problem is in errors"),
  errors: z.array(importRowErrorOut),
});
