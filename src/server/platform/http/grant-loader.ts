import type { Grant } from "../../../core/access/scope.ts";
import type { Database } from "../db/database.ts";

/**
 * Loads the grants a user holds through appointments in force today. Provided by the
 * appointments module at composition time, so the platform never imports a module.
 */
export type GrantLoader = (database: Database, userId: string) => Promise<{ personId: string | null; grants: Grant[] }>;
