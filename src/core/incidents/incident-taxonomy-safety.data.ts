import { defineCategory } from "./incident-taxonomy.types.ts";

/**
 * Hazards and safety: no one's deliberate act, so no perpetrator outcome (threatened, harassed,
 * robbed, assaulted, abducted, arrested…) fits them. Road traffic accidents are the leading safety
 * cause of death of personnel (JIU 2016 §43); fire and aviation sit beside them (issue 3).
 */
export const safetyCategories = [
  defineCategory({
    code: "natural_disaster",
    group: "hazards",
    label: { en: "Natural disaster", fr: "Catastrophe naturelle" },
    description: {
      en: "Earthquake, flood, storm, landslide, volcanic eruption, epidemic or other natural hazard.",
      fr: "Séisme, inondation, tempête, glissement de terrain, éruption volcanique, épidémie ou autre aléa naturel.",
    },
    outcomes: ["killed", "injured", "ill", "missing", "unharmed"],
  }),
  defineCategory({
    code: "fatality_safety",
    group: "safety",
    label: { en: "Fatality from a safety incident", fr: "Décès dû à un incident de sûreté" },
    description: {
      en: "One or more people killed by an accident or other safety incident, with no act of violence.",
      fr: "Une ou plusieurs personnes tuées par un accident ou un autre incident de sûreté, sans acte de violence.",
    },
    outcomes: ["killed", "injured", "missing", "unharmed"],
    requiresOneOf: ["killed"],
    canBeNearMiss: false,
    isCritical: true,
  }),
  defineCategory({
    code: "injury_safety",
    group: "safety",
    label: { en: "Injury from a safety incident", fr: "Blessure due à un incident de sûreté" },
    description: {
      en: "One or more people injured, not killed, by an accident or other safety incident.",
      fr: "Une ou plusieurs personnes blessées, mais non tuées, par un accident ou un autre incident de sûreté.",
    },
    outcomes: ["injured", "unharmed"],
    requiresOneOf: ["injured"],
    canBeNearMiss: false,
  }),
  // SSIRS taxonomy: road traffic accidents, fire and aviation are safety incidents (issue 3; JIU 2016 §43)
  defineCategory({
    code: "road_traffic_accident",
    group: "safety",
    label: { en: "Road traffic accident", fr: "Accident de la circulation" },
    description: {
      en: "A collision or other accident involving a vehicle on the road, with or without casualties.",
      fr: "Une collision ou un autre accident impliquant un véhicule sur la route, avec ou sans victimes.",
    },
    outcomes: ["killed", "injured", "unharmed"],
  }),
  defineCategory({
    code: "fire",
    group: "safety",
    label: { en: "Fire", fr: "Incendie" },
    description: {
      en: "An accidental fire in premises, a vehicle or elsewhere that affects personnel or assets.",
      fr: "Un incendie accidentel dans des locaux, un véhicule ou ailleurs, touchant le personnel ou des biens.",
    },
    outcomes: ["killed", "injured", "missing", "unharmed"],
  }),
  defineCategory({
    code: "aviation_incident",
    group: "safety",
    label: { en: "Aviation incident", fr: "Incident aérien" },
    description: {
      en: "An accident or serious incident involving an aircraft carrying personnel or cargo.",
      fr: "Un accident ou un incident grave impliquant un aéronef transportant du personnel ou du fret.",
    },
    outcomes: ["killed", "injured", "missing", "unharmed"],
  }),
  defineCategory({
    code: "medical_emergency",
    group: "safety",
    label: { en: "Medical or health emergency", fr: "Urgence médicale ou sanitaire" },
    description: {
      en: "Sudden illness, poisoning or injury needing urgent care or evacuation. A death is a fatality from a safety incident.",
      fr: "Maladie soudaine, intoxication ou blessure exigeant des soins urgents ou une évacuation. Un décès relève du décès dû à un incident de sûreté.",
    },
    outcomes: ["ill", "injured", "unharmed"],
  }),
] as const;
