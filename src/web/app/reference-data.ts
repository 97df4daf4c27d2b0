import { useCan } from "./session.ts";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type NamedPlace, displayPlaceName } from "../../core/structure/place-names.ts";
import { api, type ListResponse } from "./api.ts";
import type { OrganisationKind, PlaceKind } from "./domain.ts";

export type PlaceTreeItem = {
  id: string;
  kind: PlaceKind;
  parentId: string | null;
  name: string;
  countryCode: string | null;
  /** The IANA zone in force there: the place's own, else its nearest area's; null when none is set above it. */
  timeZone: string | null;
  latitude: number | null;
  longitude: number | null;
};

export type OrganisationOption = { id: string; code: string; name: string; kind: OrganisationKind };

export const placeTreeQueryKey = ["places", "tree"] as const;

/** Every place the caller can see; small enough to fetch once and reuse in every picker. */
export function usePlaceTree() {
  // Pages open to every signed-in person (security levels) use the tree only as a help; without
  // `place.read` it is not asked for, rather than refused.
  const canReadPlaces = useCan("place.read");
  const query = useQuery({
    enabled: canReadPlaces,
    queryKey: placeTreeQueryKey,
    queryFn: ({ signal }) => api.get<{ items: PlaceTreeItem[] }>("/api/places/tree", undefined, signal),
    staleTime: 5 * 60_000,
  });
  const localised = useLocalisedPlaceNames(query.data?.items);
  const byId = useMemo(() => new Map(localised.map((place) => [place.id, place])), [localised]);
  return { ...query, places: localised, byId };
}

/**
 * Country-level Designated Areas named after their country, in the reader's language
 * (core/structure/place-names.ts). Names are stored in English, so the name tables are fetched
 * only in another language, and only when `needed` (a page that shows such an area).
 */
export function usePlaceNamer(needed: boolean): (place: NamedPlace) => string {
  const { i18n } = useTranslation();
  const language = i18n.language === "fr" ? "fr" : "en";
  const tables = useQuery({
    enabled: needed && language !== "en",
    queryKey: ["countries", "tables", language],
    queryFn: async () => {
      const [library, english, local] = await Promise.all([import("i18n-iso-countries"), import("i18n-iso-countries/langs/en.json"), import("i18n-iso-countries/langs/fr.json")]);
      const countries = library.default ?? library;
      countries.registerLocale(english.default ?? english);
      countries.registerLocale(local.default ?? local);
      return {
        english: countries.getNames("en", { select: "all" }) as unknown as Record<string, string[]>,
        local: countries.getNames(language, { select: "official" }) as Record<string, string>,
      };
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  const data = language === "en" ? undefined : tables.data;
  return useCallback(
    (place: NamedPlace) => {
      if (!data) return place.name;
      const code = place.countryCode?.toUpperCase() ?? "";
      return displayPlaceName(place, data.english[code], data.local[code]);
    },
    [data],
  );
}

const isCountryArea = (place: NamedPlace) => place.kind === "designated_area" && Boolean(place.countryCode);

function useLocalisedPlaceNames(places: PlaceTreeItem[] | undefined): PlaceTreeItem[] {
  const nameOf = usePlaceNamer((places ?? []).some(isCountryArea));
  return useMemo(
    () =>
      (places ?? []).map((place) => {
        const name = nameOf(place);
        return name === place.name ? place : { ...place, name };
      }),
    [places, nameOf],
  );
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
