import type { SystemRole } from "../../core/access/roles.ts";
import { createUser, findUserByEmail, updateUser } from "../modules/accounts/index.ts";
import type { Database } from "../platform/db/database.ts";
import { AppError } from "../platform/http/errors.ts";
import { systemContext } from "../platform/http/context.ts";

function explain(error: unknown): never {
  if (!(error instanceof AppError)) throw error;
  // A rule error's message already names its one field: the issues would repeat it.
  const issues = error.issues.map((issue) => `${issue.field}: ${issue.message}`).filter((issue) => !error.message.includes(issue));
  throw new Error(`${error.message}${issues.length ? ` (${issues.join("; ")})` : ""}`);
}

/** Creates the account; returns the line to show. */
export async function createUserCommand(database: Database, options: { email: string; name: string; password: string; role?: string[] }): Promise<string> {
  const created = await createUser(systemContext(database, "command line"), {
    email: options.email.toLowerCase(),
    displayName: options.name,
    password: options.password,
    systemRoles: (options.role ?? []) as SystemRole[],
    locale: "en",
  }).catch(explain);
  return `Created account ${created.email}${created.systemRoles.length ? ` (${created.systemRoles.join(", ")})` : ""}.`;
}

/** Sets the password (which also ends the sessions, revokes the API tokens and lifts the sign-in throttle); returns the line to show. */
export async function resetPasswordCommand(database: Database, options: { email: string; password: string }): Promise<string> {
  const user = await findUserByEmail(database.db, options.email);
  if (!user) throw new Error(`No account with e-mail ${options.email}`);
  await updateUser(systemContext(database, "command line"), user.id, { password: options.password }).catch(explain);
  return `Password of ${user.email} changed: its sessions are ended, its API tokens revoked, and sign-in is no longer throttled.`;
}
