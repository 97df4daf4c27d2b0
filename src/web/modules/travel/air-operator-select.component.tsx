import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { operatorKindsFor } from "../../../core/travel/air.ts";
import type { TransportMode } from "../../../core/travel/clearance.ts";
import { useOperators } from "./air.api.ts";

type OperatorSelectProps = { transport: TransportMode; value: string | null; error?: unknown; onChange: (value: string | null) => void };

/**
 * An air leg's operator, from the register: only the kinds its transport allows (a charter names a
 * charter operator, a donated flight its provider), each shown with its category in words.
 */
export function AirOperatorSelect({ transport, value, error, onChange }: OperatorSelectProps) {
  const { t } = useTranslation();
  const query = useOperators({ page: 1, pageSize: 200 });
  const kinds = operatorKindsFor[transport];
  const data = (query.data?.items ?? [])
    .filter((item) => kinds.includes(item.kind))
    .map((item) => ({ value: item.id, label: `${item.name} — ${t(item.category ? `airTravel.category.${item.category}` : "airTravel.category.none")}` }));
  return (
    <Select
      label={t("airTravel.leg.operator")}
      description={t("airTravel.leg.operatorHint")}
      required
      searchable
      nothingFoundMessage={t("airTravel.leg.noOperators")}
      data={data}
      value={value}
      error={error as string | undefined}
      onChange={onChange}
    />
  );
}
