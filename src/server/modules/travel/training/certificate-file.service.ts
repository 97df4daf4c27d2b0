import { eq } from "drizzle-orm";
import { checkCertificateFile } from "../../../../core/travel/certificate-file.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { files } from "../../../platform/files/files.tables.ts";
import { storeFile } from "../../../platform/files/store-file.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ForbiddenError, NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { trainingPolicy } from "./training.policy.ts";
import { certificateView, readableCertificate } from "./training.service.ts";
import { trainingCertificates } from "./training.tables.ts";

export type CertificateFileUpload = { name: string; declaredType: string; content: Buffer };

/** What the audit trail keeps of a file: enough to recognise it, never its content. */
const describedFile = (file: { id: string; name: string; sha256: string } | undefined) => (file ? `${file.id} (${file.name}, sha256 ${file.sha256})` : null);

/**
 * Gives a certificate its file, or replaces the one it had. The replaced file is deleted in the
 * same transaction: a scan of a personal document is not kept once its owner or focal point has
 * replaced it (the audit entry keeps its name and checksum). A file changes nothing the clearance
 * weighs, so no trip is re-evaluated. `readUpload` runs only once the caller is known to be
 * allowed, so no one else gets a 10 MB body read for them.
 */
export async function attachCertificateFile(context: ServiceContext, id: string, readUpload: () => Promise<CertificateFileUpload>) {
  const { certificate, holder } = await readableCertificate(context, id);
  if (!trainingPolicy.canAttachFile(context.actor, holder, certificate.source)) throw new ForbiddenError("You may not change this certificate's file");
  const upload = await readUpload();
  const check = checkCertificateFile(upload);
  if ("problem" in check) throw new RuleError("file", check.problem);
  await context.database.db.transaction(async (tx) => {
    // Locks the certificate: of two replacements at once, the second sees (and deletes) the first's file.
    const [locked] = await tx.select({ fileId: trainingCertificates.fileId }).from(trainingCertificates).where(eq(trainingCertificates.id, id)).for("update");
    if (!locked) throw new NotFoundError("Certificate");
    const [previous] = locked.fileId
      ? await tx.select({ id: files.id, name: files.name, sha256: files.sha256 }).from(files).where(eq(files.id, locked.fileId))
      : [];
    const fileId = await storeFile(tx, { name: upload.name, contentType: check.contentType, content: upload.content });
    await tx.update(trainingCertificates).set({ fileId, updatedAt: new Date() }).where(eq(trainingCertificates.id, id));
    if (previous) await tx.delete(files).where(eq(files.id, previous.id));
    const [stored] = await tx.select({ id: files.id, name: files.name, sha256: files.sha256 }).from(files).where(eq(files.id, fileId));
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "training_certificate",
      entityId: id,
      changes: { file: { from: describedFile(previous), to: describedFile(stored) } },
    });
  });
  return certificateView(context, id);
}

/**
 * The certificate's file, for whoever may read the certificate. The file may show more than the
 * record (a photograph, a signature, a date of birth), so a download by anyone but the holder is
 * audited as a sensitive read; the holder reading their own is not.
 */
export async function readCertificateFile(context: ServiceContext, id: string) {
  const { certificate, holder } = await readableCertificate(context, id);
  if (!certificate.fileId) throw new NotFoundError("Certificate file");
  const [file] = await context.database.db.select().from(files).where(eq(files.id, certificate.fileId));
  if (!file) throw new NotFoundError("Certificate file");
  if (context.actor.personId !== holder.id) {
    await context.database.db.transaction((tx) =>
      recordAudit(tx, context.audit, {
        action: "read_sensitive",
        entityType: "training_certificate",
        entityId: id,
        changes: { file: { from: null, to: describedFile(file) } },
      }),
    );
  }
  return file;
}
