import { gridFromBands } from "./risk-matrix.ts";
import type { RiskMatrix, ScaleStep, TreatmentStrategy } from "./risk-matrix.types.ts";

/**
 * The two matrices Vigil ships (DOMAIN.md §2). Administrators add others, or new versions of
 * these; migration 0012 loads these two as version 1 of their codes.
 */

const scaleColours = ["#2e7d32", "#9ccc65", "#fbc02d", "#f57c00", "#c62828"];

const likelihood: ScaleStep[] = [
  ["Very unlikely", "Très improbable", "Not expected to happen in the time frame", "Ne devrait pas se produire dans la période"],
  ["Unlikely", "Improbable", "Could happen, but there is no sign that it will", "Pourrait se produire, sans indice qu'il se produira"],
  ["Moderately likely", "Moyennement probable", "Has happened in the area and could happen again", "S'est produit dans la zone et pourrait se reproduire"],
  ["Likely", "Probable", "Expected to happen at some time in the time frame", "Devrait se produire au cours de la période"],
  ["Very likely", "Très probable", "Expected to happen soon, or happening now", "Devrait se produire bientôt, ou se produit déjà"],
].map(([en, fr, descriptionEn, descriptionFr], index) => ({
  value: index + 1,
  label: { en, fr },
  description: { en: descriptionEn, fr: descriptionFr },
  colour: scaleColours[index],
}));

const impact: ScaleStep[] = [
  ["Negligible", "Négligeable", "No injury; minor damage; programmes carry on", "Aucune blessure ; dégâts mineurs ; les programmes continuent"],
  ["Minor", "Mineur", "Minor injuries; some damage or loss; short delays", "Blessures légères ; dégâts ou pertes limités ; brefs retards"],
  ["Moderate", "Modéré", "Serious injuries; significant loss; programmes disrupted", "Blessures graves ; pertes importantes ; programmes perturbés"],
  ["Severe", "Grave", "Deaths or permanent disability; programmes suspended", "Décès ou invalidité permanente ; programmes suspendus"],
  ["Critical", "Critique", "Multiple deaths; loss of premises; withdrawal from the area", "Plusieurs décès ; perte des locaux ; retrait de la zone"],
].map(([en, fr, descriptionEn, descriptionFr], index) => ({
  value: index + 1,
  label: { en, fr },
  description: { en: descriptionEn, fr: descriptionFr },
  colour: scaleColours[index],
}));

/** The current UN SRM matrix, the default (DOMAIN.md §2, table 1). Rows: likelihood 1 (very unlikely) to 5. */
export const unSrmMatrix: RiskMatrix = {
  code: "un_srm_5x5",
  version: 1,
  name: { en: "UN SRM 5 × 5", fr: "GRS des Nations Unies 5 × 5" },
  description: {
    en: "The UN Security Risk Management matrix: likelihood × impact on five-point scales, six risk levels.",
    fr: "La matrice de gestion des risques de sécurité des Nations Unies : probabilité × impact sur cinq niveaux, six niveaux de risque.",
  },
  likelihood,
  impact,
  levels: [
    { code: "very_low", label: { en: "Very low", fr: "Très faible" }, colour: "#2e7d32", rank: 0, acceptability: "medium_or_below" },
    { code: "low", label: { en: "Low", fr: "Faible" }, colour: "#9ccc65", rank: 1, acceptability: "medium_or_below" },
    { code: "medium", label: { en: "Medium", fr: "Moyen" }, colour: "#fbc02d", rank: 2, acceptability: "medium_or_below" },
    { code: "high", label: { en: "High", fr: "Élevé" }, colour: "#f57c00", rank: 3, acceptability: "high" },
    { code: "very_high", label: { en: "Very high", fr: "Très élevé" }, colour: "#c62828", rank: 4, acceptability: "very_high" },
    { code: "unacceptable", label: { en: "Unacceptable", fr: "Inacceptable" }, colour: "#212121", rank: 5, acceptability: "unacceptable" },
  ],
  grid: [
    ["very_low", "very_low", "very_low", "low", "low"],
    ["very_low", "low", "low", "medium", "medium"],
    ["very_low", "low", "medium", "high", "high"],
    ["low", "medium", "high", "high", "very_high"],
    ["low", "medium", "high", "very_high", "unacceptable"],
  ],
  score: "none",
};

const A: TreatmentStrategy = "accept";
const C: TreatmentStrategy = "control";
const V: TreatmentStrategy = "avoid";
const T: TreatmentStrategy = "transfer";

/**
 * The 2008 guide's matrix (iasmn-2008-report-to-hlcm.txt, lines 735–744): level by the score L × I
 * in bands 1 Negligible, 2–5 Low, 6–10 Medium, 12–16 High, 20–25 Critical. The seed prints the cell
 * "Very likely × Moderate" as "High (12)"; 5 × 3 is 15 (still High), and the grid is computed.
 * There is no Unacceptable band: Critical weighs as Very high in the acceptable-risk rule.
 * Its ACAT treatment grid is lines 760–766.
 */
export const guide2008Matrix: RiskMatrix = {
  code: "guide_2008_lxi",
  version: 1,
  name: { en: "2008 guide: likelihood × impact", fr: "Guide de 2008 : probabilité × impact" },
  description: {
    en: "Security and Risk Management: A Guide for UN Managers (2008). Score = likelihood × impact, in five bands, with the ACAT treatment strategies.",
    fr: "Security and Risk Management: A Guide for UN Managers (2008). Score = probabilité × impact, en cinq bandes, avec les stratégies de traitement ACAT.",
  },
  likelihood,
  impact,
  levels: [
    { code: "negligible", label: { en: "Negligible", fr: "Négligeable" }, colour: "#2e7d32", rank: 0, acceptability: "medium_or_below" },
    { code: "low", label: { en: "Low", fr: "Faible" }, colour: "#9ccc65", rank: 1, acceptability: "medium_or_below" },
    { code: "medium", label: { en: "Medium", fr: "Moyen" }, colour: "#fbc02d", rank: 2, acceptability: "medium_or_below" },
    { code: "high", label: { en: "High", fr: "Élevé" }, colour: "#f57c00", rank: 3, acceptability: "high" },
    { code: "critical", label: { en: "Critical", fr: "Critique" }, colour: "#c62828", rank: 4, acceptability: "very_high" },
  ],
  grid: gridFromBands({ likelihood: 5, impact: 5 }, [
    { from: 1, to: 1, level: "negligible" },
    { from: 2, to: 5, level: "low" },
    { from: 6, to: 10, level: "medium" },
    { from: 12, to: 16, level: "high" },
    { from: 20, to: 25, level: "critical" },
  ]),
  strategies: [
    [[A], [T, A], [T], [T], [T, C]],
    [[C, A], [C, T], [T, C], [T, C], [T, C]],
    [[C], [C, T], [C, T], [C, V], [V, C]],
    [[C], [C, T], [C, V], [C, V], [V, C]],
    [[C], [C, T], [C, V], [C, V], [V]],
  ],
  score: "product",
};

export const shippedMatrices: readonly RiskMatrix[] = [unSrmMatrix, guide2008Matrix];
export const defaultMatrixCode = unSrmMatrix.code;
