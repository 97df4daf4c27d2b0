import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { api, type ListResponse } from "./api.ts";
import type { OrganisationKind, PlaceKind } from "./domain.ts";

export type PlaceTreeItem = {
  id: string;
  kind: PlaceKind;
  parentId: string | null;
  name: string;
  countryCode: string | null;
  latitude: number | null;
  longitude: number | null;
};

export type OrganisationOption = { id: string; code: string; name: string; kind: OrganisationKind };

export const placeTreeQueryKey = ["places", "tree"] as const;

/** Every place the caller can see; small enough to fetch once and reuse in every picker. */
export function usePlaceTree() {
  const query = useQuery({
    queryKey: placeTreeQueryKey,
    queryFn: ({ signal }) => api.get<{ items: PlaceTreeItem[] }>("/api/places/tree", undefined, signal),
    staleTime: 5 * 60_000,
  });
  const byId = useMemo(() => new Map((query.data?.items ?? []).map((place) => [place.id, place])), [query.data]);
  return { ...query, places: query.data?.items ?? [], byId };
}

export function placePath(byId: Map<string, PlaceTreeItem>, id: string | null | undefined): string {
  const names: string[] = [];
  let current = id ? byId.get(id) : undefined;
  let guard = 0;
  while (current && guard++ < 10) {
    names.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names.join(" › ");
}

export const organisationOptionsQueryKey = ["organisations", "options"] as const;

export function useOrganisationOptions() {
  return useQuery({
    queryKey: organisationOptionsQueryKey,
    queryFn: ({ signal }) =>
      api.get<ListResponse<OrganisationOption>>("/api/organisations", { pageSize: 200, sort: "code" }, signal),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });
}

/** Country names in the current language. The name tables are fetched only when a page needs them. */
export function useCountryNames() {
  const { i18n } = useTranslation();
  const language = i18n.language === "fr" ? "fr" : "en";
  const query = useQuery({
    queryKey: ["countries", language],
    queryFn: async () => {
      const [library, locale] = await Promise.all([
        import("i18n-iso-countries"),
        language === "fr" ? import("i18n-iso-countries/langs/fr.json") : import("i18n-iso-countries/langs/en.json"),
      ]);
      const countries = library.default ?? library;
      countries.registerLocale(locale.default ?? locale);
      return countries.getNames(language, { select: "official" }) as Record<string, string>;
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  const names = query.data;
  return {
    isLoading: query.isPending,
    names,
    nameOf: (code: string | null | undefined) => (code ? (names?.[code.toUpperCase()] ?? code.toUpperCase()) : ""),
  };
}
