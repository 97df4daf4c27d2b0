import { type RecruitmentType, recruitmentTypes } from "../personnel/personnel.schemas.ts";
import { normaliseWords } from "./incident-import-fields.ts";
import { incidentCategories, personOutcomeLabels } from "./incident-taxonomy.data.ts";
import { type AssetKind, type PersonOutcome, type PremisesKind, personOutcomes } from "./incident-taxonomy.types.ts";
import { type IncidentSex, type IncidentSource, incidentSexes, incidentSources } from "./incident.schemas.ts";

/**
 * Reading the values of an imported row: dates and times (local or with an offset), yes/no,
 * categories by code or by English or French label, lists, people lines. Each reader returns
 * the value, or a message saying what the cell should hold.
 */

export type Read<T> = { value: T } | { message: string };
const failed = (message: string) => ({ message });

const yes = new Set(["true", "yes", "y", "1", "x", "oui", "o", "vrai"]);
const no = new Set(["false", "no", "n", "0", "non", "faux"]);

export function readBoolean(text: string): Read<boolean> {
  const word = normaliseWords(text);
  if (yes.has(word)) return { value: true };
  if (no.has(word)) return { value: false };
  return failed('must be yes or no (true/false, oui/non, 1/0)');
}

/** A code, or its English or French words, to the code. */
function wordsTable<T extends string>(entries: [T, string[]][]): Map<string, T> {
  const table = new Map<string, T>();
  for (const [code, words] of entries) {
    for (const word of [code, code.replace(/_/g, " "), ...words]) table.set(normaliseWords(word), code);
  }
  return table;
}

const categoryTable = wordsTable(incidentCategories.map((category) => [category.code, [category.label.en, category.label.fr]]));

/**
 * The category code for a code or a label (EN/FR). An unknown text is passed on as a code
 * ("Burglary of a vehicle" → "burglary_of_a_vehicle"), so the taxonomy rules explain why it is
 * not a category (sexual assault is one category, burglary is for premises only).
 */
export function readCategory(text: string): string {
  return categoryTable.get(normaliseWords(text)) ?? (normaliseWords(text).replace(/[^a-z0-9]+/g, "_") || text.trim());
}

const sourceTable = wordsTable<IncidentSource>([
  ["un_security", ["UN security", "UNDSS", "sécurité ONU", "securite des nations unies"]],
  ["un_personnel", ["UN personnel", "staff", "personnel ONU", "personnel des nations unies"]],
  ["host_authorities", ["host authorities", "authorities", "police", "autorités", "autorites du pays hote"]],
  ["humanitarian_partner", ["humanitarian partner", "partner", "NGO", "ONG", "partenaire humanitaire"]],
  ["media", ["médias", "press", "presse"]],
  ["local_contact", ["local contact", "contact local"]],
  ["other", ["autre"]],
]);

export function readSource(text: string): Read<IncidentSource> {
  const code = sourceTable.get(normaliseWords(text));
  return code ? { value: code } : failed(`must be one of ${incidentSources.join(", ")}`);
}

export const statusTable = wordsTable([
  ["draft", ["brouillon"]],
  ["submitted", ["soumis", "submit"]],
  ["verified", ["vérifié", "verifie", "endorsed"]],
  ["closed", ["clos", "fermé", "ferme", "closed"]],
] as [string, string[]][]);

