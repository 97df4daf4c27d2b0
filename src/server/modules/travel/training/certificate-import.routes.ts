import { importLimitsText } from "../../../../core/import-limits.ts";
import { certificateMappingInput } from "../../../../core/travel/certificate-import.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { errorResponses } from "../../../platform/http/schemas.ts";
import { importOutcomeOut, importPreviewOut } from "../../../platform/import/import-result.ts";
import { jsonField, readImportUpload } from "../../../platform/import/import-upload.ts";
import { importCertificateFile, previewCertificateImport } from "./certificate-import.service.ts";

const tags = ["Training"];

export const certificateImportRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/training/certificates/imports/preview",
    access: "training.certificate.write",
    summary: `Read a learning platform's export of certificates (CSV or XLSX, multipart field \`file\`; ${importLimitsText}, else 413): its columns, first rows and a suggested column mapping`,
    tags,
    isMultipart: true,
    response: { 200: importPreviewOut, ...errorResponses },
    handler: async ({ request }) => {
      const upload = await readImportUpload(request);
      return previewCertificateImport(upload.fileName, upload.content);
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/training/certificates/imports",
    access: "training.certificate.write",
    summary:
      `Import certificates from a learning platform's CSV or XLSX (multipart: \`file\`, ${importLimitsText}, else 413; optional JSON \`mapping\` {field: column}): each row checked as POST /api/training/certificates checks a body, for people the caller may add certificates for; errors per row in the caller's language; one transaction; re-import adds nothing`,
    tags,
    isMultipart: true,
    response: {
      200: importOutcomeOut.describe("duplicates: rows whose person, course and completion day are already stored (or earlier in the file)"),
      ...errorResponses,
    },
    handler: async ({ context, request }) => {
      const upload = await readImportUpload(request);
      const mapping = jsonField(upload.fields, "mapping", certificateMappingInput);
      return importCertificateFile(context, { fileName: upload.fileName, content: upload.content, mapping });
    },
  }),
];
