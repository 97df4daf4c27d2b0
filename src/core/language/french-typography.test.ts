import { describe, expect, it } from "vitest";
import { frenchTypography, typeset } from "./french-typography.ts";

describe("French typography", () => {
  it("puts a non-breaking space before : ; ! ? and inside guillemets", () => {
    expect(frenchTypography("Lieu: Bamako; gravité élevée! Pourquoi? « alerte »")).toBe(
      "Lieu\u00A0: Bamako\u00A0; gravité élevée\u00A0! Pourquoi\u00A0? «\u00A0alerte\u00A0»",
    );
    expect(frenchTypography("Lieu : Bamako")).toBe("Lieu\u00A0: Bamako");
    expect(frenchTypography("Statut:")).toBe("Statut\u00A0:");
  });

  it("leaves times, URLs and query strings alone, and English as it is", () => {
    const text = "à 08:15, voir https://vigil.example.org/x?headers=codes";
    expect(frenchTypography(text)).toBe(text);
    expect(typeset("Place: Bamako", "en")).toBe("Place: Bamako");
    expect(typeset("Lieu: Bamako", "fr")).toBe("Lieu\u00A0: Bamako");
  });
});
