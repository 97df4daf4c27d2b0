import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { type Database, type QueryFn, expectedMigrationCount, migrationStatus } from "./database.ts";

/**
 * Logical backups that work the same on PGlite and PostgreSQL, and move a deployment from
 * one to the other: gzip'd JSON lines, one header then batches of rows per table, each row
 * as PostgreSQL's own `row_to_json`, read back with `json_populate_recordset`.
 * Tables are listed parents first, so a restore never breaks a foreign key.
 */
export const backupTables = [
  "users",
  "user_identities",
  "sessions",
  "api_tokens",
  "files",
  "organisations",
  "places",
  "persons",
  "person_private",
  "dependants",
  "appointments",
  "meetings",
  "meeting_attendees",
  "action_points",
  "responsibilities",
  "incidents",
  "incident_people",
  "incident_need_to_know",
  "incident_attachments",
  "victim_cases",
  "victim_follow_ups",
  "risk_matrices",
  "srm_assessments",
  "srm_activities",
  "srm_threats",
  "srm_scenarios",
  "srm_measures",
  "srm_measure_evidence",
  "pc_assessments",
  "risk_acceptances",
  "security_level_changes",
  "notifications",
  "email_outbox",
  "webhook_subscriptions",
  "webhook_deliveries",
  "idempotency_keys",
  "audit_log",
  "audit_head",
] as const;

/**
 * Tables derived from others by triggers (rollups): not backed up, emptied on restore and
 * rebuilt by the triggers as the restored rows go in.
 */
export const derivedTables = [
  "incident_monthly_rollup",
  "incident_people_monthly_rollup",
  "incident_outcome_monthly_rollup",
  "incident_demography_monthly_rollup",
  "incident_yearly_rollup",
  "incident_outcome_yearly_rollup",
  "incident_demography_yearly_rollup",
  "incident_area_monthly_rollup",
  "reference_stamp",
] as const;

// Places refer to their parent: shorter paths first, so a parent is always restored before its children.
const tableOrder: Partial<Record<(typeof backupTables)[number], string>> = { places: "length(t.path), t.id" };

type Header = { format: "vigil-backup"; version: 1; migrations: number; createdAt: string; tables: readonly string[] };
const batchSize = 2000;

export async function backupDatabase(database: Database, file: string): Promise<Record<string, number>> {
  const status = await migrationStatus(database);
  const counts: Record<string, number> = {};
  return database.withSession(async (query) => {
    await pipeline(Readable.from(lines(query)), createGzip(), createWriteStream(file));
    return counts;
  });
  async function* lines(query: QueryFn) {
    const header: Header = { format: "vigil-backup", version: 1, migrations: status.applied, createdAt: new Date().toISOString(), tables: backupTables };
    yield `${JSON.stringify(header)}\n`;
    // One repeatable-read snapshot, so the backup is consistent while Vigil keeps running.
    await query("begin isolation level repeatable read");
    try {
      for (const table of backupTables) {
        counts[table] = 0;
        for (let offset = 0; ; offset += batchSize) {
          const rows = await query<{ row: string }>(
            `select row_to_json(t)::text as row from "${table}" t order by ${tableOrder[table] ?? "1"} limit ${batchSize} offset ${offset}`,
          );
          if (rows.length === 0) break;
          counts[table] += rows.length;
          yield `{"table":"${table}","rows":[${rows.map((row) => row.row).join(",")}]}\n`;
          if (rows.length < batchSize) break;
        }
      }
    } finally {
      await query("commit");
    }
  }
}

export class BackupError extends Error {}

/** Replaces every table's content with the backup's, in one transaction: all or nothing. */
export function restoreDatabase(database: Database, file: string): Promise<Record<string, number>> {
  return database.withSession((query) => restoreWith(query, file));
}

async function restoreWith(query: QueryFn, file: string): Promise<Record<string, number>> {
  const source = createReadStream(file);
  const input = source.pipe(createGunzip());
  // pipe() does not forward the source's errors: an unreadable file would hang the restore.
  source.on("error", (error) => input.destroy(error));
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const counts: Record<string, number> = {};
  let header: Header | undefined;
  let isOpen = false;
  try {
    for await (const line of reader) {
      if (!line.trim()) continue;
      if (!header) {
        const parsed = JSON.parse(line) as Header;
        if (parsed.format !== "vigil-backup") throw new BackupError("This file is not a Vigil backup");
        if (parsed.migrations !== expectedMigrationCount()) {
          throw new BackupError(
            `The backup was made at schema version ${parsed.migrations}; this Vigil is at ${expectedMigrationCount()}. Restore it with the matching version.`,
          );
        }
        header = parsed;
        await query("begin");
        isOpen = true;
        await query(`truncate ${[...backupTables, ...derivedTables].map((table) => `"${table}"`).join(", ")} cascade`);
        continue;
      }
      const batch = JSON.parse(line) as { table: string; rows: unknown[] };
      if (!(backupTables as readonly string[]).includes(batch.table)) throw new BackupError(`Unknown table ${batch.table}`);
      await query(
        `insert into "${batch.table}" select * from json_populate_recordset(null::"${batch.table}", $1::json)`,
        [JSON.stringify(batch.rows)],
      );
      counts[batch.table] = (counts[batch.table] ?? 0) + batch.rows.length;
    }
    if (!header) throw new BackupError("The backup file is empty");
    await query("commit");
    isOpen = false;
  } catch (error) {
    if (isOpen) await query("rollback");
    // Z_BUF_ERROR: the gzip stream ends early (a truncated or empty file).
    if (error instanceof SyntaxError || ["Z_DATA_ERROR", "Z_BUF_ERROR"].includes((error as NodeJS.ErrnoException).code ?? "")) {
      throw new BackupError("The backup file is damaged or not a Vigil backup");
    }
    throw error;
  } finally {
    input.destroy();
    source.destroy();
  }
  return counts;
}
