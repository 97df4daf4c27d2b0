import type { Database } from "../db/database.ts";

/**
 * Values derived from reference data (a user's grants, a place, the organisations), kept while
 * the database's reference stamp (see reference-stamp.tables.ts) is the one they were read under.
 * A request passes the stamp it read with its session; a different stamp empties the cache. A
 * value is always loaded after its stamp was read, so it is never older than the stamp says.
 * Without a stamp (a database restored a moment ago, before any change), nothing is kept.
 */
class ReferenceCache {
  private stamp: string | null = null;
  private readonly spaces = new Map<string, Map<string, Promise<unknown>>>();

  get<T>(stamp: string | null, space: string, key: string, load: () => Promise<T>): Promise<T> {
    if (stamp === null) return load();
    if (stamp !== this.stamp) {
      this.spaces.clear();
      this.stamp = stamp;
    }
    let entries = this.spaces.get(space);
    if (!entries) {
      entries = new Map();
      this.spaces.set(space, entries);
    }
    const cached = entries.get(key);
    if (cached) return cached as Promise<T>;
    // Bounded: a space that grows past this many keys starts again rather than growing forever.
    if (entries.size >= maxEntriesPerSpace) entries.clear();
    const loading = load();
    entries.set(key, loading);
    // A failed load is not remembered: the next request tries again.
    loading.catch(() => {
      if (entries.get(key) === loading) entries.delete(key);
    });
    return loading;
  }
}

const maxEntriesPerSpace = 10_000;
const caches = new WeakMap<Database, ReferenceCache>();

/** `load()` once per stamp, space and key for this database. */
export function cachedReference<T>(database: Database, stamp: string | null | undefined, space: string, key: string, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new ReferenceCache();
    caches.set(database, cache);
  }
  return cache.get(stamp ?? null, space, key, load);
}
