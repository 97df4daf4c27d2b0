import { attachmentContentType, checkAttachment, maxAttachmentBytes } from "../incidents/incident-attachment-types.ts";

/**
 * The file of a training certificate (issue 13 §1): the certificate as issued, scanned or
 * photographed. A PDF, JPEG or PNG only (what learning platforms issue and phones take), checked as
 * incident attachments are: its first bytes must be those of the type it claims, so a page or a
 * program never reaches the database dressed as a PDF. Shared by the server, which refuses the
 * rest, and the web page, which says so before uploading.
 */
export const certificateFileTypes = ["application/pdf", "image/jpeg", "image/png"] as const;

/** The platform's multipart limit, as for every other upload. */
export const maxCertificateFileBytes = maxAttachmentBytes;

/** For `<input accept>`: `image/*` lets a phone offer its camera; the server still takes only JPEG and PNG. */
export const certificateFileAccept = "application/pdf,image/*,.pdf,.jpg,.jpeg,.png";

export const certificateFileTypesText = "a PDF, JPEG or PNG file";

export type CertificateFileCheck = { contentType: string } | { problem: string };

/** Whether a file may be a certificate's: type, size and content; messages follow the field name `file`. */
export function checkCertificateFile(file: { name: string; declaredType: string; content: Uint8Array }): CertificateFileCheck {
  if (file.content.length === 0) return { problem: "is empty" };
  if (file.content.length > maxCertificateFileBytes) return { problem: `is larger than ${maxCertificateFileBytes / 1024 / 1024} MB` };
  const contentType = attachmentContentType(file.declaredType, file.name);
  if (!contentType || !(certificateFileTypes as readonly string[]).includes(contentType)) return { problem: `must be ${certificateFileTypesText}` };
  return checkAttachment({ ...file, declaredType: contentType });
}
