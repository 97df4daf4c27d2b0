import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../app/components/links.tsx";
import { useFormatters } from "../../app/format.ts";
import { useCategoryLabels } from "./victims.api.ts";

type IncidentLinkProps = { incidentId: string; categoryCode: string; occurredAt: string; placeName?: string };

/** The incident a case follows up, as a link to the incident's page. */
export function IncidentLink({ incidentId, categoryCode, occurredAt, placeName }: IncidentLinkProps) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const categoryLabel = useCategoryLabels();
  const category = categoryLabel(categoryCode, i18n.language);
  return (
    <AnchorLink to="/incidents/$incidentId" params={{ incidentId }}>
      {placeName
        ? t("victims.incidentOption", { category, place: placeName, date: format.date(occurredAt) })
        : t("victims.incidentShort", { category, date: format.date(occurredAt) })}
    </AnchorLink>
  );
}
