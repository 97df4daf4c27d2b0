import { readFileSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

/**
 * Splits the translation catalogues by top-level key at build time, so each page downloads only
 * the strings it uses. The sources stay the files people edit: `en.json` / `fr.json` and the risk
 * module's fragments (the list in src/web/app/i18n/catalogues.ts).
 *
 * - Keys in `baseKeys` (the sign-in page and the shell) are bundled into the entry, both languages.
 * - Every other key goes to a group, one chunk per language: a key of its own when it is large,
 *   the small shared vocabularies together in "reference", the SRM and levels fragments as a whole.
 * - Each source module of the web app that names a key of a group (`"incidents.title"`,
 *   `` `roles.${role}` ``) gets a top-level `await needStrings([...groups])`. Its chunk then
 *   finishes loading only once those strings are there, so a page never renders raw keys, and
 *   a page that is never opened never costs its strings.
 */
type Catalogue = Record<string, unknown>;

const virtualIndex = "virtual:vigil-strings";
const resolvedIndex = "\0vigil-strings";
const groupPrefix = "\0vigil-strings-";

export function translationGroups(options: {
  webRoot: string;
  /** The catalogue files of each language; a fragment file named in `wholeFiles` is one group. */
  sources: Record<"en" | "fr", string[]>;
  baseKeys: string[];
  wholeFiles: Record<string, string>;
  /** Module through which the injected code loads a group (exports `needStrings`). */
  runtime: string;
  /** Keys at least this large (JSON characters) get a group of their own. */
  ownGroupFrom?: number;
  /** Dotted literals that are not translation keys (permission names such as "srm.read"). */
  notKeys?: Iterable<string>;
  /** Source files (path endings) never given `needStrings`: see vite.config.ts for why each. */
  ignore?: string[];
  /**
   * The first download: no module in these chunks may wait for strings, or the sign-in page
   * would wait a round trip for strings it does not show. The build fails naming the module.
   */
  firstDownload?: RegExp;
}): Plugin {
  const base = new Set(options.baseKeys);
  const ownGroupFrom = options.ownGroupFrom ?? 2000;
  const notKeys = new Set(options.notKeys ?? []);
  const ignore = options.ignore ?? [];
  /** Source modules given `needStrings`, with their groups. */
  const waiting = new Map<string, string[]>();
  const languages = ["en", "fr"] as const;

  function catalogues() {
    const groupOf = new Map<string, string>();
    const byLanguage = {} as Record<(typeof languages)[number], Catalogue>;
    for (const language of languages) {
      const merged: Catalogue = {};
      for (const file of options.sources[language]) {
        const content = JSON.parse(readFileSync(file, "utf8")) as Catalogue;
        const whole = Object.entries(options.wholeFiles).find(([, pattern]) => path.basename(file).startsWith(pattern))?.[0];
        for (const [key, value] of Object.entries(content)) {
          merged[key] = value;
          if (base.has(key) || language !== "en") continue;
          groupOf.set(key, whole ?? (JSON.stringify(value).length >= ownGroupFrom ? key : "reference"));
        }
      }
      byLanguage[language] = merged;
    }
    return { groupOf, byLanguage };
  }

  let state = catalogues();
  const keyPattern = /["'`]([A-Za-z]+)\.([\w.$]*)/g;

  return {
    name: "vigil:translation-groups",
    enforce: "pre",
    buildStart() {
      state = catalogues();
      for (const language of languages) for (const file of options.sources[language]) this.addWatchFile(file);
    },
    resolveId(id) {
      if (id === virtualIndex) return resolvedIndex;
      if (id.startsWith(`${virtualIndex}/`)) return `${groupPrefix}${id.slice(virtualIndex.length + 1).replace("/", "-")}`;
      return null;
    },
    load(id) {
      if (id === resolvedIndex) {
        const pick = (language: "en" | "fr") =>
          Object.fromEntries(Object.entries(state.byLanguage[language]).filter(([key]) => base.has(key)));
        const groups = [...new Set(state.groupOf.values())].sort();
        const loaders = (language: string) =>
          `{${groups.map((group) => `${JSON.stringify(group)}: () => import(${JSON.stringify(`${virtualIndex}/${language}/${group}`)})`).join(",")}}`;
        return [
          `export const base = ${JSON.stringify({ en: pick("en"), fr: pick("fr") })};`,
          `export const groups = { en: ${loaders("en")}, fr: ${loaders("fr")} };`,
        ].join("\n");
      }
      if (id.startsWith(groupPrefix)) {
        const [language, group] = id.slice(groupPrefix.length).split("-") as ["en" | "fr", string];
        const strings = Object.fromEntries(
          Object.entries(state.byLanguage[language]).filter(([key]) => state.groupOf.get(key) === group),
        );
        return `export default ${JSON.stringify(strings)};`;
      }
      return null;
    },
    transform(code, id) {
      const file = id.split("?")[0];
      if (!/\.(?:ts|tsx)$/.test(file) || file.includes("node_modules") || file.endsWith(".test.ts")) return null;
      if (!file.startsWith(options.webRoot) || file.startsWith(path.dirname(options.runtime))) return null;
      if (ignore.some((ending) => file.endsWith(ending))) return null;
      const needed = new Set<string>();
      for (const match of code.matchAll(keyPattern)) {
        if (notKeys.has(`${match[1]}.${match[2]}`)) continue;
        const group = state.groupOf.get(match[1]);
        if (group) needed.add(group);
      }
      if (needed.size === 0) return null;
      const list = JSON.stringify([...needed].sort());
      waiting.set(file, [...needed].sort());
      // Appended, so line numbers stay; imports are hoisted, so `needStrings` is bound by then.
      return {
        code: `${code}\nimport { needStrings as __vigilNeedStrings } from ${JSON.stringify(options.runtime)};\nawait __vigilNeedStrings(${list});\n`,
        map: null,
      };
    },
    generateBundle(_output, bundle) {
      const { firstDownload } = options;
      if (!firstDownload) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk" || !firstDownload.test(chunk.fileName)) continue;
        const blocking = chunk.moduleIds.filter((id) => waiting.has(id.split("?")[0]));
        if (blocking.length > 0) {
          const named = blocking.map((id) => `${path.relative(options.webRoot, id)} (${waiting.get(id.split("?")[0])?.join(", ")})`);
          this.error(
            `${chunk.fileName} is in the first download but would wait for strings: ${named.join("; ")}. ` +
              "Add the key to the base group, or keep the module out of the entry's static imports, or list it in `ignore` if its strings are only used by pages that load them.",
          );
        }
      }
    },
  };
}
