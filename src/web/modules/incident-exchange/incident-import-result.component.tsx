import { List } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { timeZoneLabel } from "../../../core/incidents/place-time-zone.ts";
import type { ImportResult } from "./incident-exchange.api.ts";

/** The incident import's own lines in the result: how many rows were read in each time zone, and why that zone. */
export function IncidentImportZones({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (result.timeZones ?? []).map((use) => (
    <List.Item key={`${use.timeZone}-${use.source}`} data-testid="import-zone">
      {t("incidentExchange.result.zoneRows", {
        count: use.rows,
        zone: timeZoneLabel(use.timeZone, Date.now()),
        source: t(`incidentExchange.result.zoneSource.${use.source}`),
      })}
    </List.Item>
  ));
}
