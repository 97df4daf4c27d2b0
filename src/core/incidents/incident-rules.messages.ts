import { findCategory, personOutcomeLabels, taxonomyVersion } from "./incident-taxonomy.data.ts";
import type { IncidentCategory, PremisesKind } from "./incident-taxonomy.types.ts";

/**
 * The SSIRS rule messages in the two working languages of the UNSMS, for the person who reads
 * them: each is a sentence (capital first) naming categories, outcomes and fields by their labels
 * in the reader's language, never by internal code (issue 12 §3.9). A client that acts on them
 * reads the problem's `field`, and the category code it sent.
 */
export type RuleLanguage = "en" | "fr";

export const ruleLanguages: readonly RuleLanguage[] = ["en", "fr"];

/** "fr" for any French tag (fr, fr-FR, fr-CA…), else English: the default. */
export function ruleLanguageOf(tag: string | null | undefined): RuleLanguage {
  return typeof tag === "string" && /^fr(?:$|[-_])/i.test(tag.trim()) ? "fr" : "en";
}

/** "Burglary", "Cambriolage": a category as the reader knows it, by its label. */
export function categoryNameIn(category: IncidentCategory, language: RuleLanguage): string {
  return category.label[language];
}

/** Total: an unknown outcome (any string from a client) is shown as it came. */
function outcomeLabel(outcome: unknown, language: RuleLanguage): string {
  return typeof outcome === "string" && Object.hasOwn(personOutcomeLabels, outcome)
    ? personOutcomeLabels[outcome as keyof typeof personOutcomeLabels][language].toLowerCase()
    : String(outcome);
}

const premisesKindEn: Record<PremisesKind, string> = { office: "office", residence: "residence", warehouse: "warehouse", compound: "compound", other: "other premises" };

/** A category named by its code, for the messages that point to another category. */
const named = (code: string, language: RuleLanguage) => {
  const category = findCategory(code);
  return category ? categoryNameIn(category, language) : code;
};

/** Total: an unknown outcome (any string from a client) is shown as it came. */
function outcomeFr(outcome: unknown): string {
  const label = typeof outcome === "string" && Object.hasOwn(personOutcomeLabels, outcome) ? personOutcomeLabels[outcome as keyof typeof personOutcomeLabels].fr : String(outcome);
  return `«\u00a0${label}\u00a0»`;
}

const premisesKindFr: Record<PremisesKind, string> = {
  office: "bureau",
  residence: "résidence",
  warehouse: "entrepôt",
  compound: "enceinte",
  other: "autre local",
};

export type RuleMessages = {
  militaryExcluded: () => string;
  sexualAssaultCode: (shown: string, sexualAssault: IncidentCategory) => string;
  burglaryCode: (shown: string) => string;
  unknownCategory: (shown: string) => string;
  occurredTooEarly: (year: number) => string;
  occurredInFuture: (skewMinutes: number) => string;
  timeZoneName: () => string;
  timeZoneOffset: (actual: string, stated: string) => string;
  awarenessOrganisations: () => string;
  awarenessPeople: () => string;
  listedTwice: () => string;
  linkedLineCount: () => string;
  lineOrganisation: () => string;
  nearMissCategory: (category: IncidentCategory) => string;
  outcomeMisfit: (outcome: string, category: IncidentCategory, isSexualAssault: boolean, allowing: IncidentCategory[]) => string;
  nearMissOutcome: (outcome: string, allowed: readonly string[]) => string;
  requiresOutcome: (category: IncidentCategory) => string;
  premisesOnly: (category: IncidentCategory) => string;
  requiresPremises: (category: IncidentCategory) => string;
  premisesNotVehicle: (category: IncidentCategory) => string;
  requiresVehicle: (category: IncidentCategory) => string;
};

