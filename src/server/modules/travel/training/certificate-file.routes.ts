import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { certificateFileTypesText, maxCertificateFileBytes } from "../../../../core/travel/certificate-file.ts";
import { cleanFileName } from "../../../../core/file-name.ts";
import { sendStoredFile } from "../../../platform/http/download.ts";
import { RuleError } from "../../../platform/http/errors.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { errorResponses, idParams } from "../../../platform/http/schemas.ts";
import { type CertificateFileUpload, attachCertificateFile, readCertificateFile } from "./certificate-file.service.ts";

const tags = ["Training"];
const tooLarge = `is larger than ${maxCertificateFileBytes / 1024 / 1024} MB`;

/**
 * The multipart body: one file in the field `file`. Every refusal names `file` (422), as the
 * appointment letter's do: missing, too large (stopped while it streams in), unreadable.
 */
async function readCertificateUpload(request: FastifyRequest): Promise<CertificateFileUpload> {
  if (!request.isMultipart()) throw new RuleError("file", "is required: send the file as multipart/form-data in the field `file`");
  let upload: CertificateFileUpload | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxCertificateFileBytes, files: 1, fields: 5, fieldSize: 1000 } })) {
      if (part.type !== "file") continue;
      const content = await part.toBuffer();
      if (part.fieldname === "file") upload = { name: cleanFileName(part.filename, "certificate"), declaredType: part.mimetype ?? "", content };
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (code === "FST_REQ_FILE_TOO_LARGE") throw new RuleError("file", tooLarge);
    if (code.startsWith("FST_")) throw new RuleError("file", `could not be read: ${(error as Error).message}`);
    throw error;
  }
  if (!upload) throw new RuleError("file", "is required: send the file in the multipart field `file`");
  return upload;
}

export function certificateFileRoutes(certificateOut: z.ZodType) {
  return [
    defineRoute({
      method: "POST",
      url: "/api/training/certificates/:id/file",
      access: "authenticated",
      summary: `Give a certificate its file, or replace it (multipart field \`file\`: ${certificateFileTypesText}, at most ${maxCertificateFileBytes / 1024 / 1024} MB, content checked): the person for a certificate they added, a focal point or security professional for the people they cover`,
      tags,
      params: idParams,
      isMultipart: true,
      response: { 200: certificateOut, ...errorResponses },
      handler: ({ context, params, request }) => attachCertificateFile(context, params.id, () => readCertificateUpload(request)),
    }),
    defineRoute({
      method: "GET",
      url: "/api/training/certificates/:id/file",
      access: "authenticated",
      summary: "Download a certificate's file (whoever may read the certificate); a download by anyone but its holder is audited",
      tags,
      params: idParams,
      response: { 200: z.string().describe("The file"), ...errorResponses },
      handler: async ({ context, params, reply }) => sendStoredFile(reply, await readCertificateFile(context, params.id)),
    }),
  ];
}
