import type { DemoLogin } from "../seed/demo.seed.ts";

export function printLogins(logins: DemoLogin[], password: string, baseUrl?: string) {
  const width = Math.max(...logins.map((login) => login.email.length));
  console.log("\nDemo logins (password for all: %s)%s", password, baseUrl ? `, at ${baseUrl}` : "");
  for (const login of logins) console.log(`  ${login.email.padEnd(width)}  ${login.role} (${login.description})`);
  console.log("");
}
