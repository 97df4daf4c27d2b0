import { and, asc, count, eq, ilike, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { userInput, userPatch } from "../../../core/access/accounts.schemas.ts";
import { passwordProblems } from "../../../core/access/password-policy.ts";
import { hasSystemRole } from "../../../core/access/scope.ts";
import { allowedActions } from "../../platform/access/scope-sql.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { users } from "../../platform/auth/auth.tables.ts";
import { hashPassword } from "../../platform/auth/password.ts";
import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { AppError, ConflictError, NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { iso, likePattern } from "../../platform/http/schemas.ts";
import { persons } from "../personnel/index.ts";

type UserInput = z.infer<typeof userInput>;
type UserPatch = z.infer<typeof userPatch>;

export function assertPasswordPolicy(password: string, email: string, field = "password") {
  const problems = passwordProblems(password, email);
  if (problems.length) {
    throw new AppError(422, "weak_password", `The password ${problems.join(", ")}`, problems.map((message) => ({ field, message })));
  }
}

const personName = sql<string | null>`${persons.givenName} || ' ' || ${persons.familyName}`;

function present(context: ServiceContext, row: typeof users.$inferSelect, person: { id: string | null; name: string | null }) {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    systemRoles: row.systemRoles,
    isActive: row.isActive,
    locale: row.locale,
    lockedUntil: iso(row.lockedUntil),
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
      .select({ user: users, personId: persons.id, personName })
      .from(users)
      .leftJoin(persons, eq(persons.userId, users.id))
      .where(where)
      .orderBy(asc(users.displayName))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return {
    items: rows.map((row) => present(context, row.user, { id: row.personId, name: row.personName })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function getUser(context: ServiceContext, id: string) {
  const [row] = await context.database.db
    .select({ user: users, personId: persons.id, personName })
    .from(users)
    .leftJoin(persons, eq(persons.userId, users.id))
    .where(eq(users.id, id));
  if (!row) throw new NotFoundError("User");
  return present(context, row.user, { id: row.personId, name: row.personName });
}

async function linkPerson(tx: Db, userId: string, personId: string | null) {
  await tx.update(persons).set({ userId: null }).where(eq(persons.userId, userId));
  if (!personId) return;
  const [person] = await tx.select({ id: persons.id, userId: persons.userId }).from(persons).where(eq(persons.id, personId));
  if (!person) throw new RuleError("personId", "The person does not exist");
  if (person.userId && person.userId !== userId) throw new ConflictError("personId", "This person already has an account");
  await tx.update(persons).set({ userId }).where(eq(persons.id, personId));
}

export async function createUser(context: ServiceContext, input: UserInput) {
  assertPasswordPolicy(input.password, input.email);
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
  if (password) assertPasswordPolicy(password, before.email);
  const passwordHash = password ? await hashPassword(password) : undefined;
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({
        ...fields,
        ...(passwordHash ? { passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    const changes = diffRecords(before, after);
    if (passwordHash) changes.password = { from: "(set)", to: "(changed)" };
    if (personId !== undefined) {
      await linkPerson(tx, id, personId);
      changes.personId = { from: null, to: personId };
    }
    await recordAudit(tx, context.audit, { action: "update", entityType: "user", entityId: id, changes });
  });
  return getUser(context, id);
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(and(eq(users.email, email.toLowerCase())));
  return row;
}
