/**
 * Turns the roles-and-responsibilities annex of the Framework of Accountability (the
 * seed text) into the register's data file. Run once when the seed changes:
 *   npx tsx scripts/extract-responsibilities.ts <annex.txt>
 */
import { readFileSync, writeFileSync } from "node:fs";

const sectionRoles: Record<string, string | null> = {
  A: null, B: null, C: null, D: null, E: null,
  F: "do", G: "org_representative", H: "smt", I: "asc", J: "asmt", K: "pcsa", L: "csfp",
  M: "asa", N: "security_cell_member", O: "org_security_focal_point", P: "security_cell", Q: "personnel",
};

type Item = { section: string; actor: string; roleKey: string | null; heading: string | null; number: number; text: string };

const source = process.argv[2];
if (!source) throw new Error("usage: extract-responsibilities <annex.txt>");
const lines = readFileSync(source, "utf8").split("\n");
const annex = lines.findIndex((line) => line.startsWith("Roles and Responsibilities of Actors"));
const start = lines.findIndex((line, index) => index > annex && line.startsWith("A. The Secretary-General"));
const superscripts = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;
const items: Item[] = [];
let section = "";
let actor = "";
let heading: string | null = null;
let isFootnote = false;
for (const raw of lines.slice(start)) {
  const line = raw.trim();
  if (!line) {
    isFootnote = false;
    continue;
  }
  if (/^[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(line)) {
    isFootnote = true;
    continue;
  }
  if (isFootnote) continue;
  const sectionMatch = /^([A-Q])\. (.+)$/.exec(line);
  if (sectionMatch) {
    section = sectionMatch[1];
    actor = sectionMatch[2].replace(superscripts, "").trim();
    heading = null;
    continue;
  }
  const itemMatch = /^(\d+)\. (.+)$/.exec(line);
  if (itemMatch) {
    items.push({ section, actor, roleKey: sectionRoles[section] ?? null, heading, number: Number(itemMatch[1]), text: itemMatch[2].replace(superscripts, "").replace(/\*/g, "") });
    continue;
  }
  const last = items.at(-1);
  if (line.startsWith("- ") && last) {
    last.text += `\n- ${line.slice(2).replace(/\*/g, "")}`;
  } else if (/^[a-z]/.test(line) && last) {
    last.text += ` ${line.replace(/\*/g, "")}`;
  } else {
    heading = line.replace(superscripts, "").trim();
  }
}
writeFileSync(
  new URL("../src/server/modules/responsibilities/responsibilities.data.json", import.meta.url),
  `${JSON.stringify(items, null, 1)}\n`,
);
console.log(`${items.length} responsibilities in ${new Set(items.map((item) => item.section)).size} sections`);
