import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { cleanFileName } from "../../../core/file-name.ts";
import { importLimitMessages, importLimitsText, maxImportFileBytes } from "../../../core/import-limits.ts";
import { importDefaultsInput, importMappingInput } from "../../../core/incidents/incident-import-fields.ts";
import { tooLarge } from "../../platform/files/import-bounds.ts";
import { AppError } from "../../platform/http/errors.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { errorResponses } from "../../platform/http/schemas.ts";
import { exportFormats, exportIncidents } from "./incident-export.service.ts";
import { incidentFilterQuery } from "./incident-filter.ts";
import { importIncidentFile, previewIncidentImport } from "./incident-import.service.ts";

const tags = ["Incidents"];

const bad = (field: string, message: string) => new AppError(400, "validation", `${field}: ${message}`, [{ field, message }]);

/** The multipart upload: the file in `file`, and optional JSON fields (`mapping`, `defaults`). */
async function readUpload(request: FastifyRequest) {
  if (!request.isMultipart()) throw bad("file", "is required: send the file as multipart/form-data in the field `file`");
  const fields: Record<string, string> = {};
  let file: { fileName: string; content: Buffer } | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxImportFileBytes, files: 1, fields: 10, fieldSize: 100_000 } })) {
      if (part.type === "file") {
        const content = await part.toBuffer();
        // The name goes into the audit trail: no control or format characters (PostgreSQL stores no NUL).
        if (part.fieldname === "file") file = { fileName: cleanFileName(part.filename), content };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge(importLimitMessages.fileBytes);
    if (code.startsWith("FST_")) throw bad("file", (error as Error).message);
    throw error;
  }
  if (!file) throw bad("file", "is required: send the file in the multipart field `file`");
  return { ...file, fields };
}

function jsonField<T extends z.ZodType>(fields: Record<string, string>, name: string, schema: T): z.infer<T> | undefined {
  const text = fields[name];
  if (text === undefined || text.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad(name, "must be a JSON object");
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ field: [name, ...issue.path.map(String)].join("."), message: issue.message }));
  throw new AppError(400, "validation", issues.map((issue) => `${issue.field}: ${issue.message}`).join("; "), issues);
}

const rowError = z.object({ row: z.number().int().describe("Row number in the file (the header is row 1)"), field: z.string(), message: z.string() });

const previewOut = z.object({
  format: z.enum(["csv", "xlsx"]),
  columns: z.array(z.string()).describe("Column headers (made unique)"),
  hashtags: z.array(z.string()).nullable().describe("The HXL hashtag row, when the file has one"),
  rowCount: z.number().int(),
  sampleRows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  suggestedMapping: z.record(z.string(), z.string()).describe("Target field → column header"),
  fields: z.array(z.string()).describe("Every target field a column may be mapped to"),
});

const importOut = z.object({
  inserted: z.number().int(),
  duplicates: z.number().int().describe("Rows already imported (same external id, or same content): not added again"),
  rejected: z.number().int().describe("Rows refused; each problem is in errors"),
  errors: z.array(rowError),
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
    response: { 200: previewOut, ...errorResponses },
    handler: async ({ request }) => {
      const upload = await readUpload(request);
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
      const upload = await readUpload(request);
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
