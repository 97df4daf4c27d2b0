import { PassThrough, Readable } from "node:stream";
import { stringify as stringifyRows } from "csv-stringify/sync";
import { type SQL, and, asc, sql } from "drizzle-orm";
import type ExcelJS from "exceljs";
import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { organisations, places } from "./incident-deps.ts";
import {
  type ExportIncident,
  type ExportHeaders,
  type ExportLanguage,
  type ExportLookups,
  type ExportPeopleLine,
  exportColumns,
  exportFeature,
  exportHeaderRow,
  exportValues,
} from "./incident-export.columns.ts";
import { type IncidentFilter, incidentFilterConditions, incidentVisibility } from "./incident-filter.ts";
import { recordAuditEntries } from "../../platform/audit/audit-batch.ts";
import { incidentPeople, incidents } from "./incidents.tables.ts";

export const exportFormats = ["csv", "xlsx", "geojson"] as const;
export type ExportFormat = (typeof exportFormats)[number];
export type ExportQuery = IncidentFilter & { format: ExportFormat; hxl?: "true" | "false"; headers?: ExportHeaders; lang: ExportLanguage };

/**
 * Rows per keyset page: one query for incidents and one for their people per page. A page is
 * alive from its query until its text is made; at 250 rows that spans fewer young-generation
 * collections than at 1,000, so less of it is promoted to the old generation (a 300,000-row
 * CSV export with V8's default heap: peak RSS growth 0–37 MB instead of 96–182 MB, as fast).
 */
export const exportPageSize = 250;
// XLSX holds 1,048,576 rows a sheet: the header (and hashtag) rows plus the rest.
const rowsPerSheet = 1_048_000;

async function exportLookups(db: Db): Promise<ExportLookups> {
  const [placeRows, organisationRows] = await Promise.all([
    db.select({ id: places.id, name: places.name, kind: places.kind, parentId: places.parentId }).from(places),
    db.select({ id: organisations.id, code: organisations.code }).from(organisations),
  ]);
  const byId = new Map(placeRows.map((place) => [place.id, place]));
  const ancestors = (id: string) => {
    const chain: (typeof placeRows)[number][] = [];
    for (let place = byId.get(id); place; place = place.parentId ? byId.get(place.parentId) : undefined) chain.push(place);
    return chain;
  };
  const codes = new Map(organisationRows.map((organisation) => [organisation.id, organisation.code]));
  return {
    placeName: (id) => (id ? (byId.get(id)?.name ?? "") : ""),
    areaName: (id) => {
      const chain = ancestors(id);
      return (chain.find((place) => place.kind === "security_area") ?? chain.at(-1))?.name ?? "";
    },
    designatedAreaName: (id) => ancestors(id).at(-1)?.name ?? "",
    organisationCode: (id) => codes.get(id) ?? id,
  };
}

type ExportRow = ExportIncident & { cursorAt: string; isSensitive: boolean };
type Values = (string | number | boolean | null)[];
/** The next page's values, in export order, or null after the last page. */
type NextPage = () => Promise<Values[] | null>;

/**
 * The visible, filtered incidents in (occurred_at, id) order, a page at a time (keyset: each
 * page starts after the last row of the one before, so page 1,000 costs what page 1 does).
 * Sensitive incidents appear only for their need-to-know list (`incidentVisibility`); each one
 * exported is a read of sensitive data, audited before its page is handed on.
 * Only the cursor outlives a call: the page's rows are garbage once its values are returned.
 */
