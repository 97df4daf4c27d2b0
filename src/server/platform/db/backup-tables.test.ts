import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backupTables, derivedTables } from "./backup.ts";
import { migrationsFolder } from "./database.ts";

describe("backup coverage", () => {
  it("backs up every table of the latest schema, except those derived by triggers", () => {
    const snapshots = readdirSync(path.join(migrationsFolder, "meta")).filter((name) => name.endsWith("_snapshot.json")).sort();
    const latest = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", snapshots.at(-1) as string), "utf8"));
    const tables = Object.values(latest.tables as Record<string, { name: string }>).map((table) => table.name);
    expect([...backupTables, ...derivedTables].sort()).toEqual(tables.sort());
  });
});
