import { createReadStream, createWriteStream, fchmodSync, openSync, writeSync } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { type AnchorLogger, type AnchorSettings, type AuditAnchor, anchorKey, appendAnchor, signAnchor, writeAnchor } from "../audit/audit-anchor.ts";
import { BackupError, type DecryptOptions, type EncryptOptions, backupKind, decryptingStream, encryptingStream, newDataKey } from "./backup-crypto.ts";
import { type Database, type QueryFn, expectedMigrationCount, migrationStatus } from "./database.ts";

export { BackupError } from "./backup-crypto.ts";

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
  "auth_secrets",
  "login_throttle",
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
  "training_courses",
  "training_certificates",
  "training_reminders",
  "clearance_rule_sets",
  "clearance_suspensions",
  "travel_requests",
  "travel_travellers",
  "travel_legs",
  "travel_request_steps",
  "travel_profiles",
  "air_operators",
  "air_operator_categories",
  "air_rmt_policies",
  "air_rmt_assessments",
  "warden_zones",
  "warden_zone_wardens",
  "warden_zone_households",
  "mass_messages",
  "mass_message_recipients",
  "mass_message_replies",
  "notifications",
  "email_outbox",
  "sms_outbox",
  "webhook_subscriptions",
  "webhook_deliveries",
  "idempotency_keys",
  "audit_log",
  "audit_head",
] as const;

/** Sequences restored from the data: the SQL giving the highest value already used. */
const sequenceResets = [
  { sequence: "travel_request_number_seq", highest: "select coalesce(max(substring(number from '[0-9]+$')::bigint), 0) from travel_requests" },
  // A check-in's recipients and answers are numbered (the reply link carries the recipient's number).
  { sequence: "mass_message_recipients_id_seq", highest: "select coalesce(max(id), 0) from mass_message_recipients" },
  { sequence: "mass_message_replies_id_seq", highest: "select coalesce(max(id), 0) from mass_message_replies" },
];

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

type Header = {
  format: "vigil-backup";
  version: 1;
  migrations: number;
  createdAt: string;
  tables: readonly string[];
  /** The signed head of the audit chain in this backup's snapshot, when anchoring is configured. */
  anchor?: AuditAnchor | null;
};
const batchSize = 2000;

/**
 * `anchor`: where the audit anchors go (the signed head is also written into the header);
 * `passphrase` or `recipientPem`: encrypt the file (see backup-crypto.ts).
 */
export type BackupOptions = EncryptOptions & { anchor?: AnchorSettings };

export async function backupDatabase(database: Database, file: string, options: BackupOptions = {}): Promise<Record<string, number>> {
  const status = await migrationStatus(database);
  const counts: Record<string, number> = {};
  // Before the file is opened: a bad passphrase or key must not truncate an existing backup.
  const dataKey = options.passphrase !== undefined || options.recipientPem !== undefined ? await newDataKey(options) : undefined;
  // The file holds password, session and token hashes and contacts: private from its first byte,
  // and an existing file (which open() leaves at its old mode) is made private too.
  const fd = openSync(file, "w", 0o600);
  fchmodSync(fd, 0o600);
  const output = createWriteStream("", { fd });
  return database.withSession(async (query) => {
    // One repeatable-read snapshot, so the backup is consistent while Vigil keeps running.
    await query("begin isolation level repeatable read");
    try {
      const [head] = await query<{ seq: string | number; hash: string }>("select seq, hash from audit_head where id = 1");
      const anchor = options.anchor ? signAnchor(anchorKey(options.anchor), { seq: Number(head?.seq ?? 0), hash: head?.hash ?? "0".repeat(64) }) : null;
      const header: Header = { format: "vigil-backup", version: 1, migrations: status.applied, createdAt: new Date().toISOString(), tables: backupTables, anchor };
      const source = Readable.from(lines(query, header));
      if (dataKey) {
        const { envelopeLine, cipher } = encryptingStream(dataKey, anchor);
        writeSync(fd, envelopeLine);
        await pipeline(source, createGzip(), cipher, output);
      } else {
        await pipeline(source, createGzip(), output);
      }
      if (options.anchor && anchor) appendAnchor(options.anchor, anchor);
      return counts;
    } finally {
      output.destroy();
      await query("commit");
    }
  });
  async function* lines(query: QueryFn, header: Header) {
    yield `${JSON.stringify(header)}\n`;
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
  }
}

/** `passphrase` or `identityPem` open an encrypted backup; `anchor`: record the restored head. */
export type RestoreOptions = DecryptOptions & { anchor?: AnchorSettings; logger?: AnchorLogger };

/** Replaces every table's content with the backup's, in one transaction: all or nothing. */
export async function restoreDatabase(database: Database, file: string, options: RestoreOptions = {}): Promise<Record<string, number>> {
  const kind = await backupKind(file);
  // A wrong passphrase or key fails here, before the database is touched.
  const source = kind.isEncrypted ? await decryptingStream(file, kind, options) : createReadStream(file);
  const counts = await database.withSession((query) => restoreWith(query, source));
  // Anchors written before this one describe the data that was replaced (audit verify starts here).
  if (options.anchor) await writeAnchor(database, options.anchor, options.logger, "restore");
  return counts;
}

/** The signed audit head a backup file carries (read without its key when encrypted). */
export async function readBackupAnchor(file: string): Promise<AuditAnchor | null> {
  const kind = await backupKind(file);
  if (kind.isEncrypted) return kind.envelope.anchor ?? null;
  const source = createReadStream(file);
  const input = source.pipe(createGunzip());
  source.on("error", (error) => input.destroy(error));
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of reader) {
      const header = JSON.parse(line) as Header;
      if (header.format !== "vigil-backup") throw new BackupError("This file is not a Vigil backup");
      return header.anchor ?? null;
    }
    throw new BackupError("The backup file is empty");
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError("The backup file is damaged or not a Vigil backup");
  } finally {
    input.destroy();
    source.destroy();
  }
}

// Lifted inside restore's own transaction only (migration 0014): TRUNCATE refused by trigger and
// the rights the application does not need taken away; both are back before COMMIT.
const liftAuditProtection = [
  "grant truncate on audit_log, audit_head to current_user",
  "alter table audit_log disable trigger audit_log_no_truncate",
  "alter table audit_head disable trigger audit_head_no_truncate",
];
const restoreAuditProtection = [
  "alter table audit_log enable trigger audit_log_no_truncate",
  "alter table audit_head enable trigger audit_head_no_truncate",
  "revoke truncate, update, delete on audit_log from current_user",
  "revoke truncate, delete on audit_head from current_user",
];

async function restoreWith(query: QueryFn, source: Readable): Promise<Record<string, number>> {
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
        for (const statement of liftAuditProtection) await query(statement);
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
    // Sequences are not rows: each is set past the highest number the restored rows carry, so the
    // next trip numbered after a restore does not collide with one restored.
    for (const { sequence, highest } of sequenceResets) await query(`select setval('${sequence}', greatest((${highest}), 1), (${highest}) > 0)`);
    for (const statement of restoreAuditProtection) await query(statement);
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
