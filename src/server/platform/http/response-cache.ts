import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { todayIso } from "../clock.ts";
import type { Database } from "../db/database.ts";
import { compressThreshold } from "./static-web.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** PostgreSQL's snapshot read with the credential (auth.service.ts); null on the embedded database. */
    dataVersion: string | null;
    /** Where this answer goes in the response cache, if the route keeps its answers. */
    responseCacheSlot: { key: string; version: string } | null;
  }
  interface FastifyContextConfig {
    cachePerViewer?: boolean;
  }
}

/** An answer as it left: JSON text, or its compressed bytes with their encoding. */
export type KeptAnswer = { body: string | Buffer; encoding: string | undefined };
type Entry = KeptAnswer & { version: string; storedAt: number };

/**
 * Answers kept per viewer and URL (issue 12 §2: the dashboard, the incident list and its
 * statistics are read again and again by the same people while nothing changes).
 *
 * Why no answer goes stale or to the wrong person:
 * - the key holds the viewer's account, how they signed in (which session, or a token), the reference
 *   stamp that keys their grants, the day (grants follow appointments in force today), the
 *   language and encodings asked for and the whole URL: an answer only ever goes back to the
 *   viewer it was computed for;
 * - each entry holds the data version read before the answer's first query: the count of writes
 *   on the embedded database (every statement passes through this process, write-counter.ts),
 *   the snapshot on PostgreSQL (changed by any transaction ending, on any node). After any
 *   change, of any kind, by anyone, the entry is never used again;
 * - the credential and the route's access rule are checked before the cache is asked;
 * - entries end after `maxAgeMs`, a bound on answers that depend on the time of day;
 * - only routes that audit nothing on a read opt in (`cachePerViewer`): serving from here must
 *   never skip a `read_sensitive` entry.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get(key: string, version: string, now: number): KeptAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || now - entry.storedAt >= this.maxAgeMs) {
      this.remove(key, entry);
      return undefined;
    }
    return entry;
  }

  put(key: string, version: string, answer: KeptAnswer, now: number): void {
    const size = answer.body.length;
    // One answer larger than an eighth of the budget would push out too many others.
    if (size > this.maxBytes / 8) return;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    // The oldest go first (a Map keeps insertion order).
    for (const [oldKey, oldEntry] of this.entries) {
      if (this.bytes + size <= this.maxBytes) break;
      this.remove(oldKey, oldEntry);
    }
    this.entries.set(key, { ...answer, version, storedAt: now });
    this.bytes += size;
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}

function keyOf(request: FastifyRequest): string | null {
  const actor = request.actor;
  if (!actor || request.method !== "GET") return null;
  const { "accept-language": language = "", "accept-encoding": encodings = "" } = request.headers;
  // The session's CSRF token stands for the session (an answer may carry it, as /api/auth/me does).
  return [actor.userId, request.authVia, request.csrfToken ?? "", request.referenceStamp, todayIso(), language, encodings, request.url].join("\n");
}

function versionOf(database: Database, request: FastifyRequest): string | null {
  if (database.writeCount) return `w${database.writeCount()}`;
  return request.dataVersion;
}

/** The encoding to send to a client, from its Accept-Encoding: brotli, then gzip, then none. */
export function chosenEncoding(acceptEncoding: string | undefined): "br" | "gzip" | undefined {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [name, ...parameters] = part.trim().split(";");
    const quality = parameters.map((item) => item.trim()).find((item) => item.startsWith("q="));
    if (name && !(quality && Number(quality.slice(2)) === 0)) accepted.add(name.trim());
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return undefined;
}

/** Larger answers are left to the compression plugin's streaming path and not kept. */
const maxKeptBytes = 256 * 1024;

function compressed(text: string, encoding: "br" | "gzip"): Buffer {
  // The same settings as the compression plugin (static-web.ts): brotli quality 4, gzip's default.
  return encoding === "br" ? brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }) : gzipSync(text);
}

/**
 * Installed after installAuthentication: a hit is answered once the credential and the route's
 * access rule are checked, skipping validation and the handler (the answer was kept only after
 * both succeeded, for the same viewer, URL and data). What is kept is the answer as it leaves,
 * compressed here once for all the hits that follow (the compression plugin leaves an answer
 * that already has its encoding alone).
 */
export function installResponseCache(app: FastifyInstance, cache: ResponseCache, database: Database): void {
  app.decorateRequest("responseCacheSlot", null);
  app.addHook("onRequest", async (request, reply) => {
    if (!request.routeOptions.config?.cachePerViewer) return;
    const key = keyOf(request);
    const version = versionOf(database, request);
    if (key === null || version === null) return;
    const kept = cache.get(key, version, Date.now());
    if (!kept) {
      request.responseCacheSlot = { key, version };
      return;
    }
    reply.header("content-type", "application/json; charset=utf-8").header("x-vigil-cache", "hit");
    if (kept.encoding) reply.header("content-encoding", kept.encoding).header("vary", "accept-encoding");
    return reply.send(kept.body);
  });
  app.addHook("onSend", async (request, reply, payload) => {
    const slot = request.responseCacheSlot;
    if (!slot || reply.statusCode !== 200 || typeof payload !== "string" || payload.length > maxKeptBytes) return payload;
    const encoding = payload.length >= compressThreshold ? chosenEncoding(request.headers["accept-encoding"]) : undefined;
    const body = encoding ? compressed(payload, encoding) : payload;
    cache.put(slot.key, slot.version, { body, encoding }, Date.now());
    if (encoding) reply.header("content-encoding", encoding).header("vary", "accept-encoding");
    return body;
  });
}
