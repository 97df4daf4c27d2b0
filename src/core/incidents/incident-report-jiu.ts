import { type ReportLanguage, reportWords } from "./incident-report-labels.ts";
import { findCategory } from "./incident-taxonomy.data.ts";
import type { Translated } from "./incident-taxonomy.types.ts";

/**
 * The table of JIU 2016 (JIU/REP/2016/9, Table 1): UN personnel affected by safety and security
 * incidents, by category and year. Cells count people, not incidents.
 *
 * Each person affected is counted in exactly one row, so the Total row is every person affected:
 * - killed: "Fatalities resulting from acts of violence" when the incident's category is violence
 *   (violence, crime, armed conflict, terrorism, civil unrest), otherwise "… safety-related
 *   incidents" (hazards and safety: `violenceOrSafety`); injured likewise;
 * - anyone else: the row of the incident's category: the eleven JIU categories have their own row,
 *   another category gets a row of its own (a category rolling up to another, as vehicle break-in
 *   to theft, is counted with it), and the non-fatal people of a fatality or injury incident, or of
 *   an unknown category, go to "Other".
 * The taxonomy's "Burglary" covers every kind of premises; JIU's row is "Burglary of residence", so
 * a burglary is counted there when the premises recorded include a residence, and in "Burglary of
 * other premises" otherwise (issue 12 §3.12).
 */
export type JiuRowCode =
  | "fatalities_violence"
  | "fatalities_safety"
  | "injuries_violence"
  | "injuries_safety"
  | "abduction"
  | "robbery"
  | "residence_break_in"
  | "aggravated_assault"
  | "sexual_assault"
  | "burglary_residence"
  | "burglary_other_premises"
  | "intimidation"
  | "harassment"
  | "arrest_detention";

export const jiuRows: readonly { code: JiuRowCode; label: Translated }[] = [
  { code: "fatalities_violence", label: { en: "Fatalities resulting from acts of violence", fr: "Décès résultant d'actes de violence" } },
  { code: "fatalities_safety", label: { en: "Fatalities resulting from safety-related incidents", fr: "Décès résultant d'incidents liés à la sûreté" } },
  { code: "injuries_violence", label: { en: "Injuries resulting from acts of violence", fr: "Blessures résultant d'actes de violence" } },
  { code: "injuries_safety", label: { en: "Injuries resulting from safety-related incidents", fr: "Blessures résultant d'incidents liés à la sûreté" } },
  { code: "abduction", label: { en: "Abduction", fr: "Enlèvement" } },
  { code: "robbery", label: { en: "Robbery", fr: "Vol qualifié" } },
  { code: "residence_break_in", label: { en: "Residence break-in", fr: "Intrusion dans une résidence" } },
  { code: "aggravated_assault", label: { en: "Aggravated assault", fr: "Agression grave" } },
  { code: "sexual_assault", label: { en: "Sexual assault", fr: "Agression sexuelle" } },
  { code: "burglary_residence", label: { en: "Burglary of residence", fr: "Cambriolage de résidence" } },
  { code: "burglary_other_premises", label: { en: "Burglary of other premises", fr: "Cambriolage d'autres locaux" } },
  { code: "intimidation", label: { en: "Intimidation", fr: "Intimidation" } },
  { code: "harassment", label: { en: "Harassment", fr: "Harcèlement" } },
  { code: "arrest_detention", label: { en: "Arrest and detention", fr: "Arrestation et détention" } },
];

const otherLabel: Translated = { en: "Other", fr: "Autres" };
const jiuCategoryRows = new Set<string>(jiuRows.slice(4).map((row) => row.code));
const fatalityOrInjuryCategories = new Set(["fatality_violence", "fatality_safety", "injury_violence", "injury_safety"]);

/**
 * The row key a person with this outcome, in an incident of this category, is counted in;
 * `atResidence`: whether the incident's premises include a residence (burglary only).
 */
