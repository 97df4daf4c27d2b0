import { type SecurityLevel, type ThreatCategory, securityLevelLabels, threatCategories, threatCategoryLabels } from "./security-levels.ts";

/**
 * The words of the Security Level System's notices (in-app and e-mail), in English or French:
 * a proposed change awaiting the DO, an approved one awaiting UNDSS, an endorsed one (the level
 * in force changes: told to everyone assigned to the area), and a rejection.
 */
export type LevelNoticeKind = "proposed" | "approved" | "endorsed" | "rejected";
export type NoticeLanguage = "en" | "fr";

export type LevelNoticeFacts = {
  placeName: string;
  levels: Record<ThreatCategory, SecurityLevel>;
  overall: SecurityLevel;
  /** The overall level in force before this change, if any. */
  previousOverall: SecurityLevel | null;
  justification: string | null;
  rejectionReason: string | null;
  link: string;
};

export type LevelNotice = { title: string; body: string; subject: string; text: string };

const words = {
  en: {
    title: {
      proposed: "Security level change proposed",
      approved: "Security level change approved by the DO",
      endorsed: "New security level in force",
      rejected: "Security level change rejected",
    },
    lead: {
      proposed: "A change of the security level is proposed and awaits the Designated Official's approval.",
      approved: "The Designated Official approved a change of the security level. It awaits endorsement by UNDSS.",
      endorsed: "UNDSS endorsed a change of the security level. It is in force from now on.",
      rejected: "The proposed change of the security level was rejected.",
    },
    overall: "Overall level",
    previous: "previously",
    none: "none recorded",
    categories: "By threat category",
    justification: "Justification",
    reason: "Reason for the rejection",
    open: "Open the area",
    footer: "You receive this notice because you are assigned to the area or take part in its security level decisions.",
  },
  fr: {
    title: {
      proposed: "Changement de niveau de sécurité proposé",
      approved: "Changement de niveau de sécurité approuvé par le responsable désigné",
      endorsed: "Nouveau niveau de sécurité en vigueur",
      rejected: "Changement de niveau de sécurité rejeté",
    },
    lead: {
      proposed: "Un changement du niveau de sécurité est proposé et attend l'approbation du responsable désigné.",
      approved: "Le responsable désigné a approuvé un changement du niveau de sécurité. Il attend l'entérinement de l'UNDSS.",
      endorsed: "L'UNDSS a entériné un changement du niveau de sécurité. Il est en vigueur dès maintenant.",
      rejected: "Le changement proposé du niveau de sécurité a été rejeté.",
    },
    overall: "Niveau global",
    previous: "auparavant",
    none: "aucun",
    categories: "Par catégorie de menace",
    justification: "Justification",
    reason: "Motif du rejet",
    open: "Ouvrir la zone",
    footer: "Vous recevez cet avis parce que vous êtes affecté à la zone ou participez aux décisions sur son niveau de sécurité.",
  },
} as const;

const levelText = (level: SecurityLevel, language: NoticeLanguage) => `${level} (${securityLevelLabels[level][language]})`;

export function securityLevelNotice(kind: LevelNoticeKind, facts: LevelNoticeFacts, language: NoticeLanguage): LevelNotice {
  const w = words[language];
  const title = `${w.title[kind]}: ${facts.placeName}`;
  const previous = facts.previousOverall === null ? w.none : levelText(facts.previousOverall, language);
  const overallLine = `${w.overall}: ${levelText(facts.overall, language)} (${w.previous}: ${previous})`;
  const lines = [
    w.lead[kind],
    "",
    overallLine,
    "",
    `${w.categories}:`,
    ...threatCategories.map((category) => `- ${threatCategoryLabels[category][language]}: ${levelText(facts.levels[category], language)}`),
  ];
  if (facts.justification) lines.push("", `${w.justification}: ${facts.justification}`);
  if (kind === "rejected" && facts.rejectionReason) lines.push("", `${w.reason}: ${facts.rejectionReason}`);
  lines.push("", `${w.open}: ${facts.link}`, "", w.footer);
  const body = kind === "rejected" && facts.rejectionReason ? `${overallLine}. ${w.reason}: ${facts.rejectionReason}` : overallLine;
  return { title, body, subject: `[Vigil] ${title} — ${levelText(facts.overall, language)}`, text: lines.join("\n") };
}
