import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";
import type { Config } from "../config.ts";

/**
 * The Content-Security-Policy. `upgrade-insecure-requests` (helmet's default) makes the browser
 * fetch every script and style over https: on a deployment served over plain http (an internal
 * address, a trial) every asset then fails and the page stays blank (issue 11, item 7). It is
 * sent only when the public address (BASE_URL) is https, where it does what it is for.
 */
export function helmetOptions(config: Pick<Config, "baseUrl" | "mapStyleUrl">): HelmetOptions {
  const isHttps = config.baseUrl.startsWith("https://");
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", "blob:"],
        // The incident map's configured style or tiles (MAP_STYLE_URL) are fetched from their own origin.
        connectSrc: ["'self'", ...(config.mapStyleUrl ? [new URL(config.mapStyleUrl.replace(/[{}]/g, "")).origin] : [])],
        // null removes one of helmet's default directives.
        upgradeInsecureRequests: isHttps ? [] : null,
      },
    },
  };
}

/**
 * Helmet's headers, worked out once. They do not depend on the request (no CSP nonces), and
 * @fastify/helmet built a new helmet middleware, parsing the whole policy, for every request:
 * 5 % of the CPU of `/api/auth/me` (docs/PERFORMANCE.md).
 */
export function securityHeaders(config: Pick<Config, "baseUrl" | "mapStyleUrl">): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: () => {},
  };
  helmet(helmetOptions(config))({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Every answer's fixed headers, set as the request arrives (one hook, no promise):
 * - the request id, which the log lines carry too;
 * - helmet's security headers;
 * - `Cache-Control: no-store` on API answers: they hold records a browser or a proxy must not
 *   keep (a shared computer's back button, a caching proxy), errors included. Routes are told
 *   apart by their access rule, which only API routes have, so the web app's static files and
 *   the API documentation keep their own caching. A route that sets its own header (downloads:
 *   `no-store`, stored files: `private, no-store`) replaces it.
 */
export function installFixedHeaders(app: FastifyInstance, config: Pick<Config, "baseUrl" | "mapStyleUrl">): void {
  const fixed = securityHeaders(config);
  const api = { ...fixed, "cache-control": "no-store" };
  app.addHook("onRequest", (request, reply, done) => {
    reply.headers(request.routeOptions.config?.access ? api : fixed);
    reply.header("x-request-id", request.id);
    done();
  });
}
