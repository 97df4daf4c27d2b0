import { createHash } from "node:crypto";

export const genesisHash = "0".repeat(64);

/**
 * True when JSON.stringify writes exactly what the canonical form is: plain objects whose keys
 * are already in sorted order, arrays without holes, and JSON values (or undefined, which both
 * forms leave out of objects and write as null in arrays). Dates, class instances, functions and
 * bigints are left to the general form, which treats them as it always has.
 */
function isCanonicalAlready(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return true;
  if (type !== "object") return false;
  if (Array.isArray(value)) {
    if ("toJSON" in value) return false;
    for (let index = 0; index < value.length; index += 1) if (!(index in value) || !isCanonicalAlready(value[index])) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const keys = Object.keys(value);
  for (let index = 1; index < keys.length; index += 1) if (!(keys[index - 1] < keys[index])) return false;
  for (const key of keys) if (!isCanonicalAlready((value as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * JSON with sorted keys, so a value read back from jsonb hashes the same as when written.
 * Parts already in canonical order are written by JSON.stringify, much faster than piece by
 * piece (an import hashes an entry of some 2 KB per incident); the output is the same.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (isCanonicalAlready(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

export type HashedFields = {
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: unknown;
  requestId: string | null;
};

export function entryHash(prevHash: string, entry: HashedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(entryBody(entry)).digest("hex");
}

function entryBody(entry: HashedFields): string {
  return canonicalJson({
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorUserId: entry.actorUserId,
    actorName: entry.actorName,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes,
    requestId: entry.requestId,
  });
}

/**
 * The canonical body of an entry without its sequence number, ending in `"seq":`: the database
 * appends the number it assigns and the closing brace (see `auditEntryStatement`). "seq" is the
 * last key in sorted order, so prefix + seq + "}" is exactly the body `entryHash` hashes.
 */
export function bodyBeforeSeq(entry: Omit<HashedFields, "seq">): string {
  const body = entryBody({ ...entry, seq: 0 });
  const tail = '"seq":0}';
  if (!body.endsWith(tail)) throw new Error("The audit body no longer ends with its sequence number");
  return body.slice(0, -2);
}
