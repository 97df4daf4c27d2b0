/**
 * Password policy: long passphrases over composition rules (NIST SP 800-63B §5.1.1):
 * at least 12 characters, not a common password, not the e-mail's name part. These are the cheap
 * rules the web also checks before sending; the server then estimates the strength with real
 * dictionaries (server/platform/auth/password-strength.ts, kept out of the web bundle).
 */
const commonPasswords = new Set([
  "password1234",
  "123456789012",
  "qwertyuiop12",
  "passwordpassword",
  "iloveyou1234",
  "changeme1234",
  "administrator",
  "welcome12345",
]);

export const minimumPasswordLength = 12;

export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < minimumPasswordLength) {
    problems.push(`must be at least ${minimumPasswordLength} characters long`);
  }
  if (password.length > 256) problems.push("must be at most 256 characters long");
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) problems.push("is too common");
  if (/^(.)\1+$/.test(password)) problems.push("must not repeat a single character");
  const name = email?.split("@")[0]?.toLowerCase();
  if (name && name.length >= 4 && lower.includes(name)) problems.push("must not contain your e-mail name");
  return problems;
}
