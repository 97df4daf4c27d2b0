import { loadConfig } from "../platform/config.ts";
import { type Database, openDatabase, runMigrations } from "../platform/db/database.ts";
import { loadResponsibilityRegister } from "../modules/responsibilities/index.ts";

/** Opens the configured database, brings it up to date, and closes it after `work`. */
export async function openMigrated(): Promise<Database> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(database);
  await loadResponsibilityRegister(database);
  return database;
}

export async function withDatabase(work: (database: Database) => Promise<void>): Promise<void> {
  const database = await openMigrated();
  try {
    await work(database);
  } finally {
    await database.close();
  }
}
