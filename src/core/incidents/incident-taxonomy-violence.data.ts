import { defineCategory } from "./incident-taxonomy.types.ts";

/**
 * Violence and crime. The first eleven come from JIU 2016 Table 1 (personnel affected by category
 * of incident), the rest complete the crimes field offices record most.
 *
 * A death or injury from a crime against a person (robbery, assault, abduction…) is recorded under
 * the fatality or injury category, which is how JIU Table 1 counts them: so those crimes allow no
 * `killed` outcome, and the lesser crimes (theft, burglary, threats) allow no `injured` either.
 */
export const violenceCrimeCategories = [
  defineCategory({
    code: "fatality_violence",
    group: "violence_crime",
    label: { en: "Fatality from an act of violence", fr: "Décès dû à un acte de violence" },
    description: {
      en: "One or more people killed by a deliberate act of violence.",
      fr: "Une ou plusieurs personnes tuées par un acte de violence délibéré.",
    },
    outcomes: ["killed", "injured", "assaulted", "threatened", "missing", "unharmed"],
    requiresOneOf: ["killed"],
    canBeNearMiss: false,
    isCritical: true,
  }),
  defineCategory({
    code: "injury_violence",
    group: "violence_crime",
    label: { en: "Injury from an act of violence", fr: "Blessure due à un acte de violence" },
    description: {
      en: "One or more people injured, not killed, by a deliberate act of violence.",
      fr: "Une ou plusieurs personnes blessées, mais non tuées, par un acte de violence délibéré.",
    },
    outcomes: ["injured", "assaulted", "threatened", "unharmed"],
    requiresOneOf: ["injured"],
    canBeNearMiss: false,
  }),
  defineCategory({
    code: "abduction",
    group: "violence_crime",
    label: { en: "Abduction", fr: "Enlèvement" },
    description: {
      en: "A person taken and held against their will, whatever the motive (ransom, political, criminal).",
      fr: "Une personne emmenée et retenue contre son gré, quel qu'en soit le motif (rançon, politique, crapuleux).",
    },
    outcomes: ["abducted", "injured", "assaulted", "threatened", "missing", "unharmed"],
    requiresOneOf: ["abducted"],
    isCritical: true,
  }),
  defineCategory({
    code: "robbery",
    group: "violence_crime",
    label: { en: "Robbery", fr: "Vol qualifié" },
    description: {
      en: "Property taken from a person by force or the threat of force.",
      fr: "Biens pris à une personne par la force ou sous la menace.",
    },
    outcomes: ["robbed", "injured", "assaulted", "threatened", "unharmed"],
  }),
  defineCategory({
    code: "residence_break_in",
    group: "violence_crime",
    label: { en: "Residence break-in", fr: "Intrusion dans une résidence" },
    description: {
      en: "Forced entry into a residence while people are inside, who are confronted (home invasion).",
      fr: "Entrée par la force dans une résidence occupée, dont les occupants sont confrontés aux intrus.",
    },
    outcomes: ["robbed", "injured", "assaulted", "threatened", "unharmed"],
    requiresPremises: true,
    premisesKinds: ["residence"],
  }),
  defineCategory({
    code: "aggravated_assault",
    group: "violence_crime",
    label: { en: "Aggravated assault", fr: "Agression grave" },
    description: {
      en: "An attack on a person with a weapon or intent to cause serious harm.",
      fr: "Une attaque contre une personne, avec une arme ou dans l'intention de causer un préjudice grave.",
    },
    outcomes: ["assaulted", "injured", "threatened", "unharmed"],
  }),
  // SSIRS policy: all kinds of sexual assault are one category, with no sub-categories (IASMN 2015 §57)
  defineCategory({
    code: "sexual_assault",
    group: "violence_crime",
    label: { en: "Sexual assault", fr: "Agression sexuelle" },
    description: {
      en: "Any kind of sexual assault, attempted or committed. All kinds are recorded under this one category.",
      fr: "Toute forme d'agression sexuelle, tentée ou commise. Toutes les formes relèvent de cette seule catégorie.",
    },
    outcomes: ["sexually_assaulted", "injured", "threatened", "unharmed"],
    requiresOneOf: ["sexually_assaulted"],
    isSexualAssault: true,
    isCritical: true,
  }),
  // SSIRS policy: burglary applies to premises only, never to a vehicle (IASMN 2015 §59)
  defineCategory({
    code: "burglary",
    group: "violence_crime",
    label: { en: "Burglary", fr: "Cambriolage" },
    description: {
      en: "Unlawful entry into premises (office, residence, warehouse, compound) to steal, with no one confronted.",
      fr: "Entrée illicite dans des locaux (bureau, résidence, entrepôt, enceinte) pour voler, sans confrontation.",
    },
    outcomes: ["unharmed"],
    requiresPremises: true,
    isPremisesOnly: true,
  }),
  defineCategory({
    code: "intimidation",
    group: "violence_crime",
    label: { en: "Intimidation", fr: "Intimidation" },
    description: {
      en: "Threats or shows of force meant to frighten or coerce personnel.",
      fr: "Menaces ou démonstrations de force visant à effrayer ou à contraindre le personnel.",
    },
    outcomes: ["threatened", "unharmed"],
  }),
  defineCategory({
    code: "harassment",
    group: "violence_crime",
    label: { en: "Harassment", fr: "Harcèlement" },
    description: {
      en: "Repeated hostile or abusive conduct towards personnel by people outside the organisation.",
      fr: "Comportement hostile ou abusif répété envers le personnel, de la part de personnes extérieures.",
    },
    outcomes: ["harassed", "threatened", "unharmed"],
  }),
  defineCategory({
    code: "arrest_detention",
    group: "violence_crime",
    label: { en: "Arrest and detention", fr: "Arrestation et détention" },
    description: {
      en: "Personnel arrested or detained by State authorities or by armed groups acting as such.",
      fr: "Membres du personnel arrêtés ou détenus par les autorités de l'État ou par des groupes armés agissant comme tels.",
    },
    outcomes: ["arrested", "detained", "injured", "assaulted", "threatened", "unharmed"],
    requiresOneOf: ["arrested", "detained"],
  }),
  defineCategory({
    code: "theft",
    group: "violence_crime",
    label: { en: "Theft", fr: "Vol" },
    description: {
      en: "Property taken without force or threat against a person, and not by entering premises.",
      fr: "Biens pris sans violence ni menace envers une personne, et sans entrer dans des locaux.",
    },
    outcomes: ["unharmed"],
  }),
  // SSIRS policy: a vehicle break-in is theft, not burglary (IASMN 2015 §59)
  defineCategory({
    code: "vehicle_break_in",
    group: "violence_crime",
    label: { en: "Vehicle break-in", fr: "Effraction de véhicule" },
    description: {
      en: "A vehicle broken into to steal it or from it. A kind of theft, never a burglary.",
      fr: "Un véhicule forcé pour le voler ou pour y voler. Une forme de vol, jamais un cambriolage.",
    },
    outcomes: ["unharmed"],
    requiresVehicle: true,
    rollsUpTo: "theft",
  }),
  defineCategory({
    code: "carjacking",
    group: "violence_crime",
    label: { en: "Carjacking", fr: "Vol de véhicule avec violence" },
    description: {
      en: "A vehicle taken from its driver or passengers by force or the threat of force.",
      fr: "Un véhicule pris à son conducteur ou à ses passagers par la force ou sous la menace.",
    },
    outcomes: ["robbed", "injured", "assaulted", "threatened", "unharmed"],
    requiresVehicle: true,
  }),
  defineCategory({
    code: "kidnapping_threat",
    group: "violence_crime",
    label: { en: "Kidnapping threat", fr: "Menace d'enlèvement" },
    description: {
      en: "A threat, plan or attempt to kidnap personnel that was detected before anyone was taken.",
      fr: "Une menace, un projet ou une tentative d'enlèvement détecté avant que quiconque soit emmené.",
    },
    outcomes: ["threatened", "unharmed"],
  }),
] as const;
