import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../../../core/access/scope.ts";
import { hasPermission } from "../../../core/access/scope.ts";
import {
  apiTokenPrefix,
  authenticateApiToken,
  authenticateSession,
  systemGrants,
  type UserRow,
} from "../auth/auth.service.ts";
import { cachedReference } from "../cache/reference-cache.ts";
import { todayIso } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { AppError, ForbiddenError, UnauthenticatedError } from "./errors.ts";
import type { GrantLoader } from "./grant-loader.ts";
import type { RouteAccess } from "./route.ts";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    authVia: "session" | "token" | null;
    sessionToken: string | null;
    csrfToken: string | null;
    referenceStamp: string | null;
    /** The account row read with the session or token (same statement): /api/auth/me answers from it. */
    account: UserRow | null;
  }
  interface FastifyInstance {
    database: Database;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const sessionCookie = "vigil_session";
/** Methods that never write: no CSRF token needed, and no remembered session forgotten (app.ts). */
export const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const readScopeMethods = new Set(["GET", "HEAD"]);

/**
 * Routes an API token may not call, whatever its scope: a leaked token must not be able to make
 * more tokens, revoke the owner's, or change the owner's password or account.
 */
export function isSessionOnlyRoute(method: string, url: string | undefined): boolean {
  if (!url) return false;
  return url === "/api/auth/tokens" || url.startsWith("/api/auth/tokens/") || (url === "/api/auth/me" && method === "PATCH");
}

async function resolveActor(
  request: FastifyRequest,
  database: Database,
  loadGrants: GrantLoader,
): Promise<{
  actor: Actor;
  account: UserRow;
  via: "session" | "token";
  csrfToken: string | null;
  referenceStamp: string | null;
  tokenScope: string | null;
  dataVersion: string;
} | null> {
  const header = request.headers.authorization;
  let authenticated = null;
  if (header?.startsWith("Bearer ")) {
    const token = header.slice(7).trim();
    if (!token.startsWith(apiTokenPrefix)) throw new UnauthenticatedError("Unknown token format");
    authenticated = await authenticateApiToken(database, token);
    if (!authenticated) throw new UnauthenticatedError("The API token is invalid, expired or revoked");
  } else {
    const cookieValue = request.cookies[sessionCookie];
    if (!cookieValue) return null;
    authenticated = await authenticateSession(database, cookieValue);
    if (!authenticated) return null;
    request.sessionToken = cookieValue;
  }
  const { user, referenceStamp } = authenticated;
  // Grants follow from appointments in force today: reused while the reference stamp and the day stay the same.
  const today = todayIso();
  const fromAppointments = await cachedReference(database, referenceStamp, "grants", `${user.id} ${today}`, () => loadGrants(database, user.id));
  const actor: Actor = {
    userId: user.id,
    personId: fromAppointments.personId,
    displayName: user.displayName,
    grants: [...systemGrants(user), ...fromAppointments.grants],
  };
  return {
    actor,
    account: user,
    via: authenticated.via,
    csrfToken: authenticated.csrfToken,
    referenceStamp,
    tokenScope: authenticated.tokenScope,
    dataVersion: authenticated.dataVersion,
  };
}

/** Authenticates every API request and enforces the route's access rule before validation. */
export function installAuthentication(
  app: FastifyInstance,
  options: { database: Database; loadGrants: GrantLoader; config: Config },
): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("authVia", null);
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("csrfToken", null);
  app.decorateRequest("referenceStamp", null);
  app.decorateRequest("account", null);
  app.decorateRequest("dataVersion", null);
  app.decorate("database", options.database);
  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const resolved = await resolveActor(request, options.database, options.loadGrants);
    if (resolved) {
      request.actor = resolved.actor;
      request.authVia = resolved.via;
      request.csrfToken = resolved.csrfToken;
      request.referenceStamp = resolved.referenceStamp;
      request.account = resolved.account;
      // The embedded database counts its writes instead (response-cache.ts).
      if (options.database.kind === "postgres") request.dataVersion = resolved.dataVersion;
    }
    if (access === "public") return;
    if (!resolved) throw new UnauthenticatedError();
    // Cookie-authenticated writes must echo the session's CSRF token (synchroniser token);
    // bearer tokens are not sent automatically by browsers and need no such check.
    if (resolved.via === "session" && !safeMethods.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || sent !== resolved.csrfToken) {
        throw new AppError(403, "csrf", "Missing or invalid X-CSRF-Token header");
      }
    }
    if (resolved.via === "token") {
      if (isSessionOnlyRoute(request.method, request.routeOptions.url)) {
        throw new AppError(403, "session_required", "API tokens cannot manage tokens or change the account: sign in to do this");
      }
      if (resolved.tokenScope !== "read_write" && !readScopeMethods.has(request.method)) {
        throw new AppError(403, "token_scope", "This API token is read-only (scope read): it may only read (GET)");
      }
    }
    if (access !== "authenticated" && !hasPermission(resolved.actor, access)) {
      throw new ForbiddenError();
    }
  });
}
