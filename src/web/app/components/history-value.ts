import { useQueryClient } from "@tanstack/react-query";
import { isUuid } from "../../../core/ids.ts";
import { useTranslation } from "react-i18next";
import type { ListResponse } from "../api.ts";
import { useFormatters } from "../format.ts";
import {
  type OrganisationOption,
  organisationOptionsQueryKey,
  type PlaceTreeItem,
  placeTreeQueryKey,
  useCountryNames,
} from "../reference-data.ts";

/** Enumerated fields whose stored codes have a translated label. */
const enumNamespaces: Record<string, string[]> = {
  kind: ["placeKinds", "organisationKinds", "actionPointKinds"],
  role: ["roles"],
  sex: ["sexes"],
  recruitmentType: ["recruitmentTypes"],
  category: ["categories"],
  relationship: ["relationships"],
  status: ["actionPointStatuses"],
  attendance: ["attendances"],
  systemRoles: ["systemRoles"],
  body: ["bodies"],
};

/**
 * For a module's `HistoryText`: `text(key)` is the catalogue's text, or `undefined` when the
 * catalogue has none, so the shared wording applies; `code(prefix, value)` is the label of a
 * stored code (`prefix.value`) the same way.
 */
export function useOptionalText() {
  const { t, i18n } = useTranslation();
  const text = (key: string) => (i18n.exists(key) ? t(key) : undefined);
  return { text, code: (prefix: string, value: unknown) => (typeof value === "string" ? text(`${prefix}.${value}`) : undefined) };
}

/** Internal bookkeeping that means nothing to a reader of the history. */
export function isInternalField(field: string): boolean {
  return field === "id" || field.endsWith("Path") || field === "path";
}

/** Turns a stored value (code, id, date) into what a person reads elsewhere in the app. */
export function useHistoryValueText(): (field: string, value: unknown) => string | null {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const { nameOf } = useCountryNames();
  // Names of places and organisations come from what other pages already fetched: the history
  // alone is not worth a download of the whole place tree on a slow link.
  const queryClient = useQueryClient();
  const places = queryClient.getQueryData<{ items: PlaceTreeItem[] }>(placeTreeQueryKey)?.items ?? [];
  const organisations =
    queryClient.getQueryData<ListResponse<OrganisationOption>>(organisationOptionsQueryKey)?.items ?? [];

  const one = (field: string, value: unknown): string => {
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    if (typeof value === "number") return format.number(value);
    if (typeof value !== "string") return JSON.stringify(value);
    for (const namespace of enumNamespaces[field] ?? []) {
      const key = namespace === "bodies" ? `bodies.${value}.long` : `${namespace}.${value}`;
      if (i18n.exists(key)) return t(key);
    }
    if (field === "countryCode") return nameOf(value);
    if (isUuid(value)) {
      const name =
        places.find((place) => place.id === value)?.name ??
        organisations.find((organisation) => organisation.id === value)?.code;
      return name ?? `${value.slice(0, 8)}…`;
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return format.date(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return format.dateTime(value);
    return value;
  };

  return (field, value) => {
    if (value === null || value === undefined || value === "") return null;
    if (Array.isArray(value)) {
      if (value.length === 0) return null;
      // Lists of records (attendees, focal points) are summarised; the detail page shows them.
      if (value.some((item) => item !== null && typeof item === "object"))
        return t("history.entries", { count: value.length });
      return value.map((item) => one(field, item)).join(", ");
    }
    if (typeof value === "string" && field.endsWith("Html")) {
      const text = value
        .replace(/<[^>]*>/g, " ")
        .replace(/\s+/g, " ")
        .trim();
      return text.length > 240 ? `${text.slice(0, 240)}…` : text;
    }
    return one(field, value);
  };
}
