import type { CriticalReason } from "./incident-rules.ts";
import { findCategory } from "./incident-taxonomy.data.ts";
import type { PersonOutcome } from "./incident-taxonomy.types.ts";

/**
 * The words of a flash alert (e-mail and in-app notification), in English or French. A
 * sensitive (sexual-assault) incident's alert says only that one was submitted, with the link:
 * no category label, place, time, narrative or people, since e-mail leaves the need-to-know list.
 */
export type FlashAlertFacts = {
  incidentId: string;
  categoryCode: string;
  isSensitive: boolean;
  placeName: string;
  areaName: string | null;
  occurredAt: Date;
  timeZone: string;
  peopleAffected: { outcome: PersonOutcome; count: number }[];
  description: string;
  reasons: CriticalReason[];
  link: string;
};

export type AlertLanguage = "en" | "fr";

export type FlashAlertMessage = { subject: string; text: string; title: string; body: string };

const outcomeLabels: Record<PersonOutcome, { en: string; fr: string }> = {
  killed: { en: "killed", fr: "tués" },
  injured: { en: "injured", fr: "blessés" },
  ill: { en: "ill", fr: "malades" },
  missing: { en: "missing", fr: "disparus" },
  abducted: { en: "abducted", fr: "enlevés" },
  arrested: { en: "arrested", fr: "arrêtés" },
  detained: { en: "detained", fr: "détenus" },
  threatened: { en: "threatened", fr: "menacés" },
  harassed: { en: "harassed", fr: "harcelés" },
  assaulted: { en: "assaulted", fr: "agressés" },
  robbed: { en: "robbed", fr: "volés" },
  sexually_assaulted: { en: "sexually assaulted", fr: "agressés sexuellement" },
  unharmed: { en: "unharmed", fr: "indemnes" },
};

const words = {
  en: {
    flash: "Flash alert",
    sensitiveTitle: "Flash alert: sensitive incident submitted",
    sensitiveBody: "A sensitive incident was submitted in your area. Its details are restricted to its need-to-know list.",
    sensitiveText:
      "A sensitive incident was submitted in an area you are responsible for.\n\nIts details are restricted to the incident's need-to-know list and are not sent by e-mail.",
    where: "Where",
    when: "When",
    localTime: "local time",
    why: "Why this alert",
    people: "People affected",
    nobody: "none recorded",
    what: "What happened",
    open: "Open the incident",
    footer: "You receive this alert as the Designated Official or the Principal/Chief Security Adviser of the area.",
    reasons: { critical_category: "critical category", mass_casualty: "mass casualty", attack_on_premises: "attack on premises" },
  },
  fr: {
    flash: "Alerte flash",
    sensitiveTitle: "Alerte flash : incident sensible signalé",
    sensitiveBody: "Un incident sensible a été signalé dans votre zone. Ses détails sont réservés à sa liste d'accès restreint.",
    sensitiveText:
      "Un incident sensible a été signalé dans une zone dont vous êtes responsable.\n\nSes détails sont réservés à la liste d'accès restreint de l'incident et ne sont pas envoyés par courriel.",
    where: "Lieu",
    when: "Date",
    localTime: "heure locale",
    why: "Motif de l'alerte",
    people: "Personnes touchées",
    nobody: "aucune enregistrée",
    what: "Faits",
    open: "Ouvrir l'incident",
    footer: "Vous recevez cette alerte en tant que Responsable désigné ou Conseiller principal/chef de la sécurité de la zone.",
    reasons: { critical_category: "catégorie critique", mass_casualty: "victimes nombreuses", attack_on_premises: "attaque contre des locaux" },
  },
} as const;

const longestNarrative = 2000;

/** "10 Jan 2026, 09:30" in the incident's own time zone. */
export function localTime(occurredAt: Date, timeZone: string, language: AlertLanguage): string {
  try {
    return new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(occurredAt);
  } catch {
    return occurredAt.toISOString();
  }
}

/** Counts by outcome, most serious first as the taxonomy lists outcomes: "killed 2, injured 3". */
export function peopleSummary(people: FlashAlertFacts["peopleAffected"], language: AlertLanguage): string {
  const totals = new Map<PersonOutcome, number>();
  for (const line of people) totals.set(line.outcome, (totals.get(line.outcome) ?? 0) + line.count);
  const order = Object.keys(outcomeLabels) as PersonOutcome[];
  const parts = order.filter((outcome) => (totals.get(outcome) ?? 0) > 0).map((outcome) => `${outcomeLabels[outcome][language]} ${totals.get(outcome)}`);
  return parts.length ? parts.join(", ") : words[language].nobody;
}

export function flashAlertMessage(facts: FlashAlertFacts, language: AlertLanguage): FlashAlertMessage {
  const w = words[language];
  if (facts.isSensitive) {
    return {
      subject: `[Vigil] ${w.sensitiveTitle}`,
      text: `${w.sensitiveText}\n\n${w.open}: ${facts.link}\n\n${w.footer}\n`,
      title: w.sensitiveTitle,
      body: w.sensitiveBody,
    };
  }
  const category = findCategory(facts.categoryCode)?.label[language] ?? facts.categoryCode;
  const where = facts.areaName && facts.areaName !== facts.placeName ? `${facts.placeName} (${facts.areaName})` : facts.placeName;
  const when = localTime(facts.occurredAt, facts.timeZone, language);
  const people = peopleSummary(facts.peopleAffected, language);
  const narrative = facts.description.length > longestNarrative ? `${facts.description.slice(0, longestNarrative)}…` : facts.description;
  const text = [
    `${w.flash.toUpperCase()}: ${category}`,
    "",
    `${w.where}: ${where}`,
    `${w.when}: ${when} (${w.localTime}, ${facts.timeZone})`,
    `${w.why}: ${facts.reasons.map((reason) => w.reasons[reason]).join(", ")}`,
    `${w.people}: ${people}`,
    "",
    `${w.what}:`,
    narrative,
    "",
    `${w.open}: ${facts.link}`,
    "",
    w.footer,
    "",
  ].join("\n");
  return {
    subject: `[Vigil] ${w.flash}: ${category} — ${where} — ${when} (${facts.timeZone})`,
    text,
    title: `${w.flash}: ${category} — ${where}`,
    body: `${when} (${facts.timeZone}). ${w.people}: ${people}.`,
  };
}
