import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gsmSeptets, smsParts } from "./sms.ts";

const gsmText = fc.array(fc.constantFrom(..."abcXYZ019 .,:;?!@£€[]{}éèàÇ\n"), { maxLength: 700 }).map((chars) => chars.join(""));
const anyText = fc.string({ unit: "grapheme", maxLength: 400 });

describe("SMS parts", () => {
  it("keeps a GSM text whole up to 160 septets and in parts of at most 153 beyond, never splitting a two-septet character", () => {
    fc.assert(
      fc.property(gsmText, (text) => {
        const { encoding, parts } = smsParts(text);
        expect(encoding).toBe("gsm");
        expect(parts.join("")).toBe(text);
        const septets = gsmSeptets(text) as number;
        if (septets <= 160) expect(parts).toEqual([text]);
        else for (const part of parts) expect(gsmSeptets(part)).toBeLessThanOrEqual(153);
      }),
    );
  });

  it("sends any other text as UCS-2 in parts of at most 67 units, never cutting a character", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { encoding, parts } = smsParts(text);
        expect(parts.join("")).toBe(text);
        if (encoding === "ucs2" && text.length > 70) for (const part of parts) expect(part.length).toBeLessThanOrEqual(67);
        // No part ends in the first half of a surrogate pair (a character cut in two).
        for (const part of parts) expect(/[\uD800-\uDBFF]$/.test(part)).toBe(false);
      }),
    );
  });

  it("counts the French accents GSM lacks as UCS-2, and the euro sign as two septets", () => {
    expect(gsmSeptets("Êtes-vous en sécurité ?")).toBeNull();
    expect(gsmSeptets("Etes-vous en sécurité ?")).toBe(23);
    expect(gsmSeptets("10 €")).toBe(5);
    expect(smsParts("a".repeat(161)).parts.map((part) => part.length)).toEqual([153, 8]);
    expect(smsParts("é".repeat(71).replace(/^é/, "ê")).parts.length).toBe(2);
  });
});
