import type { Localised } from "./risk-matrix.types.ts";

/** The five threat categories of SRM and of the Security Level System (DOMAIN.md §2). */
export const threatCategories = ["armed_conflict", "terrorism", "crime", "civil_unrest", "hazards"] as const;
export type ThreatCategory = (typeof threatCategories)[number];

export const threatCategoryLabels: Record<ThreatCategory, Localised> = {
  armed_conflict: { en: "Armed conflict", fr: "Conflit armé" },
  terrorism: { en: "Terrorism", fr: "Terrorisme" },
  crime: { en: "Crime", fr: "Criminalité" },
  civil_unrest: { en: "Civil unrest", fr: "Troubles civils" },
  hazards: { en: "Hazards", fr: "Aléas" },
};

/** Security levels 1–6. */
export const securityLevels = [1, 2, 3, 4, 5, 6] as const;
export type SecurityLevel = (typeof securityLevels)[number];

export const securityLevelLabels: Record<SecurityLevel, Localised> = {
  1: { en: "Minimal", fr: "Minimal" },
  2: { en: "Low", fr: "Faible" },
  3: { en: "Moderate", fr: "Modéré" },
  4: { en: "Substantial", fr: "Important" },
  5: { en: "High", fr: "Élevé" },
  6: { en: "Extreme", fr: "Extrême" },
};

/** Choropleth colours, light to dark, so the map reads without the legend's words. */
export const securityLevelColours: Record<SecurityLevel, string> = {
  1: "#e8f5e9",
  2: "#c5e1a5",
  3: "#fff176",
  4: "#ffb74d",
  5: "#e53935",
  6: "#4a0d0d",
};

export type SecurityLevelProposal = {
  categories: Record<ThreatCategory, SecurityLevel>;
  overall: SecurityLevel;
  justification?: string | null;
};

export type LevelProblem = { field: string; message: string };

/** The overall level is at least the highest category level, unless a justification is recorded. */
export function securityLevelProblems(proposal: SecurityLevelProposal): LevelProblem[] {
  const highest = Math.max(...threatCategories.map((category) => proposal.categories[category]));
  if (proposal.overall >= highest) return [];
  if (proposal.justification?.trim()) return [];
  return [{ field: "justification", message: `is required when the overall level (${proposal.overall}) is below the highest category level (${highest})` }];
}
