import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "../config.ts";
import { type Database, migrationStatus, ping } from "../db/database.ts";
import { forgetSessions } from "../auth/session-cache.ts";
import { installAuthentication, safeMethods } from "./authenticate.ts";
import { OneLinePerRequest, loggerOptions } from "./console-log.ts";
import { serviceContext } from "./context.ts";
import { installErrorHandler } from "./error-handler.ts";
import { AppError } from "./errors.ts";
import type { GrantLoader } from "./grant-loader.ts";
import { installJsonParser } from "./json-depth.ts";
import type { RouteSpec } from "./route.ts";
import { ResponseCache, installResponseCache } from "./response-cache.ts";
import { installFixedHeaders } from "./security-headers.ts";
import { installClosingSignal } from "./closing.ts";
import { installCompression, serveWebApp } from "./static-web.ts";

export type AppOptions = {
  config: Config;
  database: Database;
  routes: RouteSpec[];
  loadGrants: GrantLoader;
  /** Where the built web app lives; served with a single-page-app fallback when present. */
  webRoot?: string;
};

const defaultWebRoot = fileURLToPath(new URL("../../../../dist/web", import.meta.url));

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: loggerOptions(config),
    logController: new OneLinePerRequest(),
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 2 * 1024 * 1024,
    // X-Forwarded-For is believed only from the configured proxies (TRUSTED_PROXIES); false: none.
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    // Every route's schemas are zod's (below). Given as the defaults too, Fastify does not load ajv
    // and fast-json-stringify for compilers no route uses: a tenth of a second of every start.
    // (Fastify's types expect ajv's compilers here; it calls them as any route compiler.)
    schemaController: { compilersFactory: { buildValidator: (() => validatorCompiler) as never, buildSerializer: (() => serializerCompiler) as never } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installJsonParser(app);
  installFixedHeaders(app, config);
  installClosingSignal(app);
  await installCompression(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  // CSV imports may also arrive as a plain text/csv body (curl --data-binary), not only multipart.
  app.addContentTypeParser("text/csv", { parseAs: "string" }, (_request, body, done) => done(null, body));
  // The check-in reply page is a plain HTML form (a basic phone browser, no script): its few fields.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 8 * 1024 }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Vigil API",
        version: "0.1.0",
        description:
          "Security management information system. Authenticate with the session cookie (and the X-CSRF-Token header on writes) or with a personal API token as a Bearer token.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "vigil_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: documentMultipartUploads,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  installErrorHandler(app);
  installAuthentication(app, options);
  if (config.responseCacheSeconds > 0) installResponseCache(app, new ResponseCache(config.responseCacheSeconds * 1000), database);
  // A request that may have written forgets the sessions remembered on the embedded database,
  // before its answer leaves: a sign-out is never acknowledged while its session still works.
  app.addHook("onSend", async (request) => {
    if (!safeMethods.has(request.method)) forgetSessions(database);
  });
  app.addHook("preValidation", async (request) => rejectNulCharacters(request));

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ping(database);
      const status = await migrationStatus(database);
      const isReady = status.applied >= status.expected;
      return reply.code(isReady ? 200 : 503).send({ status: isReady ? "ready" : "migrations pending", ...status });
    } catch (error) {
      return reply.code(503).send({ status: "database unreachable", detail: String(error) });
    }
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  for (const route of options.routes) registerRoute(app, route, database);

  await serveWebApp(app, options.webRoot ?? defaultWebRoot);
  return app;
}

function registerRoute(app: FastifyInstance, route: RouteSpec, database: Database): void {
  const schema: Record<string, unknown> = {
    summary: route.summary,
    tags: route.tags,
    response: route.response,
  };
  if (route.params) schema.params = route.params;
  if (route.querystring) schema.querystring = route.querystring;
  if (route.body) schema.body = route.body;
  if (route.headers) schema.headers = route.headers;
  if (route.isMultipart) schema.consumes = ["multipart/form-data"];
  app.route({
    method: route.method,
    url: route.url,
    schema,
    config: {
      access: route.access,
      cachePerViewer: route.cachePerViewer,
    },
    handler: async (request, reply) => {
      const actor = request.actor;
      const context = actor ? serviceContext(database, actor, request.id, request.referenceStamp, request.account?.locale) : (undefined as never);
      const result = await route.handler({
        params: request.params as never,
        query: request.query as never,
        body: request.body as never,
        request,
        reply,
        context,
      });
      if (reply.sent) return reply;
      return result;
    },
  });
}

/** The upload a multipart route takes: one file in the form field `file`. */
const multipartFileBody = {
  type: "object",
  properties: { file: { type: "string", format: "binary", description: "The file to upload" } },
  required: ["file"],
};

/**
 * zod schemas to JSON Schema for the OpenAPI document. A multipart route has no body schema
 * (its handler reads the file, so Fastify must not validate the body): document its upload.
 */
const documentMultipartUploads: typeof jsonSchemaTransform = (input) => {
  const output = jsonSchemaTransform(input);
  const consumes = (input.schema as { consumes?: string[] } | undefined)?.consumes;
  if (!consumes?.includes("multipart/form-data") || output.schema.body) return output;
  return { ...output, schema: { ...output.schema, body: multipartFileBody } };
};

/** Where the first string holding a NUL character sits in a value, as a field path. */
function nulPath(value: unknown, path: string[]): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const found = nulPath(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * PostgreSQL cannot store the NUL character in text: refuse it as bad input naming the
 * field, before it reaches the database (where it would fail as a server error).
 */
function rejectNulCharacters(request: { params: unknown; query: unknown; body: unknown }) {
  const places = { params: request.params, querystring: request.query, body: request.body };
  for (const [location, value] of Object.entries(places)) {
    const path = nulPath(value, []);
    if (!path) continue;
    const field = path.join(".") || location;
    const message = "must not contain the NUL character";
    throw new AppError(400, "validation", `${field}: ${message}`, [{ field, message }]);
  }
}
