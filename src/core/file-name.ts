/**
 * A file name safe to store and show, for every upload: no control characters, no format
 * characters (Unicode category Cf: the bidirectional overrides and isolates U+202A–U+202E and
 * U+2066–U+2069, the marks U+200E/U+200F, zero-width U+200B–U+200D, U+FEFF…), which can make
 * "invoice‮fdp.exe" read as "invoiceexe.pdf" or hide characters; no path; at most 200 characters
 * (never half a surrogate pair).
 */
export function cleanFileName(name: string, fallback = "upload"): string {
  const base = name.replace(/[\p{Cc}\p{Cf}]/gu, "").split(/[\\/]/).pop()?.trim() ?? "";
  return [...base].slice(0, 200).join("") || fallback;
}
