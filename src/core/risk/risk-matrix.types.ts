/**
 * Risk matrices as data (DOMAIN.md §2, issue 4): each assessment names the matrix it uses, and a
 * matrix in use by an approved assessment is frozen (a new version is made instead).
 */

/** Text in both working languages. */
export type Localised = { en: string; fr: string };

/** One step of a likelihood or impact scale: its value (1…n), label, description and colour. */
export type ScaleStep = { value: number; label: Localised; description: Localised; colour: string };

/**
 * How a risk level weighs in the acceptable-risk decision (DOMAIN.md §2): the default rule is set
 * out for the UN SRM levels, so every matrix says which of these each of its levels counts as.
 */
export const acceptabilityClasses = ["medium_or_below", "high", "very_high", "unacceptable"] as const;
export type AcceptabilityClass = (typeof acceptabilityClasses)[number];

/** A risk level; `rank` orders them (0 = lowest). */
export type RiskLevel = { code: string; label: Localised; colour: string; rank: number; acceptability: AcceptabilityClass };

export const treatmentStrategies = ["accept", "control", "avoid", "transfer"] as const;
export type TreatmentStrategy = (typeof treatmentStrategies)[number];

/**
 * `grid[l - 1][i - 1]` is the level code for likelihood l and impact i; `strategies`, when the
 * matrix has a treatment grid, the suggested strategies in the same layout (in the order given).
 * `score`: "product" when the matrix shows L × I beside the level (the 2008 guide does).
 */
export type RiskMatrix = {
  code: string;
  version: number;
  name: Localised;
  description: Localised;
  likelihood: readonly ScaleStep[];
  impact: readonly ScaleStep[];
  levels: readonly RiskLevel[];
  grid: readonly (readonly string[])[];
  strategies?: readonly (readonly (readonly TreatmentStrategy[])[])[];
  score: "product" | "none";
  /** Why "accept" is suggested at the highest level, when it is (required then; see `matrixWarnings`). */
  justification?: string;
};

export type RiskCell = { level: RiskLevel; score: number | null; strategies: readonly TreatmentStrategy[] };
