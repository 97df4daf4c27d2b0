import { Loader, Select, type SelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../app/format.ts";
import { type IncidentOption, useCategoryLabels, useIncidentOptions } from "./victims.api.ts";

type IncidentPickerProps = Omit<SelectProps, "data" | "onChange" | "searchable" | "value"> & {
  value?: string | null;
  onChange: (incidentId: string | null) => void;
};

/** Incidents the caller may read (the server decides), searched by their narrative. */
export function IncidentPicker({ value, onChange, ...props }: IncidentPickerProps) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const categoryLabel = useCategoryLabels();
  const [search, setSearch] = useState("");
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [chosen, setChosen] = useState<IncidentOption | null>(null);
  const query = useIncidentOptions(debouncedSearch);

  const label = (incident: IncidentOption) =>
    t("victims.incidentOption", {
      category: categoryLabel(incident.categoryCode, i18n.language),
      place: incident.placeName,
      date: format.date(incident.occurredAt),
    });
  const data = (query.data?.items ?? []).map((incident) => ({ value: incident.id, label: label(incident) }));
  // The chosen incident stays shown after the search moves on to others.
  if (chosen && chosen.id === value && !data.some((option) => option.value === value)) {
    data.unshift({ value: chosen.id, label: label(chosen) });
  }

  return (
    <Select
      searchable
      clearable
      {...props}
      data={data}
      value={value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={query.isFetching ? t("common.loading") : t("common.nothingFound")}
      placeholder={t("victims.incidentSearch")}
      rightSection={query.isFetching ? <Loader size={14} /> : undefined}
      onChange={(id) => {
        setChosen(query.data?.items.find((incident) => incident.id === id) ?? null);
        onChange(id);
      }}
    />
  );
}
