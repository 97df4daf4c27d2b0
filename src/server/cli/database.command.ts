import { loadConfig } from "../platform/config.ts";
import { type Database, openDatabase, runMigrations } from "../platform/db/database.ts";
import { withStartupLock } from "../platform/db/startup-lock.ts";
import { loadResponsibilityRegister } from "../modules/responsibilities/index.ts";

/**
 * Opens the configured database and brings it up to date. On PGlite, opening takes the data
 * directory's lock (platform/db/data-dir-lock.ts): a second process is refused with the holder
 * named. On PostgreSQL, the migrations, the register and `afterMigrations` (the demo seed) run
 * under the start-up advisory lock, one node after the other.
 */
export async function openMigrated(options: { afterMigrations?: (database: Database) => Promise<void> } = {}): Promise<Database> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, durability: config.pgliteDurability });
  try {
    await withStartupLock(database, async () => {
      await runMigrations(database);
      await loadResponsibilityRegister(database);
      await options.afterMigrations?.(database);
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Opens the configured database, brings it up to date, and closes it after `work`. */
export async function withDatabase(work: (database: Database) => Promise<void>): Promise<void> {
  const database = await openMigrated();
  try {
    await work(database);
  } finally {
    await database.close();
  }
}
