import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minimumPasswordLength, passwordProblems } from "./password-policy.ts";

describe("password policy", () => {
  it("accepts a long passphrase", () => {
    expect(passwordProblems("correct horse battery staple", "amina.diallo@unicef.org")).toEqual([]);
  });

  it("accepts exactly the minimum length and refuses one character less", () => {
    expect(passwordProblems("aaaaabcdefg1")).toEqual([]);
    expect(passwordProblems("abcdefghij1")).toEqual([`must be at least ${minimumPasswordLength} characters long`]);
  });

  it("refuses a password longer than 256 characters", () => {
    expect(passwordProblems("ab".repeat(129))).toContain("must be at most 256 characters long");
    expect(passwordProblems("ab".repeat(128))).toEqual([]);
  });

  it("refuses common passwords whatever their case", () => {
    expect(passwordProblems("password1234")).toContain("is too common");
    expect(passwordProblems("PassWord1234")).toContain("is too common");
    expect(passwordProblems("changeme1234")).toContain("is too common");
  });

  it("refuses a single repeated character", () => {
    expect(passwordProblems("zzzzzzzzzzzzzz")).toEqual(["must not repeat a single character"]);
  });

  it("refuses a password containing the e-mail's name part, but only for names of 4 letters or more", () => {
    expect(passwordProblems("my-Diallo-passphrase", "diallo@unicef.org")).toEqual(["must not contain your e-mail name"]);
    expect(passwordProblems("the-bob-passphrase", "bob@example.org")).toEqual([]);
    expect(passwordProblems("my-Diallo-passphrase")).toEqual([]);
  });

  it("reports every problem at once", () => {
    expect(passwordProblems("aaaa", "aaaa@example.org")).toEqual([
      `must be at least ${minimumPasswordLength} characters long`,
      "must not repeat a single character",
      "must not contain your e-mail name",
    ]);
  });

  it("always reports a password shorter than the minimum, and never a long enough one, as too short", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (password) => {
        const isTooShortReported = passwordProblems(password).includes(`must be at least ${minimumPasswordLength} characters long`);
        expect(isTooShortReported).toBe(password.length < minimumPasswordLength);
      }),
    );
  });

  it("accepts any password of 12 to 256 varied characters that avoids the e-mail name", () => {
    const varied = fc
      .string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789 -"), minLength: 12, maxLength: 256 })
      .filter((password) => new Set(password).size > 1);
    fc.assert(
      fc.property(varied, (password) => {
        expect(passwordProblems(password, "zq@example.org")).toEqual([]);
      }),
    );
  });
});
