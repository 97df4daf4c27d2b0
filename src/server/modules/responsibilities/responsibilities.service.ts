import { asc, inArray } from "drizzle-orm";
import type { Database } from "../../platform/db/database.ts";
import { responsibilities } from "./responsibilities.tables.ts";
import register from "./responsibilities.data.json" with { type: "json" };

/** Loads (or refreshes) the register from the data shipped with this version. Idempotent. */
export async function loadResponsibilityRegister(database: Database): Promise<number> {
  const rows = register.map((item) => ({ id: `${item.section}.${item.number}`, ...item }));
  await database.db.transaction(async (tx) => {
    await tx.delete(responsibilities);
    await tx.insert(responsibilities).values(rows);
  });
  return rows.length;
}

type Row = typeof responsibilities.$inferSelect;

function groupBySection(rows: Row[]) {
  const sections = new Map<string, { section: string; actor: string; roleKey: string | null; items: { number: number; heading: string | null; text: string }[] }>();
  for (const row of rows) {
    const section = sections.get(row.section) ?? { section: row.section, actor: row.actor, roleKey: row.roleKey, items: [] };
    section.items.push({ number: row.number, heading: row.heading, text: row.text });
    sections.set(row.section, section);
  }
  return [...sections.values()];
}

export async function listResponsibilities(database: Database, roleKeys?: string[]) {
  const rows = await database.db
    .select()
    .from(responsibilities)
    .where(roleKeys ? inArray(responsibilities.roleKey, roleKeys) : undefined)
    .orderBy(asc(responsibilities.section), asc(responsibilities.number));
  return { sections: groupBySection(rows) };
}

/** Flat list for a person's page. */
export async function responsibilitiesForKeys(database: Database, roleKeys: string[]) {
  const rows = await database.db
    .select()
    .from(responsibilities)
    .where(inArray(responsibilities.roleKey, roleKeys))
    .orderBy(asc(responsibilities.section), asc(responsibilities.number));
  return rows.map(({ section, actor, heading, number, text }) => ({ section, actor, heading, number, text }));
}
