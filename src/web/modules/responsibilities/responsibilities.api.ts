import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import type { RegisterRoleKey } from "../../app/domain.ts";

export type RegisterItem = { number: number | string; heading: string | null; text: string };
export type RegisterSection = {
  section: string;
  actor: string;
  roleKey: RegisterRoleKey | null;
  items: RegisterItem[];
};

/** As the API sends it: the annex in English with its French translation beside it. */
type TranslatedItem = RegisterItem & { headingFr?: string | null; textFr?: string | null };
type TranslatedSection = Omit<RegisterSection, "items"> & { actorFr?: string | null; items: TranslatedItem[] };

/** The register in the reader's language; English wherever no translation exists. */
export function localiseItem<T extends TranslatedItem & { actor?: string; actorFr?: string | null }>(item: T, language: string): T {
  if (!language.startsWith("fr")) return item;
  return {
    ...item,
    text: item.textFr ?? item.text,
    heading: item.headingFr ?? item.heading,
    ...(item.actor !== undefined ? { actor: item.actorFr ?? item.actor } : {}),
  };
}

function localiseSections(sections: TranslatedSection[], language: string): RegisterSection[] {
  return sections.map((section) => ({
    ...section,
    actor: language.startsWith("fr") ? (section.actorFr ?? section.actor) : section.actor,
    items: section.items.map((item) => localiseItem(item, language)),
  }));
}

export function useResponsibilities(role: RegisterRoleKey | undefined) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ["responsibilities", role ?? "all"],
    queryFn: ({ signal }) => api.get<{ sections: TranslatedSection[] }>("/api/responsibilities", { role }, signal),
    select: (data) => ({ sections: localiseSections(data.sections, i18n.language) }),
    staleTime: 60 * 60_000,
  });
}
