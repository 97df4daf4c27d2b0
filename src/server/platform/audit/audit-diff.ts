import type { AuditChanges } from "./audit.tables.ts";

/** Values as they are stored in the audit: dates as ISO strings, undefined as null. */
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}

function isSame(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

const ignoredFields = new Set(["createdAt", "updatedAt", "path", "passwordHash"]);

/** Field-level before/after. A create has no before, a delete no after. */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChanges {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChanges = {};
  for (const key of keys) {
    if (ignoredFields.has(key)) continue;
    const from = before ? before[key] : null;
    const to = after ? after[key] : null;
    if (before && after && isSame(from, to)) continue;
    if (!before && (to === null || to === undefined)) continue;
    if (!after && (from === null || from === undefined)) continue;
    changes[key] = { from: normalise(from), to: normalise(to) };
  }
  return changes;
}
