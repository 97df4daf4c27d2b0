import { eq } from "drizzle-orm";
import { type RuleLanguage, ruleLanguageOf } from "../../../core/incidents/incident-rules.messages.ts";
import { users } from "../auth/auth.tables.ts";
import type { ServiceContext } from "../http/context.ts";

/**
 * The language the caller reads: their account's locale, which the web app keeps in step with
 * the language switch (and API clients set with PATCH /api/auth/me). English when unknown.
 */
export async function callerLanguage(context: ServiceContext): Promise<RuleLanguage> {
  if (context.locale) return ruleLanguageOf(context.locale);
  const [row] = await context.database.db.select({ locale: users.locale }).from(users).where(eq(users.id, context.actor.userId));
  return ruleLanguageOf(row?.locale);
}
