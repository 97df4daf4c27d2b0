import type { RecruitmentType } from "../personnel/personnel.schemas.ts";
import type { IncidentSex } from "./incident.schemas.ts";
import type { Translated } from "./incident-taxonomy.types.ts";

/**
 * The words of the generated incident reports (PDF and CSV are written on the server, so they
 * cannot use the web app's catalogues), in the two working languages of the UNSMS.
 */
export type ReportLanguage = "en" | "fr";
export const reportLanguages = ["en", "fr"] as const;

export const recruitmentTypeLabels: Record<RecruitmentType, Translated> = {
  international: { en: "International", fr: "Recrutement international" },
  locally_recruited: { en: "Locally recruited", fr: "Recrutement local" },
  national_not_locally_recruited: { en: "National, not locally recruited", fr: "National, non recruté localement" },
};

export const sexLabels: Record<IncidentSex, Translated> = {
  female: { en: "Female", fr: "Femmes" },
  male: { en: "Male", fr: "Hommes" },
  other: { en: "Other", fr: "Autre" },
  unknown: { en: "Unknown", fr: "Inconnu" },
};

export const violenceSafetyLabels: Record<"violence" | "safety", Translated> = {
  violence: { en: "Acts of violence", fr: "Actes de violence" },
  safety: { en: "Safety incidents", fr: "Incidents de sûreté" },
};

export const reportWords = {
  quarterlyTitle: { en: "Quarterly incident report", fr: "Rapport trimestriel sur les incidents" },
  annualTitle: { en: "Annual incident report", fr: "Rapport annuel sur les incidents" },
  jiuTitle: {
    en: "UN personnel affected by safety and security incidents, by category and year",
    fr: "Personnel des Nations Unies touché par des incidents de sûreté et de sécurité, par catégorie et par année",
  },
  scope: { en: "Scope", fr: "Périmètre" },
  systemWide: { en: "System-wide (all areas you may analyse)", fr: "Ensemble du système (toutes les zones que vous pouvez analyser)" },
  period: { en: "Period", fr: "Période" },
  previousPeriod: { en: "Previous period", fr: "Période précédente" },
  yearEarlier: { en: "Same period a year earlier", fr: "Même période un an plus tôt" },
  generatedAt: { en: "Generated", fr: "Généré le" },
  years: { en: "Years", fr: "Années" },
  totals: { en: "Totals", fr: "Totaux" },
  incidents: { en: "Incidents", fr: "Incidents" },
  affectingUn: { en: "Affecting the UN", fr: "Touchant l'ONU" },
  people: { en: "People affected", fr: "Personnes touchées" },
  killed: { en: "Killed", fr: "Tués" },
  injured: { en: "Injured", fr: "Blessés" },
  byGroup: { en: "By category group", fr: "Par groupe de catégories" },
  byCategory: { en: "By category", fr: "Par catégorie" },
  violenceSafety: { en: "Violence and safety", fr: "Violence et sûreté" },
  peopleByOutcome: { en: "People affected by outcome, recruitment type and sex", fr: "Personnes touchées par issue, type de recrutement et sexe" },
  byArea: { en: "By area", fr: "Par zone" },
  category: { en: "Category", fr: "Catégorie" },
  group: { en: "Group", fr: "Groupe" },
  area: { en: "Area", fr: "Zone" },
  outcome: { en: "Outcome", fr: "Issue" },
  recruitmentType: { en: "Recruitment type", fr: "Type de recrutement" },
  total: { en: "Total", fr: "Total" },
  none: { en: "No incident in this period.", fr: "Aucun incident pendant cette période." },
  countingRule: {
    en: "Counts the incidents submitted, verified or closed (not drafts) within your scope, each in the month of its local date and time. Sexual assaults are counted but never shown one by one. People are counted in the category of their incident.",
    fr: "Compte les incidents soumis, vérifiés ou clos (pas les brouillons) de votre périmètre, chacun dans le mois de sa date et heure locales. Les agressions sexuelles sont comptées mais jamais montrées une à une. Les personnes sont comptées dans la catégorie de leur incident.",
  },
  jiuRule: {
    en: "Counts the people affected by incidents submitted, verified or closed (not drafts) within your scope, by the year of the incident's local date. Each person is counted once: the killed and injured in the fatality and injury rows (violence or safety by the incident's category), everyone else in the row of the incident's category.",
    fr: "Compte les personnes touchées par des incidents soumis, vérifiés ou clos (pas les brouillons) de votre périmètre, par année de la date locale de l'incident. Chaque personne est comptée une fois : les tués et les blessés dans les lignes des décès et des blessures (violence ou sûreté selon la catégorie de l'incident), les autres dans la ligne de la catégorie de l'incident.",
  },
} satisfies Record<string, Translated>;

export function word(key: keyof typeof reportWords, lang: ReportLanguage): string {
  return reportWords[key][lang];
}
