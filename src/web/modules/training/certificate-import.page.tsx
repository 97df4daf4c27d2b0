import { useTranslation } from "react-i18next";
import type { CertificateImportField, CertificateMapping } from "../../../core/travel/certificate-import.ts";
import { ColumnMappingFields } from "../../app/components/column-mapping.component.tsx";
import type { ImportOutcome } from "../../app/components/file-import.api.ts";
import { FileImportSteps } from "../../app/components/file-import.component.tsx";
import { ButtonLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { useCan } from "../../app/session.ts";

const fields: CertificateImportField[] = ["person", "course", "completedOn", "expiresOn", "issuer"];
const required: readonly CertificateImportField[] = ["person", "course", "completedOn"];

/**
 * Importing training certificates from a learning platform's export (issue 13 §1), in the steps the
 * incident import takes: the file, its columns (person by index number or e-mail, course by code or
 * name, completion and expiry dates, issuer), then the import and its problems by row. Certificates
 * are added only for the people whose training the user manages; a second import adds nothing.
 */
export function CertificateImportPage() {
  const { t } = useTranslation();
  const mayReadPersonnel = useCan("personnel.read");
  return (
    <>
      <PageHeader title={t("certificateImport.title")} description={t("certificateImport.description")} />
      <FileImportSteps<CertificateMapping, ImportOutcome>
        namespace="certificateImport"
        previewUrl="/api/training/certificates/imports/preview"
        importUrl="/api/training/certificates/imports"
        invalidates={[["personnel"], ["training"]]}
        missing={(mapping) => required.filter((field) => !mapping[field]).map((field) => t(`certificateImport.needs.${field}`))}
        renderMapping={({ preview, mapping, onChange }) => (
          <ColumnMappingFields
            namespace="certificateImport"
            preview={preview}
            groups={[
              {
                key: "certificate",
                label: t("certificateImport.title"),
                fields: fields.map((field) => ({
                  field,
                  label: t(`certificateImport.fields.${field}`),
                  hint: t(`certificateImport.hints.${field}`),
                  isRequired: required.includes(field),
                })),
              },
            ]}
            mapping={mapping}
            onChange={onChange}
          />
        )}
        doneLink={
          mayReadPersonnel && (
            <ButtonLink to="/personnel" variant="default">
              {t("certificateImport.toPersonnel")}
            </ButtonLink>
          )
        }
      />
    </>
  );
}
