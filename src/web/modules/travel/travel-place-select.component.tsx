import { Loader, Select, type SelectProps, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTravelPlaces } from "./travel.api.ts";

export type PlaceChoice = { id: string; name: string };

type TravelPlaceSelectProps = Omit<SelectProps, "data" | "value" | "onChange" | "searchable"> & {
  value: PlaceChoice | null;
  onChange: (place: PlaceChoice | null) => void;
};

/**
 * A leg's origin or destination: places searched by name on the server (GET /api/travel/places),
 * each shown with the areas it lies in, so "Bamako" the duty station and "Bamako Security Area"
 * read apart. The chosen place's name is kept, so a prefilled leg shows it before any search.
 */
export function TravelPlaceSelect({ value, onChange, ...props }: TravelPlaceSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  // While the chosen name is what the box shows, list every place rather than only that one.
  const term = value && debounced === value.name ? "" : debounced;
  const query = useTravelPlaces(term);
  const within = useMemo(() => new Map((query.data?.items ?? []).map((place) => [place.id, place.within])), [query.data]);
  const data = useMemo(() => {
    const options = (query.data?.items ?? []).map((place) => ({ value: place.id, label: place.name }));
    if (value && !options.some((option) => option.value === value.id)) options.unshift({ value: value.id, label: value.name });
    return options;
  }, [query.data, value]);

  return (
    <Select
      searchable
      clearable
      {...props}
      data={data}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={query.isFetching ? t("common.loading") : t("common.nothingFound")}
      placeholder={t("travel.file.placePlaceholder")}
      rightSection={query.isFetching ? <Loader size={14} /> : undefined}
      renderOption={({ option }) => (
        <Stack gap={0}>
          <Text size="sm">{option.label}</Text>
          {within.get(option.value) && (
            <Text size="xs" c="dimmed">
              {within.get(option.value)}
            </Text>
          )}
        </Stack>
      )}
      onChange={(id, option) => onChange(id && option ? { id, name: option.label } : null)}
    />
  );
}
