import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentSex, IncidentSource } from "../../../core/incidents/incident.schemas.ts";
import type { AssetKind, PersonOutcome, PremisesKind } from "../../../core/incidents/incident-taxonomy.types.ts";
import type { IncidentStatus, Taxonomy, TaxonomyCategory, Translated } from "./incidents.api.ts";

/*
 * Enumerations the incident screens need. The zod schema files that define them would pull zod
 * into the pages, so they are repeated here and tied to the core types at compile time.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const exactly =
  <T>() =>
  <const V extends readonly T[]>(values: V & (Same<V[number], T> extends true ? unknown : never)) =>
    values;

export const incidentStatuses = exactly<IncidentStatus>()(["draft", "submitted", "verified", "closed"]);
export const incidentSources = exactly<IncidentSource>()([
  "un_security",
  "un_personnel",
  "host_authorities",
  "humanitarian_partner",
  "media",
  "local_contact",
  "other",
]);
export const incidentSexes = exactly<IncidentSex>()(["female", "male", "other", "unknown"]);
export const personOutcomes = exactly<PersonOutcome>()([
  "killed",
  "injured",
  "ill",
  "missing",
  "abducted",
  "arrested",
  "detained",
  "threatened",
  "harassed",
  "assaulted",
  "robbed",
  "sexually_assaulted",
  "unharmed",
]);
export const premisesKinds = exactly<PremisesKind>()(["office", "residence", "warehouse", "compound", "other"]);
export const assetKinds = exactly<AssetKind>()(["vehicle", "equipment", "cash", "other"]);

export const statusColors: Record<IncidentStatus, string> = {
  draft: "gray",
  submitted: "orange",
  verified: "teal",
  closed: "blue",
};

/** The taxonomy in the user's language: labels, descriptions, and the category list grouped for a Select. */
export function useTaxonomyText(taxonomy: Taxonomy | undefined) {
  const { i18n } = useTranslation();
  const language: keyof Translated = i18n.language === "fr" ? "fr" : "en";
  return useMemo(() => {
    const categories = new Map((taxonomy?.categories ?? []).map((category) => [category.code, category]));
    const groups = new Map((taxonomy?.groups ?? []).map((group) => [group.code, group.label[language]]));
    return {
      language,
      category: (code: string): TaxonomyCategory | undefined => categories.get(code),
      categoryLabel: (code: string) => categories.get(code)?.label[language] ?? code,
      categoryDescription: (code: string) => categories.get(code)?.description[language] ?? "",
      groupLabel: (code: string) => groups.get(code) ?? code,
      groupedOptions: (taxonomy?.groups ?? []).map((group) => ({
        group: group.label[language],
        items: (taxonomy?.categories ?? [])
          .filter((category) => category.group === group.code)
          .map((category) => ({ value: category.code, label: category.label[language] })),
      })),
    };
  }, [taxonomy, language]);
}

/** "2 injured · 1 killed" from counts by outcome. */
export function usePeopleSummary() {
  const { t } = useTranslation();
  return (lines: { outcome: PersonOutcome; count: number }[]) =>
    lines.map((line) => t("incidents.outcomeCount", { number: line.count, outcome: t(`incidents.outcomes.${line.outcome}`) })).join(" · ");
}
