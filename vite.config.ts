import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));
const apiTarget = process.env.VIGIL_API_URL ?? "http://localhost:8080";

/**
 * Vendor code that every page needs goes into a few long-lived chunks, so a release that only
 * changes application code does not make field users on slow links download React again.
 * Editor and map code is left to automatic splitting: it is only reachable through lazy imports.
 * (A group for the editor would also capture, recursively, the Mantine modules it uses, and drag
 * the whole editor into the first page load.)
 */
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
  // Only Mantine's theme/provider core and hooks: components are split per page automatically, so a
  // phone opening the dashboard does not download the rich-text editor's colour pickers.
  { name: "mantine", test: /node_modules[\\/]@mantine[\\/](hooks[\\/]|core[\\/]esm[\\/]core[\\/])/, priority: 10 },
  { name: "router", test: /node_modules[\\/]@tanstack[\\/]/, priority: 10 },
  {
    name: "i18n",
    test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
    priority: 10,
  },
];

export default defineConfig({
  root: webRoot,
  publicDir: "public",
  plugins: [react()],
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
    },
  },
  preview: {
    proxy: {
      "/api": { target: apiTarget },
      "/healthz": { target: apiTarget },
      "/readyz": { target: apiTarget },
    },
  },
});
