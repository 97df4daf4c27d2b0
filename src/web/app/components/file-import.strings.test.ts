import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../i18n/catalogues.ts";
import { fileImportKeys, fileImportNamespaces } from "./file-import.strings.ts";

/**
 * The shared import steps read their words from the page's namespace, keys the translations test
 * cannot see in the code (they are built from the namespace): each import page must word them all.
 */
const lookup = (catalogue: Record<string, unknown>, path: string): unknown =>
  path.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), catalogue);

describe("the words of the shared import steps", () => {
  for (const language of ["en", "fr"] as const) {
    it(`are given by every import page in ${language === "en" ? "English" : "French"}`, async () => {
      const catalogue = await loadCatalogue(language);
      const missing = fileImportNamespaces.flatMap((namespace) =>
        fileImportKeys
          .map((key) => `${namespace}.${key}`)
          .filter((path) => typeof lookup(catalogue, path) !== "string" && typeof lookup(catalogue, `${path}_other`) !== "string"),
      );
      expect(missing).toEqual([]);
    });
  }
});
