/** Tells the service worker to keep every built file this page has loaded (some came before it took control). */
export function cacheLoadedFiles(): void {
  const urls = performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((name) => new URL(name).pathname.startsWith("/assets/"));
  navigator.serviceWorker?.controller?.postMessage({ type: "cache-urls", urls });
}
