import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runVigil, signIn, startVigil, type VigilServer } from "./process-support.ts";

/**
 * Issue 11, item 2: the command line beside a running server on the embedded database. Before,
 * `user reset-password` and `generate incidents` opened the same PGlite files as the server,
 * reported success, and lost their writes or damaged the directory. Now the commands the server
 * can run go through its control socket; the others are refused with the holder named; and the
 * directory opens again after a restart with the changes kept.
 */
const isPostgresRun = Boolean(process.env.TEST_DATABASE_URL);
const dataDir = mkdtempSync(path.join(tmpdir(), "vigil-beside-"));
const settings = { DATA_DIR: dataDir };
let server: VigilServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// The embedded database only: on PostgreSQL every process opens the database itself.
describe.skipIf(isPostgresRun)("the command line while the server holds the embedded database (PGlite only; skipped in the PostgreSQL run)", () => {
  it("runs writes, backups and verification through the server, refuses the rest, and keeps everything across a restart", { timeout: 600_000 }, async () => {
    server = await startVigil(settings);
    const serverPid = server.child.pid;
    const newPassword = `beside-the-server-${randomBytes(12).toString("hex")}`;

    const reset = await runVigil(["user", "reset-password", "--email", "admin@vigil.example", "--password", newPassword], settings);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toContain("Password of admin@vigil.example changed");
    expect(reset.stderr).toContain(`run by the Vigil server that holds the data directory: process ${serverPid}`);
    expect((await signIn(server.baseUrl, "admin@vigil.example", newPassword)).status).toBe(200);

    const backupFile = path.join(dataDir, "beside.vigil-backup.gz");
    const backup = await runVigil(["backup", path.relative(process.cwd(), backupFile)], settings);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backup written to .* rows in \d+ tables/);
    expect(statSync(backupFile).size).toBeGreaterThan(0);

    const verify = await runVigil(["audit", "verify"], settings);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain("Audit trail intact");

    const generate = await runVigil(["generate", "incidents", "--count", "5"], settings);
    expect(generate.code).toBe(1);
    expect(generate.stderr).toContain(`is in use by process ${serverPid}`);
    expect(generate.stderr).toContain("serve --demo-if-empty");
    expect(generate.stderr).toContain("Stop the Vigil server first");

    await server.stop();
    expect(existsSync(path.join(dataDir, "vigil.lock"))).toBe(false);
    server = await startVigil(settings);
    const after = await runVigil(["audit", "verify"], settings);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain("Audit trail intact");
    expect((await signIn(server.baseUrl, "admin@vigil.example", newPassword)).status).toBe(200);
    await server.stop();
    server = undefined;
  });
});
