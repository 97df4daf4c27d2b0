import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { attachmentFileName, attachmentTypesText, maxAttachmentBytes } from "../../../../core/incidents/incident-attachment-types.ts";
import { measureInput, measurePatch, measureSorts } from "../../../../core/risk/measures.schemas.ts";
import { measureCategories, measureKinds, measureStatuses } from "../../../../core/risk/risk-enums.ts";
import { AppError, RuleError } from "../../../platform/http/errors.ts";
import { sendDownload, sendStoredFile } from "../../../platform/http/download.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { actionsField, dateOnly, errorResponses, idParams, noContent, pageOf, pagingQuery, timestamp } from "../../../platform/http/schemas.ts";
import { type EvidenceUpload, addMeasureEvidence, deleteMeasureEvidence, maxEvidencePerMeasure, readMeasureEvidence } from "./measure-evidence.service.ts";
import { compareMeasures, compareQuery } from "./measures-compare.service.ts";
import { exportMeasuresCsv } from "./measures-export.service.ts";
import { listMeasures, measureFilterQuery } from "./measures-list.service.ts";
import { createMeasure, deleteMeasure, getMeasure, updateMeasure } from "./measures.service.ts";

/** SRM measures: per area, evidence, CSV export, and the cross-country view. */

const tags = ["Security risk management"];

const measureListItem = z.object({
  id: z.string(),
  kind: z.enum(measureKinds),
  placeId: z.string(),
  placeName: z.string(),
  organisationId: z.string().nullable(),
  organisationCode: z.string().nullable(),
  assessmentLineageId: z.string().nullable(),
  scenarioKey: z.string().nullable(),
  category: z.enum(measureCategories),
  title: z.string(),
  ownerName: z.string(),
  dueOn: dateOnly,
  costAmount: z.number().nullable(),
  costCurrency: z.string().nullable(),
  status: z.enum(measureStatuses),
  implementedOn: dateOnly.nullable(),
  verifiedOn: dateOnly.nullable(),
  effectiveness: z.number().int().nullable(),
  isOverdue: z.boolean().describe("Past the agreed date and not implemented or verified"),
  evidenceCount: z.number().int(),
  actions: actionsField,
});

const evidenceOut = z.object({
  fileId: z.string(),
  name: z.string().describe("The file name as uploaded"),
  contentType: z.string(),
  size: z.number().int().describe("Bytes"),
  createdAt: timestamp,
});

const measureOut = measureListItem.extend({
  description: z.string(),
  effectivenessNote: z.string().nullable(),
  verificationNote: z.string().nullable().describe("How the verification was done; a verified measure has this note or at least one evidence file"),
  evidence: z.array(evidenceOut),
  lastOverdueNoticeAt: timestamp.nullable().describe("When the P/C/SA and desk officer were last told it is overdue"),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const compareItem = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.enum(measureCategories),
  kind: z.enum(measureKinds),
  status: z.enum(measureStatuses),
  areaName: z.string(),
  designatedAreaName: z.string(),
  countryCode: z.string().nullable(),
  organisationCode: z.string().nullable(),
  costAmount: z.number().nullable(),
  costCurrency: z.string().nullable(),
  effectiveness: z.number().int().nullable(),
  effectivenessNote: z.string().nullable(),
  implementedOn: dateOnly.nullable(),
});

const compareOut = pageOf(compareItem).extend({
  summary: z
    .array(
      z.object({
        category: z.enum(measureCategories),
        count: z.number().int(),
        areas: z.number().int().describe("Areas that implemented measures of this category"),
        averageEffectiveness: z.number().nullable(),
        medianCost: z.array(z.object({ currency: z.string(), median: z.number(), count: z.number().int() })).describe("Per currency: costs in different currencies do not compare"),
      }),
    )
    .describe("Per category, over every measure matching the filters (not only this page)"),
});

const evidenceParams = idParams.extend({ fileId: z.uuid({ message: "must be a valid id" }) });
const bad = (field: string, message: string) => new AppError(400, "validation", `${field}: ${message}`, [{ field, message }]);

