import { describe, expect, it } from "vitest";
import { demoPassword } from "../../seed/demo.seed.ts";
import { passwordStrengthProblem } from "./password-strength.ts";

describe("password strength (zxcvbn-ts with common, English and French dictionaries)", () => {
  it.each(["qwerty123456", "passw0rd1234", "iloveyou12345", "motdepasse2024"])("refuses the common password %s with the estimator's advice", (password) => {
    expect(passwordStrengthProblem(password, [])).toMatch(/^is too easy to guess/);
  });

  it("refuses the published demo password, whatever its case", () => {
    expect(passwordStrengthProblem(demoPassword, [])).toBe("is the published demo password of Vigil");
    expect(passwordStrengthProblem(demoPassword.toUpperCase(), [], "fr")).toBe("est le mot de passe de démonstration publié de Vigil");
  });

  it("words the advice in French for French speakers", () => {
    expect(passwordStrengthProblem("qwerty123456", [], "fr")).toBe("est trop facile à deviner : Ce mot de passe est couramment utilisé. Ajoutez des mots moins courants.");
  });

  it("refuses a password built on the account's own name or e-mail", () => {
    const inputs = ["zacharie.okonkwo@vigil.example", "Zacharie Okonkwo"];
    expect(passwordStrengthProblem("Okonkwo.Zacharie.2026", inputs)).toBe("is too easy to guess once your name and e-mail are known");
    expect(passwordStrengthProblem("Okonkwo.Zacharie.2026", [])).toBeNull();
  });

  it.each(["correct horse battery staple", "lantern orchard gravel ninety", "a long enough passphrase 2026"])("accepts the passphrase %s", (password) => {
    expect(passwordStrengthProblem(password, ["amina.diallo@unicef.org", "Amina Diallo"])).toBeNull();
  });
});
