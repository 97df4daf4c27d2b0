import { typeset } from "../language/french-typography.ts";
import { escapeHtml } from "../language/html.ts";

/**
 * Verifying a clearance from the QR code of its PDF (issue 13 §3): a guard at a checkpoint, a
 * driver or a hotel scans it with any phone, signed in or not. The page says only whether the
 * clearance is valid now, with the trip number to compare with the paper: no names and no
 * places, since anyone holding the paper (or a photograph of it) can open the address.
 */
export type VerificationLanguage = "en" | "fr";

/** Valid now: the trip is cleared (not cancelled, not back to review) and not yet over. */
export function isClearanceValid(trip: { status: string; returnsAt: Date }, now: Date): boolean {
  return trip.status === "cleared" && trip.returnsAt.getTime() > now.getTime();
}

/** English or French from an Accept-Language header, by the client's order of preference; English otherwise. */
export function languageFromAcceptLanguage(header: string | undefined): VerificationLanguage {
  const ranked = (header ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...parameters] = part.trim().split(";");
      const quality = parameters.map((one) => /^\s*q=([\d.]+)\s*$/.exec(one)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), quality: quality === undefined ? 1 : Number(quality), index };
    })
    .filter((one) => one.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const known = ranked.find((one) => /^(en|fr)(-|$)/.test(one.tag));
  return known?.tag.startsWith("fr") ? "fr" : "en";
}

export type VerificationOutcome = { number: string | null; isValid: boolean; checkedAt: string } | { throttledMinutes: number };

const words = {
  en: {
    title: "Security clearance check",
    valid: "VALID",
    notValid: "NOT VALID",
    validText: "This security clearance is valid now.",
    notValidText: "This security clearance is not valid: it was withdrawn, has expired, or the code is not one Vigil issued.",
    trip: "Trip",
    checkedAt: "Checked",
    throttled: (minutes: number) => `Too many unknown codes were checked from this address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    compare: "Compare the trip number with the one printed on the clearance.",
  },
  fr: {
    title: "Vérification d'une autorisation de sécurité",
    valid: "VALIDE",
    notValid: "NON VALIDE",
    validText: "Cette autorisation de sécurité est valide en ce moment.",
    notValidText: "Cette autorisation de sécurité n'est pas valide : elle a été retirée, elle a expiré, ou le code n'a pas été émis par Vigil.",
    trip: "Voyage",
    checkedAt: "Vérifiée le",
    throttled: (minutes: number) => `Trop de codes inconnus ont été vérifiés depuis cette adresse. Réessayez dans ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    compare: "Comparez le numéro du voyage avec celui imprimé sur l'autorisation.",
  },
} as const;

/** "2026-12-07 10:42 UTC", the same in both languages (a guard may read either). */
const checkedAtText = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

// A few hundred bytes, inline: the page loads nothing else (no script, no font, no image), so it
// opens on a poor connection and cannot be confused with the signed-in app.
const style =
  "body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:24px;color:#1b1b1b;background:#f4f6f8}" +
  "main{max-width:28rem;margin:auto;background:#fff;border-radius:8px;padding:24px;border-top:8px solid var(--c)}" +
  "h1{font-size:1.1rem;margin:0 0 12px}.s{font-size:2rem;font-weight:700;color:var(--c);margin:0}" +
  "dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px}dt{color:#555}dd{margin:0;font-weight:600}small{color:#555}";

/** The verification page: self-contained HTML in the reader's language. */
export function verificationPage(outcome: VerificationOutcome, language: VerificationLanguage): string {
  const w = words[language];
  const say = (text: string) => escapeHtml(typeset(text, language));
  const isValid = "isValid" in outcome && outcome.isValid;
  const colour = isValid ? "#1b7a2f" : "#b3261e";
  const body =
    "throttledMinutes" in outcome
      ? `<p>${say(w.throttled(outcome.throttledMinutes))}</p>`
      : [
          `<p class="s">${say(isValid ? w.valid : w.notValid)}</p>`,
          `<p>${say(isValid ? w.validText : w.notValidText)}</p>`,
          "<dl>",
          outcome.number ? `<dt>${say(w.trip)}</dt><dd>${escapeHtml(outcome.number)}</dd>` : "",
          `<dt>${say(w.checkedAt)}</dt><dd>${escapeHtml(checkedAtText(outcome.checkedAt))}</dd>`,
          "</dl>",
          outcome.number ? `<small>${say(w.compare)}</small>` : "",
        ].join("");
  return [
    "<!doctype html>",
    `<html lang="${language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">',
    `<title>${say(w.title)}</title><style>${style}</style></head>`,
    `<body><main style="--c:${colour}"><h1>${say(w.title)}</h1>${body}</main></body></html>`,
  ].join("");
}
