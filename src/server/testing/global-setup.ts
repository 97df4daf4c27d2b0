import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { loadResponsibilityRegister } from "../modules/responsibilities/index.ts";
import { openDatabase, runMigrations, type Database } from "../platform/db/database.ts";
import { seedDemo } from "../seed/demo.seed.ts";
import { artifactsDir, templateDatabaseName, templateDumpFile } from "./test-database.ts";

async function prepare(database: Database) {
  await runMigrations(database);
  await loadResponsibilityRegister(database);
  await seedDemo(database);
}

/** Builds the seeded template once per run; every test file copies it. */
export default async function setup() {
  mkdirSync(artifactsDir, { recursive: true });
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${templateDatabaseName}`);
    await admin.query(`create database ${templateDatabaseName}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabase(url, templateDatabaseName) });
    await prepare(database);
    await database.close();
    return;
  }
  const pglite = new PGlite();
  const database = await openDatabase({ pglite });
  await prepare(database);
  const dump = await pglite.dumpDataDir("none");
  // Written aside then renamed: test runs started side by side never read a half-written template.
  const partial = `${templateDumpFile}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, templateDumpFile);
  await pglite.close();
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

