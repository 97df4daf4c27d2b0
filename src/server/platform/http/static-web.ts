import { existsSync } from "node:fs";
import path from "node:path";
import compress from "@fastify/compress";
import { constants } from "node:zlib";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * API answers smaller than this go as they are: one that fits in a single TCP segment (about
 * 1,460 bytes of payload) arrives in the same round trip compressed or not, and compressing it
 * was the largest single cost of `/api/auth/me` (1.1 KB; docs/PERFORMANCE.md).
 */
export const compressThreshold = 1400;

/**
 * Compression of API answers (brotli or gzip, as the client accepts), above `compressThreshold`.
 * Built files are not compressed here: the build wrote `.br` and `.gz` beside them
 * (scripts/vite/precompress.ts) and `serveWebApp` sends those. Registered before the routes, so
 * its hook sees them; downloads keep their own headers (compression adds `Vary` and drops
 * `Content-Length`, nothing else).
 */
export async function installCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: compressThreshold,
    encodings: ["br", "gzip"],
    // Brotli's default quality (11) is for files compressed once; per answer, 4 is about as fast as gzip and smaller.
    // Which types are compressed is mime-db's list: JSON and CSV are, XLSX, PDF and images are not.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}

const hashedAsset = /^\/assets\//;
/** Revalidated every time, so a release is never hidden behind a stale page or service worker. */
const neverCached = new Set(["/index.html", "/sw.js"]);

/**
 * Serves the built web app (`dist/web`), with a single-page-app fallback to `index.html`.
 * Files are sent precompressed when the client accepts it, always with `Vary: Accept-Encoding`.
 */
export async function serveWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  if (!existsSync(path.join(webRoot, "index.html"))) return;
  await app.register(fastifyStatic, {
    root: webRoot,
    // One route for every file, looked up on disk per request: `wildcard: false` registered a GET
    // and a HEAD route for each of the 700-odd built files (with their .br and .gz), a tenth of
    // a second of every start.
    wildcard: true,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, filePath) => {
      // With preCompressed, the path is that of the `.br` or `.gz` copy sent.
      const url = `/${path.relative(webRoot, filePath).split(path.sep).join("/")}`.replace(/\.(?:br|gz)$/, "");
      // The answer depends on Accept-Encoding (brotli, gzip or plain): caches must keep them apart.
      response.setHeader("vary", "accept-encoding");
      // Content-hashed names: a release brings new names, so a kept copy never goes stale.
      if (hashedAsset.test(url)) response.setHeader("cache-control", "public, max-age=31536000, immutable");
      else if (neverCached.has(url)) response.setHeader("cache-control", "no-cache");
      else response.setHeader("cache-control", "public, max-age=3600");
    },
  });
  app.setNotFoundHandler((request, reply) => {
    // A missing built file is a 404 (a page from a previous release asking for an old chunk must
    // fail and reload), not the app's page served as JavaScript.
    if (request.url.startsWith("/api/") || request.url.startsWith("/assets/") || request.method !== "GET") {
      return reply.code(404).send({ error: "not_found", message: "No such endpoint" });
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}
