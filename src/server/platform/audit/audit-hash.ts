import { createHash } from "node:crypto";

export const genesisHash = "0".repeat(64);

/** JSON with sorted keys, so a value read back from jsonb hashes the same as when written. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
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
