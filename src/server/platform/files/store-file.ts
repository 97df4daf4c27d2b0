import { createHash } from "node:crypto";
import type { Db } from "../db/database.ts";
import { files } from "./files.tables.ts";

/**
 * Stores an uploaded file in the caller's transaction (letters, incident attachments, measure
 * evidence), with its size and SHA-256 recorded; returns its id. Callers check type and size first.
 */
export async function storeFile(tx: Db, file: { name: string; contentType: string; content: Buffer }): Promise<string> {
  const [stored] = await tx
    .insert(files)
    .values({
      name: file.name,
      contentType: file.contentType,
      size: file.content.length,
      sha256: createHash("sha256").update(file.content).digest("hex"),
      content: file.content,
    })
    .returning({ id: files.id });
  return stored.id;
}
