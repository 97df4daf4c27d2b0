import { conflictCategories } from "./incident-taxonomy-conflict.data.ts";
import { safetyCategories } from "./incident-taxonomy-safety.data.ts";
import { violenceCrimeCategories } from "./incident-taxonomy-violence.data.ts";
import {
  type IncidentCategory,
  type IncidentGroup,
  type PersonOutcome,
  type Translated,
  incidentGroups,
} from "./incident-taxonomy.types.ts";

/**
 * The SSIRS incident taxonomy, as data (issue 3). Version 1.
 *
 * Versioning: category codes are stable and never renamed or reused, because stored incidents,
 * imports and exports refer to them. A later version may add categories, or retire one (kept so
 * old records still resolve); it then raises `taxonomyVersion`, which incidents record.
 */
export const taxonomyVersion = 1;

export const incidentCategories = [...violenceCrimeCategories, ...conflictCategories, ...safetyCategories] as const;
export type IncidentCategoryCode = (typeof incidentCategories)[number]["code"];
export const incidentCategoryCodes: readonly IncidentCategoryCode[] = incidentCategories.map((category) => category.code);

export const incidentGroupLabels: Record<IncidentGroup, Translated> = {
  violence_crime: { en: "Violence and crime", fr: "Violence et criminalité" },
  armed_conflict: { en: "Armed conflict", fr: "Conflit armé" },
  terrorism: { en: "Terrorism", fr: "Terrorisme" },
  civil_unrest: { en: "Civil unrest", fr: "Troubles civils" },
  hazards: { en: "Hazards", fr: "Aléas naturels" },
  safety: { en: "Safety", fr: "Sûreté" },
};

export const personOutcomeLabels: Record<PersonOutcome, Translated> = {
  killed: { en: "Killed", fr: "Tué" },
  injured: { en: "Injured", fr: "Blessé" },
  ill: { en: "Ill", fr: "Malade" },
  missing: { en: "Missing", fr: "Disparu" },
  abducted: { en: "Abducted", fr: "Enlevé" },
  arrested: { en: "Arrested", fr: "Arrêté" },
  detained: { en: "Detained", fr: "Détenu" },
  threatened: { en: "Threatened", fr: "Menacé" },
  harassed: { en: "Harassed", fr: "Harcelé" },
  assaulted: { en: "Assaulted", fr: "Agressé" },
  robbed: { en: "Robbed", fr: "Volé" },
  sexually_assaulted: { en: "Sexually assaulted", fr: "Agressé sexuellement" },
  unharmed: { en: "Unharmed", fr: "Indemne" },
};

/** The whole taxonomy in one object: what an API or export publishes. */
export const incidentTaxonomy = {
  taxonomyVersion,
  groups: incidentGroups.map((code) => ({ code, label: incidentGroupLabels[code] })),
  categories: incidentCategories,
} as const;

// A Map, not an object: a code such as "constructor" or "__proto__" must not find anything.
const categoriesByCode = new Map<string, IncidentCategory<IncidentCategoryCode>>(
  incidentCategories.map((category) => [category.code, category]),
);

/** The category with this code, or undefined for anything else (including non-strings). */
export function findCategory(code: unknown): IncidentCategory<IncidentCategoryCode> | undefined {
  return typeof code === "string" ? categoriesByCode.get(code) : undefined;
}

/**
 * The categories that raise a flash alert by default: fatality, abduction, sexual assault and
 * attack on premises (issue 3; mass casualties are counted, not a category). Deployments may
 * configure their own list.
 */
export const defaultCriticalCategoryCodes: readonly IncidentCategoryCode[] = incidentCategories
  .filter((category) => category.isCritical)
  .map((category) => category.code);

/** "Burglary (burglary)": the English label with the code, for messages read by people and API clients. */
export function categoryName(category: IncidentCategory): string {
  return `${category.label.en} (${category.code})`;
}
