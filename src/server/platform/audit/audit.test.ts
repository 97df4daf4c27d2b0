import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIso } from "../clock.ts";
import { type Database, openDatabase, runMigrations } from "../db/database.ts";
import { systemContext } from "../http/context.ts";
import { createOrganisation } from "../../modules/structure/index.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { openTestDatabase } from "../../testing/test-database.ts";
import { recordAudit, verifyAuditChain } from "./audit.service.ts";

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

type AuditRow = { seq: number; action: string; entity_type: string; entity_id: string; actor_name: string; changes: Record<string, { from: unknown; to: unknown }> };

async function auditTail(database: Database, limit = 1): Promise<AuditRow[]> {
  return database.query<AuditRow>(
    "select seq::int as seq, action, entity_type, entity_id, actor_name, changes from audit_log order by seq desc limit $1",
    [limit],
  );
}

async function auditCount(database: Database): Promise<number> {
  const [row] = await database.query<{ count: number }>("select count(*)::int as count from audit_log");
  return Number(row.count);
}

async function headSeq(database: Database): Promise<number> {
  const [row] = await database.query<{ seq: number }>("select seq::int as seq from audit_head where id = 1");
  return Number(row.seq);
}

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  // Sign in up front: a sign-in is itself audited, and would muddle the counts below.
  for (const email of [demo.admin, demo.pcsaMali]) await t.login(email);
});
afterAll(() => t.close());

