import { and, desc, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { mePatch, tokenInput } from "../../../core/access/accounts.schemas.ts";
import { permissions } from "../../../core/access/permissions.ts";
import { type Actor, hasPermission } from "../../../core/access/scope.ts";
import type { Permission } from "../../../core/access/permissions.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { apiTokenPrefix, checkPasswordThrottled, type LoginMeta, type UserRow } from "../../platform/auth/auth.service.ts";
import { cachedReference } from "../../platform/cache/reference-cache.ts";
import { apiTokens, users } from "../../platform/auth/auth.tables.ts";
import { hashPassword } from "../../platform/auth/password.ts";
import { randomToken, sha256 } from "../../platform/auth/tokens.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/schemas.ts";
import { appointments, inForceOn } from "../appointments/index.ts";
import { organisations, places } from "../structure/index.ts";
import { todayIso } from "../../platform/clock.ts";
import { assertPasswordPolicy, endAccessOf } from "./users.service.ts";

/**
 * `account`: the row authentication read in its one statement, when the caller has it (GET);
 * after a change (PATCH) it is read again. The appointments in force are reference data, kept
 * while the reference stamp and the day hold (platform/cache), so a GET costs no statement here.
 */
export async function describeMe(context: ServiceContext, csrfToken: string | null, account?: UserRow | null) {
  const { db } = context.database;
  const [user] = account ? [account] : await db.select().from(users).where(eq(users.id, context.actor.userId));
  if (!user) throw new NotFoundError("User");
  const { personId } = context.actor;
  const today = todayIso();
  const held = personId
    ? // async: a Drizzle query runs again at each await; the cache must hold a promise of its rows.
      await cachedReference(context.database, context.referenceStamp, "appointments-held", `${personId} ${today}`, async () =>
        db
          .select({
            role: appointments.role,
            placeId: appointments.placeId,
            placeName: places.name,
            organisationId: appointments.organisationId,
            organisationCode: organisations.code,
          })
          .from(appointments)
          .innerJoin(places, eq(places.id, appointments.placeId))
          .leftJoin(organisations, eq(organisations.id, appointments.organisationId))
          .where(and(eq(appointments.personId, personId), inForceOn(today))),
      )
    : [];
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale, systemRoles: user.systemRoles },
    csrfToken,
    personId,
    appointments: held,
    permissions: permissionsOf(context.actor),
  };
}

/** The permissions the actor holds somewhere. */
function permissionsOf(actor: Actor): Permission[] {
  return (Object.keys(permissions) as Permission[]).filter((permission) => hasPermission(actor, permission));
}

/** The request changing the account: the session it came with, and what the sign-in throttle counts. */
export type MeRequest = LoginMeta & { sessionToken: string | null };

export async function updateMe(context: ServiceContext, patch: z.infer<typeof mePatch>, request: MeRequest) {
  const { db } = context.database;
  const [before] = await db.select().from(users).where(eq(users.id, context.actor.userId));
  if (!before) throw new NotFoundError("User");
  let passwordHash: string | undefined;
  if (patch.newPassword !== undefined) {
    // Guessing the current password from a stolen session is throttled exactly like signing in.
    if (!(await checkPasswordThrottled(context.database, before.email, before, patch.currentPassword ?? "", request))) {
      throw new RuleError("currentPassword", "is not your current password");
    }
    const language = (patch.locale ?? before.locale).startsWith("fr") ? "fr" : "en";
    assertPasswordPolicy(patch.newPassword, { email: before.email, displayName: patch.displayName ?? before.displayName }, "newPassword", language);
    passwordHash = await hashPassword(patch.newPassword);
  }
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        ...(patch.locale ? { locale: patch.locale } : {}),
        ...(patch.displayName ? { displayName: patch.displayName } : {}),
        ...(passwordHash ? { passwordHash, passwordChangedAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, before.id));
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (patch.locale && patch.locale !== before.locale) changes.locale = { from: before.locale, to: patch.locale };
    if (patch.displayName && patch.displayName !== before.displayName) changes.displayName = { from: before.displayName, to: patch.displayName };
    if (passwordHash) {
      changes.password = { from: "(set)", to: "(changed)" };
      // A new password ends every OTHER session and revokes the API tokens: whoever knew the old
      // password may hold them. The session that changed it stays signed in.
      Object.assign(changes, await endAccessOf(tx, before.id, request.sessionToken ? sha256(request.sessionToken) : null));
    }
    await recordAudit(tx, context.audit, { action: "update", entityType: "user", entityId: before.id, changes });
  });
}

function presentToken(row: typeof apiTokens.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    createdAt: iso(row.createdAt) as string,
    lastUsedAt: iso(row.lastUsedAt),
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
  };
}

export async function listTokens(context: ServiceContext) {
  const rows = await context.database.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, context.actor.userId))
    .orderBy(desc(apiTokens.createdAt));
  return { items: rows.map(presentToken) };
}

/** The token is shown once; only its SHA-256 is stored. */
export async function createToken(context: ServiceContext, input: z.infer<typeof tokenInput>) {
  const token = randomToken(apiTokenPrefix);
  const row = await context.database.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        userId: context.actor.userId,
        name: input.name,
        tokenHash: sha256(token),
        prefix: token.slice(0, 10),
        scope: input.scope,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      })
      .returning();
    await recordAudit(tx, context.audit, {
      action: "create",
      entityType: "api_token",
      entityId: created.id,
      changes: { name: { from: null, to: input.name }, scope: { from: null, to: input.scope }, expiresAt: { from: null, to: iso(created.expiresAt) } },
    });
    return created;
  });
  return { ...presentToken(row), token };
}

export async function revokeToken(context: ServiceContext, id: string) {
  const { db } = context.database;
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, context.actor.userId), isNull(apiTokens.revokedAt)));
  if (!row) throw new NotFoundError("API token");
  await db.transaction(async (tx) => {
    const revokedAt = new Date();
    await tx.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, id));
    await recordAudit(tx, context.audit, { action: "update", entityType: "api_token", entityId: id, changes: { revokedAt: { from: null, to: revokedAt.toISOString() } } });
  });
}
