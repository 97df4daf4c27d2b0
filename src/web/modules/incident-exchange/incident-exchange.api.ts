import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ImportDefaults, ImportMapping } from "../../../core/incidents/incident-import-fields.ts";
import { apiRequest, buildQuery, type QueryValue } from "../../app/api.ts";

export type ImportPreview = {
  format: "csv" | "xlsx";
  columns: string[];
  hashtags: string[] | null;
  rowCount: number;
  sampleRows: { row: number; cells: string[] }[];
  suggestedMapping: ImportMapping;
  fields: string[];
};

export type ImportRowError = { row: number; field: string; message: string };
export type ImportZoneUse = { timeZone: string; source: "file" | "place" | "default" | "fallback"; rows: number };
export type ImportResult = { inserted: number; duplicates: number; rejected: number; errors: ImportRowError[]; timeZones: ImportZoneUse[] };

export function usePreviewIncidentImport() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return apiRequest<ImportPreview>("/api/incidents/imports/preview", { method: "POST", body: form });
    },
  });
}

export function useImportIncidents() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mapping, defaults }: { file: File; mapping: ImportMapping; defaults: ImportDefaults }) => {
      const form = new FormData();
      // Text fields first, then the file (the server reads them in any order).
      form.append("mapping", JSON.stringify(mapping));
      form.append("defaults", JSON.stringify(defaults));
      form.append("file", file);
      return apiRequest<ImportResult>("/api/incidents/imports", { method: "POST", body: form });
    },
    onSuccess: (result) => {
      if (result.inserted > 0) queryClient.invalidateQueries({ queryKey: ["incidents"] });
    },
  });
}

/** For people (readable headers in their language), then for machines (column codes, HXL, GeoJSON). */
export const exportFormats = ["csv", "xlsx", "codes", "hxl", "geojson"] as const;
export const machineExports: readonly ExportChoice[] = ["codes", "hxl", "geojson"];
export type ExportChoice = (typeof exportFormats)[number];

/** The filters the export shares with the incident list; anything else (sorting, paging) is left out. */
const filterKeys = ["placeId", "categoryCode", "status", "affectsUn", "organisationId", "outcome", "from", "to", "q"] as const;

/** A download link: the browser streams the file, signed in by its session cookie. */
export function incidentExportUrl(filters: Partial<Record<string, QueryValue>>, choice: ExportChoice, language: string): string {
  const params: Record<string, QueryValue> = Object.fromEntries(filterKeys.map((key) => [key, filters[key]]));
  params.format = choice === "hxl" || choice === "codes" ? "csv" : choice;
  if (choice === "hxl") params.hxl = "true";
  if (choice === "codes") params.headers = "codes";
  params.lang = language.startsWith("fr") ? "fr" : "en";
  return `/api/incidents/export${buildQuery(params)}`;
}
