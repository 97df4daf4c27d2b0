import i18next, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";
import { loadCatalogue } from "./catalogues.ts";

export const languages = ["en", "fr"] as const;
export type Language = (typeof languages)[number];

const storageKey = "vigil.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** The language the user picked on this device, if they ever did. */
export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(storageKey);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLanguage(): Language {
  const preferred = typeof navigator === "undefined" ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return "en";
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this visit only.
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : "en";
}

export const i18n = i18next;

/**
 * Each language is its own small chunk (catalogues.ts), fetched when first used, so nobody
 * downloads a translation they do not read.
 */
const lazyResources: BackendModule = {
  type: "backend",
  init: () => undefined,
  read: (language, _namespace, callback) => {
    loadCatalogue(isLanguage(language) ? language : "en").then(
      (catalogue) => callback(null, catalogue),
      (error: unknown) => callback(error as Error, false),
    );
  },
};

export async function initI18n(): Promise<void> {
  const language = storedLanguage() ?? browserLanguage();
  i18next.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
  });
  await i18next
    .use(lazyResources)
    .use(initReactI18next)
    .init({
      lng: language,
      // Both catalogues are complete (checked by translations.test.ts), so no fallback is fetched.
      fallbackLng: false,
      supportedLngs: [...languages],
      load: "languageOnly",
      react: { useSuspense: false },
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  document.documentElement.lang = language;
}