const en: RuleMessages = {
  militaryExcluded: () =>
    "Incidents involving members of military contingents or formed police units are not recorded in SSIRS, " +
    "in line with the Applicability section of the Security Policy Manual (IASMN 2015 §60): record them in the mission's own system",
  sexualAssaultCode: (shown, sexualAssault) =>
    `The code ${shown} is not a category: all kinds of sexual assault are recorded under the one category ${categoryNameIn(sexualAssault, "en")}, which has no sub-categories (IASMN 2015 §57)`,
  burglaryCode: (shown) =>
    `The code ${shown} is not a category: burglary is one category, ${named("burglary", "en")}, reserved for premises; a vehicle break-in is ${named("vehicle_break_in", "en")} (IASMN 2015 §59)`,
  unknownCategory: (shown) => `The code ${shown} is not a category of incident taxonomy version ${taxonomyVersion}`,
  occurredTooEarly: (year) => `Must be in ${year} or later (the year the United Nations was founded): check the year`,
  occurredInFuture: (skewMinutes) =>
    `Must not be in the future (more than ${skewMinutes} minutes ahead of the server's clock): give the date and time the incident happened, with its UTC offset`,
  timeZoneName: () => "Must be an IANA time zone name, as Africa/Nairobi",
  timeZoneOffset: (actual, stated) => `This time zone is UTC${actual} at that moment, but the time was given as UTC${stated}: correct the time zone or the time`,
  awarenessOrganisations: () => "Must be empty for an incident recorded for situational awareness only; choose \"Affects the UN\" if it affects the UN",
  awarenessPeople: () =>
    "Counts UN personnel affected, so it must be empty for an incident recorded for situational awareness only; choose \"Affects the UN\" if it affects the UN",
  listedTwice: () => "Is listed twice",
  linkedLineCount: () => "Must be 1 on a line linked to one person",
  lineOrganisation: () => "Must be one of the organisations affected: add it to the organisations affected",
  nearMissCategory: (category) =>
    `A near miss harmed no one, so it cannot be recorded under ${categoryNameIn(category, "en")}: choose the category of what nearly happened (for example Road traffic accident)`,
  outcomeMisfit: (outcome, category, isSexualAssault, allowing) => {
    const where = isSexualAssault ? "all kinds of sexual assault are recorded under the one category" : "that outcome is recorded only under";
    return `The outcome "${outcomeLabel(outcome, "en")}" does not fit the category ${categoryNameIn(category, "en")}: ${where} ${allowing.map((item) => categoryNameIn(item, "en")).join(", ")}`;
  },
  nearMissOutcome: (outcome, allowed) =>
    `A near miss harmed no one, so no one is "${outcomeLabel(outcome, "en")}": people in a near miss are ${allowed.map((item) => outcomeLabel(item, "en")).join(" or ")}; if someone was harmed, it is not a near miss`,
  requiresOutcome: (category) =>
    `The category ${categoryNameIn(category, "en")} needs at least one person ${category.requiresOneOf.map((item) => outcomeLabel(item, "en")).join(" or ")} when the incident affects the UN: add a line with that outcome`,
  premisesOnly: (category) =>
    `The category ${categoryNameIn(category, "en")} applies to premises only: list the premises entered; a theft from or of a vehicle is ${named("vehicle_break_in", "en")}, and other thefts are ${named("theft", "en")} (IASMN 2015 §59)`,
  requiresPremises: (category) =>
    `The category ${categoryNameIn(category, "en")} needs ${category.premisesKinds.length === 1 ? `a ${premisesKindEn[category.premisesKinds[0]]}` : "the premises"} among the premises affected`,
  premisesNotVehicle: (category) =>
    `The category ${categoryNameIn(category, "en")} is for premises, never for a vehicle: record a vehicle break-in as ${named("vehicle_break_in", "en")}, or as ${named("theft", "en")} (IASMN 2015 §59)`,
  requiresVehicle: (category) => `The category ${categoryNameIn(category, "en")} needs the vehicle among the assets affected`,
};

