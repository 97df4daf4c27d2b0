import type { CheckinAnswer, MessageKind } from "./checkins.ts";

/**
 * The words of a check-in outside the web app: its e-mail and the reply page a one-tap link opens
 * (on any phone browser, without signing in), in English and French.
 */
export type WordsLanguage = "en" | "fr";

export const answerWords: Record<WordsLanguage, Record<CheckinAnswer, string>> = {
  en: { safe: "I am safe", need_help: "I need help", not_in_area: "I am not in the area" },
  fr: { safe: "Je suis en sécurité", need_help: "J'ai besoin d'aide", not_in_area: "Je ne suis pas dans la zone" },
};

export type MessageFacts = { kind: MessageKind; title: string; body: string; areaName: string; sentBy: string; expiresAt: Date | null; isTest: boolean; timeZone: string };

const formatted = new Map<string, string>();

/** The closing time in the area's time zone; worked out once per language (a check-in's e-mails all share it). */
function when(date: Date, language: WordsLanguage, timeZone: string): string {
  const key = `${language}|${timeZone}|${date.getTime()}`;
  let text = formatted.get(key);
  if (text === undefined) {
    const options: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" };
    text = new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", options).format(date);
    if (formatted.size > 1000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** The e-mail: the message, then for a check-in the reply link and how long it stays open. */
export function messageEmail(facts: MessageFacts, link: string | null, language: WordsLanguage): { subject: string; text: string } {
  const test = facts.isTest ? "[TEST] " : "";
  if (facts.kind === "broadcast") {
    const subject = `${test}${facts.title} — ${facts.areaName}`;
    return { subject, text: [facts.title, "", facts.body, "", `${facts.sentBy}, ${facts.areaName}`].join("\n").trim() };
  }
  const lines =
    language === "fr"
      ? [
          `${facts.sentBy} demande à chacun dans ${facts.areaName} de répondre : êtes-vous en sécurité ?`,
          "",
          facts.body,
          "",
          link ? `Répondez en un geste (sans vous connecter) : ${link}` : "",
          facts.expiresAt ? `Ce pointage est ouvert jusqu'au ${when(facts.expiresAt, language, facts.timeZone)}.` : "",
          "",
          "Vous pouvez aussi répondre dans Vigil, ou à votre garde d'îlot.",
        ]
      : [
          `${facts.sentBy} asks everyone in ${facts.areaName} to answer: are you safe?`,
          "",
          facts.body,
          "",
          link ? `Answer with one tap (no sign-in needed): ${link}` : "",
          facts.expiresAt ? `This check-in is open until ${when(facts.expiresAt, language, facts.timeZone)}.` : "",
          "",
          "You may also answer in Vigil, or to your warden.",
        ];
  const subject = `${test}${language === "fr" ? "Êtes-vous en sécurité ?" : "Are you safe?"} ${facts.title}`;
  // Empty parts (no body, no link) leave no run of blank lines.
  return { subject, text: lines.join("\n").replace(/\n{3,}/g, "\n\n").trim() };
}

export const replyPageWords = {
  en: {
    title: "Check-in",
    question: "Are you safe?",
    note: "Anything to add (optional)",
    send: "Send",
    recorded: (answer: string) => `Thank you. Your answer is recorded: ${answer}.`,
    change: "You may change it while the check-in is open.",
    help: "Your security focal point and your warden have been told that you need help.",
    invalid: "This link is no longer valid.",
    invalidHint: "The check-in may have closed. Answer in Vigil, or contact your warden.",
    current: (answer: string) => `Your answer so far: ${answer}.`,
  },
  fr: {
    title: "Pointage",
    question: "Êtes-vous en sécurité ?",
    note: "Quelque chose à ajouter (facultatif)",
    send: "Envoyer",
    recorded: (answer: string) => `Merci. Votre réponse est enregistrée : ${answer}.`,
    change: "Vous pouvez la changer tant que le pointage est ouvert.",
    help: "Votre responsable de la sécurité et votre garde d'îlot savent que vous avez besoin d'aide.",
    invalid: "Ce lien n'est plus valable.",
    invalidHint: "Le pointage est peut-être clos. Répondez dans Vigil, ou contactez votre garde d'îlot.",
    current: (answer: string) => `Votre réponse jusqu'ici : ${answer}.`,
  },
} as const;

/**
 * The SMS of a check-in: kept to the GSM alphabet where the language allows ("Etes-vous", without
 * its circumflex), so that it travels in 160-character parts rather than 70.
 */
export function messageSms(facts: Pick<MessageFacts, "kind" | "title" | "body" | "isTest">, link: string | null, language: WordsLanguage): string {
  const test = facts.isTest ? "[TEST] " : "";
  if (facts.kind === "broadcast") return `${test}${facts.title}${facts.body ? `. ${facts.body}` : ""}`;
  return language === "fr"
    ? `${test}${facts.title}. Etes-vous en sécurité ? Répondez 1 = en sécurité, 2 = besoin d'aide, 3 = pas dans la zone.${link ? ` Ou : ${link}` : ""}`
    : `${test}${facts.title}. Are you safe? Reply 1 = safe, 2 = need help, 3 = not in the area.${link ? ` Or: ${link}` : ""}`;
}

/** The answer to an SMS that gives no answer, or comes from a number no open check-in knows: the valid keywords, in both languages. */
export const smsKeywordsReply = "Vigil: reply 1 (safe), 2 (need help) or 3 (not in the area). Répondez 1 (en sécurité), 2 (besoin d'aide) ou 3 (pas dans la zone).";
