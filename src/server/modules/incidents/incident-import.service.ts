import { createHash } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { Permission } from "../../../core/access/permissions.ts";
import { type Actor, grantsFor, pathCovers } from "../../../core/access/scope.ts";
import { type ImportDefaults, type ImportMapping, importFields, suggestMapping } from "../../../core/incidents/incident-import-fields.ts";
import { type ImportLookups, type ImportStation, importLookups, readImportRow, resolveColumns } from "../../../core/incidents/incident-import-row.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { AppError } from "../../platform/http/errors.ts";
import { organisations, places } from "./incident-deps.ts";
import { readImportFile } from "./incident-import.file.ts";
import { type NewIncident, insertIncidentRows } from "./incident-import.store.ts";
import { incidents } from "./incidents.tables.ts";

export { type NewIncident, insertIncidentRows } from "./incident-import.store.ts";

export type ImportRowError = { row: number; field: string; message: string };
export type ImportResult = { inserted: number; duplicates: number; rejected: number; errors: ImportRowError[] };
export type ImportProgress = (progress: { done: number; total: number }) => void;

/** Rows committed per transaction: a failure loses one batch at most, and locks stay short. */
export const importBatchSize = 500;
const sampleSize = 10;

const covers = (actor: Actor, permission: Permission, path: string) => grantsFor(actor, permission).some((grant) => pathCovers(grant.placePath, path));

/** The columns of an uploaded file, its first rows and the mapping Vigil suggests. */
export async function previewIncidentImport(fileName: string, content: Buffer) {
  const file = await readImportFile(fileName, content);
  return {
    format: file.format,
    columns: file.headers,
    hashtags: file.hashtags,
    rowCount: file.rows.length,
    sampleRows: file.rows.slice(0, sampleSize),
    suggestedMapping: suggestMapping(file.headers, file.hashtags),
    fields: [...importFields],
  };
}

/** Duty stations the importer may import incidents at (with their areas), organisations, and the right to verify. */
async function lookupsFor(context: ServiceContext): Promise<ImportLookups> {
  const { db } = context.database;
  const { actor } = context;
  const [allPlaces, organisationRows] = await Promise.all([
    db
      .select({ id: places.id, kind: places.kind, name: places.name, path: places.path, parentId: places.parentId, latitude: places.latitude, longitude: places.longitude })
      .from(places),
    db.select({ id: organisations.id, code: organisations.code, name: organisations.name }).from(organisations),
  ]);
  const byId = new Map(allPlaces.map((place) => [place.id, place]));
  const stations: ImportStation[] = allPlaces
    .filter((place) => place.kind === "duty_station" && covers(actor, "incident.import", place.path))
    .map((station) => {
      const area = station.parentId ? byId.get(station.parentId) : undefined;
      return { ...station, areaId: area?.id ?? station.id, areaPath: area?.path ?? station.path };
    });
  return importLookups(stations, organisationRows, (path) => covers(actor, "incident.verify", path));
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Import keys already stored. An external id that is the id of an incident of this Vigil (an
 * export imported back) also counts as stored, so an export re-imported here adds nothing.
 */
async function storedKeys(context: ServiceContext, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const ownIds = keys.filter((key) => key.startsWith("id:") && uuidPattern.test(key.slice(3))).map((key) => key.slice(3).toLowerCase());
  for (let start = 0; start < keys.length; start += 1000) {
    const rows = await context.database.db
      .select({ key: incidents.importKey })
      .from(incidents)
      .where(inArray(incidents.importKey, keys.slice(start, start + 1000)));
    for (const row of rows) found.add(row.key as string);
  }
  for (let start = 0; start < ownIds.length; start += 1000) {
    const rows = await context.database.db.select({ id: incidents.id }).from(incidents).where(inArray(incidents.id, ownIds.slice(start, start + 1000)));
    for (const row of rows) found.add(`id:${row.id}`);
  }
  return found;
}

export type ImportRequest = {
  fileName: string;
  content: Buffer;
  /** Target field → column header; the suggested mapping when absent. */
  mapping?: ImportMapping;
  defaults?: ImportDefaults;
  onProgress?: ImportProgress;
};

/**
 * Imports incidents from CSV or XLSX. Each row goes through the API's checks (schema, taxonomy
 * rules, place in the importer's scope); valid rows are committed in batches, each incident
 * audited. A row already imported (same external id, or same content when there is none) is
 * counted as a duplicate, not an error, so importing a file again adds nothing.
 */
export async function importIncidentFile(context: ServiceContext, request: ImportRequest): Promise<ImportResult> {
  const file = await readImportFile(request.fileName, request.content);
  const { columns, problems } = resolveColumns(file.headers, request.mapping ?? suggestMapping(file.headers, file.hashtags));
  if (problems.length) throw new AppError(400, "validation", problems.map((problem) => `${problem.field}: ${problem.message}`).join("; "), problems);
  const defaults: ImportDefaults = { reporterName: context.actor.displayName, ...request.defaults };
  const lookups = await lookupsFor(context);

  const errors: ImportRowError[] = [];
  const accepted: (NewIncident & { row: number })[] = [];
  const keysInFile = new Set<string>();
  let duplicates = 0;
  let rejected = 0;
  for (const { row, cells } of file.rows) {
    const result = readImportRow(cells, columns, defaults, lookups);
    if (!result.ok) {
      rejected += 1;
      for (const issue of result.issues) errors.push({ row, ...issue });
      continue;
    }
    const externalId = result.externalId && uuidPattern.test(result.externalId) ? result.externalId.toLowerCase() : result.externalId;
    const importKey = externalId ? `id:${externalId}` : `sha256:${sha256(result.content)}`;
    if (keysInFile.has(importKey)) {
      duplicates += 1;
      continue;
    }
    keysInFile.add(importKey);
    accepted.push({
      row,
      input: result.input,
      place: result.place,
      status: result.status,
      importKey,
      auditNote: { importedFrom: { from: null, to: `${request.fileName.slice(0, 200)}, row ${row}` } },
    });
  }

  const already = await storedKeys(context, [...keysInFile]);
  const toStore = accepted.filter((item) => !already.has(item.importKey));
  duplicates += accepted.length - toStore.length;
  let inserted = 0;
  request.onProgress?.({ done: 0, total: toStore.length });
  for (let start = 0; start < toStore.length; start += importBatchSize) {
    const batch = toStore.slice(start, start + importBatchSize);
    const stored = await context.database.db.transaction((tx) => insertIncidentRows(tx, context, batch));
    inserted += stored.length;
    // Stored meanwhile by another import of the same rows.
    duplicates += batch.length - stored.length;
    request.onProgress?.({ done: Math.min(start + batch.length, toStore.length), total: toStore.length });
  }
  return { inserted, duplicates, rejected, errors };
}
