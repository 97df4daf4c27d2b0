import { type DBSchema, openDB } from "idb";
import type { QuickReportBody } from "../../../core/incidents/incident-quick-report.ts";

/**
 * The quick-report outbox: reports wait in IndexedDB until the server has them. Each report gets
 * its Idempotency-Key once, when it is queued, and keeps it for every attempt: a report whose
 * answer was lost on the way back is sent again, and the server returns the incident it already
 * made instead of a second one. The page sends on load, when the browser says it is online again
 * and right after queueing; the service worker (public/sw.js) sends on Background Sync, reading the
 * same database. Both may send at once: the key makes that harmless.
 */
export const outboxDatabase = "vigil-outbox";
export const outboxStore = "quick-reports";
export const outboxSyncTag = "vigil-outbox";
const quickReportUrl = "/api/incidents/quick-reports";

export type OutboxStatus = "queued" | "sent" | "failed";

export type OutboxItem = {
  /** The Idempotency-Key, also the item's key in the store. */
  key: string;
  /** Reports are sent only in their author's session: another user signing in on the phone never sends them. */
  userId: string;
  body: QuickReportBody;
  status: OutboxStatus;
  queuedAt: string;
  attempts: number;
  sentAt?: string;
  incidentId?: string;
  error?: string;
};

interface OutboxSchema extends DBSchema {
  "quick-reports": { key: string; value: OutboxItem };
}

const open = () =>
  openDB<OutboxSchema>(outboxDatabase, 1, {
    upgrade(db) {
      db.createObjectStore(outboxStore, { keyPath: "key" });
    },
  });

const channelName = "vigil-outbox";
const listeners = new Set<() => void>();
let channel: BroadcastChannel | null = null;

function changed() {
  for (const listener of listeners) listener();
  channel?.postMessage("changed");
}

/** Calls `listener` whenever the outbox changes, in this tab, another tab or the service worker. */
export function subscribeOutbox(listener: () => void): () => void {
  if (!channel && typeof BroadcastChannel !== "undefined") {
    channel = new BroadcastChannel(channelName);
    channel.onmessage = () => {
      for (const each of listeners) each();
    };
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function listOutbox(userId: string): Promise<OutboxItem[]> {
  const items = await (await open()).getAll(outboxStore);
  return items.filter((item) => item.userId === userId).sort((a, b) => b.queuedAt.localeCompare(a.queuedAt));
}

export async function removeFromOutbox(key: string): Promise<void> {
  await (await open()).delete(outboxStore, key);
  changed();
}

/** Keeps the report on this device with its key, asks for a Background Sync, and tries to send at once. */
export async function queueReport(userId: string, body: QuickReportBody): Promise<OutboxItem> {
  const item: OutboxItem = { key: newKey(), userId, body, status: "queued", queuedAt: new Date().toISOString(), attempts: 0 };
  await (await open()).put(outboxStore, item);
  changed();
  void requestBackgroundSync();
  void flushOutbox();
  return item;
}

async function requestBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register(outboxSyncTag);
  } catch {
    // No Background Sync (other browsers): the page sends when it is open and online.
  }
}

async function save(item: OutboxItem) {
  await (await open()).put(outboxStore, item);
  changed();
}

type Session = { userId: string; csrfToken: string };

async function currentSession(): Promise<Session | null> {
  const response = await fetch("/api/auth/me", { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) return null;
  const me = (await response.json()) as { user: { id: string }; csrfToken: string };
  return { userId: me.user.id, csrfToken: me.csrfToken };
}

/** What one attempt did: "stop" when the network or the session is missing, so the rest waits too. */
async function send(item: OutboxItem, session: Session): Promise<"done" | "stop"> {
  const attempt = { ...item, attempts: item.attempts + 1 };
  let response: Response;
  try {
    response = await fetch(quickReportUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": session.csrfToken, "Idempotency-Key": item.key },
      body: JSON.stringify(item.body),
    });
  } catch {
    return "stop";
  }
  if (response.ok) {
    const incident = (await response.json()) as { id: string };
    await save({ ...attempt, status: "sent", sentAt: new Date().toISOString(), incidentId: incident.id, error: undefined });
    return "done";
  }
  // Not signed in any more, rate-limited or a server fault: the report waits for a later attempt.
  if (response.status === 401 || response.status === 429 || response.status >= 500) return "stop";
  const answer = (await response.json().catch(() => ({}))) as { message?: string; issues?: { field: string; message: string }[] };
  const issues = answer.issues?.map((issue) => `${issue.field}: ${issue.message}`).join("; ");
  await save({ ...attempt, status: "failed", error: issues || answer.message || `HTTP ${response.status}` });
  return "done";
}

async function flushOnce(): Promise<void> {
  const queued = (await (await open()).getAll(outboxStore)).filter((item) => item.status === "queued");
  if (queued.length === 0) return;
  const session = await currentSession().catch(() => null);
  if (!session) return;
  for (const item of queued.filter((each) => each.userId === session.userId).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))) {
    if ((await send(item, session)) === "stop") return;
  }
}

let running: Promise<void> | null = null;
let isAskedAgain = false;

/**
 * Sends every queued report of the signed-in user, oldest first, one flush at a time per tab.
 * A call during a flush runs another one after it, so a report queued meanwhile is not left behind.
 */
export function flushOutbox(): Promise<void> {
  if (running) {
    isAskedAgain = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        isAskedAgain = false;
        // Storage refused (private browsing) or a broken answer: the reports stay queued for the next try.
        await flushOnce().catch(() => undefined);
      } while (isAskedAgain);
    } finally {
      running = null;
    }
  })();
  return running;
}

let isStarted = false;

/** Sends what is waiting now and whenever the connection comes back. */
export function startOutboxSync(): void {
  if (isStarted || typeof indexedDB === "undefined") return;
  isStarted = true;
  window.addEventListener("online", () => void flushOutbox());
  void flushOutbox();
}
