/**
 * Registers the service worker (src/web/public/sw.js) once the page has loaded, so it never
 * competes with the first page load on a slow link. Then, under its control, the incident
 * module prepares the offline quick report and sends any reports waiting in the outbox.
 */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator) || import.meta.env.DEV) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(async () => {
        if (!navigator.serviceWorker.controller) {
          await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true }));
        }
        const offline = await import("../modules/incidents/offline.ts");
        await offline.prepareOffline();
      })
      .catch(() => {
        // No service worker (private mode, old browser): everything still works online.
      });
  });
}
