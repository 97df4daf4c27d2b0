import { createHash } from "node:crypto";
import { isUuid } from "../../../core/ids.ts";
import { sql } from "drizzle-orm";
import type { Permission } from "../../../core/access/permissions.ts";
import { type Actor, grantsFor, pathCovers } from "../../../core/access/scope.ts";
import { type ImportDefaults, type ImportMapping, importFields, suggestMapping } from "../../../core/incidents/incident-import-fields.ts";
import { type ImportLookups, type ImportStation, type ImportZoneSource, importLookups, readImportRow, resolveColumns } from "../../../core/incidents/incident-import-row.ts";
import { effectiveTimeZone } from "../../../core/incidents/place-time-zone.ts";
import { clock } from "../../platform/clock.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { readImportFile } from "../../platform/import/import-file.ts";
import { type ImportOutcome, assertMapping, importPreview, rejectRow } from "../../platform/import/import-result.ts";
import { organisations, places } from "./incident-deps.ts";
import { type NewIncident, insertIncidentRows } from "./incident-import.store.ts";
import { incidents } from "./incidents.tables.ts";

export { type NewIncident, insertIncidentRows } from "./incident-import.store.ts";

/** How many accepted rows were read in each zone, and where the zone came from (the file, the place, the default, or UTC for want of any). */
export type ImportZoneUse = { timeZone: string; source: ImportZoneSource; rows: number };
export type ImportResult = ImportOutcome & { timeZones: ImportZoneUse[] };
/** Rows of the file dealt with (checked, then stored, found already stored or refused) out of all its rows. */
export type ImportProgress = (progress: { done: number; total: number }) => void;

/** Rows committed per transaction: a failure loses one batch at most, and locks stay short. */
export const importBatchSize = 500;
/** Rows checked between two turns of the event loop, so that the batch being written meanwhile keeps moving. */
const rowsPerTurn = 50;

const covers = (actor: Actor, permission: Permission, path: string) => grantsFor(actor, permission).some((grant) => pathCovers(grant.placePath, path));

/** The columns of an uploaded file, its first rows and the mapping Vigil suggests. */
export async function previewIncidentImport(fileName: string, content: Buffer) {
  const file = await readImportFile(fileName, content);
  return importPreview(file, suggestMapping(file.headers, file.hashtags), importFields);
}

