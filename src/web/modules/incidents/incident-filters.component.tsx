import { Select, SimpleGrid, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PersonOutcome } from "../../../core/incidents/incident-taxonomy.types.ts";
import { OrganisationSelect } from "../../app/components/pickers/organisation-select.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { incidentStatuses, personOutcomes, useTaxonomyText } from "./incident-labels.ts";
import type { IncidentFilters, IncidentSort, IncidentStatus } from "./incidents.api.ts";
import { useTaxonomy } from "./incidents.api.ts";

export type ListSearch = IncidentFilters & { sort?: IncidentSort; order?: "asc" | "desc" };

/** The filters of the incident list; every value lives in the URL. */
export function IncidentFilterFields({ search, update }: { search: ListSearch; update: (patch: Partial<ListSearch>) => void }) {
  const { t } = useTranslation();
  const taxonomy = useTaxonomy();
  const text = useTaxonomyText(taxonomy.data);
  const all = t("common.all");
  const sortValue = `${search.sort ?? "occurredAt"}:${search.order ?? "desc"}`;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} spacing="sm">
      <PlaceSelect
        label={t("incidents.fields.area")}
        kinds={["designated_area", "security_area", "duty_station"]}
        value={search.placeId ?? null}
        onChange={(placeId) => update({ placeId: placeId ?? undefined })}
      />
      <Select
        label={t("incidents.fields.category")}
        clearable
        searchable
        placeholder={all}
        data={text.groupedOptions}
        value={search.categoryCode ?? null}
        onChange={(value) => update({ categoryCode: value ?? undefined })}
      />
      <Select
        label={t("incidents.fields.status")}
        clearable
        placeholder={all}
        data={incidentStatuses.map((value) => ({ value, label: t(`incidents.statuses.${value}`) }))}
        value={search.status ?? null}
        onChange={(value) => update({ status: (value ?? undefined) as IncidentStatus | undefined })}
      />
      <Select
        label={t("incidents.fields.affectsUn")}
        clearable
        placeholder={all}
        data={[
          { value: "true", label: t("incidents.softSwitch.true") },
          { value: "false", label: t("incidents.softSwitch.false") },
        ]}
        value={search.affectsUn ?? null}
        onChange={(value) => update({ affectsUn: (value ?? undefined) as "true" | "false" | undefined })}
      />
      <OrganisationSelect
        label={t("incidents.fields.organisation")}
        value={search.organisationId ?? null}
        onChange={(organisationId) => update({ organisationId: organisationId ?? undefined })}
      />
      <Select
        label={t("incidents.fields.outcome")}
        clearable
        placeholder={all}
        data={personOutcomes.map((value) => ({ value, label: t(`incidents.outcomes.${value}`) }))}
        value={search.outcome ?? null}
        onChange={(value) => update({ outcome: (value ?? undefined) as PersonOutcome | undefined })}
      />
      <TextInput
        type="date"
        label={t("incidents.fields.from")}
        value={search.from ?? ""}
        onChange={(event) => update({ from: event.currentTarget.value || undefined })}
      />
      <TextInput
        type="date"
        label={t("incidents.fields.to")}
        value={search.to ?? ""}
        onChange={(event) => update({ to: event.currentTarget.value || undefined })}
      />
      <Select
        label={t("incidents.sortLabel")}
        allowDeselect={false}
        data={(["occurredAt:desc", "occurredAt:asc", "updatedAt:desc", "updatedAt:asc"] as const).map((value) => ({
          value,
          label: t(`incidents.sorts.${value.replace(":", "_")}`),
        }))}
        value={sortValue}
        onChange={(value) => {
          const [sort, order] = (value ?? "occurredAt:desc").split(":") as [IncidentSort, "asc" | "desc"];
          update({ sort: sort === "occurredAt" ? undefined : sort, order: order === "desc" ? undefined : order });
        }}
      />
    </SimpleGrid>
  );
}
