import path from "node:path";
import { z } from "zod";
import { systemRoles } from "../../core/access/roles.ts";
import { verifyAuditTrail } from "../platform/audit/audit-verify.ts";
import { loadConfig } from "../platform/config.ts";
import { backupDatabase } from "../platform/db/backup.ts";
import type { Database } from "../platform/db/database.ts";
import { createUserCommand, resetPasswordCommand } from "./user.command.ts";

/**
 * The commands that may run inside the running server when it holds the embedded database
 * (control-server.ts), with the same functions as when the command line opens the database
 * itself. What they print is returned, so that either side can show it.
 */
export const controlRequest = z.discriminatedUnion("command", [
  z.object({
    command: z.literal("user create"),
    email: z.string().min(1),
    name: z.string().min(1),
    password: z.string().min(1),
    role: z.array(z.enum(systemRoles)).optional(),
  }),
  z.object({ command: z.literal("user reset-password"), email: z.string().min(1), password: z.string().min(1) }),
  // Absolute: the server's working directory is not the caller's.
  z.object({
    command: z.literal("backup"),
    file: z.string().refine((file) => path.isAbsolute(file), "must be an absolute path"),
    // Encryption (backupDatabase's options): the caller reads its files and sends their content.
    passphrase: z.string().optional(),
    recipientPem: z.string().optional(),
  }),
  z.object({
    command: z.literal("audit verify"),
    // An anchor file or backup to check against instead of AUDIT_ANCHOR_FILE; absolute, as above.
    anchorSource: z.string().refine((file) => path.isAbsolute(file), "must be an absolute path").optional(),
  }),
]);

export type ControlRequest = z.infer<typeof controlRequest>;
export type CommandOutcome = { output: string[]; errors: string[]; exitCode: number };

/** Runs one command on an open database. A failure is reported in the outcome (exit code 1). */
export async function runControlCommand(database: Database, request: ControlRequest): Promise<CommandOutcome> {
  try {
    return await run(database, request);
  } catch (error) {
    return { output: [], errors: [error instanceof Error ? error.message : String(error)], exitCode: 1 };
  }
}

async function run(database: Database, request: ControlRequest): Promise<CommandOutcome> {
  switch (request.command) {
    case "user create":
      return { output: [await createUserCommand(database, request)], errors: [], exitCode: 0 };
    case "user reset-password":
      return { output: [await resetPasswordCommand(database, request)], errors: [], exitCode: 0 };
    case "backup": {
      const anchor = loadConfig().auditAnchor;
      const counts = await backupDatabase(database, request.file, { passphrase: request.passphrase, recipientPem: request.recipientPem, anchor });
      const rows = Object.values(counts).reduce((a, b) => a + b, 0);
      return { output: [`Backup written to ${request.file}: ${rows} rows in ${Object.keys(counts).length} tables.`], errors: [], exitCode: 0 };
    }
    case "audit verify": {
      const result = await verifyAuditTrail(database, { anchor: loadConfig().auditAnchor, anchorSource: request.anchorSource });
      const source = result.anchorSource;
      const anchors = source.isFound ? `Checked against ${result.anchorsChecked} signed anchors of ${source.file}.` : `No anchor file at ${source.file} yet: only the chain itself was checked.`;
      if (result.isValid) return { output: [`Audit trail intact: ${result.checked} entries verified.`, anchors], errors: [], exitCode: 0 };
      const problems = result.problems.slice(0, 50).map((problem) => `  - ${problem}`);
      return { output: [], errors: [`Audit trail TAMPERED (${result.problems.length} problems):`, ...problems], exitCode: 3 };
    }
  }
}
