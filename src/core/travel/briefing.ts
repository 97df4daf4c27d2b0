import { findCategory } from "../incidents/incident-taxonomy.data.ts";
import { type SecurityLevel, type ThreatCategory, securityLevelLabels, threatCategories, threatCategoryLabels } from "../risk/security-levels.ts";

/**
 * The security briefing of a cleared trip (issue 13 §4; JIU 2016: travellers receive no
 * briefing). The server gathers the facts per destination area — levels in force, the conditions
 * of the clearance, critical incidents of the last days as counts, the area's security contacts
 * and the SRM measures that bind travellers — as data; this file words them in English or French
 * for the e-mail, the PDF and the web page, so each reader gets their own language.
 */
export type BriefingLanguage = "en" | "fr";

/** The appointments whose holders a traveller may call in an area, in the order they are listed (acting holders beside the function they hold). */
export const contactRoles = ["do", "do_ai", "pcsa", "csfp", "asc", "asc_ai", "asa"] as const;
export type ContactRole = (typeof contactRoles)[number];

export type BriefingLevel = { areaName: string; overall: SecurityLevel; levels: Record<ThreatCategory, SecurityLevel> };
export type BriefingContact = { name: string; role: ContactRole; email: string | null };

export type BriefingArea = {
  placeId: string;
  name: string;
  /** The level in force over the area (its own, or the nearest area's above it); null: none recorded. */
  level: BriefingLevel | null;
  /** The conditions of the clearance of the legs into the area (the reviewers' and the area's measures). */
  conditions: string[];
  /** Critical incidents of the last `incidentDays` days, by category: counts only, never a description. */
  incidents: { categoryCode: string; count: number }[];
  contacts: BriefingContact[];
  /** The SRM measures in force today that bind travellers to the area. */
  measures: string[];
};

export type Briefing = {
  number: string;
  purpose: string;
  travellers: string[];
  legs: { from: string; to: string; departureLocal: string; arrivalLocal: string }[];
  incidentDays: number;
  generatedAt: string;
  areas: BriefingArea[];
};

export type BriefingLinks = { trip: string; clearancePdf: string; briefingPdf: string };

const words = {
  en: {
    title: "Security briefing",
    subject: (number: string) => `Security briefing for your trip ${number}`,
    lead: (number: string) => `Your trip ${number} is cleared. This is your security briefing: read it before you leave, and acknowledge the conditions on the trip's page.`,
    trip: "Trip",
    travellers: "Travellers",
    purpose: "Purpose",
    itinerary: "Itinerary (local times)",
    level: "Security level in force",
    byCategory: "By threat category",
    noLevel: "No security level is recorded for this area: ask the area's security before you leave.",
    conditions: "Conditions of your clearance",
    noConditions: "No conditions.",
    measures: "SRM measures that apply to travellers",
    noMeasures: "No measure for travellers is recorded.",
    incidents: (days: number) => `Critical incidents in the last ${days} days`,
    noIncidents: "None reported.",
    contacts: "Security contacts",
    noContacts: "No security appointment is recorded for this area.",
    category: "Category",
    count: "Incidents",
    role: "Role",
    name: "Name",
    email: "E-mail",
    links: "Links",
    tripLink: "The trip",
    clearanceLink: "Clearance (PDF, with the QR code to show at checkpoints)",
    briefingLink: "This briefing (PDF)",
    generatedAt: "Generated",
    footer: "You receive this briefing because you travel on this trip or filed it. Sign in to open the PDFs.",
  },
  fr: {
    title: "Briefing de sécurité",
    subject: (number: string) => `Briefing de sécurité pour votre voyage ${number}`,
    lead: (number: string) =>
      `Votre voyage ${number} est autorisé. Voici votre briefing de sécurité : lisez-le avant de partir et prenez acte des conditions sur la page du voyage.`,
    trip: "Voyage",
    travellers: "Voyageurs",
    purpose: "Objet",
    itinerary: "Itinéraire (heures locales)",
    level: "Niveau de sécurité en vigueur",
    byCategory: "Par catégorie de menace",
    noLevel: "Aucun niveau de sécurité n'est enregistré pour cette zone : renseignez-vous auprès de la sécurité de la zone avant de partir.",
    conditions: "Conditions de votre autorisation",
    noConditions: "Aucune condition.",
    measures: "Mesures SRM applicables aux voyageurs",
    noMeasures: "Aucune mesure pour les voyageurs n'est enregistrée.",
    incidents: (days: number) => `Incidents critiques des ${days} derniers jours`,
    noIncidents: "Aucun signalé.",
    contacts: "Contacts de sécurité",
    noContacts: "Aucune nomination de sécurité n'est enregistrée pour cette zone.",
    category: "Catégorie",
    count: "Incidents",
    role: "Fonction",
    name: "Nom",
    email: "Courriel",
    links: "Liens",
    tripLink: "Le voyage",
    clearanceLink: "Autorisation (PDF, avec le code QR à présenter aux contrôles)",
    briefingLink: "Ce briefing (PDF)",
    generatedAt: "Généré le",
    footer: "Vous recevez ce briefing parce que vous voyagez ou avez déposé ce voyage. Connectez-vous pour ouvrir les PDF.",
  },
} as const;

