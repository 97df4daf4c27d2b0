import type { Readable } from "node:stream";
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

/** Sends a generated file (report, export) as a download that no cache keeps. */
export function sendDownload(reply: FastifyReply, format: "csv" | "pdf", fileName: string, body: Readable | string) {
  return reply
    .type(format === "csv" ? "text/csv; charset=utf-8" : "application/pdf")
    .header("content-disposition", `attachment; filename="${fileName}.${format}"`)
    .header("cache-control", "no-store")
    .send(body);
}
