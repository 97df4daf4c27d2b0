import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/audit.service.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { BackupError, backupDatabase, backupTables, restoreDatabase } from "./backup.ts";
import type { Database } from "./database.ts";

let t: TestApp;
let directory: string;
let backupFile: string;

/** Row count and a digest of every row of every table: equal fingerprints mean equal data. */
async function fingerprint(database: Database): Promise<Record<string, { rows: number; digest: string }>> {
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const table of backupTables) {
    const [row] = await database.query<{ rows: number; digest: string | null }>(
      `select count(*)::int as rows, md5(coalesce(string_agg(row_to_json(t)::text, '|' order by row_to_json(t)::text), '')) as digest from "${table}" t`,
    );
    result[table] = { rows: Number(row.rows), digest: row.digest ?? "" };
  }
  return result;
}

async function samplePerson(database: Database) {
  const [row] = await database.query<Record<string, unknown>>(
    `select p.*, pp.phone, pp.residential_address, (select count(*)::int from dependants d where d.person_id = p.id) as dependant_count
       from persons p join person_private pp on pp.person_id = p.id
      where exists (select 1 from dependants d where d.person_id = p.id) and p.user_id is null
        and p.place_path like (select path from places where name = 'Mali') || '%'
        and not exists (select 1 from appointments a where a.person_id = p.id)
        and not exists (select 1 from meeting_attendees m where m.person_id = p.id)
        and not exists (select 1 from action_points ap where ap.owner_person_id = p.id)
      order by p.id limit 1`,
  );
  return row;
}

beforeAll(async () => {
  t = await startTestApp();
  directory = mkdtempSync(path.join(tmpdir(), "vigil-backup-test-"));
  backupFile = path.join(directory, "vigil.backup.gz");
});
afterAll(async () => {
  await t.close();
  rmSync(directory, { recursive: true, force: true });
});