/** The multipart body: the file in `file`. */
async function readEvidenceUpload(request: FastifyRequest): Promise<EvidenceUpload> {
  if (!request.isMultipart()) throw bad("file", "is required: send the file as multipart/form-data in the field `file`");
  let file: EvidenceUpload | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxAttachmentBytes, files: 1, fields: 5, fieldSize: 1000 } })) {
      if (part.type !== "file") continue;
      const content = await part.toBuffer();
      if (part.fieldname === "file") file = { name: attachmentFileName(part.filename), declaredType: part.mimetype ?? "", content };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code ?? "";
    if (code === "FST_REQ_FILE_TOO_LARGE") throw new RuleError("file", `is larger than ${maxAttachmentBytes / 1024 / 1024} MB`);
    throw bad("file", code.startsWith("FST_") ? (error as Error).message : "could not be read: send one file as multipart/form-data");
  }
  if (!file) throw bad("file", "is required: send the file in the multipart field `file`");
  return file;
}

export const measureRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/srm-measures",
    access: "measure.read",
    summary: "List the SRM measures of the caller's areas (every kind and organisation), with overdue flags",
    tags,
    querystring: z.object({ ...pagingQuery, ...measureFilterQuery, sort: z.enum(measureSorts, { message: `must be one of ${measureSorts.join(", ")}` }).default("dueOn") }),
    response: { 200: pageOf(measureListItem), ...errorResponses },
    handler: ({ context, query }) => listMeasures(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/srm-measures",
    access: "measure.update",
    summary: "Record a measure of a Designated Area or Security Area; representatives and focal points only for their own organisation",
    tags,
    body: measureInput,
    response: { 201: measureOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createMeasure(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/srm-measures/export.csv",
    access: "measure.read",
    summary: "Export the filtered measures as CSV: readable headers and labels in `lang` (by default the caller's language), or column codes with headers=codes",
    tags,
    querystring: z.object({
      ...measureFilterQuery,
      lang: z.enum(["en", "fr"], { message: "must be en or fr" }).optional().describe("Language of the headers and of the kind, category and status labels"),
      headers: z
        .enum(["names", "codes"], { message: "must be names or codes" })
        .default("names")
        .describe("Readable headers for people (names) or column codes for machines (codes)"),
    }),
    response: { 200: z.string().describe("text/csv"), ...errorResponses },
    handler: async ({ context, query, reply }) => {
      const stream = await exportMeasuresCsv(context, query);
      return sendDownload(reply, "csv", "srm-measures", stream);
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/srm-measures/compare",
    access: "measure.compare",
    summary: "The cross-country view: implemented and verified measures of every area (no one's personal data), with a summary per category",
    tags,
    querystring: z.object({ page: pagingQuery.page, pageSize: pagingQuery.pageSize, ...compareQuery }),
    response: { 200: compareOut, ...errorResponses },
    handler: ({ context, query }) => compareMeasures(context, query),
  }),
  defineRoute({
    method: "GET",
    url: "/api/srm-measures/:id",
    access: "measure.read",
    summary: "Get a measure with its evidence",
    tags,
    params: idParams,
    response: { 200: measureOut, ...errorResponses },
    handler: ({ context, params }) => getMeasure(context, params.id),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/srm-measures/:id",
    access: "measure.update",
    summary: "Update a measure (status, dates, cost, effectiveness…); representatives and focal points only their own organisation's",
    tags,
    params: idParams,
    body: measurePatch,
    response: { 200: measureOut, ...errorResponses },
    handler: ({ context, params, body }) => updateMeasure(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/srm-measures/:id",
    access: "measure.update",
    summary: "Delete a measure and its evidence",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteMeasure(context, params.id);
      return reply.code(204).send();
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/srm-measures/:id/evidence",
    access: "measure.update",
    summary: `Add evidence to a measure (multipart: \`file\`, ${attachmentTypesText}, at most ${maxAttachmentBytes / 1024 / 1024} MB; at most ${maxEvidencePerMeasure} files)`,
    tags,
    params: idParams,
    isMultipart: true,
    response: { 201: evidenceOut, ...errorResponses },
    handler: async ({ context, params, request, reply }) => reply.code(201).send(await addMeasureEvidence(context, params.id, () => readEvidenceUpload(request))),
  }),
  defineRoute({
    method: "GET",
    url: "/api/srm-measures/:id/evidence/:fileId",
    access: "measure.read",
    summary: "Download a measure's evidence file",
    tags,
    params: evidenceParams,
    response: { 200: z.string().describe("The file"), ...errorResponses },
    handler: async ({ context, params, reply }) => {
      const file = await readMeasureEvidence(context, params.id, params.fileId);
      return sendStoredFile(reply, file);
    },
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/srm-measures/:id/evidence/:fileId",
    access: "measure.update",
    summary: "Remove an evidence file from a measure",
    tags,
    params: evidenceParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteMeasureEvidence(context, params.id, params.fileId);
      return reply.code(204).send();
    },
  }),
];
