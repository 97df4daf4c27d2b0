import { Select, SimpleGrid } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type ImportDefaults, type ImportField, type ImportMapping, importStatuses } from "../../../core/incidents/incident-import-fields.ts";
import { incidentSources } from "../../../core/incidents/incident.schemas.ts";
import { personOutcomes } from "../../../core/incidents/incident-taxonomy.types.ts";
import { ColumnMappingFields } from "../../app/components/column-mapping.component.tsx";
import { recruitmentTypes } from "../../app/domain.ts";
import type { ImportPreview } from "./incident-exchange.api.ts";

/** The target fields, grouped as the importer thinks of them. */
const groups: { key: string; fields: ImportField[] }[] = [
  { key: "whenWhere", fields: ["occurredAt", "occurredDate", "occurredTime", "timeZone", "dutyStation", "latitude", "longitude"] },
  { key: "what", fields: ["category", "description", "status", "source", "sourceDetail", "reporterName", "externalId"] },
  { key: "flags", fields: ["affectsUn", "isNearMiss", "involvesMilitaryOrFormedPolice"] },
  { key: "affected", fields: ["organisations", "peopleAffected", "premises", "assets"] },
  { key: "counts", fields: personOutcomes.map((outcome) => `count.${outcome}` as ImportField) },
];

const required = new Set<ImportField>(["category", "description"]);

/** What the mapping still lacks, as translation keys: the server refuses the import without them. */
export function missingMappings(mapping: ImportMapping): string[] {
  const missing: string[] = [];
  if (!mapping.occurredAt && !mapping.occurredDate) missing.push("incidentExchange.import.needs.occurredAt");
  if (!mapping.dutyStation && !(mapping.latitude && mapping.longitude)) missing.push("incidentExchange.import.needs.place");
  if (!mapping.category) missing.push("incidentExchange.import.needs.category");
  if (!mapping.description) missing.push("incidentExchange.import.needs.description");
  return missing;
}

/** The incident fields in their groups, worded and explained, for the shared mapping step. */
export function MappingFields({ preview, mapping, onChange }: { preview: ImportPreview; mapping: ImportMapping; onChange: (mapping: ImportMapping) => void }) {
  const { t } = useTranslation();
  const label = (field: ImportField) =>
    field.startsWith("count.") ? t("incidentExchange.fields.count", { outcome: t(`incidents.outcomes.${field.slice(6)}`) }) : t(`incidentExchange.fields.${field}`);
  const fieldsOf = (fields: ImportField[]) =>
    fields.map((field) => ({ field, label: label(field), hint: t(`incidentExchange.hints.${field.startsWith("count.") ? "count" : field}`), isRequired: required.has(field) }));
  return (
    <ColumnMappingFields
      namespace="incidentExchange"
      preview={preview}
      groups={groups.map((group) => ({ key: group.key, label: t(`incidentExchange.groups.${group.key}`), fields: fieldsOf(group.fields) }))}
      openGroups={["whenWhere", "what"]}
      mapping={mapping}
      onChange={onChange}
    />
  );
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
/** The runtime's IANA zones, with the browser's own first ("UTC" is missing from some lists). */
const zones = (): string[] => {
  let known: string[] = [];
  try {
    known = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf("timeZone");
  } catch {
    // Older browsers: the browser's zone only, and typing another.
  }
  return [...new Set([browserZone(), "UTC", ...known])];
};

export function initialDefaults(): ImportDefaults {
  // No default zone: each row is read in its place's zone (the browser's zone is not the field's).
  return { status: "submitted", recruitmentType: "locally_recruited", source: "other" };
}

export function DefaultsFields({ defaults, onChange }: { defaults: ImportDefaults; onChange: (defaults: ImportDefaults) => void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<ImportDefaults>) => onChange({ ...defaults, ...patch });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select
        label={t("incidentExchange.defaults.timeZone")}
        description={t("incidentExchange.defaults.timeZoneHint")}
        data={zones()}
        searchable
        value={defaults.timeZone ?? null}
        placeholder={t("incidentExchange.defaults.timeZoneFromPlace")}
        clearable
        onChange={(value) => set({ timeZone: value ?? undefined })}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t("incidentExchange.defaults.status")}
        description={t("incidentExchange.defaults.statusHint")}
        data={importStatuses.map((value) => ({ value, label: t(`incidents.statuses.${value}`) }))}
        value={defaults.status ?? "submitted"}
        onChange={(value) => set({ status: (value ?? "submitted") as ImportDefaults["status"] })}
        allowDeselect={false}
      />
      <Select
        label={t("incidentExchange.defaults.recruitmentType")}
        description={t("incidentExchange.defaults.recruitmentTypeHint")}
        data={recruitmentTypes.map((value) => ({ value, label: t(`recruitmentTypes.${value}`) }))}
        value={defaults.recruitmentType ?? "locally_recruited"}
        onChange={(value) => set({ recruitmentType: (value ?? "locally_recruited") as ImportDefaults["recruitmentType"] })}
        allowDeselect={false}
      />
      <Select
        label={t("incidentExchange.defaults.source")}
        data={incidentSources.map((value) => ({ value, label: t(`incidents.sources.${value}`) }))}
        value={defaults.source ?? "other"}
        onChange={(value) => set({ source: (value ?? "other") as ImportDefaults["source"] })}
        allowDeselect={false}
      />
    </SimpleGrid>
  );
}
