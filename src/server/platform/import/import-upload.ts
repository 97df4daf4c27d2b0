import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { cleanFileName } from "../../../core/file-name.ts";
import { importLimitMessages, maxImportFileBytes } from "../../../core/import-limits.ts";
import { tooLarge } from "../files/import-bounds.ts";
import { AppError } from "../http/errors.ts";

/**
 * The multipart request of an import route: the file in the field `file` (held to the import
 * size limit while it streams in, so an oversized upload is refused before it is all in
 * memory) and a few small text fields carrying JSON (`mapping`, and whatever else the import
 * takes), each checked against its schema with issues named `<field>.<path>`.
 */

export type ImportUpload = { fileName: string; content: Buffer; fields: Record<string, string> };

const bad = (field: string, message: string) => new AppError(400, "validation", `${field}: ${message}`, [{ field, message }]);

export async function readImportUpload(request: FastifyRequest): Promise<ImportUpload> {
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

/** A JSON text field of the upload, parsed and checked; undefined when absent or blank. */
export function jsonField<T extends z.ZodType>(fields: Record<string, string>, name: string, schema: T): z.infer<T> | undefined {
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