describe("backup and restore", () => {
  let original: Awaited<ReturnType<typeof fingerprint>>;
  let person: Record<string, unknown>;

  it("writes a gzip'd JSON-lines backup of every table, counting the rows", async () => {
    original = await fingerprint(t.database);
    person = await samplePerson(t.database);
    const counts = await backupDatabase(t.database, backupFile);
    expect(Object.keys(counts)).toEqual([...backupTables]);
    for (const table of backupTables) expect(counts[table], table).toBe(original[table].rows);
    expect(counts.persons).toBe(400);

    const lines = gunzipSync(readFileSync(backupFile)).toString("utf8").trim().split("\n");
    const header = JSON.parse(lines[0]);
    expect(header).toMatchObject({ format: "vigil-backup", version: 1, tables: [...backupTables] });
    expect(header.migrations).toBeGreaterThan(0);
    expect(JSON.parse(lines[1]).table).toBe(backupTables[0]);
  });

  it("restores exactly the backed-up data after people and organisations changed", async () => {
    const deleted = await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/personnel/${person.id}` });
    expect(deleted.statusCode).toBe(204);
    const added = await t.request(demo.admin, { method: "POST", url: "/api/organisations", payload: { code: "OCHA", name: "Office for the Coordination of Humanitarian Affairs", kind: "secretariat" } });
    expect(added.statusCode).toBe(201);
    await t.database.query("update places set name = 'Renamed' where name = 'Kidal'");
    const changed = await fingerprint(t.database);
    expect(changed.persons.rows).toBe(original.persons.rows - 1);
    expect(changed.organisations.rows).toBe(original.organisations.rows + 1);

    const counts = await restoreDatabase(t.database, backupFile);
    for (const table of backupTables) expect(counts[table] ?? 0, table).toBe(original[table].rows);

    expect(await fingerprint(t.database)).toEqual(original);
    expect(await samplePerson(t.database)).toEqual(person);
    const audit = await verifyAuditChain(t.database);
    expect(audit).toMatchObject({ isValid: true, problems: [] });
    expect(audit.checked).toBe(original.audit_log.rows);
  });

  it("serves the restored data through the API", async () => {
    // Sessions were restored too: the ones opened after the backup are gone, so sign in afresh.
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: demo.pcsaMali, password: "vigil-demo-2026" } });
    expect(login.statusCode).toBe(200);
    const cookie = `vigil_session=${login.cookies.find((item) => item.name === "vigil_session")?.value}`;
    const response = await t.app.inject({ method: "GET", url: `/api/personnel/${person.id}`, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ givenName: person.given_name, private: { phone: person.phone } });
    expect((await verifyAuditChain(t.database)).isValid).toBe(true);
  });

  it("numbers the next check-in's recipients after the restored ones (the reply links carry those numbers)", async () => {
    // As on a new database, where the sequence starts at 1 and the restored rows bring their own numbers.
    await t.database.query("select setval('mass_message_recipients_id_seq', 1, false)");
    await restoreDatabase(t.database, backupFile);
    const [{ highest }] = await t.database.query<{ highest: string }>("select coalesce(max(id), 0)::text as highest from mass_message_recipients");
    expect(Number(highest)).toBeGreaterThan(0);
    const [{ next }] = await t.database.query<{ next: string }>("select nextval('mass_message_recipients_id_seq')::text as next");
    expect(Number(next)).toBeGreaterThan(Number(highest));
  });
});

describe("a damaged or foreign backup file", () => {
  async function expectRefusedAndUnchanged(file: string, message: RegExp) {
    const before = await fingerprint(t.database);
    await expect(restoreDatabase(t.database, file)).rejects.toThrow(message);
    expect(await fingerprint(t.database)).toEqual(before);
  }

  function variant(name: string, content: Buffer): string {
    const file = path.join(directory, name);
    writeFileSync(file, content);
    return file;
  }

  it("refuses a file that is not gzip, and changes nothing", async () => {
    const file = variant("garbage.gz", Buffer.from("definitely not a backup"));
    await expect(restoreDatabase(t.database, file)).rejects.toBeInstanceOf(BackupError);
    await expectRefusedAndUnchanged(file, /damaged or not a Vigil backup/);
  });

  // Bug fixed: a truncated gzip stream surfaced as a raw zlib "unexpected end of file" error.
  it("refuses a truncated backup, rolling back the rows already loaded", async () => {
    const content = readFileSync(backupFile);
    const file = variant("truncated.gz", content.subarray(0, Math.floor(content.length * 0.8)));
    await expect(restoreDatabase(t.database, file)).rejects.toBeInstanceOf(BackupError);
    await expectRefusedAndUnchanged(file, /damaged/);
  });

  it("refuses a backup with a corrupted line in the middle, rolling back the rows already loaded", async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString("utf8").split("\n");
    const middle = Math.floor(lines.length / 2);
    lines[middle] = lines[middle].slice(0, Math.floor(lines[middle].length / 2));
    const file = variant("corrupted.gz", gzipSync(lines.join("\n")));
    await expectRefusedAndUnchanged(file, /damaged or not a Vigil backup/);
  });

  it("refuses a backup whose rows do not fit the tables, rolling back", async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString("utf8").split("\n");
    const index = lines.findIndex((line) => line.startsWith('{"table":"persons"'));
    const batch = JSON.parse(lines[index]);
    batch.rows[0].sex = null;
    lines[index] = JSON.stringify(batch);
    await expectRefusedAndUnchanged(variant("bad-rows.gz", gzipSync(lines.join("\n"))), /./);
  });

  it("refuses another program's file and a backup from another schema version", async () => {
    await expectRefusedAndUnchanged(variant("foreign.gz", gzipSync('{"format":"something-else"}\n')), /not a Vigil backup/);
    const lines = gunzipSync(readFileSync(backupFile)).toString("utf8").split("\n");
    const header = JSON.parse(lines[0]);
    lines[0] = JSON.stringify({ ...header, migrations: header.migrations + 1 });
    await expectRefusedAndUnchanged(variant("newer.gz", gzipSync(lines.join("\n"))), /schema version/);
  });

  it("refuses an empty file", async () => {
    await expectRefusedAndUnchanged(variant("empty.gz", Buffer.alloc(0)), /damaged|empty/);
    await expectRefusedAndUnchanged(variant("empty-content.gz", gzipSync("")), /empty/);
  });

  // Bug fixed: the read stream's ENOENT was not forwarded through pipe(), so the restore hung.
  it("reports a missing file instead of hanging", async () => {
    await expectRefusedAndUnchanged(path.join(directory, "does-not-exist.gz"), /ENOENT|no such file/);
  });
});