describe("audit entries for every change", () => {
  it("shows the creation and a field-level update of an organisation in its history, with ISO time stamps", async () => {
    const created = await t.request(demo.admin, {
      method: "POST",
      url: "/api/organisations",
      payload: { code: "IOM", name: "International Organisation for Migration", kind: "related_organisation" },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const patched = await t.request(demo.admin, {
      method: "PATCH",
      url: `/api/organisations/${id}`,
      payload: { name: "International Organization for Migration" },
    });
    expect(patched.statusCode).toBe(200);

    const history = await t.request(demo.admin, { method: "GET", url: `/api/history/organisation/${id}` });
    expect(history.statusCode).toBe(200);
    const items = history.json().items;
    expect(items.map((item: { action: string }) => item.action)).toEqual(["create", "update"]);
    const [creation, update] = items;
    expect(creation.actorName).toBe("Vigil Administrator");
    expect(creation.changes).toMatchObject({
      code: { from: null, to: "IOM" },
      name: { from: null, to: "International Organisation for Migration" },
      kind: { from: null, to: "related_organisation" },
    });
    expect(update.changes).toEqual({
      name: { from: "International Organisation for Migration", to: "International Organization for Migration" },
    });
    for (const item of items) expect(item.at).toMatch(isoTimestamp);
    expect(update.seq).toBeGreaterThan(creation.seq);
    expect(Date.parse(update.at)).toBeGreaterThanOrEqual(Date.parse(creation.at));
  });

  it("writes exactly one entry per create, update and delete, naming the record and the change", async () => {
    const mali = (await t.request(demo.admin, { method: "GET", url: "/api/places?kind=designated_area&q=Mali" })).json().items[0];
    const organisation = (await t.request(demo.admin, { method: "GET", url: "/api/organisations?q=WFP" })).json().items[0];

    const steps: { name: string; run: () => Promise<{ statusCode: number; id: string }>; expected: { action: string; entityType: string } }[] = [];
    let placeId = "";
    let personId = "";
    steps.push({
      name: "create a duty station",
      expected: { action: "create", entityType: "place" },
      run: async () => {
        const response = await t.request(demo.admin, {
          method: "POST",
          url: "/api/places",
          payload: { kind: "duty_station", parentId: mali.id, name: "Ménaka", latitude: 15.918, longitude: 2.402 },
        });
        placeId = response.json().id;
        return { statusCode: response.statusCode, id: placeId };
      },
    });
    steps.push({
      name: "rename it",
      expected: { action: "update", entityType: "place" },
      run: async () => {
        const response = await t.request(demo.admin, { method: "PATCH", url: `/api/places/${placeId}`, payload: { name: "Menaka" } });
        return { statusCode: response.statusCode, id: placeId };
      },
    });
    steps.push({
      name: "add a person there",
      expected: { action: "create", entityType: "person" },
      run: async () => {
        const response = await t.request(demo.pcsaMali, {
          method: "POST",
          url: "/api/personnel",
          payload: {
            organisationId: organisation.id,
            dutyStationId: placeId,
            givenName: "Oumou",
            familyName: "Sidibé",
            sex: "female",
            recruitmentType: "locally_recruited",
            category: "general_service",
            private: { phone: "+223 20 22 33 44" },
          },
        });
        personId = response.json().id;
        return { statusCode: response.statusCode, id: personId };
      },
    });
    steps.push({
      name: "delete the person",
      expected: { action: "delete", entityType: "person" },
      run: async () => {
        const response = await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/personnel/${personId}` });
        return { statusCode: response.statusCode, id: personId };
      },
    });
    steps.push({
      name: "delete the station",
      expected: { action: "delete", entityType: "place" },
      run: async () => {
        const response = await t.request(demo.admin, { method: "DELETE", url: `/api/places/${placeId}` });
        return { statusCode: response.statusCode, id: placeId };
      },
    });

    for (const step of steps) {
      const before = await headSeq(t.database);
      const { statusCode, id } = await step.run();
      expect(statusCode, step.name).toBeLessThan(300);
      const written = (await auditTail(t.database, 10)).filter((entry) => entry.seq > before).reverse();
      // A response that shows contacts also records that read (the P/C/SA sees the new person's phone).
      const changes = written.filter((entry) => entry.action !== "read_sensitive");
      expect(changes, step.name).toHaveLength(1);
      expect(changes[0], step.name).toMatchObject({ seq: before + 1, action: step.expected.action, entity_type: step.expected.entityType, entity_id: id });
      expect(await headSeq(t.database), step.name).toBe(written.at(-1)?.seq);
    }

    // The place is gone, so its history is no longer reachable through the API…
    const history = await t.request(demo.admin, { method: "GET", url: `/api/history/place/${placeId}` });
    expect(history.statusCode).toBe(404);
    // …but the trail keeps the full record of its deletion.
    const [deletion] = await t.database.query<AuditRow>(
      "select action, changes from audit_log where entity_type = 'place' and entity_id = $1 and action = 'delete'",
      [placeId],
    );
    expect(deletion.changes).toMatchObject({ name: { from: "Menaka", to: null }, kind: { from: "duty_station", to: null } });
  });

  it("leaves no entry behind when a write is refused (an overlapping DO appointment, 409)", async () => {
    const mali = (await t.request(demo.admin, { method: "GET", url: "/api/places?kind=designated_area&q=Mali" })).json().items[0];
    const person = (await t.request(demo.admin, { method: "GET", url: `/api/personnel?placeId=${mali.id}&pageSize=1` })).json().items[0];
    const [countBefore, headBefore] = [await auditCount(t.database), await headSeq(t.database)];
    const response = await t.request(demo.admin, {
      method: "POST",
      url: "/api/appointments",
      payload: { personId: person.id, role: "do_ai", placeId: mali.id, startsOn: todayIso(), appointedBy: "USG UNDSS" },
    });
    expect(response.statusCode).toBe(409);
    expect(await auditCount(t.database)).toBe(countBefore);
    expect(await headSeq(t.database)).toBe(headBefore);
    expect((await verifyAuditChain(t.database)).isValid).toBe(true);
  });

  it("rolls an entry back with the transaction that wrote it", async () => {
    const headBefore = await headSeq(t.database);
    const context = systemContext(t.database, "audit test");
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordAudit(tx, context.audit, { action: "update", entityType: "organisation", entityId: "x", changes: {} });
        throw new Error("the change itself failed");
      }),
    ).rejects.toThrow("the change itself failed");
    expect(await headSeq(t.database)).toBe(headBefore);
    const [last] = await auditTail(t.database);
    expect(last.seq).toBe(headBefore);
    expect((await verifyAuditChain(t.database)).isValid).toBe(true);
  });

  it("keeps the chain valid after all these writes", async () => {
    const result = await verifyAuditChain(t.database);
    expect(result).toMatchObject({ isValid: true, problems: [] });
    expect(result.checked).toBe(await auditCount(t.database));
  });
});

describe("the audit trail is append-only", () => {
  it("refuses a plain UPDATE of an entry", async () => {
    await expect(t.database.query("update audit_log set actor_name = 'someone else' where seq = 1")).rejects.toThrow(/append-only/);
  });

  it("refuses a plain DELETE of an entry", async () => {
    await expect(t.database.query("delete from audit_log where seq = 2")).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(t.database)).isValid).toBe(true);
  });
});

describe("tamper detection", () => {
  // One fresh copy of the seeded database: each test tampers with it, checks the report, then
  // puts the original rows back and checks that the trail is whole again.
  let database: Awaited<ReturnType<typeof openTestDatabase>>;

  beforeAll(async () => {
    database = await openTestDatabase();
    await database.query("alter table audit_log disable trigger audit_log_no_update_or_delete");
  });
  afterAll(() => database.drop());

  async function tamperAndRestore(seqs: string, tamper: () => Promise<void>) {
    const saved = await database.query<{ row: string }>(`select row_to_json(a)::text as row from audit_log a where seq in (${seqs})`);
    let result: Awaited<ReturnType<typeof verifyAuditChain>>;
    try {
      await tamper();
      result = await verifyAuditChain(database);
    } finally {
      await database.query(`delete from audit_log where seq in (${seqs})`);
      for (const { row } of saved) {
        await database.query("insert into audit_log select * from json_populate_record(null::audit_log, $1::json)", [row]);
      }
    }
    expect(await verifyAuditChain(database)).toMatchObject({ isValid: true, problems: [] });
    return result;
  }

  it("finds the seeded demo trail intact", async () => {
    const result = await verifyAuditChain(database);
    expect(result.problems).toEqual([]);
    expect(result.isValid).toBe(true);
    expect(result.checked).toBeGreaterThan(400);
    expect(result.checked).toBe(await auditCount(database));
  });

  it("reports an entry whose changes were edited", async () => {
    const result = await tamperAndRestore("7", async () => {
      await database.query(`update audit_log set changes = '{"name":{"from":null,"to":"Forged"}}'::jsonb where seq = 7`);
    });
    expect(result.isValid).toBe(false);
    expect(result.problems).toEqual(["entry 7 was altered after it was written"]);
  });

  it("reports an entry whose actor was edited", async () => {
    const result = await tamperAndRestore("3", async () => {
      await database.query("update audit_log set actor_name = 'nobody' where seq = 3");
    });
    expect(result.problems).toEqual(["entry 3 was altered after it was written"]);
  });

  it("reports a deleted entry in the middle as missing", async () => {
    const result = await tamperAndRestore("10", async () => {
      await database.query("delete from audit_log where seq = 10");
    });
    expect(result.isValid).toBe(false);
    expect(result.problems).toContain("entry 10 is missing (next entry is 11)");
    expect(result.problems).toContain("entry 11 does not follow the entry before it");
  });

  it("reports a deleted last entry through the chain's head", async () => {
    const [{ last }] = await database.query<{ last: number }>("select max(seq)::int as last from audit_log");
    const result = await tamperAndRestore(String(last), async () => {
      await database.query("delete from audit_log where seq = $1", [last]);
    });
    expect(result.isValid).toBe(false);
    expect(result.problems).toEqual([`the chain ends at entry ${last - 1} but the head records entry ${last}`]);
  });

  it("reports a re-hashed entry that no longer links to the next one", async () => {
    const result = await tamperAndRestore("5", async () => {
      // A forger who rewrites one entry's hash still breaks the link to the next entry.
      await database.query("update audit_log set hash = repeat('a', 64) where seq = 5");
    });
    expect(result.problems).toContain("entry 5 was altered after it was written");
    expect(result.problems).toContain("entry 6 does not follow the entry before it");
  });
});

describe("vigil audit verify", () => {
  const root = fileURLToPath(new URL("../../../../", import.meta.url));
  let dataDir: string;

  /** The parent's environment without Vigil's own variables (Vitest itself sets BASE_URL to "/"). */
  function commandEnvironment(): NodeJS.ProcessEnv {
    const environment = { ...process.env };
    for (const name of ["PORT", "HOST", "BASE_URL", "DATABASE_URL", "SMTP_URL", "SESSION_HOURS", "MAIL_FROM"]) delete environment[name];
    return { ...environment, DATA_DIR: dataDir, LOG_LEVEL: "silent" };
  }

  function verifyCommand(): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [path.join(root, "bin/vigil.js"), "audit", "verify"],
        { cwd: root, env: commandEnvironment() },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  beforeAll(async () => {
    // The command line always uses a PGlite data directory here, whichever database the suite runs on.
    dataDir = mkdtempSync(path.join(tmpdir(), "vigil-audit-cli-"));
    const database = await openDatabase({ dataDir });
    await runMigrations(database);
    const context = systemContext(database, "audit test");
    for (const code of ["AAA", "BBB", "CCC"]) await createOrganisation(context, { code, name: `Organisation ${code}`, kind: "secretariat", hqFocalPoints: [] });
    await database.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("exits 0 on an intact trail and 3 on a tampered one", { timeout: 180_000 }, async () => {
    const intact = await verifyCommand();
    expect(intact.stderr).toBe("");
    expect(intact.stdout).toContain("Audit trail intact: 3 entries verified.");
    expect(intact.code).toBe(0);

    const database = await openDatabase({ dataDir });
    await database.query("alter table audit_log disable trigger audit_log_no_update_or_delete");
    await database.query(`update audit_log set changes = '{}'::jsonb where seq = 2`);
    await database.close();

    const tampered = await verifyCommand();
    expect(tampered.stderr).toContain("Audit trail TAMPERED");
    expect(tampered.stderr).toContain("entry 2 was altered after it was written");
    expect(tampered.code).toBe(3);
  });
});
