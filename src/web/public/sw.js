/*
 * Vigil's service worker: opens the app with no network round trip on a return visit, lets the
 * quick-report page open and queue reports with no connection, and sends the queued reports
 * (Background Sync) when the connection returns.
 *
 * - The app shell is precached when the worker installs: the build writes its list of hashed files
 *   into the `build` line below (scripts/vite/service-worker-manifest.ts). The cache is named after
 *   that list, so a release changes this file, the browser installs the new worker, and the
 *   previous release's cache is dropped on activate. This file itself is never cached by HTTP.
 * - Pages: the cached shell first (a second visit or an offline start fetches only data), the
 *   network when there is no cached shell yet.
 * - Other built files (content-hashed, so never stale) are cached as they pass; the page also tells
 *   the worker which ones it loaded before the worker took control (message "cache-urls").
 * - The few API answers the quick report needs offline (the session, the taxonomy, the place tree):
 *   network first, the last answer when offline. They are dropped at sign-out.
 * - Everything else, and every write, goes to the network untouched.
 *
 * The outbox itself (IndexedDB "vigil-outbox") is written by the page (modules/incidents/outbox.ts);
 * this worker reads the same store. Each report carries its Idempotency-Key, so the page and the
 * worker may both send it: the server creates the incident once.
 */
const build = { version: "dev", files: ["/"] };
const shellCache = `vigil-shell-${build.version}`;
const dataCache = "vigil-data-v1";
const offlineApi = new Set(["/api/auth/me", "/api/incidents/taxonomy", "/api/places/tree"]);
const outboxDatabase = "vigil-outbox";
const outboxStore = "quick-reports";
const outboxSyncTag = "vigil-outbox";

async function precacheShell() {
  const cache = await caches.open(shellCache);
  // Hashed files may come from the HTTP cache (they never change); the page itself must be fresh.
  await cache.addAll(build.files.map((url) => (url === "/" ? new Request(url, { cache: "no-cache" }) : url)));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const kept = new Set([shellCache, dataCache]);
      for (const name of await caches.keys()) if (!kept.has(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function shellFirst(request) {
  const cached = await (await caches.open(shellCache)).match("/");
  return cached ?? fetch(request);
}

async function networkFirst(request, cacheName, cacheKey, expectedType) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    const isExpected = (response.headers.get("content-type") ?? "").includes(expectedType);
    if (response.ok && isExpected) await cache.put(cacheKey, response.clone());
    else if (response.status === 401) await cache.delete(cacheKey);
    return response;
  } catch (error) {
    const cached = await cache.match(cacheKey);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(shellCache);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Signing out: nothing of the session stays on the device.
    if (url.pathname === "/api/auth/logout") event.waitUntil(caches.delete(dataCache));
    return;
  }
  // The clearance verification page (a scanned QR code) is the server's own page, never the app shell.
  if (url.pathname.startsWith("/verify/")) return;
  if (request.mode === "navigate" && !url.pathname.startsWith("/api/")) {
    event.respondWith(shellFirst(request));
  } else if (url.pathname.startsWith("/assets/") || url.pathname === "/favicon.svg") {
    event.respondWith(cacheFirst(request));
  } else if (offlineApi.has(url.pathname) && url.search === "") {
    event.respondWith(networkFirst(request, dataCache, url.pathname, "json"));
  }
});

self.addEventListener("message", (event) => {
  const data = event.data ?? {};
  if (data.type === "cache-urls" && Array.isArray(data.urls)) {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(shellCache);
        for (const href of data.urls) {
          const url = new URL(href, self.location.origin);
          if (url.origin !== self.location.origin || !url.pathname.startsWith("/assets/")) continue;
          if (!(await cache.match(url.pathname))) await cache.add(url.pathname).catch(() => undefined);
        }
      })(),
    );
  } else if (data.type === "flush-outbox") {
    event.waitUntil(flushOutbox().catch(() => undefined));
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag === outboxSyncTag) event.waitUntil(flushOutbox());
});

// ----- The outbox, read with the bare IndexedDB API (this file is not bundled) -----------------

function request(operation) {
  return new Promise((resolve, reject) => {
    operation.onsuccess = () => resolve(operation.result);
    operation.onerror = () => reject(operation.error);
  });
}

function openOutbox() {
  const opening = indexedDB.open(outboxDatabase, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(outboxStore, { keyPath: "key" });
  return request(opening);
}

async function withStore(mode, work) {
  const db = await openOutbox();
  try {
    return await request(work(db.transaction(outboxStore, mode).objectStore(outboxStore)));
  } finally {
    db.close();
  }
}

function announce() {
  if (typeof BroadcastChannel !== "undefined") new BroadcastChannel("vigil-outbox").postMessage("changed");
}

async function flushOutbox() {
  const queued = (await withStore("readonly", (store) => store.getAll())).filter((item) => item.status === "queued");
  if (queued.length === 0) return;
  const me = await fetch("/api/auth/me", { credentials: "same-origin", cache: "no-store" });
  if (!me.ok) return;
  const session = await me.json();
  const mine = queued.filter((item) => item.userId === session.user.id).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  for (const item of mine) {
    const attempt = { ...item, attempts: item.attempts + 1 };
    // A network failure rejects here, so the browser retries the sync later.
    const response = await fetch("/api/incidents/quick-reports", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": session.csrfToken, "Idempotency-Key": item.key },
      body: JSON.stringify(item.body),
    });
    if (response.ok) {
      const incident = await response.json();
      await withStore("readwrite", (store) => store.put({ ...attempt, status: "sent", sentAt: new Date().toISOString(), incidentId: incident.id, error: undefined }));
    } else if (response.status === 401 || response.status === 429 || response.status >= 500) {
      throw new Error(`The server answered ${response.status}; the sync will be retried`);
    } else {
      const answer = await response.json().catch(() => ({}));
      const issues = (answer.issues ?? []).map((issue) => `${issue.field}: ${issue.message}`).join("; ");
      await withStore("readwrite", (store) => store.put({ ...attempt, status: "failed", error: issues || answer.message || `HTTP ${response.status}` }));
    }
    announce();
  }
}
