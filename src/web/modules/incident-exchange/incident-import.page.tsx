import { Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportDefaults, ImportMapping } from "../../../core/incidents/incident-import-fields.ts";
import { FileImportSteps } from "../../app/components/file-import.component.tsx";
import { ButtonLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import type { ImportResult } from "./incident-exchange.api.ts";
import { DefaultsFields, MappingFields, initialDefaults, missingMappings } from "./incident-import-mapping.component.tsx";
import { IncidentImportZones } from "./incident-import-result.component.tsx";

/**
 * Importing incidents from CSV or XLSX, in the three steps every import shares (file, columns,
 * import): the server suggests a mapping from English, French or HXL headers; the incident
 * import adds its defaults to the mapping step and the time zones rows were read in to the result.
 */
export function IncidentImportPage() {
  const { t } = useTranslation();
  const [defaults, setDefaults] = useState<ImportDefaults>(initialDefaults);
  return (
    <>
      <PageHeader
        title={t("incidentExchange.import.title")}
        description={t("incidentExchange.import.description")}
        breadcrumbs={[{ label: t("incidents.title"), to: "/incidents" }, { label: t("incidentExchange.import.title") }]}
      />
      <FileImportSteps<ImportMapping, ImportResult>
        namespace="incidentExchange"
        previewUrl="/api/incidents/imports/preview"
        importUrl="/api/incidents/imports"
        invalidates={[["incidents"]]}
        extraFields={{ defaults }}
        hashtagNote={t("incidentExchange.import.hxlFound")}
        missing={(mapping) => missingMappings(mapping).map((key) => t(key))}
        renderMapping={({ preview, mapping, onChange }) => (
          <>
            <MappingFields preview={preview} mapping={mapping} onChange={onChange} />
            <Title order={3} size="h5" mt="xs">
              {t("incidentExchange.defaults.title")}
            </Title>
            <DefaultsFields defaults={defaults} onChange={setDefaults} />
          </>
        )}
        renderResult={(result) => <IncidentImportZones result={result} />}
        doneLink={
          <ButtonLink to="/incidents" variant="default">
            {t("incidentExchange.import.toList")}
          </ButtonLink>
        }
      />
    </>
  );
}
