/**
 * French typography for generated texts (PDFs, notifications, e-mails): a non-breaking space
 * before « : ; ! ? » and inside guillemets. Written once here so that every text built from
 * catalogues written with plain spaces (or none) comes out right. Only punctuation followed by
 * a space or the end of the text is touched, so times (08:15), URLs (https://, ?a=b) and ratios
 * stay as they are. U+00A0 rather than the narrow U+202F: the PDFs' standard fonts (WinAnsi)
 * have no glyph for the narrow one.
 */
const nbsp = "\u00A0";

export function frenchTypography(text: string): string {
  return text
    .replace(/(\S)[ \u00A0\u202F]?([:;!?])(?=\s|$|\))/g, `$1${nbsp}$2`)
    .replace(/«[ \u00A0\u202F]?/g, `«${nbsp}`)
    .replace(/[ \u00A0\u202F]?»/g, `${nbsp}»`);
}

/** Applies French typography only to French text. */
export function typeset(text: string, language: string): string {
  return language.startsWith("fr") ? frenchTypography(text) : text;
}
