import { intlLocale } from "../../app/format.ts";

/** "240 kB", "1.4 MB" (« 240 ko », « 1,4 Mo »): the browser names the units in the user's language. */
export function fileSize(bytes: number, language: string): string {
  const isLarge = bytes >= 1024 * 1024;
  const value = isLarge ? bytes / 1024 / 1024 : Math.max(bytes / 1024, 0.1);
  return new Intl.NumberFormat(intlLocale(language), {
    style: "unit",
    unit: isLarge ? "megabyte" : "kilobyte",
    unitDisplay: "short",
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}
