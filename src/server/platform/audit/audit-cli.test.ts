import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, runMigrations } from "../db/database.ts";
import { systemContext } from "../http/context.ts";
import { createOrganisation } from "../../modules/structure/index.ts";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
let dataDir: string;

/** The parent's environment without Vigil's own variables (Vitest itself sets BASE_URL to "/"). */
function commandEnvironment(): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  for (const name of ["PORT", "HOST", "BASE_URL", "DATABASE_URL", "SMTP_URL", "SESSION_HOURS", "MAIL_FROM", "VIGIL_BACKUP_PASSPHRASE"]) delete environment[name];
  for (const name of Object.keys(environment)) if (name.startsWith("AUDIT_ANCHOR_")) delete environment[name];
  return { ...environment, DATA_DIR: dataDir, LOG_LEVEL: "silent" };
}

function vigil(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, "bin/vigil.js"), ...args], { cwd: root, env: commandEnvironment() }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  // The command line always uses a PGlite data directory here, whichever database the suite runs on.
  dataDir = mkdtempSync(path.join(tmpdir(), "vigil-audit-anchor-cli-"));
  const database = await openDatabase({ dataDir });
  await runMigrations(database);
  const context = systemContext(database, "audit test");
  for (const code of ["AAA", "BBB", "CCC"]) await createOrganisation(context, { code, name: `Organisation ${code}`, kind: "secretariat", hqFocalPoints: [] });
  await database.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("vigil backup, audit verify and restore with anchors", () => {
  it("anchors an encrypted private backup, detects a shortened trail against it, and restores it", { timeout: 600_000 }, async () => {
    const backupFile = path.join(dataDir, "vigil.backup");
    const passphraseFile = path.join(dataDir, "passphrase.txt");
    writeFileSync(passphraseFile, "a long enough backup passphrase\n", { mode: 0o600 });

    const backup = await vigil("backup", backupFile, "--passphrase-file", passphraseFile);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(backupFile, "latin1")).toMatch(/^\{"format":"vigil-backup-encrypted"/);
    expect(existsSync(path.join(dataDir, "audit-anchors.jsonl"))).toBe(true);
    expect(statSync(path.join(dataDir, "audit-anchor.key")).mode & 0o777).toBe(0o600);

    // The attacker removes the last entry and rewinds the head: the chain alone still looks whole.
    const database = await openDatabase({ dataDir });
    await database.query("alter table audit_log disable trigger user");
    await database.query("alter table audit_head disable trigger user");
    await database.query("delete from audit_log where seq = 3");
    await database.query("update audit_head set seq = 2, hash = (select hash from audit_log where seq = 2), prev_hash = (select prev_hash from audit_log where seq = 2)");
    await database.close();

    for (const args of [[], ["--anchor", backupFile]]) {
      const verify = await vigil("audit", "verify", ...args);
      expect(verify.stderr, args.join(" ")).toContain("Audit trail TAMPERED");
      expect(verify.stderr, args.join(" ")).toContain("the chain ends at entry 2 (head: 2) but the anchor of");
      expect(verify.code, args.join(" ")).toBe(3);
    }

    const restore = await vigil("restore", backupFile, "--yes", "--passphrase-file", passphraseFile);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    const intact = await vigil("audit", "verify");
    expect(intact.stdout).toContain("Audit trail intact: 3 entries verified.");
    expect(intact.stdout).toMatch(/Checked against 1 signed anchors of .*audit-anchors\.jsonl\./);
    expect(intact.code).toBe(0);
  });
});
