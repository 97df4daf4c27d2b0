import { asc, inArray } from "drizzle-orm";
import { responsibilityKeysByRole } from "../../../core/access/role-responsibilities.ts";
import type { AppointmentRole } from "../../../core/access/roles.ts";
import type { Database } from "../../platform/db/database.ts";
import { responsibilities } from "./responsibilities.tables.ts";
import register from "./responsibilities.data.json" with { type: "json" };
import french from "./responsibilities.fr.json" with { type: "json" };

type Translation = { actor: string; heading: string | null; text: string };
const translations = french as Record<string, Translation | undefined>;

/** Loads (or refreshes) the register, with its French translation, from the data shipped with this version. */
export async function loadResponsibilityRegister(database: Database): Promise<number> {
  const rows = register.map((item) => {
    const id = `${item.section}.${item.number}`;
    const translation = translations[id];
    return { id, ...item, actorFr: translation?.actor ?? null, headingFr: translation?.heading ?? null, textFr: translation?.text ?? null };
  });
  // Every start loads it: written only when this version's data differ from the stored rows (a
  // rewrite with its fsync was a tenth of a second of each start).
  const columns = ["id", "section", "actor", "roleKey", "heading", "number", "text", "actorFr", "headingFr", "textFr"] as const;
  const comparable = (list: readonly Partial<Record<(typeof columns)[number], unknown>>[]) =>
    JSON.stringify([...list].sort((a, b) => String(a.id).localeCompare(String(b.id))).map((row) => columns.map((column) => row[column] ?? null)));
  await database.db.transaction(async (tx) => {
    if (comparable(await tx.select().from(responsibilities)) === comparable(rows)) return;
    await tx.delete(responsibilities);
    await tx.insert(responsibilities).values(rows);
  });
  return rows.length;
}

type Row = typeof responsibilities.$inferSelect;

function groupBySection(rows: Row[]) {
  type Item = { number: number; heading: string | null; text: string; headingFr: string | null; textFr: string | null };
  const sections = new Map<string, { section: string; actor: string; actorFr: string | null; roleKey: string | null; items: Item[] }>();
  for (const row of rows) {
    const section = sections.get(row.section) ?? { section: row.section, actor: row.actor, actorFr: row.actorFr, roleKey: row.roleKey, items: [] };
    section.items.push({ number: row.number, heading: row.heading, text: row.text, headingFr: row.headingFr, textFr: row.textFr });
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

/**
 * The register for one role or body, or all of it. An appointment role reads its own
 * section only (a DO a.i. reads the DO's); bodies and "personnel" read theirs.
 */
export function registerForRole(database: Database, role?: string) {
  if (!role) return listResponsibilities(database);
  const ownSection = responsibilityKeysByRole[role as AppointmentRole]?.[0];
  return listResponsibilities(database, [ownSection ?? role]);
}

/** Flat list for a person's page. */
export async function responsibilitiesForKeys(database: Database, roleKeys: string[]) {
  const rows = await database.db
    .select()
    .from(responsibilities)
    .where(inArray(responsibilities.roleKey, roleKeys))
    .orderBy(asc(responsibilities.section), asc(responsibilities.number));
  return rows.map(({ section, actor, actorFr, heading, headingFr, number, text, textFr }) => ({
    section,
    actor,
    actorFr,
    heading,
    headingFr,
    number,
    text,
    textFr,
  }));
}