export function jiuRowOf(categoryCode: string, outcome: string, atResidence = false): string {
  const category = findCategory(categoryCode);
  if (!category) return "other";
  if (outcome === "killed") return category.isViolence ? "fatalities_violence" : "fatalities_safety";
  if (outcome === "injured") return category.isViolence ? "injuries_violence" : "injuries_safety";
  const code = category.rollsUpTo ?? category.code;
  if (code === "burglary") return atResidence ? "burglary_residence" : "burglary_other_premises";
  if (jiuCategoryRows.has(code)) return code;
  if (fatalityOrInjuryCategories.has(code)) return "other";
  return `category:${code}`;
}

export type JiuInputRow = { year: number; categoryCode: string; outcome: string; people: number; atResidence?: boolean };
export type JiuTableRow = { code: string; label: string; cells: number[]; total: number };
export type JiuTable = { years: number[]; yearLabels: string[]; rows: JiuTableRow[]; totalRow: JiuTableRow };

/**
 * A column's heading: the year, and for the year in progress the span it covers so far
 * ("2026 (January – 7 December)"), so that a part year is not read as a whole one. A year that has
 * not begun is the year alone (its cells are zero). `today` is a calendar date, "YYYY-MM-DD".
 */
export function jiuYearLabel(year: number, today: string, lang: ReportLanguage): string {
  const [thisYear, month, day] = today.split("-").map(Number);
  if (year !== thisYear) return String(year);
  // UN style: the day before the month in English too ("7 December").
  const locale = lang === "fr" ? "fr" : "en-GB";
  const monthName = (monthIndex: number) => new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" }).format(Date.UTC(year, monthIndex, 1));
  const dayAndMonth = (monthIndex: number, dayOfMonth: number) =>
    `${dayOfMonth === 1 && lang === "fr" ? "1er" : dayOfMonth} ${monthName(monthIndex)}`;
  // Within January, "January – 5 January" reads oddly: say the first day instead.
  const from = month === 1 ? dayAndMonth(0, 1) : monthName(0);
  const to = dayAndMonth(month - 1, day);
  return `${year} (${from} – ${to})`;
}

/**
 * The table for the years `fromYear`…`toYear`. The JIU rows are always shown (a zero is news
 * too); rows for other categories and "Other" only when they count someone.
 */
export function buildJiuTable(input: readonly JiuInputRow[], fromYear: number, toYear: number, lang: ReportLanguage, today: string): JiuTable {
  const years = Array.from({ length: Math.max(0, toYear - fromYear + 1) }, (_, index) => fromYear + index);
  const cells = new Map<string, number[]>();
  const cellsOf = (key: string) => {
    let row = cells.get(key);
    if (!row) {
      row = years.map(() => 0);
      cells.set(key, row);
    }
    return row;
  };
  for (const row of input) {
    const index = row.year - fromYear;
    if (index < 0 || index >= years.length || row.people === 0) continue;
    cellsOf(jiuRowOf(row.categoryCode, row.outcome, row.atResidence))[index] += row.people;
  }
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const tableRow = (code: string, label: Translated): JiuTableRow => {
    const values = cellsOf(code);
    return { code, label: label[lang], cells: values, total: sum(values) };
  };
  const rows = jiuRows.map((row) => tableRow(row.code, row.label));
  const others = [...cells.keys()]
    .filter((key) => key.startsWith("category:"))
    .map((key) => tableRow(key, findCategory(key.slice("category:".length))?.label ?? otherLabel))
    .filter((row) => row.total > 0)
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  rows.push(...others);
  const other = tableRow("other", otherLabel);
  if (other.total > 0) rows.push(other);
  const totalCells = years.map((_, index) => sum(rows.map((row) => row.cells[index])));
  const yearLabels = years.map((year) => jiuYearLabel(year, today, lang));
  return { years, yearLabels, rows, totalRow: { code: "total", label: reportWords.total[lang], cells: totalCells, total: sum(totalCells) } };
}
