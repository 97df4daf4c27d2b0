import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type Database, openDatabase } from "../platform/db/database.ts";

export const artifactsDir = fileURLToPath(new URL("../../../.test-artifacts", import.meta.url));
export const templateDumpFile = path.join(artifactsDir, "template-pglite.tar");
export const templateDatabaseName = "vigil_test_template";

function withName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * A fresh copy of the seeded demo database for one test file: PGlite loaded from the
 * template dump, or a PostgreSQL database created from the template database.
 */
export async function openTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `vigil_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${templateDatabaseName}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withName(url, name) });
    return {
      ...database,
      async drop() {
        await database.close();
        const cleaner = new pg.Client({ connectionString: url });
        await cleaner.connect();
        await cleaner.query(`drop database if exists ${name}`);
        await cleaner.end();
      },
    };
  }
  const dump = new Blob([readFileSync(templateDumpFile)]);
  const pglite = await PGlite.create({ loadDataDir: dump });
  const database = await openDatabase({ pglite });
  return { ...database, drop: () => database.close() };
}

export function testDatabaseKind(): "postgres" | "pglite" {
  return process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
}