function pageReader(context: ServiceContext, where: SQL | undefined, lookups: ExportLookups, query: ExportQuery): NextPage {
  const { db } = context.database;
  let after: { at: string; id: string } | null = null;
  let isDone = false;
  return async () => {
    if (isDone) return null;
    const rows: ExportRow[] = await db
      .select({
        id: incidents.id,
        cursorAt: sql<string>`${incidents.occurredAt}::text`,
        occurredAt: incidents.occurredAt,
        timeZone: incidents.timeZone,
        categoryCode: incidents.categoryCode,
        placeId: incidents.placeId,
        dutyStationId: incidents.dutyStationId,
        latitude: incidents.latitude,
        longitude: incidents.longitude,
        status: incidents.status,
        affectsUn: incidents.affectsUn,
        isNearMiss: incidents.isNearMiss,
        isSensitive: incidents.isSensitive,
        source: incidents.source,
        organisationsAffected: incidents.organisationsAffected,
        premisesAffected: incidents.premisesAffected,
        assetsAffected: incidents.assetsAffected,
        description: incidents.description,
      })
      .from(incidents)
      .where(and(where, after ? sql`(${incidents.occurredAt}, ${incidents.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : undefined))
      .orderBy(asc(incidents.occurredAt), asc(incidents.id))
      .limit(exportPageSize);
    isDone = rows.length < exportPageSize;
    if (rows.length === 0) return null;
    const people = await db
      .select({ incidentId: incidentPeople.incidentId, outcome: incidentPeople.outcome, recruitmentType: incidentPeople.recruitmentType, sex: incidentPeople.sex, count: incidentPeople.count })
      .from(incidentPeople)
      // One array parameter, not a thousand: planned and sent in a fraction of the time.
      .where(sql`${incidentPeople.incidentId} = any(${sql.param(rows.map((row) => row.id))}::uuid[])`);
    const linesOf = new Map<string, ExportPeopleLine[]>();
    for (const line of people) {
      const lines = linesOf.get(line.incidentId) ?? [];
      lines.push(line);
      linesOf.set(line.incidentId, lines);
    }
    const sensitive = rows.filter((row) => row.isSensitive);
    if (sensitive.length) {
      await db.transaction((tx) =>
        recordAuditEntries(
          tx,
          context.audit,
          sensitive.map((row) => ({ action: "read_sensitive", entityType: "incident", entityId: row.id, changes: { exportedAs: { from: null, to: query.format } } })),
        ),
      );
    }
    const last = rows[rows.length - 1];
    after = { at: last.cursorAt, id: last.id };
    return rows.map((row) => exportValues(row, linesOf.get(row.id) ?? [], lookups, query.lang));
  };
}

// A cell starting with = + - @ (or a tab or carriage return) would run as a formula in a
// spreadsheet (CSV injection): text cells get a leading quote, which the import removes.
const formulaStart = /^[=+\-@\t\r]/;
const neutralise = (value: string | number | boolean | null) => (typeof value === "string" && formulaStart.test(value) ? `'${value}` : value);

// Booleans as true/false (csv-stringify's default writes 1 and an empty cell).
const csvOptions = { cast: { boolean: (value: boolean) => String(value) } };

// Rows per chunk of text: chunks stay far below V8's large-object size (128 KB), so each page's
// text dies young instead of piling up in the old generation until a full collection.
const rowsPerChunk = 100;

type TextFormat = { head: string; render: (rows: readonly Values[]) => string; separator: string; tail: string };

/**
 * A text export read by the response: each read turns one page into text at once, and the
 * stream keeps the bytes only. Nothing of a page (rows, values, strings) is referenced once
 * the read returns, so it is not alive while the next page is read and converted — the part
 * that allocates most — and dies in the young generation instead of being promoted to the old
 * one, which without a full collection would grow by the size of every page exported.
 * The next page is read only when the socket has taken the stream's buffer.
 */
function textStream(nextPage: NextPage, format: TextFormat): Readable {
  let isStarted = false;
  let isFirst = true;
  async function pushNext(stream: Readable) {
    if (!isStarted) {
      isStarted = true;
      stream.push(format.head);
      return;
    }
    const values = await nextPage();
    if (!values) {
      if (format.tail) stream.push(format.tail);
      stream.push(null);
      return;
    }
    for (let start = 0; start < values.length; start += rowsPerChunk) {
      const text = format.render(values.slice(start, start + rowsPerChunk));
      stream.push(isFirst ? text : format.separator + text);
      isFirst = false;
    }
  }
  return new Readable({
    highWaterMark: 64 * 1024,
    read() {
      pushNext(this).catch((error: unknown) => this.destroy(error as Error));
    },
  });
}

/**
 * A CSV for people starts with a UTF-8 byte-order mark: without it Excel reads the file in the
 * machine's legacy code page and "Séguéla" comes out as "SÃ©guÃ©la". The one for machines
 * (column codes) has none, as tools that read UTF-8 expect.
 */
const byteOrderMark = "\uFEFF";

const csvFormat = (hxl: boolean, headers: ExportHeaders, language: ExportLanguage): TextFormat => ({
  head:
    (headers === "names" ? byteOrderMark : "") +
    stringifyRows([exportHeaderRow(headers, language), ...(hxl ? [exportColumns.map((column) => column.hashtag)] : [])], csvOptions),
  render: (rows) => stringifyRows(rows.map((values) => values.map(neutralise)), csvOptions),
  separator: "",
  tail: "",
});

const geojsonFormat: TextFormat = {
  head: '{"type":"FeatureCollection","features":[',
  render: (rows) => rows.map((values) => JSON.stringify(exportFeature(values))).join(","),
  separator: ",",
  tail: "]}",
};

type SheetStream = { pipes?: { writableLength?: number; _writableState?: { length?: number } }[]; buffers?: unknown[] };

/**
 * Bytes of sheet XML that the zip has not compressed yet. exceljs's sheet stream writes into
 * the zip's entry without waiting for it (nor for the reader), so compression (the slowest
 * step) would fall behind without limit: what is queued is read here, from the sheet stream's
 * own buffers (64 KB each) and the entry it writes into.
 */
function uncompressedBytes(sheet: ExcelJS.Worksheet): number {
  const stream = (sheet as unknown as { stream?: SheetStream }).stream;
  const piped = (stream?.pipes ?? []).reduce((sum, pipe) => sum + (pipe.writableLength ?? pipe._writableState?.length ?? 0), 0);
  return piped + (stream?.buffers?.length ?? 0) * 65_536;
}

const maxQueuedBytes = 4 * 1024 * 1024;

/**
 * XLSX through exceljs's streaming writer. The next page is read only once the zip has caught
 * up and the output has drained: memory stays at a few pages, whatever the number of rows.
 */
const localColumn = exportColumns.findIndex((column) => column.header === "occurred_at_local");

/**
 * The values of one row as XLSX cells: the local date and time as a real date (a spreadsheet
 * date has no time zone: it holds the wall-clock time shown, so it sorts and filters as people
 * read it). The UTC instant stays ISO 8601 text with its "Z", so that an import reads it as the
 * instant it is rather than as a local time.
 */
function xlsxCells(values: Values): (Values[number] | Date)[] {
  const cells: (Values[number] | Date)[] = values.slice();
  const local = values[localColumn];
  if (typeof local === "string" && local) cells[localColumn] = new Date(`${local.replace(" ", "T")}Z`);
  return cells;
}

/**
 * A sheet people can work with: the header (and hashtag) rows frozen, an autofilter on them,
 * column widths, and a date format on the date column.
 */
function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, hxl: boolean, headers: ExportHeaders, language: ExportLanguage) {
  const headerRows = hxl ? 2 : 1;
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: headerRows }] });
  exportColumns.forEach((column, index) => {
    const target = sheet.getColumn(index + 1);
    target.width = column.width;
    if (index === localColumn) target.numFmt = "yyyy-mm-dd hh:mm";
  });
  sheet.autoFilter = { from: { row: headerRows, column: 1 }, to: { row: headerRows, column: exportColumns.length } };
  const header = sheet.addRow(exportHeaderRow(headers, language));
  header.font = { bold: true };
  header.commit();
  if (hxl) sheet.addRow(exportColumns.map((column) => column.hashtag)).commit();
  return sheet;
}

