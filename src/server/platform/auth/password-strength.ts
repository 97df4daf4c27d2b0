import { createRequire } from "node:module";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

// Loaded on the first check, not at start-up: the language packages unpack their dictionaries as
// they load, a few hundred milliseconds of the server's start (bench/startup.bench.ts).
const require = createRequire(import.meta.url);

/**
 * The strength estimate behind the password policy (zxcvbn-ts with its common, English and French
 * dictionaries). Server-only: the dictionaries weigh megabytes and must stay out of the web bundle,
 * which checks only the cheap rules of core/access/password-policy.ts before sending.
 */
export const minimumStrengthScore = 3;

/**
 * Passwords published with Vigil itself (the demo accounts' password, in the README and the seed):
 * an estimator cannot know them, and an account must never have one.
 */
const publishedPasswords = new Set(["vigil-demo-2026"]);

/** Words that say "Vigil" and so are the first an attacker tries against it. */
const productWords = ["vigil", "demo", "vigil-demo", "admin"];

export type PasswordLanguage = "en" | "fr";

const estimators = new Map<PasswordLanguage, ZxcvbnFactory>();

/** Built on first use (the ranked dictionaries take a moment), once per language. */
function estimator(language: PasswordLanguage): ZxcvbnFactory {
  let found = estimators.get(language);
  if (!found) {
    const { ZxcvbnFactory: Factory } = require("@zxcvbn-ts/core") as typeof import("@zxcvbn-ts/core");
    const common = require("@zxcvbn-ts/language-common") as typeof import("@zxcvbn-ts/language-common");
    const english = require("@zxcvbn-ts/language-en") as typeof import("@zxcvbn-ts/language-en");
    const french = require("@zxcvbn-ts/language-fr") as typeof import("@zxcvbn-ts/language-fr");
    found = new Factory({
      dictionary: { ...common.dictionary, ...english.dictionary, ...french.dictionary },
      graphs: common.adjacencyGraphs,
      translations: language === "fr" ? french.translations : english.translations,
      // Off: it multiplies the time of a check by about three and the dictionaries already refuse the common passwords.
      useLevenshteinDistance: false,
    });
    estimators.set(language, found);
  }
  return found;
}

const wording = {
  en: { published: "is the published demo password of Vigil", weak: "is too easy to guess", personal: "is too easy to guess once your name and e-mail are known" },
  fr: {
    published: "est le mot de passe de démonstration publié de Vigil",
    weak: "est trop facile à deviner",
    personal: "est trop facile à deviner pour qui connaît votre nom et votre e-mail",
  },
} as const;

/**
 * Problems with a password that passed the cheap rules: null when strong enough. `userInputs`
 * (e-mail, its parts, the display name) count as known words, so a password built from them is weak.
 */
export function passwordStrengthProblem(password: string, userInputs: string[], language: PasswordLanguage = "en"): string | null {
  if (publishedPasswords.has(password.trim().toLowerCase())) return wording[language].published;
  const inputs = [...productWords, ...userInputs.flatMap((input) => [input, ...input.toLowerCase().split(/[^\p{L}\p{N}]+/u)])].filter(
    (input) => input.length >= 3,
  );
  const result = estimator(language).check(password, inputs);
  if (result.score < minimumStrengthScore) {
    const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
    return advice ? `${wording[language].weak}${language === "fr" ? " : " : ": "}${advice}` : wording[language].weak;
  }
  // zxcvbn matches the user's words but still rates "firstname.lastname2026" strong (separators and
  // years add guesses): what is left without them must be strong on its own.
  const lower = password.toLowerCase();
  const withoutInputs = inputs.reduce((rest, input) => rest.split(input.toLowerCase()).join(" "), lower);
  if (withoutInputs !== lower && estimator(language).check(withoutInputs).score < minimumStrengthScore) return wording[language].personal;
  return null;
}