/** Duty stations the importer may import incidents at (with their areas), organisations, and the right to verify. */
async function lookupsFor(context: ServiceContext): Promise<ImportLookups> {
  const { db } = context.database;
  const { actor } = context;
  const [allPlaces, organisationRows] = await Promise.all([
    db
      .select({ id: places.id, kind: places.kind, name: places.name, path: places.path, parentId: places.parentId, latitude: places.latitude, longitude: places.longitude, timeZone: places.timeZone })
      .from(places),
    db.select({ id: organisations.id, code: organisations.code, name: organisations.name }).from(organisations),
  ]);
  const byId = new Map(allPlaces.map((place) => [place.id, place]));
  const stations: ImportStation[] = allPlaces
    .filter((place) => place.kind === "duty_station" && covers(actor, "incident.import", place.path))
    .map((station) => {
      const area = station.parentId ? byId.get(station.parentId) : undefined;
      const chain = station.path.split("/").filter(Boolean).reverse().map((id) => byId.get(id) ?? { timeZone: null });
      const zone = effectiveTimeZone(chain);
      return { ...station, areaId: area?.id ?? station.id, areaPath: area?.path ?? station.path, timeZone: zone.source === "fallback" ? null : zone.timeZone };
    });
  return importLookups(stations, organisationRows, (path) => covers(actor, "incident.verify", path), clock.now());
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Import keys already stored. An external id that is the id of an incident of this Vigil (an
 * export imported back) also counts as stored, so an export re-imported here adds nothing.
 */
async function storedKeys(context: ServiceContext, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const ownIds = keys.filter((key) => key.startsWith("id:") && isUuid(key.slice(3))).map((key) => key.slice(3).toLowerCase());
  // One array parameter (= any) rather than a list of a thousand: one statement text to parse, one value to send.
  for (let start = 0; start < keys.length; start += 1000) {
    const rows = await context.database.db
      .select({ key: incidents.importKey })
      .from(incidents)
      .where(sql`${incidents.importKey} = any(${sql.param(keys.slice(start, start + 1000))}::text[])`);
    for (const row of rows) found.add(row.key as string);
  }
  for (let start = 0; start < ownIds.length; start += 1000) {
    const rows = await context.database.db
      .select({ id: incidents.id })
      .from(incidents)
      .where(sql`${incidents.id} = any(${sql.param(ownIds.slice(start, start + 1000))}::uuid[])`);
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

/** Stores one batch of checked rows in its own transaction, counting what was stored and what was there already. */
async function storeBatch(context: ServiceContext, batch: NewIncident[], result: ImportResult): Promise<void> {
  if (batch.length === 0) return;
  const already = await storedKeys(context, batch.map((item) => item.importKey));
  const toStore = batch.filter((item) => !already.has(item.importKey));
  result.duplicates += batch.length - toStore.length;
  if (toStore.length === 0) return;
  const stored = await context.database.db.transaction((tx) => insertIncidentRows(tx, context, toStore));
  result.inserted += stored.length;
  // Stored meanwhile by another import of the same rows.
  result.duplicates += toStore.length - stored.length;
}

/**
 * Imports incidents from CSV or XLSX. Each row goes through the API's checks (schema, taxonomy
 * rules, place in the importer's scope); valid rows are committed in batches, each incident
 * audited. A row already imported (same external id, or same content when there is none) is
 * counted as a duplicate, not an error, so importing a file again adds nothing.
 *
 * Each batch is checked while the one before is being written (one write at a time, in file
 * order): on PostgreSQL the server stores a batch while this process checks the next one; on
 * PGlite, which runs in this thread, the two simply take turns.
 */
export async function importIncidentFile(context: ServiceContext, request: ImportRequest): Promise<ImportResult> {
  const file = await readImportFile(request.fileName, request.content);
  const { columns, problems } = resolveColumns(file.headers, request.mapping ?? suggestMapping(file.headers, file.hashtags));
  assertMapping(problems);
  const defaults: ImportDefaults = { reporterName: context.actor.displayName, ...request.defaults };
  const lookups = await lookupsFor(context);

  const result: ImportResult = { inserted: 0, duplicates: 0, rejected: 0, errors: [], timeZones: [] };
  const zoneUses = new Map<string, ImportZoneUse>();
  const keysInFile = new Set<string>();
  const total = file.rows.length;
  // A write's failure is kept until it is awaited, so it never goes unhandled while the next batch is checked.
  let writing: Promise<{ error: unknown } | null> = Promise.resolve(null);
  const settle = async () => {
    const failure = await writing;
    if (failure) throw failure.error;
  };
  request.onProgress?.({ done: 0, total });
  for (let start = 0; start < total; start += importBatchSize) {
    const batch: NewIncident[] = [];
    const slice = file.rows.slice(start, start + importBatchSize);
    for (const [index, { row, cells }] of slice.entries()) {
      if (index > 0 && index % rowsPerTurn === 0) await new Promise((resolve) => setImmediate(resolve));
      const checked = readImportRow(cells, columns, defaults, lookups);
      if (!checked.ok) {
        rejectRow(result, row, checked.issues);
        continue;
      }
      const externalId = checked.externalId && isUuid(checked.externalId) ? checked.externalId.toLowerCase() : checked.externalId;
      const importKey = externalId ? `id:${externalId}` : `sha256:${sha256(checked.content)}`;
      if (keysInFile.has(importKey)) {
        result.duplicates += 1;
        continue;
      }
      keysInFile.add(importKey);
      const zoneKey = `${checked.input.timeZone} ${checked.zoneSource}`;
      const use = zoneUses.get(zoneKey) ?? zoneUses.set(zoneKey, { timeZone: checked.input.timeZone, source: checked.zoneSource, rows: 0 }).get(zoneKey);
      (use as ImportZoneUse).rows += 1;
      batch.push({
        input: checked.input,
        place: checked.place,
        status: checked.status,
        importKey,
        auditNote: { importedFrom: { from: null, to: `${request.fileName.slice(0, 200)}, row ${row}` } },
      });
    }
    await settle();
    request.onProgress?.({ done: start, total });
    writing = storeBatch(context, batch, result).then(
      () => null,
      (error: unknown) => ({ error }),
    );
  }
  await settle();
  request.onProgress?.({ done: total, total });
  result.timeZones = [...zoneUses.values()].sort((a, b) => b.rows - a.rows || a.timeZone.localeCompare(b.timeZone));
  return result;
}
