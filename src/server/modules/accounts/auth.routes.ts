import { z } from "zod";
import { loginInput, locales, mePatch, tokenInput, tokenScopes } from "../../../core/access/accounts.schemas.ts";
import { appointmentRoles, systemRoles } from "../../../core/access/roles.ts";
import { login, logout } from "../../platform/auth/auth.service.ts";
import { deviceCookie, deviceCookieDays } from "../../platform/auth/device-cookie.ts";
import { ThrottledError } from "../../platform/auth/login-throttle.ts";
import type { Config } from "../../platform/config.ts";
import { sessionCookie } from "../../platform/http/authenticate.ts";
import { defineRoute } from "../../platform/http/route.ts";
import type { FastifyReply, FastifyRequest } from "fastify";
import { errorResponses, idParams, noContent, timestamp } from "../../platform/http/schemas.ts";
import { createToken, describeMe, listTokens, revokeToken, updateMe } from "./me.service.ts";

const userSummary = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(locales).or(z.string()),
  systemRoles: z.array(z.enum(systemRoles)),
});

const meOut = z.object({
  user: userSummary,
  csrfToken: z.string().nullable(),
  personId: z.string().nullable(),
  appointments: z.array(
    z.object({
      role: z.enum(appointmentRoles),
      placeId: z.string(),
      placeName: z.string(),
      organisationId: z.string().nullable(),
      organisationCode: z.string().nullable(),
    }),
  ),
  permissions: z.array(z.string()),
});

const tokenOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(tokenScopes),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});

const tags = ["Authentication"];

/** What the sign-in throttle needs from a request: the client address and the browser's device cookie. */
function throttleMeta(request: FastifyRequest) {
  return {
    ipAddress: request.ip,
    userAgent: request.headers["user-agent"] ?? null,
    requestId: request.id,
    deviceCookie: request.cookies[deviceCookie],
  };
}

/** A throttled attempt says when to come back (Retry-After, seconds), known account or not. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ThrottledError) reply.header("retry-after", String(error.retryAfterSeconds));
    throw error;
  }
}

export function authRoutes(config: Config) {
  return [
    defineRoute({
      method: "POST",
      url: "/api/auth/login",
      access: "public",
      summary: "Sign in with e-mail and password; sets the session cookie and returns the CSRF token",
      tags,
      body: loginInput,
      // Throttled per e-mail, per address and per device in the database (login-throttle.ts), on every node alike.
      response: { 200: z.object({ user: userSummary, csrfToken: z.string() }), ...errorResponses, 429: errorResponses[401] },
      handler: async ({ body, request, reply }) => {
        const result = await withRetryAfter(reply, () =>
          login(request.server.database, body.email, body.password, config.sessionHours, throttleMeta(request)),
        );
        if (result.deviceCookie) {
          reply.setCookie(deviceCookie, result.deviceCookie, {
            httpOnly: true,
            sameSite: "lax",
            secure: config.isSecureCookie,
            path: "/api/auth",
            maxAge: deviceCookieDays * 86_400,
          });
        }
        reply.setCookie(sessionCookie, result.sessionToken, {
          httpOnly: true,
          sameSite: "lax",
          secure: config.isSecureCookie,
          path: "/",
          expires: result.expiresAt,
        });
        const { user } = result;
        return {
          user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale, systemRoles: user.systemRoles },
          csrfToken: result.csrfToken,
        };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/auth/logout",
      access: "authenticated",
      summary: "Sign out: ends the session",
      tags,
      response: { 204: noContent, ...errorResponses },
      handler: async ({ request, reply }) => {
        if (request.sessionToken) await logout(request.server.database, request.sessionToken);
        reply.clearCookie(sessionCookie, { path: "/" });
        return reply.code(204).send();
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/auth/me",
      access: "authenticated",
      summary: "The signed-in user, their appointments in force, their permissions and the CSRF token",
      tags,
      response: { 200: meOut, ...errorResponses },
      // The account as read with the session (no second read of the same row).
      handler: async ({ context, request }) => describeMe(context, request.csrfToken, request.account),
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/auth/me",
      access: "authenticated",
      summary: "Change your language, display name or password (signed-in session only; other sessions and API tokens end on a new password)",
      tags,
      body: mePatch,
      response: { 200: meOut, ...errorResponses, 429: errorResponses[401] },
      handler: async ({ context, body, request, reply }) => {
        await withRetryAfter(reply, () => updateMe(context, body, { ...throttleMeta(request), sessionToken: request.sessionToken }));
        return describeMe(context, request.csrfToken);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/auth/tokens",
      access: "authenticated",
      summary: "Your personal API tokens (signed-in session only)",
      tags,
      response: { 200: z.object({ items: z.array(tokenOut) }), ...errorResponses },
      handler: ({ context }) => listTokens(context),
    }),
    defineRoute({
      method: "POST",
      url: "/api/auth/tokens",
      access: "authenticated",
      summary: "Create a personal API token (shown once; scope read by default; signed-in session only)",
      tags,
      body: tokenInput,
      response: { 201: tokenOut.extend({ token: z.string() }), ...errorResponses },
      handler: async ({ context, body, reply }) => reply.code(201).send(await createToken(context, body)),
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/auth/tokens/:id",
      access: "authenticated",
      summary: "Revoke one of your API tokens (signed-in session only)",
      tags,
      params: idParams,
      response: { 204: noContent, ...errorResponses },
      handler: async ({ context, params, reply }) => {
        await revokeToken(context, params.id);
        return reply.code(204).send();
      },
    }),
  ];
}
