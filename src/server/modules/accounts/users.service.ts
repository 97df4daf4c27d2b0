import { and, asc, count, eq, ilike, isNull, ne, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { userInput, userPatch } from "../../../core/access/accounts.schemas.ts";
import { passwordProblems } from "../../../core/access/password-policy.ts";
import { hasSystemRole } from "../../../core/access/scope.ts";
import { allowedActions } from "../../platform/access/scope-sql.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { apiTokens, loginThrottle, sessions, users } from "../../platform/auth/auth.tables.ts";
import { accountKey, clearAccountThrottle } from "../../platform/auth/login-throttle.ts";
import { hashPassword } from "../../platform/auth/password.ts";
import { type PasswordLanguage, passwordStrengthProblem } from "../../platform/auth/password-strength.ts";
import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { AppError, ConflictError, NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { iso, likePattern } from "../../platform/http/schemas.ts";
import { persons } from "../personnel/index.ts";

type UserInput = z.infer<typeof userInput>;
type UserPatch = z.infer<typeof userPatch>;

/**
 * The cheap rules (shared with the web) and then the strength estimate (server-only), with the
 * account's e-mail and name as words an attacker would try first. `language`: of the message.
 */
export function assertPasswordPolicy(password: string, account: { email: string; displayName?: string }, field = "password", language: PasswordLanguage = "en") {
  const problems = passwordProblems(password, account.email);
  if (!problems.length) {
    const strength = passwordStrengthProblem(password, [account.email, account.displayName ?? ""], language);
    if (strength) problems.push(strength);
  }
  if (problems.length) {
    throw new AppError(422, "weak_password", `${field}: ${problems.join("; ")}`, problems.map((message) => ({ field, message })));
  }
}

/** The caller's own language, for messages worded in it (English for the command line). */
export async function callerLanguage(context: ServiceContext): Promise<PasswordLanguage> {
  const [row] = await context.database.db.select({ locale: users.locale }).from(users).where(eq(users.id, context.actor.userId));
  return row?.locale?.startsWith("fr") ? "fr" : "en";
}

/**
 * A new password set by someone else (administrator, command line) ends every session and
 * revokes every API token of the account, in the caller's transaction: whoever held the old
 * password may have made them. Returns what was ended, for the audit entry.
 */
export async function endAccessOf(tx: Db, userId: string, keepSessionHash: string | null = null) {
  const ended = await tx
    .delete(sessions)
    .where(keepSessionHash ? and(eq(sessions.userId, userId), ne(sessions.idHash, keepSessionHash)) : eq(sessions.userId, userId))
    .returning({ idHash: sessions.idHash });
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return { sessionsEnded: { from: null, to: ended.length }, tokensRevoked: { from: null, to: revoked.length } };
}

const personName = sql<string | null>`${persons.givenName} || ' ' || ${persons.familyName}`;

/** Until when the account-wide sign-in throttle makes strangers (browsers without its device cookie) wait. */
const throttledUntil = sql<Date | string | null>`(select ${loginThrottle.nextAllowedAt} from ${loginThrottle} where ${loginThrottle.key} = ${`${accountKey("").key}`} || ${users.email} and ${loginThrottle.nextAllowedAt} > now())`;

type Person = { id: string | null; name: string | null; throttledUntil: Date | string | null };

function present(context: ServiceContext, row: typeof users.$inferSelect, person: Person) {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    systemRoles: row.systemRoles,
    isActive: row.isActive,
    locale: row.locale,
    lockedUntil: person.throttledUntil ? new Date(person.throttledUntil).toISOString() : null,
    personId: person.id,
    personName: person.name,
    createdAt: iso(row.createdAt) as string,
    actions: allowedActions({ update: hasSystemRole(context.actor, "system_admin") }),
  };
}

export async function listUsers(context: ServiceContext, query: { page: number; pageSize: number; q?: string }) {
  const { db } = context.database;
  const where = query.q ? or(ilike(users.email, likePattern(query.q)), ilike(users.displayName, likePattern(query.q))) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ user: users, personId: persons.id, personName, throttledUntil })
      .from(users)
      .leftJoin(persons, eq(persons.userId, users.id))
      .where(where)
      .orderBy(asc(users.displayName))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return {
    items: rows.map((row) => present(context, row.user, { id: row.personId, name: row.personName, throttledUntil: row.throttledUntil })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function getUser(context: ServiceContext, id: string) {
  const [row] = await context.database.db
    .select({ user: users, personId: persons.id, personName, throttledUntil })
    .from(users)
    .leftJoin(persons, eq(persons.userId, users.id))
    .where(eq(users.id, id));
  if (!row) throw new NotFoundError("User");
  return present(context, row.user, { id: row.personId, name: row.personName, throttledUntil: row.throttledUntil });
}

async function linkPerson(tx: Db, userId: string, personId: string | null) {
  await tx.update(persons).set({ userId: null }).where(eq(persons.userId, userId));
  if (!personId) return;
  const [person] = await tx.select({ id: persons.id, userId: persons.userId }).from(persons).where(eq(persons.id, personId));
  if (!person) throw new RuleError("personId", "The person does not exist");
  if (person.userId && person.userId !== userId) throw new ConflictError("personId", "This person already has an account");
  await tx.update(persons).set({ userId }).where(eq(persons.id, personId));
}

/**
 * `isDemoSeed`: the demo seed alone may give its accounts the published demo password (demo mode);
 * every account made through the API or the command line goes through the password policy.
 */
export async function createUser(context: ServiceContext, input: UserInput, options: { isDemoSeed?: boolean } = {}) {
  if (!options.isDemoSeed) assertPasswordPolicy(input.password, input, "password", await callerLanguage(context));
  const { db } = context.database;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) throw new ConflictError("email", "An account with this e-mail already exists");
  const passwordHash = await hashPassword(input.password);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, displayName: input.displayName, passwordHash, systemRoles: input.systemRoles, locale: input.locale, passwordChangedAt: new Date() })
      .returning();
    await linkPerson(tx, row.id, input.personId ?? null);
    await recordAudit(tx, context.audit, {
      action: "create",
      entityType: "user",
      entityId: row.id,
      changes: { ...diffRecords(null, row), ...(input.personId ? { personId: { from: null, to: input.personId } } : {}) },
    });
    return row;
  });
  return getUser(context, created.id);
}

