import { Command, Option } from "commander";
import { startServer } from "./cli/serve.command.ts";
import { withDatabase } from "./cli/database.command.ts";
import { backupDatabase, restoreDatabase } from "./platform/db/backup.ts";
import { verifyAuditChain } from "./platform/audit/audit.service.ts";
import { seedDemo, demoPassword } from "./seed/demo.seed.ts";
import { printLogins } from "./cli/logins.ts";
import { createUserCommand, resetPasswordCommand } from "./cli/user.command.ts";
import { CommandError, generateIncidentsCommand, importIncidentsCommand } from "./cli/incidents.command.ts";
import { systemRoles } from "../core/access/roles.ts";

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
  .action(() => withDatabase(async () => console.log("Database is up to date.")));

program
  .command("seed")
  .description("Load data into an empty database")
  .requiredOption("--demo", "the generated demo dataset")
  .action(() =>
    withDatabase(async (database) => {
      const logins = await seedDemo(database);
      printLogins(logins, demoPassword);
    }),
  );

const user = program.command("user").description("Manage accounts");
user
  .command("create")
  .description("Create an account")
  .requiredOption("--email <email>", "e-mail address used to sign in")
  .requiredOption("--name <name>", "display name")
  .requiredOption("--password <password>", "password (at least 12 characters)")
  .addOption(new Option("--role <role...>", "system roles").choices([...systemRoles]))
  .action((options: { email: string; name: string; password: string; role?: string[] }) =>
    withDatabase((database) => createUserCommand(database, options)),
  );
user
  .command("reset-password")
  .description("Set a new password and unlock the account")
  .requiredOption("--email <email>", "the account's e-mail")
  .requiredOption("--password <password>", "the new password")
  .action((options: { email: string; password: string }) => withDatabase((database) => resetPasswordCommand(database, options)));

program
  .command("backup")
  .description("Write a consistent backup of the whole database (PGlite or PostgreSQL) to a file")
  .argument("<file>", "backup file to write (gzip'd JSON lines)")
  .action((file: string) =>
    withDatabase(async (database) => {
      const counts = await backupDatabase(database, file);
      console.log(`Backup written to ${file}: ${Object.values(counts).reduce((a, b) => a + b, 0)} rows in ${Object.keys(counts).length} tables.`);
    }),
  );

program
  .command("restore")
  .description("Replace the whole database content with a backup (all or nothing)")
  .argument("<file>", "backup file made by `vigil backup`")
  .requiredOption("--yes", "confirm that the current data will be replaced")
  .action((file: string) =>
    withDatabase(async (database) => {
      const counts = await restoreDatabase(database, file);
      console.log(`Restored ${Object.values(counts).reduce((a, b) => a + b, 0)} rows from ${file}.`);
    }),
  );

const audit = program.command("audit").description("Audit trail");
audit
  .command("verify")
  .description("Check the hash chain: detects edited, deleted or inserted entries")
  .action(() =>
    withDatabase(async (database) => {
      const result = await verifyAuditChain(database);
      if (result.isValid) {
        console.log(`Audit trail intact: ${result.checked} entries verified.`);
      } else {
        console.error(`Audit trail TAMPERED (${result.problems.length} problems):`);
        for (const problem of result.problems.slice(0, 50)) console.error(`  - ${problem}`);
        process.exitCode = 3;
      }
    }),
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
    withDatabase((database) => importIncidentsCommand(database, file, options)).catch(exitWith),
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
    withDatabase((database) => generateIncidentsCommand(database, options)).catch(exitWith),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
