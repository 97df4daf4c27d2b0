import { Loader, Select, type SelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type ListResponse } from "../../api.ts";

type PersonOption = {
  id: string;
  givenName: string;
  familyName: string;
  organisationCode: string | null;
  dutyStationName: string | null;
};

type PersonPickerProps = Omit<SelectProps, "data" | "onChange" | "searchable"> & {
  value: string | null;
  onChange: (personId: string | null, label: string | null) => void;
  /** Name of the person already chosen (edit forms), shown before any search. */
  selectedName?: string | null;
};

function optionLabel(person: PersonOption): string {
  const organisation = person.organisationCode ? ` (${person.organisationCode})` : "";
  return `${person.givenName} ${person.familyName}${organisation}`;
}

/** Searches personnel on the server: the full list can be thousands of people. */
export function PersonPicker({ value, onChange, selectedName, ...props }: PersonPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [selectedLabel, setSelectedLabel] = useState<string | null>(selectedName ?? null);
  useEffect(() => {
    if (selectedName) setSelectedLabel(selectedName);
  }, [selectedName]);

  const query = useQuery({
    queryKey: ["personnel", "picker", debouncedSearch],
    queryFn: ({ signal }) =>
      api.get<ListResponse<PersonOption>>(
        "/api/personnel",
        { q: debouncedSearch || undefined, pageSize: 20, sort: "name" },
        signal,
      ),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const data = useMemo(() => {
    const options = (query.data?.items ?? []).map((person) => ({ value: person.id, label: optionLabel(person) }));
    if (value && selectedLabel && !options.some((option) => option.value === value)) {
      options.unshift({ value, label: selectedLabel });
    }
    return options;
  }, [query.data, value, selectedLabel]);

  return (
    <Select
      searchable
      clearable
      {...props}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={query.isFetching ? t("common.loading") : t("common.nothingFound")}
      placeholder={t("personnel.searchPlaceholder")}
      rightSection={query.isFetching ? <Loader size={14} /> : undefined}
      onChange={(id, option) => {
        setSelectedLabel(option?.label ?? null);
        onChange(id, option?.label ?? null);
      }}
    />
  );
}