const outcomeTable = wordsTable<PersonOutcome>(
  personOutcomes.map((outcome) => [outcome, [personOutcomeLabels[outcome].en, personOutcomeLabels[outcome].fr, `${personOutcomeLabels[outcome].fr}s`]]),
);
const recruitmentTable = wordsTable<RecruitmentType>([
  ["international", ["intl", "internationally recruited"]],
  ["locally_recruited", ["local", "locally recruited", "recruté localement", "recrute localement"]],
  ["national_not_locally_recruited", ["national", "national not locally recruited"]],
]);
const sexTable = wordsTable<IncidentSex>([
  ["female", ["f", "woman", "femme", "féminin", "feminin"]],
  ["male", ["m", "man", "homme", "masculin"]],
  ["other", ["autre"]],
  ["unknown", ["u", "?", "inconnu", "not known"]],
]);
const premisesTable = wordsTable<PremisesKind>([
  ["office", ["bureau", "bureaux"]],
  ["residence", ["résidence", "house", "home", "maison", "logement"]],
  ["warehouse", ["entrepôt", "entrepot", "store", "depot"]],
  ["compound", ["enceinte", "base", "camp"]],
  ["other", ["autre"]],
]);
const assetTable = wordsTable<AssetKind>([
  ["vehicle", ["véhicule", "vehicule", "car", "voiture"]],
  ["equipment", ["équipement", "equipement", "matériel", "materiel"]],
  ["cash", ["espèces", "especes", "money", "argent"]],
  ["other", ["autre"]],
]);

export type PeopleLine = { outcome: string; recruitmentType: string; sex: string; count: number };

/** A count cell: a whole number, 0 or empty for none. */
export function readCount(text: string): Read<number> {
  const trimmed = text.trim();
  if (trimmed === "") return { value: 0 };
  if (!/^\d{1,5}$/.test(trimmed)) return failed("must be a whole number of people");
  return { value: Number(trimmed) };
}

/** Items separated by semicolons or new lines (commas too, for lists of codes). */
export function splitList(text: string, alsoComma = false): string[] {
  return text
    .split(alsoComma ? /[;,|\n]/ : /[;\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * People affected written as `outcome/recruitment type/sex/count` lines separated by
 * semicolons (as the export writes them), or `outcome:count` with the default recruitment type.
 */
export function readPeopleLines(text: string, defaultRecruitment: RecruitmentType): Read<PeopleLine[]> {
  const lines: PeopleLine[] = [];
  for (const item of splitList(text)) {
    const parts = item.split(/[/:]/).map((part) => part.trim());
    const outcome = outcomeTable.get(normaliseWords(parts[0] ?? ""));
    if (!outcome) return failed(`"${item.slice(0, 60)}": the outcome must be one of ${personOutcomes.join(", ")}`);
    const countText = parts.length === 2 ? parts[1] : parts.length === 4 ? parts[3] : null;
    const count = countText === null ? null : readCount(countText);
    if (!count || !("value" in count) || count.value < 1) {
      return failed(`"${item.slice(0, 60)}" must read outcome/recruitment type/sex/count (as injured/international/female/1) or outcome:count`);
    }
    const recruitmentType = parts.length === 4 ? recruitmentTable.get(normaliseWords(parts[1])) : defaultRecruitment;
    const sex = parts.length === 4 ? sexTable.get(normaliseWords(parts[2])) : "unknown";
    if (!recruitmentType) return failed(`"${item.slice(0, 60)}": the recruitment type must be one of ${recruitmentTypes.join(", ")}`);
    if (!sex) return failed(`"${item.slice(0, 60)}": the sex must be one of ${incidentSexes.join(", ")}`);
    lines.push({ outcome, recruitmentType, sex, count: count.value });
  }
  return { value: lines };
}

/** Premises or assets as `kind: description` items separated by semicolons; the kind alone will do. */
export function readItems(text: string, kind: "premises" | "assets"): { kind: string; description: string }[] {
  const table: Map<string, string> = kind === "premises" ? premisesTable : assetTable;
  return splitList(text).map((item) => {
    const colon = item.indexOf(":");
    const head = (colon >= 0 ? item.slice(0, colon) : item).trim();
    const description = (colon >= 0 ? item.slice(colon + 1) : "").trim();
    const code = table.get(normaliseWords(head));
    // An unknown kind goes on as written: the schema names the allowed kinds.
    if (!code) return { kind: head, description: description || head };
    return { kind: code, description: description || head };
  });
}

/** A decimal number, with a point or a comma. */
export function readNumber(text: string): Read<number> {
  const trimmed = text.trim().replace(",", ".");
  if (!/^[+-]?\d+(\.\d+)?$/.test(trimmed)) return failed("must be a number in decimal degrees, as 12.6392");
  return { value: Number(trimmed) };
}
