import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../api.ts";

/**
 * The requests of a file import (incidents, training certificates), as the server's shared import
 * routes answer them (server/platform/import): the preview of an uploaded file, then the import
 * with the mapping the importer chose and whatever else the import takes.
 */

/** Target field → column header of the file. */
export type ImportMapping = Partial<Record<string, string>>;

export type ImportPreview<M extends ImportMapping = ImportMapping> = {
  format: "csv" | "xlsx";
  columns: string[];
  hashtags: string[] | null;
  rowCount: number;
  sampleRows: { row: number; cells: string[] }[];
  suggestedMapping: M;
  fields: string[];
};

/** A problem of one row: its number in the file (header = row 1), the column, the problem in words. */
export type ImportRowError = { row: number; field: string; message: string };
export type ImportOutcome = { inserted: number; duplicates: number; rejected: number; errors: ImportRowError[] };

export function usePreviewImport<M extends ImportMapping>(url: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return apiRequest<ImportPreview<M>>(url, { method: "POST", body: form });
    },
  });
}

/** The import itself; `fields` are sent as JSON text fields beside the file (`mapping`, `defaults`…). */
export function useRunImport<R extends ImportOutcome>(url: string, invalidates: readonly QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, fields }: { file: File; fields: Record<string, unknown> }) => {
      const form = new FormData();
      // Text fields first, then the file (the server reads them in any order).
      for (const [name, value] of Object.entries(fields)) form.append(name, JSON.stringify(value));
      form.append("file", file);
      return apiRequest<R>(url, { method: "POST", body: form });
    },
    onSuccess: (result) => {
      if (result.inserted > 0) for (const queryKey of invalidates) queryClient.invalidateQueries({ queryKey });
    },
  });
}