async function xlsxStream(nextPage: NextPage, hxl: boolean, headers: ExportHeaders, language: ExportLanguage): Promise<Readable> {
  // Loaded on first use: over half a second of start-up for a feature most starts never use.
  const { default: Excel } = await import("exceljs");
  const output = new PassThrough({ highWaterMark: 256 * 1024 });
  // Fast compression: the zip is the slowest step of the export. Styles carry the date format and the bold header.
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  let sheet = addSheet(workbook, "Incidents", hxl, headers, language);
  let rowsInSheet = 0;
  // A page is read and written to the sheet in one call: none of it stays referenced while the
  // zip and the reader catch up (see `textStream`).
  const writePage = async () => {
    const values = await nextPage();
    for (const row of values ?? []) {
      if (rowsInSheet === rowsPerSheet) {
        sheet.commit();
        sheet = addSheet(workbook, `Incidents ${workbook.worksheets.length + 1}`, hxl, headers, language);
        rowsInSheet = 0;
      }
      sheet.addRow(xlsxCells(row)).commit();
      rowsInSheet += 1;
    }
    return values !== null;
  };
  (async () => {
    while (await writePage()) {
      // Let compression and the socket run (an embedded database answers without giving way to
      // I/O), then wait while the zip or the reader lags behind.
      await new Promise((resolve) => setImmediate(resolve));
      while (!output.destroyed && (output.writableNeedDrain || output.readableLength >= output.readableHighWaterMark || uncompressedBytes(sheet) > maxQueuedBytes)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // The reader went away: stop reading pages.
      if (output.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}

const contentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  geojson: "application/geo+json",
};

/** The filtered incidents the caller may see, streamed as CSV (optionally with HXL hashtags), XLSX or GeoJSON. */
export async function exportIncidents(context: ServiceContext, query: ExportQuery) {
  const { db } = context.database;
  const where = and(incidentVisibility(context), await incidentFilterConditions(context, query, "incident.analyse"));
  const lookups = await exportLookups(db);
  const nextPage = pageReader(context, where, lookups, query);
  const hxl = query.hxl === "true";
  // Readable headers in the reader's language for people; codes for machines (and with HXL, which is for them).
  const headers: ExportHeaders = query.headers ?? (hxl ? "codes" : "names");
  const stream =
    query.format === "xlsx"
      ? await xlsxStream(nextPage, hxl, headers, query.lang)
      : textStream(nextPage, query.format === "geojson" ? geojsonFormat : csvFormat(hxl, headers, query.lang));
  const date = new Date().toISOString().slice(0, 10);
  return { stream, contentType: contentTypes[query.format], fileName: `incidents-${date}${hxl ? "-hxl" : ""}.${query.format}` };
}
