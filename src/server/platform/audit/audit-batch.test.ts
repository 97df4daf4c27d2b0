import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/test-database.ts";
import { recordAuditEntries } from "./audit-batch.ts";
import { verifyAuditChain } from "./audit.service.ts";
import type { AuditChanges } from "./audit.tables.ts";

/**
 * Batches of audit entries: the changes travel as one text split on the record separator
 * (U+001E), so text holding that character, other control characters, quotes, backslashes or
 * any other Unicode must come back exactly, each entry with its own changes, the chain intact.
 */
let database: Awaited<ReturnType<typeof openTestDatabase>>;
const context = { actor: { userId: null, displayName: "batch test" }, requestId: "batch-test" };

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

async function storedChanges(entityType: string): Promise<{ entity_id: string; changes: AuditChanges }[]> {
  return database.query("select entity_id, changes from audit_log where entity_type = $1 order by seq", [entityType]);
}

describe("recordAuditEntries", () => {
  it("stores each entry's changes as given, even text holding the separator, and keeps the chain valid", async () => {
    // Every ASCII character but NUL, which PostgreSQL text cannot hold.
    const ascii = String.fromCharCode(...Array.from({ length: 127 }, (_, index) => index + 1));
    const awkward = [ascii, "a\u001eb", "\u001e", "line\nbreak\ttab\u0001", 'quote " and \\ backslash', "{\"not\": json}", "Ségou — 東京 🚙", ""];
    const inputs = awkward.map((text, index) => ({
      action: "create",
      entityType: "batch_test_awkward",
      entityId: `entry-${index}`,
      changes: { description: { from: null, to: text }, [`key\u001e${index}`]: { from: text, to: [text, { nested: text }] } },
    }));
    await database.db.transaction((tx) => recordAuditEntries(tx, context, inputs));
    const stored = await storedChanges("batch_test_awkward");
    expect(stored.map((row) => row.entity_id)).toEqual(inputs.map((input) => input.entityId));
    expect(stored.map((row) => row.changes)).toEqual(inputs.map((input) => input.changes));
    expect(await verifyAuditChain(database)).toMatchObject({ isValid: true });
  });

  it("stores any JSON changes in any number of entries exactly, each with its own entry", async () => {
    // PostgreSQL text cannot hold NUL, so neither can a stored entry: left out here.
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.string({ unit: "binary-ascii", maxLength: 12 })).map((value) => value.replaceAll("\u0000", ""));
    const change = fc.record({ from: fc.oneof(fc.constant(null), text, fc.integer(), fc.boolean()), to: fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.double({ noNaN: true, noDefaultInfinity: true })) });
    const changes = fc.dictionary(text, change, { maxKeys: 4 });
    let batch = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(changes, { minLength: 1, maxLength: 12 }), async (all) => {
        batch += 1;
        const entityType = `batch_test_${batch}`;
        const inputs = all.map((item, index) => ({ action: "update", entityType, entityId: String(index), changes: item }));
        await database.db.transaction((tx) => recordAuditEntries(tx, context, inputs));
        const stored = await storedChanges(entityType);
        // As JSON carries them: -0 is written 0.
        expect(stored.map((row) => row.changes)).toEqual(inputs.map((input) => JSON.parse(JSON.stringify(input.changes))));
      }),
      { numRuns: 40 },
    );
    expect(await verifyAuditChain(database)).toMatchObject({ isValid: true });
  });
});
