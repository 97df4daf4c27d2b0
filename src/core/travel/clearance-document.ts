import type { Reviewer, TransportMode } from "./clearance.ts";

/**
 * The words of the clearance PDF (issue 13 §3), in English and French: the document a traveller
 * carries and shows at checkpoints, whose QR code opens the verification page.
 */
export type DocumentLanguage = "en" | "fr";

const words = {
  en: {
    title: "Security clearance",
    trip: "Trip",
    travellers: "Travellers",
    purpose: "Purpose",
    period: "Period",
    clearedAt: "Cleared",
    generatedAt: "Generated",
    legs: "Itinerary",
    leg: "Leg",
    departure: "Departure (local)",
    arrival: "Arrival (local)",
    transport: "Transport",
    clearance: "Clearance",
    conditions: "Conditions",
    noConditions: "No conditions.",
    scan: "Scan to check that this clearance is valid now:",
    footer: "Vigil — security clearance",
  },
  fr: {
    title: "Autorisation de sécurité",
    trip: "Voyage",
    travellers: "Voyageurs",
    purpose: "Objet",
    period: "Période",
    clearedAt: "Autorisé le",
    generatedAt: "Généré le",
    legs: "Itinéraire",
    leg: "Trajet",
    departure: "Départ (heure locale)",
    arrival: "Arrivée (heure locale)",
    transport: "Transport",
    clearance: "Autorisation",
    conditions: "Conditions",
    noConditions: "Aucune condition.",
    scan: "Scannez pour vérifier que cette autorisation est valide en ce moment :",
    footer: "Vigil — autorisation de sécurité",
  },
} as const;

export const clearanceWords = (language: DocumentLanguage) => words[language];

const transports: Record<TransportMode, { en: string; fr: string }> = {
  commercial_air: { en: "Commercial air", fr: "Vol commercial" },
  un_air: { en: "UN air service", fr: "Service aérien des Nations Unies" },
  charter: { en: "Charter flight", fr: "Vol affrété" },
  donated_flight: { en: "Donated flight", fr: "Vol offert" },
  road: { en: "Road", fr: "Route" },
  boat: { en: "Boat", fr: "Bateau" },
  rail: { en: "Rail", fr: "Train" },
};

export const transportLabel = (mode: TransportMode, language: DocumentLanguage) => transports[mode][language];

/** How a cleared leg was cleared: by the area's rules, its reviewer, or the Designated Official. */
export function clearedBy(reviewer: Reviewer, language: DocumentLanguage): string {
  const fr = language === "fr";
  if (reviewer === "do") return fr ? "Autorisé par le responsable désigné" : "Cleared by the Designated Official";
  if (reviewer === "area") return fr ? "Autorisé par la sécurité de la zone" : "Cleared by the area's security";
  return fr ? "Autorisé d'office par les règles de la zone" : "Cleared at once by the area's rules";
}

/** "2026-12-27T07:00" as a ticket shows it: "2026-12-27 07:00", « 27/12/2026 07:00 ». */
export function localTimeText(local: string, language: DocumentLanguage): string {
  const [date, time] = local.split("T");
  return language === "fr" ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)} ${time}` : `${date} ${time}`;
}
