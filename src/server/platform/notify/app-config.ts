import { type Config, loadConfig } from "../config.ts";
import type { Database } from "../db/database.ts";

/**
 * The configuration of the app serving a database. Side effects written inside a service's
 * transaction (a flash alert needs the public address and the list of critical kinds) read it
 * here, since the service context carries only the database, the actor and the audit context.
 */
const configs = new WeakMap<Database, Config>();

export function bindAppConfig(database: Database, config: Config): void {
  configs.set(database, config);
}

/** The bound configuration; the command line and seeds, which start no server, get the environment's. */
export function appConfigOf(database: Database): Config {
  const bound = configs.get(database);
  if (bound) return bound;
  try {
    return loadConfig();
  } catch {
    return loadConfig({});
  }
}
