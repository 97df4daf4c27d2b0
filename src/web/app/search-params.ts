/** Small parsers for URL search parameters: lists keep their filters in the URL so they can be shared. */

export function text(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

export function positiveInt(value: unknown): number | undefined {
  const number = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

export function oneOf<const T extends string>(values: readonly T[], value: unknown): T | undefined {
  return typeof value === "string" && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function flag(value: unknown): boolean | undefined {
  if (value === true || value === "true" || value === 1 || value === "1") return true;
  return undefined;
}

export const sortOrders = ["asc", "desc"] as const;
export type SortOrder = (typeof sortOrders)[number];

export const defaultPageSize = 25;

/**
 * Wraps a route's search parser so every parameter is optional: links and redirects may then
 * leave out any filter instead of spelling each one as `undefined`.
 */
export function searchOf<T extends Record<string, unknown>>(
  parse: (search: Record<string, unknown>) => T,
): (search: Record<string, unknown>) => Partial<T> {
  return parse;
}

type ListNavigate<S> = (options: { search: (previous: S) => S; replace?: boolean }) => Promise<void>;

/**
 * A list's page and filters, kept in the URL. A changed filter returns to the first page and
 * replaces the history entry, so "back" leaves the list instead of undoing each keystroke.
 */
export function useListSearch<S extends { page?: number }>(search: S, navigate: ListNavigate<S>) {
  return {
    page: search.page ?? 1,
    update: (patch: Partial<S>) =>
      void navigate({ search: (previous) => ({ ...previous, page: undefined, ...patch }), replace: true }),
    goToPage: (page: number) => void navigate({ search: (previous) => ({ ...previous, page }) }),
  };
}
