import { and, asc, count, eq } from "drizzle-orm";
import { checkAttachment } from "../../../../core/incidents/incident-attachment-types.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import type { Db } from "../../../platform/db/database.ts";
import { files } from "../../../platform/files/files.tables.ts";
import { storeFile } from "../../../platform/files/store-file.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { changeableMeasure, readableMeasure } from "./measures-list.service.ts";
import { srmMeasureEvidence, srmMeasures } from "./measures.tables.ts";

/**
 * Evidence that a measure is implemented (photos, reports, certificates), stored in `files` as
 * incident attachments are and checked by the same rules (type from the first bytes, size).
 * Whoever may change the measure adds and removes evidence; whoever reads it downloads it.
 */

/** Plenty for photos and reports of one measure; more is a sign of misuse. */
export const maxEvidencePerMeasure = 20;

export type EvidenceUpload = { name: string; declaredType: string; content: Buffer };
export type EvidenceOut = { fileId: string; name: string; contentType: string; size: number; createdAt: string };

/** A measure's evidence, oldest first: what each file is, never its content. */
export async function evidenceOf(db: Db, measureId: string): Promise<EvidenceOut[]> {
  const rows = await db
    .select({ fileId: files.id, name: files.name, contentType: files.contentType, size: files.size, createdAt: srmMeasureEvidence.createdAt })
    .from(srmMeasureEvidence)
    .innerJoin(files, eq(files.id, srmMeasureEvidence.fileId))
    .where(eq(srmMeasureEvidence.measureId, measureId))
    .orderBy(asc(srmMeasureEvidence.createdAt), asc(files.id));
  return rows.map((row) => ({ ...row, createdAt: iso(row.createdAt) as string }));
}

const described = (file: Omit<EvidenceOut, "createdAt">) => ({ fileId: file.fileId, name: file.name, contentType: file.contentType, size: file.size });

/**
 * A missing or unreadable measure, asked for one of its files, gives the answer a missing file
 * gives, so the reply says nothing of which it was.
 */
async function measureOfFile<T>(load: () => Promise<T>, fileId: string | null): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (fileId && error instanceof NotFoundError) throw new NotFoundError("Evidence");
    throw error;
  }
}

/** `readUpload` runs only once the caller is known to be allowed: no one else gets a 10 MB body read for them. */
export async function addMeasureEvidence(context: ServiceContext, measureId: string, readUpload: () => Promise<EvidenceUpload>): Promise<EvidenceOut> {
  await changeableMeasure(context, measureId);
  const upload = await readUpload();
  const check = checkAttachment(upload);
  if ("problem" in check) throw new RuleError("file", check.problem);
  return context.database.db.transaction(async (tx) => {
    // Locks the measure: two uploads at once cannot both pass the count below.
    await tx.update(srmMeasures).set({ updatedAt: new Date() }).where(eq(srmMeasures.id, measureId));
    const [{ attached }] = await tx.select({ attached: count() }).from(srmMeasureEvidence).where(eq(srmMeasureEvidence.measureId, measureId));
    if (attached >= maxEvidencePerMeasure) throw new RuleError("file", `a measure may have at most ${maxEvidencePerMeasure} evidence files: remove one first`);
    const fileId = await storeFile(tx, { name: upload.name, contentType: check.contentType, content: upload.content });
    const [link] = await tx.insert(srmMeasureEvidence).values({ measureId, fileId }).returning();
    const evidence = { fileId, name: upload.name, contentType: check.contentType, size: upload.content.length };
    await recordAudit(tx, context.audit, {
      action: "evidence_add",
      entityType: "srm_measure",
      entityId: measureId,
      changes: { evidence: { from: null, to: described(evidence) } },
    });
    return { ...evidence, createdAt: iso(link.createdAt) as string };
  });
}

async function findEvidence(db: Db, measureId: string, fileId: string) {
  const [row] = await db
    .select({ fileId: files.id, name: files.name, contentType: files.contentType, size: files.size })
    .from(srmMeasureEvidence)
    .innerJoin(files, eq(files.id, srmMeasureEvidence.fileId))
    .where(and(eq(srmMeasureEvidence.measureId, measureId), eq(srmMeasureEvidence.fileId, fileId)));
  if (!row) throw new NotFoundError("Evidence");
  return row;
}

/** The file, for whoever reads the measure. */
export async function readMeasureEvidence(context: ServiceContext, measureId: string, fileId: string) {
  await measureOfFile(() => readableMeasure(context, measureId), fileId);
  await findEvidence(context.database.db, measureId, fileId);
  const [file] = await context.database.db.select().from(files).where(eq(files.id, fileId));
  if (!file) throw new NotFoundError("Evidence");
  return file;
}

/** Removes the link and the stored file, audited on the measure. */
export async function deleteMeasureEvidence(context: ServiceContext, measureId: string, fileId: string): Promise<void> {
  const measure = await measureOfFile(() => changeableMeasure(context, measureId), fileId);
  const found = await findEvidence(context.database.db, measureId, fileId);
  await context.database.db.transaction(async (tx) => {
    await tx.update(srmMeasures).set({ updatedAt: new Date() }).where(eq(srmMeasures.id, measureId));
    // A verified measure keeps something on record: its last file goes only once a note says how it was verified.
    if (measure.status === "verified" && !measure.verificationNote?.trim()) {
      const [{ attached }] = await tx.select({ attached: count() }).from(srmMeasureEvidence).where(eq(srmMeasureEvidence.measureId, measureId));
      if (attached <= 1) {
        throw new RuleError("fileId", "is the only evidence of a verified measure: write a verification note, or change the status, before removing it");
      }
    }
    const deleted = await tx
      .delete(srmMeasureEvidence)
      .where(and(eq(srmMeasureEvidence.measureId, measureId), eq(srmMeasureEvidence.fileId, fileId)))
      .returning({ fileId: srmMeasureEvidence.fileId });
    // Removed meanwhile by someone else: the same answer as if it had never been there.
    if (deleted.length === 0) throw new NotFoundError("Evidence");
    await tx.delete(files).where(eq(files.id, fileId));
    await recordAudit(tx, context.audit, {
      action: "evidence_delete",
      entityType: "srm_measure",
      entityId: measureId,
      changes: { evidence: { from: described(found), to: null } },
    });
  });
}
