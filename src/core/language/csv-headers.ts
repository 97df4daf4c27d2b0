/**
 * Headers of the CSV files meant for people: each column code has a readable name in English
 * and French. A file for machines keeps the codes (`headers=codes`). An import that reads back
 * an export accepts either: `columnCodeOf` maps a readable name (any case, accents or spacing)
 * to its code.
 */
export type HeaderLanguage = "en" | "fr";
export type HeaderNames<Code extends string> = Record<Code, { en: string; fr: string }>;
export type HeaderStyle = "names" | "codes";

/** The header row: readable names in `language`, or the codes themselves. */
export function headerRow<Code extends string>(columns: readonly Code[], names: HeaderNames<Code>, language: HeaderLanguage, style: HeaderStyle): string[] {
  return columns.map((code) => (style === "codes" ? code : names[code][language]));
}

/** "Numéro d'index" → "numero d index": how a header is compared, whatever its case or accents. */
export const headerKey = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** The column code a header names (its code, or its name in either language), else the header as read. */
export function columnCodeOf<Code extends string>(header: string, names: HeaderNames<Code>): string {
  const key = headerKey(header);
  for (const [code, name] of Object.entries(names) as [Code, { en: string; fr: string }][]) {
    if (key === headerKey(code) || key === headerKey(name.en) || key === headerKey(name.fr)) return code;
  }
  return header.trim().toLowerCase();
}
