import path from "node:path";
import { Command, Option } from "commander";
import { startServer } from "./cli/serve.command.ts";
import { runHereOrThroughServer, withOwnDatabase } from "./cli/control-client.ts";
import { restoreDatabase } from "./platform/db/backup.ts";
import { loadConfig } from "./platform/config.ts";
import { type BackupSecretOptions, readBackupSecrets } from "./cli/backup-secrets.ts";
import { seedDemo, demoPassword } from "./seed/demo.seed.ts";
import { printLogins } from "./cli/logins.ts";
import { CommandError, generateIncidentsCommand, importIncidentsCommand } from "./cli/incidents.command.ts";
import { type SystemRole, systemRoles } from "../core/access/roles.ts";

// What a refused command may do instead while a server holds the embedded data directory.
const stopTheServer = "Stop the Vigil server first (Ctrl+C or SIGTERM), run this command, then start the server again.";
const importThroughServer = "To add incidents while the server runs, import them in the web app (Incidents → Import) or through the API (POST /api/incidents/imports).";

const program = new Command();
program.name("vigil").description("Vigil security management information system").showHelpAfterError();

program
  .command("serve")
  .description("Migrate the database and start the web server")
  .option("--demo-if-empty", "load the demo dataset when the database is empty")
  .action(async (options: { demoIfEmpty?: boolean }) => {
    await startServer({ isDemoIfEmpty: Boolean(options.demoIfEmpty) });
  });

program
  .command("migrate")
  .description("Apply database migrations and load the responsibilities register")
  .action(() => withOwnDatabase(async () => console.log("Database is up to date."), stopTheServer));

program
  .command("seed")
  .description("Load data into an empty database")
  .requiredOption("--demo", "the generated demo dataset")
  .action(() =>
    withOwnDatabase(async (database) => {
      const logins = await seedDemo(database);
      printLogins(logins, demoPassword);
    }, stopTheServer),
  );

const user = program.command("user").description("Manage accounts");
user
  .command("create")
  .description("Create an account")
  .requiredOption("--email <email>", "e-mail address used to sign in")
  .requiredOption("--name <name>", "display name")
  .requiredOption("--password <password>", "password (at least 12 characters)")
  .addOption(new Option("--role <role...>", "system roles").choices([...systemRoles]))
  .action((options: { email: string; name: string; password: string; role?: SystemRole[] }) =>
    runHereOrThroughServer({ command: "user create", ...options }),
  );
user
  .command("reset-password")
  .description("Set a new password and unlock the account")
  .requiredOption("--email <email>", "the account's e-mail")
  .requiredOption("--password <password>", "the new password")
  .action((options: { email: string; password: string }) => runHereOrThroughServer({ command: "user reset-password", ...options }));

program
  .command("backup")
  .description("Write a consistent backup of the whole database (PGlite or PostgreSQL) to a file")
  .argument("<file>", "backup file to write (gzip'd JSON lines; 0600)")
  .option("--passphrase-file <file>", "encrypt with the passphrase in this file (or set VIGIL_BACKUP_PASSPHRASE): scrypt + AES-256-GCM")
  .option("--recipient <public key PEM>", "encrypt for this RSA or X25519 public key (its private key restores)")
  .action((file: string, options: BackupSecretOptions) => {
    const { passphrase, recipientPem } = readBackupSecrets(options);
    return runHereOrThroughServer({ command: "backup", file: path.resolve(file), passphrase, recipientPem });
  });

program
  .command("restore")
  .description("Replace the whole database content with a backup (all or nothing)")
  .argument("<file>", "backup file made by `vigil backup`")
  .requiredOption("--yes", "confirm that the current data will be replaced")
  .option("--passphrase-file <file>", "the passphrase of an encrypted backup (or set VIGIL_BACKUP_PASSPHRASE)")
  .option("--identity <private key PEM>", "the private key of a backup encrypted with --recipient")
  .action((file: string, options: BackupSecretOptions) =>
    withOwnDatabase(async (database) => {
      const { passphrase, identityPem } = readBackupSecrets(options);
      const counts = await restoreDatabase(database, file, { passphrase, identityPem, anchor: loadConfig().auditAnchor });
      console.log(`Restored ${Object.values(counts).reduce((a, b) => a + b, 0)} rows from ${file}.`);
    }, stopTheServer),
  );

const audit = program.command("audit").description("Audit trail");
audit
  .command("verify")
  .description("Check the hash chain: detects edited, deleted or inserted entries")
  .option("--anchor <file>", "check against the anchors of this anchor file or backup instead of AUDIT_ANCHOR_FILE")
  .action((options: { anchor?: string }) =>
    runHereOrThroughServer({ command: "audit verify", ...(options.anchor ? { anchorSource: path.resolve(options.anchor) } : {}) }),
  );

/** A command's own failure: its message, and its exit code (the database is closed by then). */
function exitWith(error: unknown): void {
  if (!(error instanceof CommandError)) throw error;
  console.error(error.message);
  process.exitCode = error.exitCode;
}

program
  .command("import")
  .description("Import records from files")
  .command("incidents")
  .description("Import incidents from a CSV or XLSX file, each row checked as the API checks it; re-importing adds nothing (exit 1: nothing imported, 2: unusable file, mapping or user)")
  .argument("<file>", "CSV or XLSX file, header in row 1")
  .requiredOption("--user <email>", "the account the import acts as (its scope and its name in the audit trail)")
  .option("--mapping <json file>", 'column mapping: {"mapping": {"category": "Type", …}, "defaults": {"timeZone": "Africa/Bamako", …}}; suggested from the headers when absent')
  .action((file: string, options: { user: string; mapping?: string }) =>
    withOwnDatabase((database) => importIncidentsCommand(database, file, options), importThroughServer).catch(exitWith),
  );

program
  .command("generate")
  .description("Generate data for demonstrations and benchmarks")
  .command("incidents")
  .description("Generate realistic incidents over the duty stations and the years since 2016 (deterministic for a seed)")
  .requiredOption("--count <n>", "how many incidents")
  .option("--seed <s>", "seed of the generator; the same seed again adds nothing")
  .addOption(new Option("--audit <mode>", "one audit entry per incident, or one per batch (for millions)").choices(["each", "batch"]).default("each"))
  .option("--batch-size <n>", "incidents per transaction", "1000")
  .action((options: { count: string; seed?: string; audit?: "each" | "batch"; batchSize?: string }) =>
    withOwnDatabase((database) => generateIncidentsCommand(database, options), `${stopTheServer} ${importThroughServer}`).catch(exitWith),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