export type BriefingWords = (typeof words)["en" | "fr"];
export const briefingWords = (language: BriefingLanguage): BriefingWords => words[language];

const roleLabels: Record<ContactRole, { en: string; fr: string }> = {
  do: { en: "Designated Official", fr: "Responsable désigné(e)" },
  do_ai: { en: "Designated Official ad interim", fr: "Responsable désigné(e) par intérim" },
  pcsa: { en: "Principal/Chief Security Adviser", fr: "Conseiller/ère (principal/chef) pour la sécurité" },
  csfp: { en: "Country Security Focal Point", fr: "Point focal de sécurité du pays" },
  asc: { en: "Area Security Coordinator", fr: "Coordonnateur/trice de la sécurité de zone" },
  asc_ai: { en: "Area Security Coordinator ad interim", fr: "Coordonnateur/trice de la sécurité de zone par intérim" },
  asa: { en: "Area Security Adviser", fr: "Conseiller/ère pour la sécurité de zone" },
};

export const roleLabel = (role: ContactRole, language: BriefingLanguage) => roleLabels[role][language];
/** "Abduction", « Enlèvement »; an unknown code (a retired category) as it is stored. */
export const incidentCategoryLabel = (code: string, language: BriefingLanguage) => findCategory(code)?.label[language] ?? code;
export const levelText = (level: SecurityLevel, language: BriefingLanguage) => `${level} (${securityLevelLabels[level][language]})`;

/** The level per threat category, in the taxonomy's order. */
export function categoryLevels(level: BriefingLevel, language: BriefingLanguage): { category: ThreatCategory; label: string; level: SecurityLevel; text: string }[] {
  return threatCategories.map((category) => ({ category, label: threatCategoryLabels[category][language], level: level.levels[category], text: levelText(level.levels[category], language) }));
}

export const contactText = (contact: BriefingContact, language: BriefingLanguage) =>
  `${roleLabel(contact.role, language)}: ${contact.name}${contact.email ? ` <${contact.email}>` : ""}`;

/** One area's part of the briefing as plain-text lines (the e-mail). */
export function briefingAreaLines(area: BriefingArea, days: number, language: BriefingLanguage): string[] {
  const w = words[language];
  const list = (items: readonly string[], none: string) => (items.length ? items.map((item) => `  - ${item}`) : [`  ${none}`]);
  const level = area.level;
  return [
    `== ${area.name} ==`,
    ...(level
      ? [`${w.level}: ${levelText(level.overall, language)}`, ...categoryLevels(level, language).map((one) => `  ${one.label}: ${one.text}`)]
      : [w.noLevel]),
    "",
    `${w.conditions}:`,
    ...list(area.conditions, w.noConditions),
    "",
    `${w.measures}:`,
    ...list(area.measures, w.noMeasures),
    "",
    `${w.incidents(days)}:`,
    ...list(
      area.incidents.map((one) => `${incidentCategoryLabel(one.categoryCode, language)}: ${one.count}`),
      w.noIncidents,
    ),
    "",
    `${w.contacts}:`,
    ...list(
      area.contacts.map((contact) => contactText(contact, language)),
      w.noContacts,
    ),
  ];
}

/** The e-mail sent when a trip is cleared: the whole briefing in text, with the links to the trip and its PDFs. */
export function briefingEmail(briefing: Briefing, language: BriefingLanguage, links: BriefingLinks): { subject: string; text: string } {
  const w = words[language];
  const lines = [
    w.lead(briefing.number),
    "",
    `${w.trip}: ${briefing.number}`,
    `${w.travellers}: ${briefing.travellers.join(", ")}`,
    `${w.purpose}: ${briefing.purpose}`,
    `${w.itinerary}:`,
    ...briefing.legs.map((leg) => `  ${leg.from} → ${leg.to}, ${leg.departureLocal.replace("T", " ")} → ${leg.arrivalLocal.replace("T", " ")}`),
    "",
    ...briefing.areas.flatMap((area) => [...briefingAreaLines(area, briefing.incidentDays, language), ""]),
    `${w.links}:`,
    `  ${w.tripLink}: ${links.trip}`,
    `  ${w.clearanceLink}: ${links.clearancePdf}`,
    `  ${w.briefingLink}: ${links.briefingPdf}`,
    "",
    w.footer,
  ];
  return { subject: w.subject(briefing.number), text: lines.join("\n") };
}
