import { z } from "zod";
import { importLimitsText } from "../../../core/import-limits.ts";
import { importDefaultsInput, importMappingInput } from "../../../core/incidents/incident-import-fields.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { errorResponses } from "../../platform/http/schemas.ts";
import { importOutcomeOut, importPreviewOut } from "../../platform/import/import-result.ts";
import { jsonField, readImportUpload } from "../../platform/import/import-upload.ts";
import { exportFormats, exportIncidents } from "./incident-export.service.ts";
import { incidentFilterQuery } from "./incident-filter.ts";
import { importIncidentFile, previewIncidentImport } from "./incident-import.service.ts";

const tags = ["Incidents"];

const importOut = importOutcomeOut.extend({
  duplicates: z.number().int().describe("Rows already imported (same external id, or same content): not added again"),
  timeZones: z
    .array(z.object({ timeZone: z.string(), source: z.enum(["file", "place", "default", "fallback"]), rows: z.number().int() }))
    .describe("Zones the accepted rows' local times were read in, and where each came from: the row's own column, its place, the import's default, or UTC for want of any"),
});

export const incidentExchangeRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/incidents/imports/preview",
    access: "incident.import",
    summary: `Read an incident file (CSV or XLSX, multipart field \`file\`; ${importLimitsText}, else 413): its columns, first rows and a suggested column mapping`,
    tags,
    isMultipart: true,
    response: { 200: importPreviewOut, ...errorResponses },
    handler: async ({ request }) => {
      const upload = await readImportUpload(request);
      return previewIncidentImport(upload.fileName, upload.content);
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/incidents/imports",
    access: "incident.import",
    summary:
      `Import incidents from CSV or XLSX (multipart: \`file\`, ${importLimitsText}, else 413; optional JSON \`mapping\` {field: column} and \`defaults\`); each row is checked as the API checks a new incident; errors per row, re-import adds nothing`,
    tags,
    isMultipart: true,
    response: { 200: importOut, ...errorResponses },
    handler: async ({ context, request }) => {
      const upload = await readImportUpload(request);
      const mapping = jsonField(upload.fields, "mapping", importMappingInput);
      const defaults = jsonField(upload.fields, "defaults", importDefaultsInput);
      return importIncidentFile(context, { fileName: upload.fileName, content: upload.content, mapping, defaults });
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/incidents/export",
    access: "incident.analyse",
    summary:
      "Export the filtered incidents the caller may see (streamed) as CSV (hxl=true adds the HXL hashtag row), XLSX or GeoJSON; no victim identities; sensitive incidents only for their need-to-know list, and audited",
    tags,
    querystring: z.object({
      ...incidentFilterQuery,
      format: z.enum(exportFormats, { message: `must be one of ${exportFormats.join(", ")}` }).default("csv"),
      hxl: z.enum(["true", "false"], { message: "must be true or false" }).optional().describe("CSV and XLSX: add the HXL hashtag row"),
      lang: z.enum(["en", "fr"], { message: "must be en or fr" }).default("en").describe("Language of the headers and of category and group labels"),
      headers: z
        .enum(["names", "codes"], { message: "must be names or codes" })
        .optional()
        .describe("CSV and XLSX: readable headers in `lang` (names, the default) or column codes (codes, the default with hxl=true)"),
    }),
    response: { 200: z.string().describe("The file (text/csv, XLSX or application/geo+json)"), ...errorResponses },
    handler: async ({ context, query, reply }) => {
      const { stream, contentType, fileName } = await exportIncidents(context, query);
      return reply.type(contentType).header("content-disposition", `attachment; filename="${fileName}"`).send(stream);
    },
  }),
];
