import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { files } from "../../platform/files/files.tables.ts";
import type { Db } from "../../platform/db/database.ts";
import { iso, timestamp } from "../../platform/http/schemas.ts";
import { incidentAttachments } from "./incidents.tables.ts";

export const attachmentOut = z.object({
  id: z.string(),
  name: z.string().describe("The file name as uploaded"),
  contentType: z.string(),
  size: z.number().int().describe("Bytes"),
  description: z.string().nullable(),
  createdAt: timestamp,
});
export type AttachmentOut = z.infer<typeof attachmentOut>;

/** An incident's attachments, oldest first: what the file is, never its content. */
export async function attachmentsOf(db: Db, incidentId: string): Promise<AttachmentOut[]> {
  const rows = await db
    .select({
      id: incidentAttachments.id,
      name: files.name,
      contentType: files.contentType,
      size: files.size,
      description: incidentAttachments.description,
      createdAt: incidentAttachments.createdAt,
    })
    .from(incidentAttachments)
    .innerJoin(files, eq(files.id, incidentAttachments.fileId))
    .where(eq(incidentAttachments.incidentId, incidentId))
    .orderBy(asc(incidentAttachments.createdAt), asc(incidentAttachments.id));
  return rows.map((row) => ({ ...row, createdAt: iso(row.createdAt) as string }));
}
