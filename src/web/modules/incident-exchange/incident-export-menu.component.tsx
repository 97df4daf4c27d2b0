import { Button, Menu } from "@mantine/core";
import { IconChevronDown, IconCode, IconDownload, IconFileSpreadsheet, IconMap2, IconTable, IconWorld } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { QueryValue } from "../../app/api.ts";
import { useCan } from "../../app/session.ts";
import { type ExportChoice, exportFormats, incidentExportUrl, machineExports } from "./incident-exchange.api.ts";

const icons: Record<ExportChoice, typeof IconTable> = { csv: IconTable, codes: IconCode, hxl: IconWorld, xlsx: IconFileSpreadsheet, geojson: IconMap2 };

/**
 * "Export" menu for the incident list: the list's current filters, for people as CSV or XLSX
 * with headers in their language, or for other systems as CSV with column codes, CSV with HXL
 * hashtags, or GeoJSON. Each item is a plain download link (the server streams the file),
 * so it works from the keyboard and without JavaScript state. Hidden without incident.analyse.
 */
export function IncidentExportMenu({ filters }: { filters: Partial<Record<string, QueryValue>> }) {
  const { t, i18n } = useTranslation();
  const canExport = useCan("incident.analyse");
  if (!canExport) return null;
  const item = (choice: ExportChoice) => {
    const Icon = icons[choice];
    return (
      <Menu.Item key={choice} component="a" href={incidentExportUrl(filters, choice, i18n.language)} download leftSection={<Icon size={16} aria-hidden />}>
        {t(`incidentExchange.export.formats.${choice}`)}
      </Menu.Item>
    );
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
          {t("incidentExchange.export.button")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("incidentExchange.export.label")}</Menu.Label>
        {exportFormats.filter((choice) => !machineExports.includes(choice)).map(item)}
        <Menu.Divider />
        <Menu.Label>{t("incidentExchange.export.machinesLabel")}</Menu.Label>
        {machineExports.map(item)}
      </Menu.Dropdown>
    </Menu>
  );
}
