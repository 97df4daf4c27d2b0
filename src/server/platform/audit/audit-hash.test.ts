import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, entryHash } from "./audit-hash.ts";

/** The canonical form as first written, with no shortcut: what every stored hash was computed with. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${referenceCanonicalJson(item)}`).join(",")}}`;
}

/** Objects with their keys in sorted order, as the shortcut takes them whole. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedCopy((value as Record<string, unknown>)[key])]),
  );
}

// Values as audit changes hold them, and the odd ones the general form must still treat as it
// always has: dates, undefined, holes, numeric keys, NaN, -0, lone surrogates, null prototypes.
const odd = fc.oneof(
  fc.date({ noInvalidDate: true }),
  fc.constant(undefined),
  fc.constant(Number.NaN),
  fc.constant(-0),
  fc.constant("\ud800"),
  fc.constant(Object.assign(Object.create(null), { b: 1, a: 2 })),
  fc.constant(Object.assign([1, 2], { toJSON: () => "array with toJSON" })),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.jsonValue({ maxDepth: 2 }), odd, tie("array"), tie("object")),
  array: fc.oneof(fc.array(tie("value"), { maxLength: 5 }), fc.sparseArray(tie("value"), { maxLength: 5 })),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("1", "10", "9", "from", "to", "__proto__")), tie("value"), { maxKeys: 6 }),
})).value;

describe("canonicalJson", () => {
  it("writes what the general form writes, for any value, in any key order", () => {
    fc.assert(
      fc.property(value, (item) => {
        expect(canonicalJson(item)).toBe(referenceCanonicalJson(item));
        const sorted = sortedCopy(item);
        expect(canonicalJson(sorted)).toBe(referenceCanonicalJson(sorted));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes an incident's audit changes with sorted keys, whichever order they were built in", () => {
    const changes = { status: { from: null, to: "verified" }, peopleAffected: { from: null, to: [{ sex: "male", count: 3, outcome: "unharmed" }] }, id: { from: null, to: "x" } };
    expect(canonicalJson(changes)).toBe(
      '{"id":{"from":null,"to":"x"},"peopleAffected":{"from":null,"to":[{"count":3,"outcome":"unharmed","sex":"male"}]},"status":{"from":null,"to":"verified"}}',
    );
    expect(canonicalJson(sortedCopy(changes))).toBe(canonicalJson(changes));
  });

  it("leaves out undefined fields and writes undefined list items as null, as the idempotency hash of a request body needs", () => {
    // An optional field sent as undefined and one not sent at all are the same request.
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, { d: undefined, e: 2 }] })).toBe('{"b":1,"c":[null,{"e":2}]}');
    expect(canonicalJson({ c: [null, { e: 2 }], b: 1 })).toBe(canonicalJson({ b: 1, a: undefined, c: [undefined, { d: undefined, e: 2 }] }));
  });

  it("hashes an entry as the general form did", () => {
    const entry = { seq: 7, at: new Date("2026-05-17T14:30:00Z"), actorUserId: null, actorName: "Vigil", action: "create", entityType: "incident", entityId: "e", changes: { b: { from: null, to: 1 }, a: { from: null, to: [{ y: 2, x: 1 }] } }, requestId: null };
    const body = referenceCanonicalJson({ ...entry, at: entry.at.toISOString() });
    expect(entryHash("0".repeat(64), entry)).toBe(createHash("sha256").update(`${"0".repeat(64)}\n${body}`).digest("hex"));
  });
});
