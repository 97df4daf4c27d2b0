import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/audit-hash.ts";
import { and, eq } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../db/database.ts";
import type { ServiceContext } from "./context.ts";
import { AppError } from "./errors.ts";
import { idempotencyKeys } from "./idempotency.tables.ts";

/**
 * `Idempotency-Key` on create routes. The key is claimed in the same transaction as the record
 * it creates, so a replay (an offline outbox resending, a retry after a lost answer, two tabs
 * flushing the same queue at once) returns the first record instead of creating a duplicate.
 *
 * A replay answers like the first request did (201 with the same record) plus the header
 * `Idempotent-Replayed: true`. The same key with another body, or on another route, is a 422:
 * the client reused a key it should not have, and guessing which request it meant would be wrong.
 * Keys are per user: two users may pick the same key without seeing each other's records.
 */
export const idempotencyHeaderName = "idempotency-key";

/** Loose: the other headers (cookie, CSRF token) must pass through validation untouched. */
export const idempotencyHeaders = z.looseObject({
  [idempotencyHeaderName]: z
    .string()
    .min(8, { message: "must be at least 8 characters" })
    .max(200, { message: "must be at most 200 characters" })
    .regex(/^[\x21-\x7e]+$/, { message: "may contain only visible ASCII characters" })
    .optional()
    .describe(
      "A key unique to this request (8–200 visible ASCII characters, e.g. a UUID), generated once when the record is first made. " +
        "Sending the same request again with the same key returns the record created the first time (201, with `Idempotent-Replayed: true`) instead of a duplicate; " +
        "the same key with a different body is refused with 422.",
    ),
});

export type IdempotencySpec = {
  /** The header's value, or null when the client sent none (then nothing is remembered). */
  key: string | null;
  /** The route, as "POST /api/incidents": a key belongs to one route. */
  route: string;
  /** The validated request body; its canonical hash tells a replay from a reused key. */
  body: unknown;
};

export type IdempotentResult = { entityId: string; statusCode: number; isReplay: boolean };

/** Claims the key for the record just created, inside the transaction that created it. */
export type ClaimKey = (tx: Db, entityId: string) => Promise<void>;

class KeyAlreadyClaimed extends Error {}

export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const value = request.headers[idempotencyHeaderName];
  return typeof value === "string" ? value : null;
}

function requestHash(spec: IdempotencySpec): string {
  return createHash("sha256").update(`${spec.route}\n${canonicalJson(spec.body)}`).digest("hex");
}

const reusedKey = () =>
  new AppError(
    422,
    "idempotency_key_reused",
    "This Idempotency-Key was already used for a different request: send a new key with a new record",
    [{ field: "Idempotency-Key", message: "was already used for a different request: send a new key with a new record" }],
  );

async function earlierResult(db: Db, userId: string, spec: IdempotencySpec & { key: string }, hash: string): Promise<IdempotentResult | null> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, spec.key)));
  if (!row) return null;
  if (row.route !== spec.route || row.requestHash !== hash) throw reusedKey();
  return { entityId: row.entityId, statusCode: row.statusCode, isReplay: true };
}

/**
 * Runs `create` once per (user, key). `create` validates outside any transaction, then calls
 * `claim(tx, id)` inside the transaction that writes the record. When a concurrent request with
 * the same key commits first, the claim fails, the whole transaction (record, audit, alerts)
 * rolls back, and the first request's record is returned instead.
 */
export async function runIdempotent(context: ServiceContext, spec: IdempotencySpec, create: (claim: ClaimKey) => Promise<string>): Promise<IdempotentResult> {
  const { key } = spec;
  if (!key) return { entityId: await create(async () => undefined), statusCode: 201, isReplay: false };
  const { db } = context.database;
  const userId = context.actor.userId;
  const keyed = { ...spec, key };
  const hash = requestHash(spec);
  const earlier = await earlierResult(db, userId, keyed, hash);
  if (earlier) return earlier;
  const claim: ClaimKey = async (tx, entityId) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId, key, route: spec.route, requestHash: hash, entityId, statusCode: 201 })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) throw new KeyAlreadyClaimed();
  };
  try {
    return { entityId: await create(claim), statusCode: 201, isReplay: false };
  } catch (error) {
    if (!(error instanceof KeyAlreadyClaimed)) throw error;
    const first = await earlierResult(db, userId, keyed, hash);
    if (!first) throw error;
    return first;
  }
}

/** Sets the status and, on a replay, the header saying so. */
export function replyIdempotent(reply: FastifyReply, result: IdempotentResult): FastifyReply {
  if (result.isReplay) reply.header("idempotent-replayed", "true");
  return reply.code(result.statusCode);
}
