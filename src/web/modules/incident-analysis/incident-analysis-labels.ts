import { useTranslation } from "react-i18next";
import { findCategory, incidentCategories, incidentGroupLabels, personOutcomeLabels } from "../../../core/incidents/incident-taxonomy.data.ts";
import type { IncidentGroup, PersonOutcome } from "../../../core/incidents/incident-taxonomy.types.ts";

/** Category, group and outcome names in the interface language, from the taxonomy itself (EN and FR). */
export function useTaxonomyLabels() {
  const { i18n } = useTranslation();
  const lang: "en" | "fr" = i18n.language.startsWith("fr") ? "fr" : "en";
  return {
    lang,
    category: (code: string) => findCategory(code)?.label[lang] ?? code,
    group: (group: string) => incidentGroupLabels[group as IncidentGroup]?.[lang] ?? group,
    outcome: (outcome: string) => personOutcomeLabels[outcome as PersonOutcome]?.[lang] ?? outcome,
    /** Category choices grouped as the taxonomy groups them, for a Select. */
    categoryOptions: () =>
      Object.entries(incidentGroupLabels).map(([group, label]) => ({
        group: label[lang],
        items: incidentCategories
          .filter((category) => category.group === group)
          .map((category) => ({ value: category.code, label: category.label[lang] }))
          .sort((a, b) => a.label.localeCompare(b.label, lang)),
      })),
  };
}

/** Violence in red, safety in blue, everywhere in the analysis pages (charts, map, legends). */
export const kindColors = { violence: "#c0392b", safety: "#1f6fb2" } as const;
export const previousColor = "#9aa5b1";
export const currentColor = "#185a9c";
