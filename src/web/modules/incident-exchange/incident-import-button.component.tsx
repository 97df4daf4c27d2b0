import { IconUpload } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "../../app/components/links.tsx";
import { useCan } from "../../app/session.ts";

/** "Import incidents" for the incident list's header; shown only to callers who may import. */
export function IncidentImportButton() {
  const { t } = useTranslation();
  if (!useCan("incident.import")) return null;
  return (
    <ButtonLink to="/incidents/import" variant="default" leftSection={<IconUpload size={16} aria-hidden />}>
      {t("incidentExchange.entry")}
    </ButtonLink>
  );
}
