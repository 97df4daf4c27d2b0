import { mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirectoryLockedError } from "./data-dir-lock.ts";
import { openDatabase } from "./database.ts";

/**
 * The embedded database as Vigil opens it: durable commits unless PGLITE_DURABILITY=fast, one
 * process per data directory, and a damaged directory explained instead of "Aborted()".
 */
const root = mkdtempSync(path.join(tmpdir(), "vigil-pglite-open-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function settings(dataDir: string, durability: "full" | "fast") {
  const database = await openDatabase({ dataDir, durability });
  try {
    const [row] = await database.query<{ fsync: string; method: string }>(
      "select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method",
    );
    return row;
  } finally {
    await database.close();
  }
}

describe("openDatabase on a data directory", () => {
  it("turns fsync on by default, and off with durability fast", async () => {
    const dataDir = path.join(root, "durability");
    expect(await settings(dataDir, "full")).toEqual({ fsync: "on", method: "fsync" });
    expect((await settings(dataDir, "fast")).fsync).toBe("off");
  });

  it("refuses a second opening while the first is open, and allows it after close", async () => {
    const dataDir = path.join(root, "twice");
    const first = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirectoryLockedError);
    await first.close();
    const second = await openDatabase({ dataDir });
    await second.close();
  });

  it("says a damaged directory cannot be opened and how to restore, and releases the lock", async () => {
    const dataDir = path.join(root, "damaged");
    const database = await openDatabase({ dataDir });
    await database.query("create table kept (id int)");
    await database.close();
    // What a second process writing beside the first did in issue 11: no valid checkpoint left.
    const wal = path.join(dataDir, "pgdata", "pg_wal");
    for (const segment of readdirSync(wal).filter((name) => /^[0-9A-F]{24}$/.test(name))) unlinkSync(path.join(wal, segment));
    writeFileSync(path.join(dataDir, "pgdata", "global", "pg_control"), Buffer.alloc(8192, 7));
    const failure = await openDatabase({ dataDir }).then(
      () => null,
      (error: Error) => error,
    );
    expect(failure?.message).toContain(`The embedded database in ${path.join(dataDir, "pgdata")} could not be opened`);
    expect(failure?.message).toContain("vigil restore <backup file> --yes");
    expect(readdirSync(dataDir)).not.toContain("vigil.lock");
  });
});
