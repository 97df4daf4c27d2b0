import { type MappedColumns, mapColumns } from "../import-columns.ts";
import { incidentProblems } from "./incident-rules.ts";
import {
  type ImportDefaults,
  type ImportField,
  type ImportMapping,
  type ImportStatus,
  countFields,
  importFields,
  importStatuses,
  normaliseWords,
} from "./incident-import-fields.ts";
import { readOccurredAt } from "./incident-import-time.ts";
import {
  type PeopleLine,
  readBoolean,
  readCategory,
  readCount,
  readItems,
  readNumber,
  readPeopleLines,
  readSource,
  splitList,
  statusTable,
} from "./incident-import-values.ts";
import { type IncidentInput, incidentInput, isKnownTimeZone } from "./incident.schemas.ts";
import { personOutcomes } from "./incident-taxonomy.types.ts";

/**
 * One imported row through the same checks as the API: the row's cells are read into an
 * incident body, which must pass `incidentInput` and the taxonomy rules (`incidentProblems`);
 * its place must be a duty station the importer may report for (or coordinates near one).
 * Every problem names the file's column, so the importer can find it.
 */

export type ImportStation = {
  id: string;
  name: string;
  path: string;
  latitude: number | null;
  longitude: number | null;
  /** The station's area (its parent place): where incidents given by coordinates go. */
  areaId: string;
  areaPath: string;
  /** The zone in force at the station (its own or its area's, `effectiveTimeZone`); null when none is set. */
  timeZone?: string | null;
};

/** Where a row's time zone came from: its own cell, its place, the import's default, or UTC for want of any. */
export type ImportZoneSource = "file" | "place" | "default" | "fallback";

export type ImportLookups = {
  /** Duty stations the importer may report for, by normalised name and by id. */
  stationsByKey: Map<string, ImportStation | "ambiguous">;
  stations: readonly ImportStation[];
  /** Organisation ids by normalised code and name. */
  organisationsByKey: Map<string, string>;
  /** Whether the importer may verify (or close) incidents at this place. */
  canVerifyAt: (placePath: string) => boolean;
  /** The server's clock, so that no row is dated in the future; without it that bound is not checked. */
  now?: Date;
};

export function importLookups(
  stations: readonly ImportStation[],
  organisations: readonly { id: string; code: string; name: string }[],
  canVerifyAt: (placePath: string) => boolean,
  now?: Date,
): ImportLookups {
  const stationsByKey = new Map<string, ImportStation | "ambiguous">();
  for (const station of stations) {
    const key = normaliseWords(station.name);
    stationsByKey.set(key, stationsByKey.has(key) ? "ambiguous" : station);
    stationsByKey.set(station.id.toLowerCase(), station);
  }
  const organisationsByKey = new Map<string, string>();
  for (const organisation of organisations) {
    organisationsByKey.set(normaliseWords(organisation.code), organisation.id);
    organisationsByKey.set(normaliseWords(organisation.name), organisation.id);
    organisationsByKey.set(organisation.id.toLowerCase(), organisation.id);
  }
  return { stationsByKey, stations, organisationsByKey, canVerifyAt, now };
}

export type ImportColumns = MappedColumns<ImportField>;

/** The mapping checked against the file's headers; problems name the field of the mapping. */
export function resolveColumns(headers: readonly string[], mapping: ImportMapping): { columns: ImportColumns; problems: { field: string; message: string }[] } {
  const { columns, problems } = mapColumns(importFields, headers, mapping);
  const has = (field: ImportField) => columns.index[field] !== undefined;
  const need = (isMapped: boolean, field: string, what: string) => {
    const isReported = problems.some((problem) => problem.field === `mapping.${field}`);
    if (!isMapped && !isReported) problems.push({ field: `mapping.${field}`, message: `Map a column to ${what}` });
  };
  need(has("occurredAt") || has("occurredDate"), "occurredAt", "the date and time (occurredAt, or occurredDate)");
  need(has("dutyStation") || (has("latitude") && has("longitude")), "dutyStation", "the duty station (or to latitude and longitude)");
  need(has("category"), "category", "the category");
  need(has("description"), "description", "the description");
  return { columns, problems };
}

