import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  attachmentFileName,
  attachmentTypesText,
  maxAttachmentBytes,
  maxAttachmentDescriptionLength,
} from "../../../core/incidents/incident-attachment-types.ts";
import { AppError, RuleError } from "../../platform/http/errors.ts";
import { sendStoredFile } from "../../platform/http/download.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { errorResponses, idParams, noContent } from "../../platform/http/schemas.ts";
import { attachmentOut } from "./incident-attachment-list.ts";
import { type AttachmentUpload, addIncidentAttachment, deleteIncidentAttachment, readIncidentAttachment } from "./incident-attachments.service.ts";

const tags = ["Incidents"];
const attachmentParams = idParams.extend({ attachmentId: z.uuid({ message: "must be a valid id" }) });

const bad = (field: string, message: string) => new AppError(400, "validation", `${field}: ${message}`, [{ field, message }]);

function descriptionOf(value: string | undefined, isTruncated: boolean): string | null {
  const text = value?.trim() ?? "";
  if (isTruncated || text.length > maxAttachmentDescriptionLength) throw bad("description", `must be at most ${maxAttachmentDescriptionLength} characters`);
  // PostgreSQL stores no NUL; other control characters have no place in a one-line description either.
  if (/[^\P{Cc}\t\n\r]/u.test(text)) throw bad("description", "must not contain control characters");
  return text || null;
}

/** The multipart body: the file in `file`, an optional `description` beside it (before or after). */
async function readAttachmentUpload(request: FastifyRequest): Promise<AttachmentUpload> {
  if (!request.isMultipart()) throw bad("file", "is required: send the file as multipart/form-data in the field `file`");
  let file: { name: string; declaredType: string; content: Buffer } | null = null;
  let description: string | undefined;
  let isDescriptionTruncated = false;
  try {
    const limits = { fileSize: maxAttachmentBytes, files: 1, fields: 5, fieldSize: maxAttachmentDescriptionLength * 4 };
    for await (const part of request.parts({ limits })) {
      if (part.type === "file") {
        const content = await part.toBuffer();
        if (part.fieldname === "file") file = { name: attachmentFileName(part.filename), declaredType: part.mimetype ?? "", content };
      } else if (part.fieldname === "description") {
        description = String(part.value);
        isDescriptionTruncated = part.valueTruncated;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code ?? "";
    if (code === "FST_REQ_FILE_TOO_LARGE") throw new RuleError("file", `is larger than ${maxAttachmentBytes / 1024 / 1024} MB`);
    throw bad("file", code.startsWith("FST_") ? (error as Error).message : "could not be read: send one file as multipart/form-data");
  }
  if (!file) throw bad("file", "is required: send the file in the multipart field `file`");
  return { ...file, description: descriptionOf(description, isDescriptionTruncated) };
}

export const incidentAttachmentRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/incidents/:id/attachments",
    access: "incident.create",
    summary: `Attach a file to an incident (multipart: \`file\`, ${attachmentTypesText}, at most ${maxAttachmentBytes / 1024 / 1024} MB; optional \`description\`); whoever may revise the incident`,
    tags,
    params: idParams,
    isMultipart: true,
    response: { 201: attachmentOut, ...errorResponses },
    handler: async ({ context, params, request, reply }) => {
      const attachment = await addIncidentAttachment(context, params.id, () => readAttachmentUpload(request));
      return reply.code(201).send(attachment);
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/incidents/:id/attachments/:attachmentId",
    access: "incident.read",
    summary: "Download an incident's attachment; for a sensitive incident the download is audited",
    tags,
    params: attachmentParams,
    response: { 200: z.string().describe("The file"), ...errorResponses },
    handler: async ({ context, params, reply }) => {
      const file = await readIncidentAttachment(context, params.id, params.attachmentId);
      return sendStoredFile(reply, file);
    },
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/incidents/:id/attachments/:attachmentId",
    access: "incident.create",
    summary: "Remove an attachment from an incident (whoever may revise the incident); recorded in its history",
    tags,
    params: attachmentParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteIncidentAttachment(context, params.id, params.attachmentId);
      return reply.code(204).send();
    },
  }),
];
