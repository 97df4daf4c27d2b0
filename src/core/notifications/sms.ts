/**
 * How a text travels as SMS (3GPP TS 23.038 and 23.040): in the GSM 7-bit alphabet when every
 * character is in it (160 characters, or 153 a part once split, the rest of each part carrying the
 * concatenation header), otherwise in UCS-2 (70, or 67 a part). A character of the GSM extension
 * table (€, [, ], {, }, ~, ^, \, |) takes two septets, and a part never ends between its two. The
 * composer shows the number of parts from the same function the sender splits with.
 */
const gsmBasic =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const gsmExtension = "^{}\\[~]|€\f";
const basic = new Set(gsmBasic);
const extension = new Set(gsmExtension);

export type SmsEncoding = "gsm" | "ucs2";

/** Septets the text takes in the GSM alphabet, or null when a character is not in it. */
export function gsmSeptets(text: string): number | null {
  let septets = 0;
  for (const char of text) {
    if (basic.has(char)) septets += 1;
    else if (extension.has(char)) septets += 2;
    else return null;
  }
  return septets;
}

/** The parts a text is sent as, in order, and their encoding. */
export function smsParts(text: string): { encoding: SmsEncoding; parts: string[] } {
  const septets = gsmSeptets(text);
  if (septets !== null) {
    if (septets <= 160) return { encoding: "gsm", parts: [text] };
    const parts: string[] = [];
    let current = "";
    let used = 0;
    for (const char of text) {
      const size = extension.has(char) ? 2 : 1;
      if (used + size > 153) {
        parts.push(current);
        current = "";
        used = 0;
      }
      current += char;
      used += size;
    }
    if (current) parts.push(current);
    return { encoding: "gsm", parts };
  }
  // UCS-2 counts UTF-16 units; a character outside the basic plane (an emoji) takes two and is never cut.
  const units = text.length;
  if (units <= 70) return { encoding: "ucs2", parts: [text] };
  const parts: string[] = [];
  let current = "";
  for (const char of text) {
    if (current.length + char.length > 67) {
      parts.push(current);
      current = "";
    }
    current += char;
  }
  if (current) parts.push(current);
  return { encoding: "ucs2", parts };
}
