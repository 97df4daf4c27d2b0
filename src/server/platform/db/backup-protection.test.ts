import { generateKeyPairSync } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnchorSettings, readAuditHead, writeAnchor } from "../audit/audit-anchor.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { systemContext } from "../http/context.ts";
import { verifyAuditTrail } from "../audit/audit-verify.ts";
import { openTestDatabase } from "../../testing/test-database.ts";
import { BackupError, backupDatabase, backupTables, readBackupAnchor, restoreDatabase } from "./backup.ts";
import type { Database } from "./database.ts";

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let directory: string;
let anchor: AnchorSettings;
const passphrase = "correct horse battery staple";
// An address of the demo dataset: it must not be readable in an encrypted backup.
const demoEmail = "pcsa.mali@vigil.example";

async function fingerprint(of: Database): Promise<string> {
  const parts: string[] = [];
  for (const table of backupTables) {
    const [row] = await of.query<{ digest: string | null }>(
      `select md5(coalesce(string_agg(row_to_json(t)::text, '|' order by row_to_json(t)::text), '')) as digest from "${table}" t`,
    );
    parts.push(`${table}:${row.digest}`);
  }
  return parts.join(",");
}

beforeAll(async () => {
  database = await openTestDatabase();
  directory = mkdtempSync(path.join(tmpdir(), "vigil-backup-protection-"));
  anchor = { file: path.join(directory, "audit-anchors.jsonl"), key: undefined, keyFile: path.join(directory, "audit-anchor.key") };
});
afterAll(async () => {
  await database.drop();
  rmSync(directory, { recursive: true, force: true });
});

describe("backup files are private", () => {
  it("writes a new backup readable by its owner only (0600)", async () => {
    const file = path.join(directory, "new.backup.gz");
    await backupDatabase(database, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("makes an existing world-readable file private before writing into it", async () => {
    const file = path.join(directory, "existing.backup.gz");
    writeFileSync(file, "old content");
    chmodSync(file, 0o644);
    await backupDatabase(database, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe("encrypted backups", () => {
  async function changeSomething() {
    await database.query("update places set name = 'Renamed' where name = 'Kidal'");
  }

  it("round-trips with a passphrase, and holds no readable data", async () => {
    const file = path.join(directory, "passphrase.backup");
    const before = await fingerprint(database);
    await backupDatabase(database, file, { passphrase });
    const content = readFileSync(file);
    expect(content.includes(Buffer.from(demoEmail))).toBe(false);
    expect(() => gunzipSync(content)).toThrow();
    expect(statSync(file).mode & 0o777).toBe(0o600);

    await changeSomething();
    expect(await fingerprint(database)).not.toBe(before);
    await restoreDatabase(database, file, { passphrase });
    expect(await fingerprint(database)).toBe(before);
  });

  for (const type of ["x25519", "rsa"] as const) {
    it(`round-trips for a ${type === "rsa" ? "RSA" : "X25519"} key pair`, async () => {
      const pair = type === "rsa" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("x25519");
      const recipientPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
      const identityPem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      const file = path.join(directory, `${type}.backup`);
      const before = await fingerprint(database);
      await backupDatabase(database, file, { recipientPem });
      expect(readFileSync(file).includes(Buffer.from(demoEmail))).toBe(false);

      await changeSomething();
      const other = generateKeyPairSync("x25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      await expect(restoreDatabase(database, file, { identityPem: other })).rejects.toThrow("The private key does not open this backup");
      await restoreDatabase(database, file, { identityPem });
      expect(await fingerprint(database)).toBe(before);
    });
  }

  describe("a wrong key or a damaged file changes nothing", () => {
    let file: string;
    beforeAll(async () => {
      file = path.join(directory, "refused.backup");
      await backupDatabase(database, file, { passphrase });
      await changeSomething();
    });

    async function expectRefused(options: Parameters<typeof restoreDatabase>[2], message: RegExp, from = file) {
      const before = await fingerprint(database);
      const error = await restoreDatabase(database, from, options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(message);
      expect(await fingerprint(database)).toBe(before);
    }

    it("refuses a wrong passphrase", () => expectRefused({ passphrase: "not the right passphrase" }, /^Wrong passphrase for this backup$/));

    it("asks for the passphrase when none is given", () => expectRefused({}, /encrypted with a passphrase: give --passphrase-file/));

    it("refuses a file altered after it was written (GCM's tag), rolling back what was loaded", async () => {
      const content = readFileSync(file);
      content[Math.floor(content.length * 0.6)] ^= 0x01;
      const altered = path.join(directory, "altered.backup");
      writeFileSync(altered, content);
      await expectRefused({ passphrase }, /damaged|altered/, altered);
    });

    // The data decrypt and decompress cleanly here: only GCM's tag, checked at the end, can tell.
    it("refuses a file whose clear envelope was edited (its anchor, its date), rolling back what was loaded", async () => {
      const content = readFileSync(file).toString("latin1");
      const edited = content.replace(/"createdAt":"(\d)/, (_match, digit: string) => `"createdAt":"${digit === "1" ? "2" : "1"}`);
      expect(edited).not.toBe(content);
      const altered = path.join(directory, "edited-envelope.backup");
      writeFileSync(altered, Buffer.from(edited, "latin1"));
      await expectRefused({ passphrase }, /altered \(its authentication tag does not match\); nothing was restored/, altered);
    });

    it("refuses a file cut short", async () => {
      const content = readFileSync(file);
      const cut = path.join(directory, "cut.backup");
      writeFileSync(cut, content.subarray(0, content.length - 100));
      await expectRefused({ passphrase }, /damaged|altered/, cut);
    });
  });
});

describe("backups carry the audit anchor, and restore keeps the protections", () => {
  it("writes the signed head into the header, readable without the key, and verifies against it", async () => {
    const head = await readAuditHead(database);
    const plain = path.join(directory, "anchored.backup.gz");
    const encrypted = path.join(directory, "anchored.backup");
    await backupDatabase(database, plain, { anchor });
    await backupDatabase(database, encrypted, { anchor, passphrase });
    for (const file of [plain, encrypted]) {
      expect(await readBackupAnchor(file)).toMatchObject({ seq: head.seq, hash: head.hash });
      const result = await verifyAuditTrail(database, { anchor, anchorSource: file });
      expect(result).toMatchObject({ isValid: true, anchorsChecked: 1 });
    }
  });

  it("starts the anchors afresh after restoring an older backup, and puts the database's protections back", async () => {
    const file = path.join(directory, "older.backup.gz");
    await backupDatabase(database, file, { anchor });
    // The trail grows and is anchored past the backup: the restore brings back a shorter one.
    await recordAudit(database.db, systemContext(database, "backup test").audit, { action: "update", entityType: "organisation", entityId: "x" });
    await writeAnchor(database, anchor);
    await restoreDatabase(database, file, { anchor });
    const result = await verifyAuditTrail(database, { anchor });
    expect(result).toMatchObject({ isValid: true, problems: [] });
    await expect(database.query("truncate audit_log")).rejects.toThrow(/append-only/);
    const rows = await database.query<{ privilege_type: string }>(
      "select privilege_type from information_schema.table_privileges where table_name = 'audit_log' and grantee = current_user",
    );
    expect(rows.map((row) => row.privilege_type)).not.toContain("TRUNCATE");
  });
});
