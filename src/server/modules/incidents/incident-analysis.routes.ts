import type { Readable } from "node:stream";
import { z } from "zod";
import { reportLanguages } from "../../../core/incidents/incident-report-labels.ts";
import { monthPattern } from "../../../core/incidents/incident-stats-period.ts";
import type { Config } from "../../platform/config.ts";
import { fileSlug, sendDownload } from "../../platform/http/download.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { errorResponses } from "../../platform/http/schemas.ts";
import { incidentFilterQuery } from "./incident-filter.ts";
import { incidentMap, mapConfig } from "./incident-map.service.ts";
import { jiuTablePdf, periodicReportPdf } from "./incident-report-pdf.ts";
import { jiuTableCsv, periodicReportCsv } from "./incident-reports.csv.ts";
import { jiuReportOut, mapConfigOut, mapOut, periodicReportOut, statsOut } from "./incident-reports.schemas.ts";
import { jiuTableReport, periodicReport } from "./incident-reports.service.ts";
import { getIncidentStats } from "./incident-stats.service.ts";

const tags = ["Incident analysis"];
const month = z
  .string()
  .regex(monthPattern, { message: "must be a month as YYYY-MM" })
  .refine((value) => Number(value.slice(0, 4)) >= 1900 && Number(value.slice(0, 4)) <= 2200, { message: "must be a month between 1900-01 and 2200-12" });
const placeId = z.uuid({ message: "must be a valid id" }).optional().describe("An area or duty station; absent: everything in the caller's scope");
const year = (what: string) =>
  z.coerce
    .number({ message: "must be a year" })
    .int({ message: "must be a whole year" })
    .min(1900, { message: "must be 1900 or later" })
    .max(2200, { message: "must be 2200 or earlier" })
    .describe(what);
const reportFormat = {
  format: z.enum(["json", "csv", "pdf"], { message: "must be json, csv or pdf" }).default("json").describe("json, or a download as CSV or PDF"),
  lang: z.enum(reportLanguages, { message: "must be en or fr" }).optional().describe("Language of the labels; default: the caller's"),
};

export function incidentAnalysisRoutes(config: Config) {
  return [
    defineRoute({
      method: "GET",
      url: "/api/incidents/stats",
      cachePerViewer: true,
      access: "incident.analyse",
      summary: "Dashboard counts in the caller's scope: by month, category, area, outcome, violence or safety, with the previous period",
      tags,
      querystring: z.object({
        from: month.optional().describe("First month (YYYY-MM); default: twelve months up to the current one"),
        to: month.optional().describe("Last month (YYYY-MM), included"),
        placeId,
        categoryCode: z.string().max(64, { message: "must be at most 64 characters" }).optional(),
        affectsUn: z.enum(["true", "false"], { message: "must be true or false" }).optional().describe("The soft switch: false = situational awareness only"),
      }),
      response: { 200: statsOut, ...errorResponses },
      handler: ({ context, query }) => getIncidentStats(context, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/incidents/map",
      cachePerViewer: true,
      access: "incident.analyse",
      summary: "Incidents the caller may read as GeoJSON points (newest first, capped), without narrative or people",
      tags,
      querystring: z.object(incidentFilterQuery),
      response: { 200: mapOut, ...errorResponses },
      handler: ({ context, query }) => incidentMap(context, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/incidents/map/config",
      access: "incident.analyse",
      summary: "The incident map's base: a configured style or tile URL (MAP_STYLE_URL), or none for the offline world outline",
      tags,
      response: { 200: mapConfigOut, ...errorResponses },
      handler: async () => mapConfig(config),
    }),
    defineRoute({
      method: "GET",
      url: "/api/incidents/reports/periodic",
      access: "incident.analyse",
      summary: "The quarterly or annual incident report, for an area or system-wide within the caller's scope (JSON, CSV or PDF)",
      tags,
      querystring: z.object({
        period: z.enum(["quarter", "year"], { message: "must be quarter or year" }),
        year: year("The calendar year"),
        quarter: z.coerce
          .number({ message: "must be 1, 2, 3 or 4" })
          .int({ message: "must be 1, 2, 3 or 4" })
          .min(1, { message: "must be 1, 2, 3 or 4" })
          .max(4, { message: "must be 1, 2, 3 or 4" })
          .optional()
          .describe("Required for a quarterly report"),
        placeId,
        ...reportFormat,
        headers: z
          .enum(["names", "codes"], { message: "must be names or codes" })
          .default("names")
          .describe("CSV: readable headers in `lang` (names) or column codes (codes)"),
      }),
      response: { 200: periodicReportOut.describe("JSON, or the CSV or PDF file when format says so"), ...errorResponses },
      handler: async ({ context, query, reply }) => {
        const report = await periodicReport(context, query);
        if (query.format === "json") return report;
        const name = `incident-report-${report.kind === "year" ? report.period.label : report.period.label.replace(" ", "-")}-${fileSlug(report.scope.placeId ? report.scope.name : "system-wide")}`;
        return sendDownload(reply, query.format, name, query.format === "csv" ? periodicReportCsv(report, query.headers) : ((await periodicReportPdf(report)) as unknown as Readable));
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/incidents/reports/jiu-table",
      access: "incident.analyse",
      summary: "UN personnel affected by category and year, as JIU 2016 Table 1 (JSON, CSV or PDF)",
      tags,
      querystring: z.object({
        fromYear: year("First year; default: six years before toYear").optional(),
        toYear: year("Last year; default: the current year").optional(),
        placeId,
        ...reportFormat,
      }),
      response: { 200: jiuReportOut.describe("JSON, or the CSV or PDF file when format says so"), ...errorResponses },
      handler: async ({ context, query, reply }) => {
        const report = await jiuTableReport(context, query);
        if (query.format === "json") return report;
        const name = `personnel-affected-${report.fromYear}-${report.toYear}-${fileSlug(report.scope.placeId ? report.scope.name : "system-wide")}`;
        return sendDownload(reply, query.format, name, query.format === "csv" ? jiuTableCsv(report) : ((await jiuTablePdf(report)) as unknown as Readable));
      },
    }),
  ];
}
