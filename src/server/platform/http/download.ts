import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";

/** "Mopti Security Area" → "mopti-security-area", for file names. */
export const fileSlug = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "report";

/**
 * A CSV meant for people starts with a UTF-8 byte-order mark: without it Excel reads it in the
 * machine's legacy code page and accented names break ("Séguéla" → "SÃ©guÃ©la"). Vigil's own
 * CSV imports skip it.
 */
export function withByteOrderMark(body: Readable | string): Readable | string {
  if (typeof body === "string") return `\uFEFF${body}`;
  return Readable.from(
    (async function* () {
      yield Buffer.from("\uFEFF");
      for await (const chunk of body) yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    })(),
  );
}

/** Sends a generated file (report, export) as a download that no cache keeps; CSV with a byte-order mark. */
export function sendDownload(reply: FastifyReply, format: "csv" | "pdf", fileName: string, body: Readable | string) {
  return reply
    .type(format === "csv" ? "text/csv; charset=utf-8" : "application/pdf")
    .header("content-disposition", `attachment; filename="${fileName}.${format}"`)
    .header("cache-control", "no-store")
    .send(format === "csv" ? withByteOrderMark(body) : body);
}

/** `filename` for old clients (ASCII only), `filename*` with the name as uploaded (RFC 6266). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\w.\- ]+/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sends an uploaded file (attachment, evidence) back as it was stored, kept by no shared cache. */
export function sendStoredFile(reply: FastifyReply, file: { name: string; contentType: string; content: Buffer }) {
  return reply
    .type(file.contentType === "text/plain" ? "text/plain; charset=utf-8" : file.contentType)
    .header("content-disposition", contentDisposition(file.name))
    .header("cache-control", "private, no-store")
    .serializer((payload: unknown) => payload as string)
    .send(file.content);
}