const fr: RuleMessages = {
  militaryExcluded: () =>
    "Les incidents impliquant des membres de contingents militaires ou d'unités de police constituées ne sont pas enregistrés dans le SSIRS, " +
    "conformément à la section « Applicabilité » du Manuel des politiques de sécurité (IASMN 2015, par. 60) : enregistrez-les dans le système propre à la mission",
  sexualAssaultCode: (shown, sexualAssault) =>
    `Le code ${shown} n'est pas une catégorie : toutes les formes d'agression sexuelle sont enregistrées sous la seule catégorie ${categoryNameIn(sexualAssault, "fr")}, qui ne comporte aucune sous-catégorie (IASMN 2015, par. 57)`,
  burglaryCode: (shown) =>
    `Le code ${shown} n'est pas une catégorie : le cambriolage forme une seule catégorie, ${named("burglary", "fr")}, réservée aux locaux ; une effraction de véhicule relève de la catégorie ${named("vehicle_break_in", "fr")} (IASMN 2015, par. 59)`,
  unknownCategory: (shown) => `Le code ${shown} n'est pas une catégorie de la version ${taxonomyVersion} de la taxonomie des incidents`,
  occurredTooEarly: (year) => `Doit être en ${year} ou après (année de la fondation de l'Organisation des Nations Unies) : vérifiez l'année`,
  occurredInFuture: (skewMinutes) =>
    `Ne doit pas être dans le futur (plus de ${skewMinutes} minutes après l'heure du serveur) : indiquez la date et l'heure de l'incident, avec son décalage UTC`,
  timeZoneName: () => "Doit être le nom d'un fuseau horaire IANA, par exemple Africa/Nairobi",
  timeZoneOffset: (actual, stated) =>
    `Ce fuseau horaire est à UTC${actual} à ce moment-là, alors que l'heure a été donnée en UTC${stated} : corrigez le fuseau horaire ou l'heure`,
  awarenessOrganisations: () =>
    "Doit rester vide pour un incident enregistré pour l'information de situation seulement ; choisissez « Concerne l'ONU » si l'incident touche l'Organisation",
  awarenessPeople: () =>
    "Recense le personnel des Nations Unies touché : elle doit donc rester vide pour un incident enregistré pour l'information de situation seulement ; " +
    "choisissez « Concerne l'ONU » si l'incident touche l'Organisation",
  listedTwice: () => "Figure deux fois dans la liste",
  linkedLineCount: () => "Doit être égal à 1 sur une ligne liée à une personne",
  lineOrganisation: () => "Doit être l'une des organisations touchées : ajoutez-la aux organisations touchées",
  nearMissCategory: (category) =>
    `Un quasi-incident n'a fait aucune victime : il ne peut donc pas être enregistré sous la catégorie ${categoryNameIn(category, "fr")} ; ` +
    `choisissez la catégorie de ce qui a failli se produire (par exemple ${named("road_traffic_accident", "fr")})`,
  outcomeMisfit: (outcome, category, isSexualAssault, allowing) => {
    const where = isSexualAssault
      ? "toutes les formes d'agression sexuelle sont enregistrées sous la seule catégorie"
      : "cette conséquence n'est enregistrée que sous";
    return `La conséquence ${outcomeFr(outcome)} ne correspond pas à la catégorie ${categoryNameIn(category, "fr")} : ${where} ${allowing.map((item) => categoryNameIn(item, "fr")).join(", ")}`;
  },
  nearMissOutcome: (outcome, allowed) =>
    `Un quasi-incident n'a fait aucune victime : personne n'y est ${outcomeFr(outcome)} ; les personnes prises dans un quasi-incident sont ${allowed.map(outcomeFr).join(" ou ")} ; ` +
    "si quelqu'un a été touché, il ne s'agit pas d'un quasi-incident",
  requiresOutcome: (category) =>
    `La catégorie ${categoryNameIn(category, "fr")} exige au moins une personne avec la conséquence ${category.requiresOneOf.map(outcomeFr).join(" ou ")} ` +
    "lorsque l'incident concerne l'ONU : ajoutez une ligne avec cette conséquence",
  premisesOnly: (category) =>
    `La catégorie ${categoryNameIn(category, "fr")} ne s'applique qu'aux locaux : indiquez les locaux où l'on s'est introduit ; ` +
    `un vol dans un véhicule ou d'un véhicule relève de la catégorie ${named("vehicle_break_in", "fr")}, et les autres vols de la catégorie ${named("theft", "fr")} (IASMN 2015, par. 59)`,
  requiresPremises: (category) =>
    `La catégorie ${categoryNameIn(category, "fr")} exige ${category.premisesKinds.length === 1 ? `des locaux de type « ${premisesKindFr[category.premisesKinds[0]]} »` : "les locaux"} parmi les locaux touchés`,
  premisesNotVehicle: (category) =>
    `La catégorie ${categoryNameIn(category, "fr")} s'applique aux locaux, jamais à un véhicule : enregistrez une effraction de véhicule sous ${named("vehicle_break_in", "fr")}, ` +
    `ou sous ${named("theft", "fr")} (IASMN 2015, par. 59)`,
  requiresVehicle: (category) => `La catégorie ${categoryNameIn(category, "fr")} exige le véhicule parmi les biens touchés`,
};

export const ruleMessages: Record<RuleLanguage, RuleMessages> = { en, fr };
