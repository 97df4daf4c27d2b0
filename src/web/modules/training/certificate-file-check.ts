import { useTranslation } from "react-i18next";
import { certificateFileTypes, maxCertificateFileBytes } from "../../../core/travel/certificate-file.ts";
import { attachmentContentType } from "../../../core/incidents/incident-attachment-types.ts";

const megabytes = maxCertificateFileBytes / 1024 / 1024;

/**
 * Why a chosen file will not do, in the reader's language, before it is sent: too large, or not a
 * PDF, JPEG or PNG by its type or name. The content is checked by the server alone; its refusal,
 * in English, is worded here too when it is one of the known ones.
 */
export function useFileProblem() {
  const { t } = useTranslation();
  return (file: File): string | null => {
    if (file.size > maxCertificateFileBytes) return t("certificates.errors.tooLarge", { max: megabytes });
    const type = attachmentContentType(file.type, file.name);
    if (!type || !(certificateFileTypes as readonly string[]).includes(type)) return t("certificates.errors.wrongType");
    return null;
  };
}

export function useFileIssueText() {
  const { t } = useTranslation();
  return (message: string): string => {
    if (message.startsWith("is larger than")) return t("certificates.errors.tooLarge", { max: megabytes });
    if (message.startsWith("must be a PDF")) return t("certificates.errors.wrongType");
    if (message.includes("does not match its type")) return t("certificates.errors.contentMismatch");
    if (message === "is empty") return t("certificates.errors.empty");
    return message;
  };
}
