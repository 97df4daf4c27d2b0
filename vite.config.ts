import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { permissions } from "./src/core/access/permissions.ts";
import { precompress } from "./scripts/vite/precompress.ts";
import { serviceWorkerManifest } from "./scripts/vite/service-worker-manifest.ts";
import { translationGroups } from "./scripts/vite/translation-groups.ts";

const webRoot = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));
const source = (file: string) => fileURLToPath(new URL(`./src/web/${file}`, import.meta.url));
const apiTarget = process.env.VIGIL_API_URL ?? "http://localhost:8080";

/**
 * The first download is two chunks: `vendor` (the third-party code the entry imports statically,
 * kept apart so a release that only changes application code does not make field users on slow
 * links download React again) and `initial` (the rest of the entry's static imports: the sign-in
 * page, the router's table, the strings of the sign-in page). Not dozens of small shared chunks:
 * over HTTP/1.1 a browser opens six connections, and each further wave of requests costs a round
 * trip (400 ms on a field link). Both groups take only modules of the entry's static graph
 * (`$initial`), so code that only lazy pages use (the rest of Mantine and its hooks, maps, charts,
 * the editor) stays out of the first download and is split automatically.
 */
const vendorGroups = [
  { name: "vendor", test: /node_modules/, tags: ["$initial" as const], priority: 20 },
  { name: "initial", tags: ["$initial" as const], priority: 10 },
];

/**
 * The session probe (`/api/auth/me`) starts with the bundle instead of after it has run: one
 * round trip less before the first screen. The app's own request (same URL, same-origin
 * credentials) takes the preloaded answer.
 */
function preloadSession(): Plugin {
  return {
    name: "vigil:preload-session",
    transformIndexHtml: () => [
      { tag: "link", attrs: { rel: "preload", href: "/api/auth/me", as: "fetch", crossorigin: "" }, injectTo: "head" },
    ],
  };
}

export default defineConfig({
  root: webRoot,
  publicDir: "public",
  plugins: [
    react(),
    preloadSession(),
    // Strings split per page; the sources are the catalogues listed in app/i18n/catalogues.ts.
    translationGroups({
      webRoot,
      sources: {
        en: [source("app/i18n/en.json"), source("modules/risk/srm.en.json"), source("modules/risk/levels.en.json"), source("modules/travel/profile.en.json"), source("modules/travel/air.en.json"), source("modules/travel/alerts.en.json"), source("modules/travel/headcount.en.json"), source("modules/training/certificates.en.json"), source("modules/readiness/zones.en.json"), source("modules/readiness/checkins.en.json")],
        fr: [source("app/i18n/fr.json"), source("modules/risk/srm.fr.json"), source("modules/risk/levels.fr.json"), source("modules/travel/profile.fr.json"), source("modules/travel/air.fr.json"), source("modules/travel/alerts.fr.json"), source("modules/travel/headcount.fr.json"), source("modules/training/certificates.fr.json"), source("modules/readiness/zones.fr.json"), source("modules/readiness/checkins.fr.json")],
      },
      // The sign-in page and the shell: in the first download, so neither waits for its words.
      baseKeys: ["common", "shell", "nav", "riskNav", "errors", "validation", "serverMessages", "table", "login", "notifications"],
      wholeFiles: { srm: "srm.", levels: "levels.", travelProfile: "profile.", airTravel: "air.", travelAlerts: "alerts.", headcount: "headcount.", certificates: "certificates.", zones: "zones.", checkins: "checkins." },
      runtime: source("app/i18n/i18n.ts"),
      notKeys: Object.keys(permissions),
      // Imported by the route table for its lists of statuses; its hooks run only in the incident
      // pages, which wait for the `incidents` strings themselves.
      ignore: ["modules/incidents/incident-labels.ts"],
      firstDownload: /^assets\/(?:initial|vendor)-/,
    }),
    serviceWorkerManifest({
      shellPages: [
        "app/shell/app-layout.component.tsx",
        "modules/dashboard/dashboard.page.tsx",
        "modules/incidents/incident-list.page.tsx",
        "modules/incidents/quick-report.page.tsx",
      ],
    }),
    precompress(),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups,
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/healthz": { target: apiTarget },
      "/readyz": { target: apiTarget },
      "/verify": { target: apiTarget },
    },
  },
  preview: {
    proxy: {
      "/api": { target: apiTarget },
      "/healthz": { target: apiTarget },
      "/readyz": { target: apiTarget },
      "/verify": { target: apiTarget },
    },
  },
});
