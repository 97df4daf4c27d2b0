import { z } from "zod";

/**
 * The column-mapping step every file import shares (incidents, training certificates): headers
 * made usable as names, the mapping Vigil suggests from the words a header may use, and the
 * mapping an importer chose checked against the file. Each import keeps its own fields and
 * words; this is what does not depend on them. Pure, shared by server and web.
 */

/** Target field → column header of the file. */
export type ColumnMapping<F extends string> = Partial<Record<F, string>>;

/** Lower case, no accents, words separated by one space: "Catégorie_Code" → "categorie code". */
export function normaliseWords(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9#+]+/g, " ")
    .trim();
}

/** True when a row is an HXL hashtag row: every filled cell is a hashtag. */
export function isHashtagRow(cells: readonly string[]): boolean {
  const filled = cells.map((cell) => cell.trim()).filter(Boolean);
  return filled.length > 0 && filled.every((cell) => /^#[a-z][\w]*(\s*\+\s*[\w]+)*$/i.test(cell));
}

/**
 * Headers made unique and never empty, so a mapping can name each column: an empty header
 * becomes "Column 3", a repeated one "Name (2)".
 */
export function uniqueHeaders(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    const base = cell.trim() || `Column ${index + 1}`;
    const times = (seen.get(base) ?? 0) + 1;
    seen.set(base, times);
    return times === 1 ? base : `${base} (${times})`;
  });
}

/**
 * The mapping suggested for a file's headers (and its HXL hashtag row, if any): each field, in
 * the order given, takes the first column whose header or hashtag is one of its words (best
 * first), and each column serves one field at most.
 */
export function suggestColumns<F extends string>(
  fields: readonly F[],
  synonyms: Record<F, readonly string[]>,
  headers: readonly string[],
  hashtags: readonly string[] | null = null,
): ColumnMapping<F> {
  const keys = headers.map((header, index) => ({
    header,
    words: normaliseWords(header),
    tag: hashtags?.[index] ? normaliseWords(hashtags[index].replace(/\s+/g, "")) : "",
  }));
  const used = new Set<number>();
  const mapping: ColumnMapping<F> = {};
  for (const field of fields) {
    for (const synonym of synonyms[field].map(normaliseWords)) {
      const index = keys.findIndex((key, position) => !used.has(position) && key.header.trim() && (key.words === synonym || key.tag === synonym));
      if (index >= 0) {
        used.add(index);
        mapping[field] = headers[index];
        break;
      }
    }
  }
  return mapping;
}

/** The mapping as a request sends it (a JSON field): known fields only, headers of sane length. */
export function columnMappingInput<F extends string>(fields: readonly [F, ...F[]]) {
  return z
    .partialRecord(z.enum(fields, { message: "is not a field an import can fill" }), z.string().max(200))
    .describe("Target field → column header, as in the preview's suggestedMapping");
}

/** Where each mapped field is in a row (`index`) and what its column is called (`header`), for the row's messages. */
export type MappedColumns<F extends string> = { index: Partial<Record<F, number>>; header: Partial<Record<F, string>> };
export type MappingProblem = { field: string; message: string };

/**
 * A chosen mapping checked against the file's headers. A field naming a column the file lacks
 * is a problem on `mapping.<field>`, worded by `missingColumn` (the import's language).
 */
export function mapColumns<F extends string>(
  fields: readonly F[],
  headers: readonly string[],
  mapping: ColumnMapping<F>,
  missingColumn: (header: string) => string = (header) => `Names the column "${header}", which the file does not have`,
): { columns: MappedColumns<F>; problems: MappingProblem[] } {
  const columns: MappedColumns<F> = { index: {}, header: {} };
  const problems: MappingProblem[] = [];
  for (const field of fields) {
    const header = mapping[field];
    if (header === undefined || header === "") continue;
    const index = headers.indexOf(header);
    if (index < 0) problems.push({ field: `mapping.${field}`, message: missingColumn(header.slice(0, 80)) });
    else {
      columns.index[field] = index;
      columns.header[field] = header;
    }
  }
  return { columns, problems };
}

/** A mapped field's cell in a row, trimmed; "" when the field is not mapped or the row is short. */
export function cellOf<F extends string>(cells: readonly string[], columns: MappedColumns<F>, field: F): string {
  const index = columns.index[field];
  return index === undefined ? "" : (cells[index] ?? "").trim();
}
