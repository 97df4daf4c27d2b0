import { cleanFileName } from "../file-name.ts";

/**
 * What may be attached to an incident (photos, statements, police reports) and how a file is
 * checked: shared by the server, which refuses anything else, and the web page, which says so
 * before uploading. The content must match the type it claims (its first bytes), so a page or a
 * script never reaches the database dressed as an image.
 */

/** The platform's multipart limit (platform/http/app.ts): one file of at most 10 MB. */
export const maxAttachmentBytes = 10 * 1024 * 1024;

/** Enough for photos, statements and reports; more is a sign of misuse. */
export const maxAttachmentsPerIncident = 20;

export const maxAttachmentDescriptionLength = 500;

const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const startsWith = (content: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((byte, index) => content[at + index] === byte);
const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

function isUtf8Text(content: Uint8Array): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

type AttachmentType = { extensions: readonly string[]; isContent: (content: Uint8Array) => boolean };

export const attachmentTypes: Readonly<Record<string, AttachmentType>> = {
  "application/pdf": { extensions: [".pdf"], isContent: (content) => startsWith(content, ascii("%PDF-")) },
  "image/png": { extensions: [".png"], isContent: (content) => startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  "image/jpeg": { extensions: [".jpg", ".jpeg"], isContent: (content) => startsWith(content, [0xff, 0xd8, 0xff]) },
  "image/webp": { extensions: [".webp"], isContent: (content) => startsWith(content, ascii("RIFF")) && startsWith(content, ascii("WEBP"), 8) },
  "text/plain": { extensions: [".txt"], isContent: isUtf8Text },
  // A DOCX is a ZIP package.
  [docx]: { extensions: [".docx"], isContent: (content) => startsWith(content, [0x50, 0x4b, 0x03, 0x04]) },
};

/** For `<input accept>`: the types, and the extensions for phones that report no type. */
export const attachmentAccept = [...Object.keys(attachmentTypes), ...Object.values(attachmentTypes).flatMap((type) => type.extensions)].join(",");

export const attachmentTypesText = "a PDF, PNG, JPEG or WebP image, plain text (UTF-8) or Word (DOCX) file";

/**
 * The type a file is stored and served as: the one it declares, or, when the browser declares
 * none (or a generic one), the one its extension names. Null when it is not an allowed type.
 */
export function attachmentContentType(declared: string, fileName: string): string | null {
  const type = declared.split(";")[0].trim().toLowerCase();
  if (Object.hasOwn(attachmentTypes, type)) return type;
  if (type !== "" && type !== "application/octet-stream") return null;
  const name = fileName.toLowerCase();
  return Object.entries(attachmentTypes).find(([, known]) => known.extensions.some((extension) => name.endsWith(extension)))?.[0] ?? null;
}

export type AttachmentCheck = { contentType: string } | { problem: string };

/** Whether a file may be attached: its type, size and content. Messages follow the field name `file`. */
export function checkAttachment(file: { name: string; declaredType: string; content: Uint8Array }): AttachmentCheck {
  if (file.content.length === 0) return { problem: "is empty" };
  if (file.content.length > maxAttachmentBytes) return { problem: `is larger than ${maxAttachmentBytes / 1024 / 1024} MB` };
  const contentType = attachmentContentType(file.declaredType, file.name);
  if (!contentType) return { problem: `must be ${attachmentTypesText}` };
  if (!attachmentTypes[contentType].isContent(file.content)) return { problem: `is not a valid ${contentType} file: its content does not match its type` };
  return { contentType };
}

/** A file name safe to store and show (see cleanFileName). */
export function attachmentFileName(name: string): string {
  return cleanFileName(name, "attachment");
}