export type ResolvedImportPlace = { placeId: string; placePath: string; dutyStationId: string | null; latitude: number | null; longitude: number | null };
export type ImportIssue = { field: string; message: string };
export type ImportedRow =
  | { ok: true; input: IncidentInput; place: ResolvedImportPlace; status: ImportStatus; externalId: string | null; content: string; zoneSource: ImportZoneSource }
  | { ok: false; issues: ImportIssue[] };

function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** As the API does: free coordinates go to the area of the nearest duty station the importer may report for. */
export function nearestArea(stations: readonly ImportStation[], point: { latitude: number; longitude: number }): ImportStation | null {
  let best: ImportStation | null = null;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const station of stations) {
    if (station.latitude === null || station.longitude === null) continue;
    const km = distanceKm(point, { latitude: station.latitude, longitude: station.longitude });
    if (km < bestKm) {
      best = station;
      bestKm = km;
    }
  }
  return best;
}

/** The API's own rules: the time-zone checks they share are cached per zone (`time-zone.ts`). */
export function importRowProblems(input: IncidentInput, now?: Date): { field: string; message: string }[] {
  return incidentProblems(input, "en", now);
}

// Stand-ins for values a row got wrong, so the other fields are still checked in the same pass.
const placeholderTime = "2000-01-01T00:00:00Z";

