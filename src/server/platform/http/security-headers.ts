import type { FastifyHelmetOptions } from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import type { Config } from "../config.ts";

/**
 * The Content-Security-Policy. `upgrade-insecure-requests` (helmet's default) makes the browser
 * fetch every script and style over https: on a deployment served over plain http (an internal
 * address, a trial) every asset then fails and the page stays blank (issue 11, item 7). It is
 * sent only when the public address (BASE_URL) is https, where it does what it is for.
 */
export function helmetOptions(config: Pick<Config, "baseUrl" | "mapStyleUrl">): FastifyHelmetOptions {
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
 * API answers hold records a browser or a proxy must not keep (a shared computer's back button,
 * a caching proxy): every answer of an API route, errors included, is `Cache-Control: no-store`.
 * Routes are told apart by their access rule, which only API routes have, so the web app's
 * static files and the API documentation keep their own caching. A route that sets its own
 * header (downloads: `no-store`, stored files: `private, no-store`) keeps it.
 */
export function installNoStore(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply) => {
    if (request.routeOptions.config?.access && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
  });
}
