import type { ImportMapping } from "../../../core/incidents/incident-import-fields.ts";
import { buildQuery, type QueryValue } from "../../app/api.ts";
import type { ImportOutcome, ImportPreview as FilePreview } from "../../app/components/file-import.api.ts";

// The preview and import requests are the shared import's (app/components/file-import.api.ts).
export type ImportPreview = FilePreview<ImportMapping>;
export type ImportZoneUse = { timeZone: string; source: "file" | "place" | "default" | "fallback"; rows: number };
export type ImportResult = ImportOutcome & { timeZones: ImportZoneUse[] };

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
