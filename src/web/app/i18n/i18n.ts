import i18next, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";
import { base, groups } from "virtual:vigil-strings";

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

export function browserLanguage(): Language {
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
 * Strings come in groups made at build time from the catalogues (scripts/vite/translation-groups.ts):
 * the sign-in page's and the shell's (`base`, in the first download, both languages), and one
 * chunk per language for each other group, fetched when a module that uses it loads (the build
 * adds `await needStrings([...])` to that module). So a page downloads its own strings only, in
 * the current language, before it renders.
 */
type Strings = Record<string, unknown>;
const requested = new Set<string>();
const loaded: Record<Language, Map<string, Strings>> = { en: new Map(), fr: new Map() };

async function loadGroups(language: Language, names: Iterable<string>): Promise<void> {
  const missing = [...names].filter((name) => !loaded[language].has(name) && name in groups[language]);
  const fetched = await Promise.all(missing.map((name) => groups[language][name]()));
  missing.forEach((name, index) => {
    loaded[language].set(name, fetched[index].default);
  });
  // Before i18next has this language, its backend (below) hands over everything loaded so far.
  if (!i18next.isInitialized || !i18next.hasResourceBundle(language, "translation")) return;
  for (const { default: strings } of fetched) i18next.addResourceBundle(language, "translation", strings, true, true);
}

function allLoaded(language: Language): Strings {
  return Object.assign({}, base[language], ...loaded[language].values());
}

/** Called by the code the build adds to modules that use a group's strings. */
export async function needStrings(names: string[]): Promise<void> {
  for (const name of names) requested.add(name);
  await loadGroups(activeLanguage(), names);
}

/** A language change first fetches, in the new language, the groups of the pages already open. */
export async function changeLanguage(language: Language): Promise<void> {
  await loadGroups(language, requested);
  if (i18next.hasResourceBundle(language, "translation")) {
    i18next.addResourceBundle(language, "translation", allLoaded(language), true, true);
  }
  await i18next.changeLanguage(language);
}

function activeLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : (storedLanguage() ?? browserLanguage());
}

const groupedResources: BackendModule = {
  type: "backend",
  init: () => undefined,
  read: (language, _namespace, callback) => {
    const chosen = isLanguage(language) ? language : "en";
    loadGroups(chosen, requested).then(
      () => callback(null, allLoaded(chosen)),
      (error: unknown) => callback(error as Error, false),
    );
  },
};

export async function initI18n(): Promise<void> {
  const language = activeLanguage();
  i18next.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
  });
  await i18next
    .use(groupedResources)
    .use(initReactI18next)
    .init({
      lng: language,
      // Every group is complete in both languages (checked by translations.test.ts), so no fallback is fetched.
      fallbackLng: false,
      supportedLngs: [...languages],
      load: "languageOnly",
      react: { useSuspense: false },
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  document.documentElement.lang = language;
}
