import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Plugin } from "vite";

/**
 * The service worker's precache list, written into the built `sw.js` (replacing the line
 * `const build = …` of src/web/public/sw.js): the app shell, that is the entry and everything it
 * loads, plus the pages a signed-in user opens first or needs offline (listed by their source
 * file), each with the chunks and styles it imports. The cache name carries a hash of the list,
 * so a release changes sw.js, the browser installs the new worker and the old cache is dropped.
 * Other built files (and each language's strings) are cached as they pass, being content-hashed.
 */
export function serviceWorkerManifest(options: { shellPages: string[] }): Plugin {
  let outDir = "";
  return {
    name: "vigil:service-worker-manifest",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_output, bundle) {
      const files = new Set<string>(["/", "/favicon.svg"]);
      const add = (fileName: string) => {
        const item = bundle[fileName];
        if (!item || files.has(`/${fileName}`)) return;
        files.add(`/${fileName}`);
        if (item.type !== "chunk") return;
        for (const imported of item.imports) add(imported);
        for (const css of item.viteMetadata?.importedCss ?? []) add(css);
      };
      for (const item of Object.values(bundle)) {
        if (item.type !== "chunk" || !item.facadeModuleId) continue;
        const source = item.facadeModuleId.replaceAll("\\", "/");
        if (item.isEntry || options.shellPages.some((page) => source.endsWith(page))) add(item.fileName);
      }
      const list = [...files].sort();
      const version = createHash("sha256").update(list.join("\n")).digest("hex").slice(0, 12);
      const target = path.join(outDir, "sw.js");
      const source = await readFile(target, "utf8");
      const marker = /^const build = .*;$/m;
      if (!marker.test(source)) throw new Error("sw.js has lost its `const build = …;` line");
      await writeFile(target, source.replace(marker, `const build = ${JSON.stringify({ version, files: list })};`));
    },
  };
}