export async function updateUser(context: ServiceContext, id: string, patch: UserPatch) {
  const { db } = context.database;
  const [before] = await db.select().from(users).where(eq(users.id, id));
  if (!before) throw new NotFoundError("User");
  if (id === context.actor.userId && (patch.isActive === false || (patch.systemRoles && !patch.systemRoles.includes("system_admin") && before.systemRoles.includes("system_admin")))) {
    throw new RuleError("systemRoles", "You cannot remove your own administrator access or deactivate yourself");
  }
  const { password, personId, ...fields } = patch;
  if (password) assertPasswordPolicy(password, { email: before.email, displayName: fields.displayName ?? before.displayName }, "password", await callerLanguage(context));
  const passwordHash = password ? await hashPassword(password) : undefined;
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({
        ...fields,
        ...(passwordHash ? { passwordHash, passwordChangedAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    const changes = diffRecords(before, after);
    if (passwordHash) Object.assign(changes, { password: { from: "(set)", to: "(changed)" } }, await endAccessOf(tx, id));
    if (personId !== undefined) {
      await linkPerson(tx, id, personId);
      changes.personId = { from: null, to: personId };
    }
    await recordAudit(tx, context.audit, { action: "update", entityType: "user", entityId: id, changes });
  });
  // The reset is also how an administrator lets a throttled account sign in at once.
  if (passwordHash) await clearAccountThrottle(context.database, before.email, id);
  return getUser(context, id);
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(and(eq(users.email, email.toLowerCase())));
  return row;
}
