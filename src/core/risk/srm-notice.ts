/**
 * The words of the SRM workflow's notices (issue 12 §3.3), in English or French: an assessment
 * submitted for the DO's decision, and one the DO returned for revision (to its author). The
 * e-mail is worded from these; the in-app notice is stored as a key with parameters
 * (srm_submitted, srm_returned in core/notifications/notification-messages.ts).
 */
export type SrmNoticeKind = "submitted" | "returned";
export type SrmNoticeLanguage = "en" | "fr";
export type SrmNoticeFacts = { title: string; version: number; placeName: string; actorName: string; reason: string | null; link: string };
export type SrmNotice = { title: string; body: string; subject: string; text: string };

const words = {
  en: {
    title: { submitted: "SRM assessment awaiting your approval", returned: "SRM assessment returned for revision" },
    lead: {
      submitted: (f: SrmNoticeFacts) => `${f.actorName} submitted version ${f.version} of "${f.title}" (${f.placeName}) for your decision: approve it after consulting the SMT, or return it for revision.`,
      returned: (f: SrmNoticeFacts) => `${f.actorName} returned version ${f.version} of "${f.title}" (${f.placeName}) to draft for revision.`,
    },
    reason: "Reason",
    open: "Open the assessment",
  },
  fr: {
    title: { submitted: "Évaluation GRS en attente de votre approbation", returned: "Évaluation GRS renvoyée pour révision" },
    lead: {
      submitted: (f: SrmNoticeFacts) =>
        `${f.actorName} a soumis la version ${f.version} de «\u00a0${f.title}\u00a0» (${f.placeName}) à votre décision\u00a0: approuvez-la après consultation de la SMT, ou renvoyez-la pour révision.`,
      returned: (f: SrmNoticeFacts) => `${f.actorName} a renvoyé en brouillon, pour révision, la version ${f.version} de «\u00a0${f.title}\u00a0» (${f.placeName}).`,
    },
    reason: "Motif",
    open: "Ouvrir l'évaluation",
  },
} as const;

export function srmNotice(kind: SrmNoticeKind, facts: SrmNoticeFacts, language: SrmNoticeLanguage): SrmNotice {
  const w = words[language];
  const colon = language === "fr" ? "\u00a0:" : ":";
  const title = `${w.title[kind]}${colon} ${facts.placeName}`;
  const lead = w.lead[kind](facts);
  const reasonLine = facts.reason ? `${w.reason}${colon} ${facts.reason}` : null;
  const body = reasonLine ? `${lead} ${reasonLine}` : lead;
  const text = [lead, ...(reasonLine ? ["", reasonLine] : []), "", `${w.open}${colon} ${facts.link}`].join("\n");
  return { title, body, subject: `[Vigil] ${title}`, text };
}
