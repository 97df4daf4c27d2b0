import { Select, type SelectProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useOrganisationOptions } from "../../reference-data.ts";

export function OrganisationSelect(props: Omit<SelectProps, "data">) {
  const { t } = useTranslation();
  const query = useOrganisationOptions();
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage={t("common.nothingFound")}
      placeholder={query.isPending ? t("common.loading") : t("organisations.pick")}
      {...props}
      data={(query.data ?? []).map((organisation) => ({
        value: organisation.id,
        label: `${organisation.code} — ${organisation.name}`,
      }))}
    />
  );
}
