import { and, count, eq } from "drizzle-orm";
import { checkAttachment, maxAttachmentsPerIncident } from "../../../core/incidents/incident-attachment-types.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { files } from "../../platform/files/files.tables.ts";
import { storeFile } from "../../platform/files/store-file.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { ForbiddenError, NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/schemas.ts";
import type { AttachmentOut } from "./incident-attachment-list.ts";
import { incidentPolicy } from "./incidents.policy.ts";
import { incidentAccess } from "./incidents.service.ts";
import { incidentAttachments, incidents } from "./incidents.tables.ts";

export type AttachmentUpload = { name: string; declaredType: string; content: Buffer; description: string | null };

/** What the history shows of an attachment: enough to recognise it, never its content. */
const described = (attachment: Omit<AttachmentOut, "createdAt">) => ({
  id: attachment.id,
  name: attachment.name,
  contentType: attachment.contentType,
  size: attachment.size,
  description: attachment.description,
});

/**
 * The incident, if the caller may read it. Asked for one of its files, a missing or unreadable
 * incident and a missing file give one answer, so the reply says nothing of which it was.
 */
async function incidentOfFile(context: ServiceContext, incidentId: string, attachmentId: string | null) {
  try {
    return await incidentAccess(context, incidentId);
  } catch (error) {
    if (attachmentId && error instanceof NotFoundError) throw new NotFoundError("Attachment");
    throw error;
  }
}

/** The incident, if the caller may change it (whoever may revise it may attach and remove files). */
async function assertMayChangeAttachments(context: ServiceContext, incidentId: string, attachmentId: string | null) {
  const { row, isNamed } = await incidentOfFile(context, incidentId, attachmentId);
  if (!incidentPolicy.canUpdate(context.actor, row, isNamed)) throw new ForbiddenError("You may not change this incident");
  return row;
}

/**
 * Stores the file in the database and links it to the incident, audited on the incident so it
 * shows in its history. `readUpload` runs only once the caller is known to be allowed, so no one
 * else gets a 10 MB body read for them.
 */
export async function addIncidentAttachment(context: ServiceContext, incidentId: string, readUpload: () => Promise<AttachmentUpload>): Promise<AttachmentOut> {
  await assertMayChangeAttachments(context, incidentId, null);
  const upload = await readUpload();
  const check = checkAttachment(upload);
  if ("problem" in check) throw new RuleError("file", check.problem);
  return context.database.db.transaction(async (tx) => {
    // Locks the incident: two uploads at once cannot both pass the count below.
    await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, incidentId));
    const [{ attached }] = await tx.select({ attached: count() }).from(incidentAttachments).where(eq(incidentAttachments.incidentId, incidentId));
    if (attached >= maxAttachmentsPerIncident) {
      throw new RuleError("file", `an incident may have at most ${maxAttachmentsPerIncident} attachments: remove one first`);
    }
    const fileId = await storeFile(tx, { name: upload.name, contentType: check.contentType, content: upload.content });
    const [row] = await tx
      .insert(incidentAttachments)
      .values({ incidentId, fileId, description: upload.description, uploadedByUserId: context.actor.userId })
      .returning();
    const attachment = { id: row.id, name: upload.name, contentType: check.contentType, size: upload.content.length, description: row.description };
    await recordAudit(tx, context.audit, {
      action: "attachment_add",
      entityType: "incident",
      entityId: incidentId,
      changes: { attachment: { from: null, to: described(attachment) } },
    });
    return { ...attachment, createdAt: iso(row.createdAt) as string };
  });
}

async function findAttachment(context: ServiceContext, incidentId: string, attachmentId: string) {
  const [row] = await context.database.db
    .select({ attachment: incidentAttachments, name: files.name, contentType: files.contentType, size: files.size })
    .from(incidentAttachments)
    .innerJoin(files, eq(files.id, incidentAttachments.fileId))
    .where(and(eq(incidentAttachments.id, attachmentId), eq(incidentAttachments.incidentId, incidentId)));
  if (!row) throw new NotFoundError("Attachment");
  return row;
}

/** The file, for whoever may read the incident; a sensitive incident's file is a sensitive read, audited. */
export async function readIncidentAttachment(context: ServiceContext, incidentId: string, attachmentId: string) {
  const { row: incident } = await incidentOfFile(context, incidentId, attachmentId);
  const found = await findAttachment(context, incidentId, attachmentId);
  const [file] = await context.database.db.select().from(files).where(eq(files.id, found.attachment.fileId));
  if (!file) throw new NotFoundError("Attachment");
  if (incident.isSensitive) {
    await context.database.db.transaction((tx) =>
      recordAudit(tx, context.audit, {
        action: "read_sensitive",
        entityType: "incident",
        entityId: incidentId,
        changes: { attachment: { from: null, to: `${attachmentId} (${file.name})` } },
      }),
    );
  }
  return file;
}

/** Removes the link and the stored file, audited on the incident. */
export async function deleteIncidentAttachment(context: ServiceContext, incidentId: string, attachmentId: string): Promise<void> {
  await assertMayChangeAttachments(context, incidentId, attachmentId);
  const found = await findAttachment(context, incidentId, attachmentId);
  await context.database.db.transaction(async (tx) => {
    await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, incidentId));
    const deleted = await tx.delete(incidentAttachments).where(eq(incidentAttachments.id, attachmentId)).returning({ id: incidentAttachments.id });
    // Removed meanwhile by someone else: the same answer as if it had never been there.
    if (deleted.length === 0) throw new NotFoundError("Attachment");
    await tx.delete(files).where(eq(files.id, found.attachment.fileId));
    await recordAudit(tx, context.audit, {
      action: "attachment_delete",
      entityType: "incident",
      entityId: incidentId,
      changes: {
        attachment: {
          from: described({ id: attachmentId, name: found.name, contentType: found.contentType, size: found.size, description: found.attachment.description }),
          to: null,
        },
      },
    });
  });
}
