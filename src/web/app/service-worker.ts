/**
 * Registers the service worker (src/web/public/sw.js) once the page has loaded, so it never
 * competes with the first page load on a slow link. Then, under its control, the incident
 * module prepares the offline quick report and sends any reports waiting in the outbox.
 */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator) || import.meta.env.DEV) return;
  // The worker serves the shell of the release it cached; once a new release has replaced it, a
  // page still running the previous one may ask for a chunk that no longer exists: reload into
  // the new release instead of failing (once per load, so a real outage does not loop).
  window.addEventListener("vite:preloadError", (event) => {
    if (sessionStorage.getItem("vigil.reloadedForRelease") === location.href) return;
    event.preventDefault();
    sessionStorage.setItem("vigil.reloadedForRelease", location.href);
    location.reload();
  });
  const register = () => {
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
  };
  // A module that waited for something before this ran may have let the load event pass already.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