/** Reads and checks one row. `cells` are the row's cells in file order. */
export function readImportRow(cells: readonly string[], columns: ImportColumns, defaults: ImportDefaults, lookups: ImportLookups): ImportedRow {
  const issues: { source: ImportField | string; message: string }[] = [];
  const isMapped = (field: ImportField) => columns.index[field] !== undefined;
  const cell = (field: ImportField): string => (isMapped(field) ? (cells[columns.index[field] as number] ?? "").trim() : "");
  const flag = (source: ImportField | string, message: string) => issues.push({ source, message });

  for (const field of importFields) {
    if (cell(field).includes("\u0000")) flag(field, "must not contain the NUL character");
  }
  if (issues.length) return { ok: false, issues: issues.map((issue) => ({ field: columnName(columns, issue.source), message: issue.message })) };

  let place: IncidentInput["place"] | Record<string, never> = {};
  // The station whose zone a local time is read in: the row's, or the nearest to its coordinates.
  let placeStation: ImportStation | null = null;
  const stationText = cell("dutyStation");
  if (stationText) {
    const found = lookups.stationsByKey.get(normaliseWords(stationText)) ?? lookups.stationsByKey.get(stationText.toLowerCase());
    // A station outside the importer's scope reads exactly as an unknown one.
    if (!found) flag("dutyStation", `unknown duty station "${stationText.slice(0, 80)}"`);
    else if (found === "ambiguous") flag("dutyStation", `"${stationText.slice(0, 80)}" names several duty stations: use the station's id`);
    else {
      place = { dutyStationId: found.id };
      placeStation = found;
    }
  } else if (cell("latitude") || cell("longitude")) {
    const latitude = readNumber(cell("latitude"));
    const longitude = readNumber(cell("longitude"));
    if ("message" in latitude) flag("latitude", latitude.message);
    if ("message" in longitude) flag("longitude", longitude.message);
    if ("value" in latitude && "value" in longitude) {
      const point = { latitude: latitude.value, longitude: longitude.value };
      place = { coordinates: point };
      placeStation = nearestArea(lookups.stations, point);
    }
  }

  // A row's own zone first; else its place's (a file from Goma and Kinshasa mixes UTC+2 and UTC+1);
  // else the import's default; else UTC, which the result reports. Local times are read in it.
  const zoneSource: ImportZoneSource = cell("timeZone") ? "file" : placeStation?.timeZone ? "place" : defaults.timeZone ? "default" : "fallback";
  const timeZone = cell("timeZone") || placeStation?.timeZone || defaults.timeZone || "UTC";
  const whenField: ImportField = isMapped("occurredAt") ? "occurredAt" : "occurredDate";
  const whenText = cell(whenField);
  let occurredAt = placeholderTime;
  if (!whenText) flag(whenField, "is required");
  else if (isKnownTimeZone(timeZone)) {
    const read = readOccurredAt(whenText, whenField === "occurredDate" && isMapped("occurredTime") ? cell("occurredTime") : null, timeZone);
    // Without a zone of its own, a row's stated offset is kept as the instant (in UTC, which the
    // zone rule accepts) rather than checked against the place's zone, which the file never named.
    if ("value" in read) occurredAt = zoneSource === "file" ? read.value : new Date(read.value).toISOString();
    else flag(whenField, read.message);
  }

  let source = defaults.source ?? "other";
  if (cell("source")) {
    const read = readSource(cell("source"));
    if ("value" in read) source = read.value;
    else flag("source", read.message);
  }
  const booleanOf = (field: ImportField, fallback: boolean) => {
    if (!cell(field)) return fallback;
    const read = readBoolean(cell(field));
    if ("value" in read) return read.value;
    flag(field, read.message);
    return fallback;
  };

  const organisationIds: string[] = [];
  for (const name of splitList(cell("organisations"), true)) {
    const id = lookups.organisationsByKey.get(normaliseWords(name)) ?? lookups.organisationsByKey.get(name.toLowerCase());
    if (id) organisationIds.push(id);
    else flag("organisations", `unknown organisation "${name.slice(0, 80)}"`);
  }

  const { lines, lineSources } = readPeople(cell, isMapped, defaults, flag);

  let status: ImportStatus = defaults.status ?? "submitted";
  if (cell("status")) {
    const code = statusTable.get(normaliseWords(cell("status")));
    if (code && (importStatuses as readonly string[]).includes(code)) status = code as ImportStatus;
    else flag("status", `must be one of ${importStatuses.join(", ")}`);
  }
  const externalId = cell("externalId") || null;
  if (externalId && externalId.length > 200) flag("externalId", "must be at most 200 characters");

  const candidate = {
    occurredAt,
    timeZone,
    place,
    categoryCode: cell("category") ? readCategory(cell("category")) : "",
    description: cell("description"),
    source,
    sourceDetail: cell("sourceDetail") || null,
    reporter: { name: cell("reporterName") || defaults.reporterName || "" },
    affectsUn: booleanOf("affectsUn", defaults.affectsUn ?? true),
    isNearMiss: booleanOf("isNearMiss", false),
    involvesMilitaryOrFormedPolice: booleanOf("involvesMilitaryOrFormedPolice", false),
    organisationsAffected: organisationIds,
    peopleAffected: lines,
    premisesAffected: readItems(cell("premises"), "premises"),
    assetsAffected: readItems(cell("assets"), "assets"),
  };
  const flagged = new Set(issues.map((issue) => issue.source));
  const report = (path: string, message: string) => {
    const source = sourceOf(path, columns, lineSources);
    if (!flagged.has(source)) issues.push({ source, message: detailOf(path, message) });
  };
  const parsed = incidentInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(issue.path.join("."), issue.message);
  } else {
    for (const problem of importRowProblems(parsed.data, lookups.now)) report(problem.field, problem.message);
  }
  if (!parsed.success || issues.length) return { ok: false, issues: toIssues(columns, issues) };

  const input = parsed.data;
  let resolved: ResolvedImportPlace;
  if (input.place.dutyStationId) {
    const station = lookups.stationsByKey.get(input.place.dutyStationId) as ImportStation;
    resolved = { placeId: station.id, placePath: station.path, dutyStationId: station.id, latitude: station.latitude, longitude: station.longitude };
  } else {
    const point = input.place.coordinates as { latitude: number; longitude: number };
    const station = nearestArea(lookups.stations, point);
    if (!station) return { ok: false, issues: toIssues(columns, [{ source: "latitude", message: "are not near any duty station you may report for" }]) };
    resolved = { placeId: station.areaId, placePath: station.areaPath, dutyStationId: null, latitude: point.latitude, longitude: point.longitude };
  }
  if ((status === "verified" || status === "closed") && !lookups.canVerifyAt(resolved.placePath)) {
    return {
      ok: false,
      issues: toIssues(columns, [{ source: "status", message: `you may not mark incidents ${status} at this place: import them as submitted for the P/C/SA to verify` }]),
    };
  }
  return { ok: true, input, place: resolved, status, externalId, content: rowContent(columns, cell), zoneSource };
}

