import type { Localised } from "./risk-matrix.types.ts";

/**
 * Enumerations of the risk module's records (issue 4), shared by server, schemas and web app.
 * Labels for the web live in the i18n files; these are the stored codes.
 */

/** An SRM assessment's life: drafted, reviewed by the SMT, approved by the DO, then replaced. */
export const assessmentStatuses = ["draft", "in_review", "approved", "superseded"] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];

/** Who or what a scenario exposes. */
export const exposureKinds = ["people", "premises", "assets", "programmes"] as const;
export type ExposureKind = (typeof exposureKinds)[number];

/**
 * Baseline: the old MOSS, which applies to every area (each area tracks its own implementation
 * of it). Area: specific to this area. Organisation: one organisation's own, stricter measure.
 */
export const measureKinds = ["baseline", "area", "organisation"] as const;
export type MeasureKind = (typeof measureKinds)[number];

export const measureCategories = [
  "telecoms",
  "vehicles",
  "premises",
  "medical",
  "training_briefing",
  "residential",
  "procedures",
  "personal_protection",
  "other",
] as const;
export type MeasureCategory = (typeof measureCategories)[number];

export const measureCategoryLabels: Record<MeasureCategory, Localised> = {
  telecoms: { en: "Telecommunications", fr: "Télécommunications" },
  vehicles: { en: "Vehicles", fr: "Véhicules" },
  premises: { en: "Premises", fr: "Locaux" },
  medical: { en: "Medical", fr: "Médical" },
  training_briefing: { en: "Training and briefing", fr: "Formation et briefing" },
  residential: { en: "Residential security", fr: "Sécurité résidentielle" },
  procedures: { en: "Procedures", fr: "Procédures" },
  personal_protection: { en: "Personal protection", fr: "Protection individuelle" },
  other: { en: "Other", fr: "Autre" },
};

export const measureStatuses = ["planned", "in_progress", "implemented", "verified"] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

/** A measure counts as done once implemented; the overdue rule concerns the others. */
export const isMeasureDone = (status: MeasureStatus) => status === "implemented" || status === "verified";

/** A proposed security level change: approved by the DO, then endorsed by UNDSS (or rejected). */
export const levelChangeStatuses = ["proposed", "approved", "endorsed", "rejected"] as const;
export type LevelChangeStatus = (typeof levelChangeStatuses)[number];
