import { describe, expect, it } from "vitest";
import { isClearanceValid, languageFromAcceptLanguage, verificationPage } from "./clearance-verification.ts";

const now = new Date("2026-12-07T10:00:00Z");

describe("a clearance's validity", () => {
  it("holds for a cleared trip until its return, and for no other status", () => {
    expect(isClearanceValid({ status: "cleared", returnsAt: new Date("2026-12-08T00:00:00Z") }, now)).toBe(true);
    expect(isClearanceValid({ status: "cleared", returnsAt: new Date("2026-12-07T09:59:00Z") }, now)).toBe(false);
    for (const status of ["cancelled", "under_review", "blocked", "refused", "notified"]) {
      expect(isClearanceValid({ status, returnsAt: new Date("2027-01-01T00:00:00Z") }, now), status).toBe(false);
    }
  });
});

describe("the verification page's language", () => {
  it.each([
    [undefined, "en"],
    ["fr", "fr"],
    ["fr-CA,en;q=0.5", "fr"],
    ["en-GB,fr;q=0.9", "en"],
    ["de-DE,fr;q=0.8,en;q=0.5", "fr"],
    ["en;q=0.4,fr;q=0.6", "fr"],
    ["fr;q=0,en", "en"],
    ["*", "en"],
  ])("reads %s as %s", (header, language) => {
    expect(languageFromAcceptLanguage(header)).toBe(language);
  });
});

describe("the verification page", () => {
  it("says valid or not, with the number and the time of the check, and loads nothing", () => {
    const valid = verificationPage({ number: "TR-2026-000042", isValid: true, checkedAt: now.toISOString() }, "en");
    expect(valid).toContain(">VALID<");
    expect(valid).toContain("TR-2026-000042");
    expect(valid).toContain("2026-12-07 10:00 UTC");
    expect(valid).not.toMatch(/<script|<link|<img|src=/);
    expect(valid.length).toBeLessThan(2000);
    const unknown = verificationPage({ number: null, isValid: false, checkedAt: now.toISOString() }, "fr");
    expect(unknown).toContain('<html lang="fr">');
    expect(unknown).toContain(">NON VALIDE<");
    expect(unknown).not.toContain("Voyage");
    // French typography: a non-breaking space before the colon.
    expect(unknown).toContain("pas valide\u00a0: elle");
  });

  it("escapes what it shows", () => {
    expect(verificationPage({ number: "<b>", isValid: false, checkedAt: now.toISOString() }, "en")).toContain("&#60;b&#62;");
  });
});
