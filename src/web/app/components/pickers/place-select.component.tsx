import { Select, type SelectProps } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { PlaceKind } from "../../domain.ts";
import { placePath, usePlaceTree } from "../../reference-data.ts";

type PlaceSelectProps = Omit<SelectProps, "data"> & {
  /** Only places of these kinds may be picked. */
  kinds?: readonly PlaceKind[];
  /** Places that may not be picked (e.g. the place itself when choosing its parent). */
  excludeIds?: readonly string[];
};

const kindOrder: PlaceKind[] = ["designated_area", "security_area", "duty_station"];

export function PlaceSelect({ kinds, excludeIds, ...props }: PlaceSelectProps) {
  const { t } = useTranslation();
  const { places, byId, isPending } = usePlaceTree();
  const data = useMemo(() => {
    const allowed = places.filter((place) => (!kinds || kinds.includes(place.kind)) && !excludeIds?.includes(place.id));
    return kindOrder
      .map((kind) => ({
        group: t(`placeKinds.${kind}_plural`),
        items: allowed
          .filter((place) => place.kind === kind)
          .map((place) => ({ value: place.id, label: placePath(byId, place.id) }))
          .sort((a, b) => a.label.localeCompare(b.label)),
      }))
      .filter((group) => group.items.length > 0);
  }, [places, byId, kinds, excludeIds, t]);
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage={t("common.nothingFound")}
      placeholder={isPending ? t("common.loading") : t("places.pickPlace")}
      limit={200}
      {...props}
      data={data}
    />
  );
}
