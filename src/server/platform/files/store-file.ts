import { createHash } from "node:crypto";
import { cleanFileName } from "../../../core/file-name.ts";
import type { Db } from "../db/database.ts";
import { files } from "./files.tables.ts";

/**
 * Stores an uploaded file in the caller's transaction (letters, incident attachments, measure
 * evidence), with its size and SHA-256 recorded; returns its id. Callers check type, size and
 * content first. The name is cleaned here, the one place every upload passes, so no stored name
 * keeps a control, bidirectional or zero-width character whatever the caller did.
 */
export async function storeFile(tx: Db, file: { name: string; contentType: string; content: Buffer }): Promise<string> {
  const [stored] = await tx
    .insert(files)
    .values({
      name: cleanFileName(file.name),
      contentType: file.contentType,
      size: file.content.length,
      sha256: createHash("sha256").update(file.content).digest("hex"),
      content: file.content,
    })
    .returning({ id: files.id });
  return stored.id;
}
