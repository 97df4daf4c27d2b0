import type { Localised } from "./risk-matrix.types.ts";

/**
 * The words of the SRM report (a PDF written on the server, so it cannot use the web app's
 * catalogues), in the two working languages.
 */
export type SrmReportLanguage = "en" | "fr";

export const srmReportWords = {
  title: { en: "Security risk management report", fr: "Rapport de gestion des risques de sécurité" },
  area: { en: "Area", fr: "Zone" },
  version: { en: "Version", fr: "Version" },
  status: { en: "Status", fr: "Statut" },
  period: { en: "Time frame", fr: "Période" },
  reviewDue: { en: "Review due", fr: "Révision prévue" },
  author: { en: "Author", fr: "Auteur" },
  matrix: { en: "Risk matrix", fr: "Matrice des risques" },
  generatedAt: { en: "Generated", fr: "Généré le" },
  summary: { en: "Summary", fr: "Résumé" },
  noSummary: { en: "No summary recorded.", fr: "Aucun résumé enregistré." },
  approval: { en: "Approval", fr: "Approbation" },
  approvedBy: { en: "Approved by", fr: "Approuvé par" },
  smtConsulted: { en: "SMT consulted on", fr: "SMT consultée le" },
  conditions: { en: "Conditions", fr: "Conditions" },
  notApproved: { en: "Not approved yet.", fr: "Pas encore approuvé." },
  threats: { en: "Threat assessment", fr: "Évaluation des menaces" },
  category: { en: "Category", fr: "Catégorie" },
  intent: { en: "Intent", fr: "Intention" },
  capability: { en: "Capability", fr: "Capacité" },
  inhibitingContext: { en: "Inhibiting context", fr: "Contexte inhibiteur" },
  narrative: { en: "Narrative", fr: "Description" },
  scenarios: { en: "Risk scenarios", fr: "Scénarios de risque" },
  scenario: { en: "Scenario", fr: "Scénario" },
  inherent: { en: "Inherent", fr: "Inhérent" },
  residual: { en: "Residual", fr: "Résiduel" },
  strategy: { en: "Treatment", fr: "Traitement" },
  heatMap: { en: "Heat map: scenarios by likelihood and impact", fr: "Carte thermique : scénarios par probabilité et impact" },
  likelihood: { en: "Likelihood", fr: "Probabilité" },
  impact: { en: "Impact", fr: "Impact" },
  rows: { en: "rows, upwards", fr: "lignes, vers le haut" },
  columns: { en: "columns, to the right", fr: "colonnes, vers la droite" },
  measures: { en: "Security risk management measures", fr: "Mesures de gestion des risques de sécurité" },
  measure: { en: "Measure", fr: "Mesure" },
  kind: { en: "Type", fr: "Type" },
  owner: { en: "Owner", fr: "Responsable" },
  due: { en: "Due", fr: "Échéance" },
  cost: { en: "Cost", fr: "Coût" },
  overdue: { en: "overdue", fr: "en retard" },
  decisions: { en: "Acceptable-risk decisions", fr: "Décisions sur le risque acceptable" },
  activity: { en: "Activity", fr: "Activité" },
  criticality: { en: "PC", fr: "CP" },
  decision: { en: "Decision", fr: "Décision" },
  acceptedBy: { en: "Accepted by", fr: "Accepté par" },
  none: { en: "None recorded.", fr: "Aucun enregistrement." },
} satisfies Record<string, Localised>;

export type SrmReportWord = keyof typeof srmReportWords;
export const srmWord = (key: SrmReportWord, lang: SrmReportLanguage) => srmReportWords[key][lang];

export const srmCodeLabels: Record<string, Localised> = {
  draft: { en: "Draft", fr: "Brouillon" },
  in_review: { en: "In review", fr: "En examen" },
  approved: { en: "Approved", fr: "Approuvé" },
  superseded: { en: "Superseded", fr: "Remplacé" },
  planned: { en: "Planned", fr: "Prévue" },
  in_progress: { en: "In progress", fr: "En cours" },
  implemented: { en: "Implemented", fr: "Mise en œuvre" },
  verified: { en: "Verified", fr: "Vérifiée" },
  baseline: { en: "Baseline", fr: "Socle" },
  area: { en: "Area", fr: "Zone" },
  organisation: { en: "Organisation", fr: "Organisation" },
  accept: { en: "Accept", fr: "Accepter" },
  control: { en: "Control", fr: "Maîtriser" },
  avoid: { en: "Avoid", fr: "Éviter" },
  transfer: { en: "Transfer", fr: "Transférer" },
  allowed: { en: "May go ahead (within the approved SRM)", fr: "Peut se poursuivre (dans le cadre de la GRS approuvée)" },
  needs_acceptance: { en: "Needs acceptance", fr: "Acceptation requise" },
  accepted: { en: "Accepted", fr: "Accepté" },
  blocked: { en: "Blocked", fr: "Bloquée" },
  no_pc: { en: "No programme criticality assessed", fr: "Criticité du programme non évaluée" },
  do: { en: "DO", fr: "Responsable désigné" },
  usg_undss: { en: "USG UNDSS", fr: "SGA UNDSS" },
  srm: { en: "Within the SRM", fr: "Dans le cadre de la GRS" },
};

export const srmCode = (code: string, lang: SrmReportLanguage) => srmCodeLabels[code]?.[lang] ?? code;
