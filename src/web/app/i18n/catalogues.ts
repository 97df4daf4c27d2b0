/**
 * The catalogue of each language: the shared `en.json` / `fr.json`, plus the fragments some
 * modules keep beside their pages (each under its own top-level key), so that work on one
 * module does not rewrite the shared file. The same files are listed in vite.config.ts, where
 * the build splits them into per-page groups (scripts/vite/translation-groups.ts); this merge
 * serves the parity test and tools that need a whole catalogue.
 */
type Catalogue = Record<string, unknown>;
type Part = () => Promise<{ default: Catalogue }>;

const parts: Record<"en" | "fr", Part[]> = {
  en: [() => import("./en.json"), () => import("../../modules/risk/srm.en.json"), () => import("../../modules/risk/levels.en.json"), () => import("../../modules/travel/profile.en.json"), () => import("../../modules/travel/air.en.json"), () => import("../../modules/travel/alerts.en.json"), () => import("../../modules/travel/headcount.en.json"), () => import("../../modules/training/certificates.en.json"), () => import("../../modules/readiness/zones.en.json"), () => import("../../modules/readiness/checkins.en.json")],
  fr: [() => import("./fr.json"), () => import("../../modules/risk/srm.fr.json"), () => import("../../modules/risk/levels.fr.json"), () => import("../../modules/travel/profile.fr.json"), () => import("../../modules/travel/air.fr.json"), () => import("../../modules/travel/alerts.fr.json"), () => import("../../modules/travel/headcount.fr.json"), () => import("../../modules/training/certificates.fr.json"), () => import("../../modules/readiness/zones.fr.json"), () => import("../../modules/readiness/checkins.fr.json")],
};

export async function loadCatalogue(language: "en" | "fr"): Promise<Catalogue> {
  const loaded = await Promise.all(parts[language].map((part) => part()));
  const catalogue: Catalogue = {};
  for (const { default: part } of loaded) {
    for (const [key, value] of Object.entries(part)) {
      if (key in catalogue) throw new Error(`The catalogue key "${key}" is defined twice`);
      catalogue[key] = value;
    }
  }
  return catalogue;
}
