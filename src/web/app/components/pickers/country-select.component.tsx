import { Select, type SelectProps } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useCountryNames } from "../../reference-data.ts";

type CountrySelectProps = Omit<SelectProps, "data">;

export function CountrySelect(props: CountrySelectProps) {
  const { t, i18n } = useTranslation();
  const { names, isLoading } = useCountryNames();
  const data = useMemo(
    () =>
      Object.entries(names ?? {})
        .map(([code, name]) => ({ value: code, label: name }))
        .sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
    [names, i18n.language],
  );
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage={t("common.nothingFound")}
      placeholder={isLoading ? t("common.loading") : t("places.countryPlaceholder")}
      {...props}
      data={data}
    />
  );
}