function readPeople(
  cell: (field: ImportField) => string,
  isMapped: (field: ImportField) => boolean,
  defaults: ImportDefaults,
  flag: (source: ImportField, message: string) => void,
): { lines: PeopleLine[]; lineSources: ImportField[] } {
  const recruitment = defaults.recruitmentType ?? "locally_recruited";
  if (cell("peopleAffected")) {
    const read = readPeopleLines(cell("peopleAffected"), recruitment);
    if ("value" in read) return { lines: read.value, lineSources: read.value.map(() => "peopleAffected") };
    flag("peopleAffected", read.message);
    return { lines: [], lineSources: [] };
  }
  const lines: PeopleLine[] = [];
  const lineSources: ImportField[] = [];
  personOutcomes.forEach((outcome, position) => {
    const field = countFields[position];
    if (!isMapped(field)) return;
    const read = readCount(cell(field));
    if ("message" in read) flag(field, read.message);
    else if (read.value > 0) {
      // Per-outcome columns give no sex, and the recruitment type is the import's default.
      lines.push({ outcome, recruitmentType: recruitment, sex: "unknown", count: read.value });
      lineSources.push(field);
    }
  });
  return { lines, lineSources };
}

/** The import field an API field path (as `peopleAffected.2.outcome`) came from. */
function sourceOf(path: string, columns: ImportColumns, lineSources: readonly ImportField[]): ImportField | string {
  const [head, second, third] = path.split(".");
  switch (head) {
    case "occurredAt":
      return columns.index.occurredAt !== undefined ? "occurredAt" : "occurredDate";
    case "place":
      if (second === "coordinates") return third === "longitude" ? "longitude" : "latitude";
      return columns.index.dutyStation !== undefined || columns.index.latitude === undefined ? "dutyStation" : "latitude";
    case "categoryCode":
      return "category";
    case "reporter":
      return "reporterName";
    case "organisationsAffected":
      return "organisations";
    case "peopleAffected":
      if (second !== undefined && lineSources[Number(second)]) return lineSources[Number(second)];
      return columns.index.peopleAffected !== undefined ? "peopleAffected" : (countFields.find((field) => columns.index[field] !== undefined) ?? "peopleAffected");
    case "premisesAffected":
      return "premises";
    case "assetsAffected":
      return "assets";
    default:
      return head;
  }
}

/** "premisesAffected.0.kind" + message → "item 1 (kind): message", so a list cell's item can be found. */
function detailOf(path: string, message: string): string {
  const parts = path.split(".");
  const index = parts.findIndex((part) => /^\d+$/.test(part));
  if (index < 0) return message;
  // The item's number, not the field's code ("kind"): the column already says which list it is.
  return `item ${Number(parts[index]) + 1}: ${message}`;
}

/** The column header for a field, or the field's name when it came from a default. */
function columnName(columns: ImportColumns, source: ImportField | string): string {
  return columns.header[source as ImportField] ?? source;
}

/** A message the importer reads is a sentence: capital first (issue 12 §3.9); the column is in `field`. */
export const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

function toIssues(columns: ImportColumns, issues: { source: ImportField | string; message: string }[]): ImportIssue[] {
  return issues.map((issue) => ({ field: columnName(columns, issue.source), message: sentence(issue.message) }));
}

/**
 * The row's content as one normalised string (mapped fields only, trimmed, spaces collapsed),
 * hashed into the import key when the file has no external id: the same row imported twice
 * is recognised, however the file was re-saved.
 */
function rowContent(columns: ImportColumns, cell: (field: ImportField) => string): string {
  const pairs = importFields
    .filter((field) => columns.index[field] !== undefined && field !== "externalId")
    .map((field) => [field, cell(field).normalize("NFC").replace(/\s+/g, " ")]);
  return JSON.stringify(pairs);
}
