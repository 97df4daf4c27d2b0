import type { Database } from "../db/database.ts";

/**
 * Sessions remembered between requests, on the embedded database only (issue 12 §2: on PGlite the
 * session lookup alone cost more than the whole `/api/auth/me` budget).
 *
 * Why this is safe there and nowhere else: one process at a time opens a PGlite data directory
 * (platform/db holds a lock; the CLI refuses to run beside the server), so every write that could
 * change a session's answer (sign-in and sign-out, password changes, revocations, account and role
 * changes, the reference stamp that keys cached grants) passes through this process, and every
 * such write empties the cache:
 * - after each request with a method that may write (POST, PUT, PATCH, DELETE), before its answer
 *   is sent (platform/http/app.ts): nobody sees a sign-out acknowledged while the session still works;
 * - after each background job (platform/jobs).
 * A lookup that raced with such a write is not remembered (the generation changed meanwhile). An
 * entry also ends with its session's expiry and after `maxAgeMs` at most, a bound on any write
 * this list forgot. PostgreSQL may have several nodes, so there every request asks the database.
 */
type Entry<T> = { value: T; sessionExpiresAt: number; cachedAt: number };

const maxEntries = 10_000;

export class SessionCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private generationCount = 0;

  constructor(private readonly maxAgeMs: number) {}

  /** The remembered answer for a session, if still good at `now`. */
  get(idHash: string, now: number): T | undefined {
    const entry = this.entries.get(idHash);
    if (!entry) return undefined;
    if (entry.sessionExpiresAt <= now || now - entry.cachedAt >= this.maxAgeMs) {
      this.entries.delete(idHash);
      return undefined;
    }
    return entry.value;
  }

  /** Read before a lookup and passed to `put`: a write in between makes the answer unsafe to keep. */
  get generation(): number {
    return this.generationCount;
  }

  put(generation: number, idHash: string, value: T, sessionExpiresAt: number, now: number): void {
    if (generation !== this.generationCount) return;
    // Bounded: past this many sessions it starts again rather than growing forever.
    if (this.entries.size >= maxEntries) this.entries.clear();
    this.entries.set(idHash, { value, sessionExpiresAt, cachedAt: now });
  }

  clear(): void {
    this.generationCount += 1;
    this.entries.clear();
  }
}

const caches = new WeakMap<Database, SessionCache<unknown>>();

/** Turns the cache on for an embedded database (`maxAgeSeconds` > 0); PostgreSQL never has one. */
export function enableSessionCache(database: Database, maxAgeSeconds: number): void {
  if (database.kind !== "pglite" || maxAgeSeconds <= 0) return;
  caches.set(database, new SessionCache(maxAgeSeconds * 1000));
}

export function sessionCacheOf<T>(database: Database): SessionCache<T> | undefined {
  return caches.get(database) as SessionCache<T> | undefined;
}

/** Forgets every remembered session: called after anything that may have written. */
export function forgetSessions(database: Database): void {
  caches.get(database)?.clear();
}
