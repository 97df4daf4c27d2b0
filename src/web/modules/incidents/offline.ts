import { cacheLoadedFiles } from "./offline-cache.ts";
import { startOutboxSync } from "./outbox.ts";

/**
 * Run once the service worker controls the page: send what waits in the outbox, and make sure
 * the quick-report page can open with no connection. For people who may report, its code is
 * fetched now (through the worker, which keeps it).
 */
export async function prepareOffline(): Promise<void> {
  startOutboxSync();
  try {
    const response = await fetch("/api/auth/me", { credentials: "same-origin", headers: { Accept: "application/json" } });
    const me = response.ok ? ((await response.json()) as { permissions: string[] }) : null;
    if (me?.permissions.includes("incident.create")) await import("./quick-report.page.tsx");
  } catch {
    // Offline or signed out: the quick-report page is prepared when it is next opened.
  }
  cacheLoadedFiles();
}
