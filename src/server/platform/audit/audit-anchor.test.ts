import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemContext } from "../http/context.ts";
import { openTestDatabase } from "../../testing/test-database.ts";
import { type AnchorSettings, type AuditAnchor, signAnchor, startAuditAnchoring, writeAnchor } from "./audit-anchor.ts";
import { recordAudit, verifyAuditChain } from "./audit.service.ts";
import { verifyAuditTrail } from "./audit-verify.ts";

type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

let directory: string;
let settings: AnchorSettings;
let database: TestDatabase;
const genesis = "0".repeat(64);

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), "vigil-anchor-test-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// A fresh seeded database and anchor file per test: each test plays an attacker on its own copy.
beforeEach(async (context) => {
  const own = mkdtempSync(path.join(directory, "case-"));
  settings = { file: path.join(own, "audit-anchors.jsonl"), key: undefined, keyFile: path.join(own, "audit-anchor.key") };
  database = await openTestDatabase();
  context.onTestFinished(() => database.drop());
});

async function lastEntry(): Promise<{ seq: number; prevHash: string; prevPrevHash: string }> {
  const [row] = await database.query<{ seq: number; prev_hash: string; before: string }>(
    "select a.seq::int as seq, a.prev_hash, coalesce(b.prev_hash, $1) as before from audit_log a left join audit_log b on b.seq = a.seq - 1 order by a.seq desc limit 1",
    [genesis],
  );
  return { seq: Number(row.seq), prevHash: row.prev_hash, prevPrevHash: row.before };
}

describe("the database refuses to shorten the audit trail", () => {
  it("refuses TRUNCATE of the audit log and of its head", async () => {
    await expect(database.query("truncate audit_log")).rejects.toThrow(/append-only/);
    await expect(database.query("truncate audit_head")).rejects.toThrow(/append-only/);
    await expect(database.query("truncate audit_log, persons cascade")).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(database)).isValid).toBe(true);
  });

  it("refuses to rewind or delete the chain's head", async () => {
    await expect(database.query("update audit_head set seq = seq - 1")).rejects.toThrow(/append-only/);
    await expect(database.query("delete from audit_head")).rejects.toThrow(/append-only/);
  });

  it("takes TRUNCATE, UPDATE and DELETE of the audit log away from the application's role", async () => {
    const rows = await database.query<{ privilege_type: string }>(
      "select privilege_type from information_schema.table_privileges where table_name = 'audit_log' and grantee = current_user",
    );
    const privileges = rows.map((row) => row.privilege_type).sort();
    expect(privileges).toContain("INSERT");
    expect(privileges).toContain("SELECT");
    expect(privileges).not.toContain("TRUNCATE");
    expect(privileges).not.toContain("UPDATE");
    expect(privileges).not.toContain("DELETE");
  });
});

describe("anchors kept outside the database", () => {
  it("detects a deleted last entry and a rewound head against an anchor", async () => {
    await writeAnchor(database, settings);
    const last = await lastEntry();
    // The attacker owns the database: triggers off, last entry gone, head rewound to the one before.
    await database.query("alter table audit_log disable trigger user");
    await database.query("alter table audit_head disable trigger user");
    await database.query("delete from audit_log where seq = $1", [last.seq]);
    await database.query("update audit_head set seq = $1, hash = $2, prev_hash = $3", [last.seq - 1, last.prevHash, last.prevPrevHash]);

    // The chain alone cannot tell: that is the hole the anchors close.
    expect((await verifyAuditChain(database)).isValid).toBe(true);
    const result = await verifyAuditTrail(database, { anchor: settings });
    expect(result.isValid).toBe(false);
    expect(result.anchorsChecked).toBe(1);
    expect(result.problems).toEqual([expect.stringMatching(new RegExp(`^the chain ends at entry ${last.seq - 1} \\(head: ${last.seq - 1}\\) but the anchor of .* records entry ${last.seq}: entries were removed from its end$`))]);
  });

  it("detects a privileged TRUNCATE with the trigger dropped and the head reset", async () => {
    await writeAnchor(database, settings);
    await database.query("drop trigger audit_log_no_truncate on audit_log");
    await database.query("truncate audit_log");
    await database.query("alter table audit_head disable trigger user");
    await database.query("update audit_head set seq = 0, hash = $1, prev_hash = $1", [genesis]);

    expect((await verifyAuditChain(database)).isValid).toBe(true);
    const result = await verifyAuditTrail(database, { anchor: settings });
    expect(result.isValid).toBe(false);
    expect(result.problems.join("\n")).toMatch(/the chain ends at entry 0 \(head: 0\) but the anchor of .* records entry \d+: entries were removed from its end/);
  });

  it("detects an anchored entry that was replaced, and an anchor not signed with this installation's key", async () => {
    const anchor = await writeAnchor(database, settings);
    const forged: AuditAnchor = signAnchor(Buffer.from("a".repeat(64)), { seq: anchor.seq, hash: anchor.hash });
    writeFileSync(settings.file, `${JSON.stringify({ ...anchor, hash: "f".repeat(64) })}\n${JSON.stringify(forged)}\n`, { flag: "a" });
    const result = await verifyAuditTrail(database, { anchor: settings });
    expect(result.problems).toEqual([
      `the anchor of ${anchor.at} (entry ${anchor.seq}) does not carry this installation's signature`,
      `the anchor of ${forged.at} (entry ${anchor.seq}) does not carry this installation's signature`,
    ]);

    const other = { ...settings, file: path.join(path.dirname(settings.file), "other.jsonl") };
    writeFileSync(other.file, `${JSON.stringify(signAnchor(Buffer.from(readFileSync(settings.keyFile, "utf8").trim()), { seq: anchor.seq, hash: "f".repeat(64) }))}\n`);
    const replaced = await verifyAuditTrail(database, { anchor: settings, anchorSource: other.file });
    expect(replaced.problems).toEqual([expect.stringMatching(new RegExp(`^entry ${anchor.seq} is not the entry anchored on `))]);
  });

  it("finds an untouched trail intact against its anchors, and keeps the key file private", async () => {
    await writeAnchor(database, settings);
    await recordAudit(database.db, systemContext(database, "anchor test").audit, { action: "update", entityType: "organisation", entityId: "x" });
    await writeAnchor(database, settings);
    const result = await verifyAuditTrail(database, { anchor: settings });
    expect(result).toMatchObject({ isValid: true, problems: [], anchorsChecked: 2 });
    expect(statSync(settings.keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(settings.file).mode & 0o777).toBe(0o600);
  });

  it("anchors at start, skips an unmoved head, and anchors again at stop once the head moved", async () => {
    const logged: object[] = [];
    const logger = { info: (object: object) => logged.push(object), error: () => {} };
    const lines = () => readFileSync(settings.file, "utf8").trim().split("\n");
    const first = await startAuditAnchoring({ database, settings, logger, minutes: 5 });
    await first.stop();
    expect(lines()).toHaveLength(1);

    const second = await startAuditAnchoring({ database, settings, logger, minutes: 5 });
    await recordAudit(database.db, systemContext(database, "anchor test").audit, { action: "update", entityType: "organisation", entityId: "x" });
    await second.stop();
    const anchors = lines().map((line) => JSON.parse(line) as AuditAnchor);
    expect(anchors).toHaveLength(3);
    expect(anchors[2].seq).toBe(anchors[0].seq + 1);
    expect(logged).toEqual(anchors.map((anchor) => ({ auditAnchor: anchor })));
  });
});

describe("duplicate sequence numbers", () => {
  // Two processes on one PGlite directory left 294 such rows, hidden by the primary key's index.
  it("reports a sequence number held by two rows", async () => {
    await database.query("alter table audit_log drop constraint audit_log_pkey");
    await database.query("alter table audit_log disable trigger user");
    const [{ row: saved }] = await database.query<{ row: string }>("select row_to_json(a)::text as row from audit_log a where seq = 5");
    await database.query("insert into audit_log select * from json_populate_record(null::audit_log, $1::json)", [saved]);
    const result = await verifyAuditChain(database);
    expect(result.isValid).toBe(false);
    expect(result.problems).toEqual(["entry 5 is held by 2 rows (a sequence number written twice)"]);
  });

  // As after two processes wrote one PGlite directory: the primary key's index misses a row, so a
  // walk through the index sees one copy of each number and a clean chain.
  it("reports a second row that the primary key's index does not see", async () => {
    await database.query("alter table audit_log disable trigger user");
    const [{ row: saved }] = await database.query<{ row: string }>("select row_to_json(a)::text as row from audit_log a where seq = 5");
    await database.query("update pg_index set indisready = false where indexrelid = 'audit_log_pkey'::regclass");
    await database.query("insert into audit_log select * from json_populate_record(null::audit_log, $1::json)", [saved]);
    await database.query("update pg_index set indisready = true where indexrelid = 'audit_log_pkey'::regclass");
    const result = await verifyAuditChain(database);
    expect(result.isValid).toBe(false);
    expect(result.problems).toContain("entry 5 is held by 2 rows (a sequence number written twice)");
    // When the walk's plan goes through the index (the planner's choice), the missed row shows too.
    for (const problem of result.problems.slice(1)) expect(problem).toMatch(/^the table holds \d+ entries but \d+ were reached through its index/);
  });
});
