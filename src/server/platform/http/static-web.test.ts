import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../../server.ts";
import { demo } from "../../testing/test-app.ts";
import { openTestDatabase } from "../../testing/test-database.ts";
import { demoPassword } from "../../seed/demo.seed.ts";
import { loadConfig } from "../config.ts";
import { compressThreshold } from "./static-web.ts";

/** A built web app in miniature: what `vite build` writes, precompressed copies included. */
function writeWebFixture(root: string) {
  const script = `export const words = ${JSON.stringify("field link ".repeat(400))};\n`;
  mkdirSync(path.join(root, "assets"));
  const files: Record<string, string> = {
    "index.html": `<!doctype html><html><head><script type="module" src="/assets/app-Abc123.js"></script></head><body>${"<!-- shell -->".repeat(100)}</body></html>`,
    "sw.js": `const build = { version: "test", files: ["/"] };\n${"// worker\n".repeat(200)}`,
    "assets/app-Abc123.js": script,
  };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(root, name), content);
    writeFileSync(path.join(root, `${name}.br`), brotliCompressSync(content));
    writeFileSync(path.join(root, `${name}.gz`), gzipSync(content));
  }
  return { script };
}

let app: FastifyInstance;
let webRoot: string;
let script: string;
let cookie: string;
let analystCookie: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  webRoot = mkdtempSync(path.join(tmpdir(), "vigil-web-"));
  ({ script } = writeWebFixture(webRoot));
  const database = await openTestDatabase();
  drop = () => database.drop();
  const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/nonexistent", JOBS: "off" });
  app = await createServer(config, database, { webRoot });
  const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: demo.admin, password: demoPassword } });
  cookie = `vigil_session=${login.cookies.find((item) => item.name === "vigil_session")?.value}`;
  const analyst = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: demo.analyst, password: demoPassword } });
  analystCookie = `vigil_session=${analyst.cookies.find((item) => item.name === "vigil_session")?.value}`;
});

afterAll(async () => {
  await app?.close();
  await drop?.();
  rmSync(webRoot, { recursive: true, force: true });
});

describe("built files", () => {
  it("are sent precompressed with brotli or gzip, as accepted, and cached for a year when hashed", async () => {
    const br = await app.inject({ url: "/assets/app-Abc123.js", headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await app.inject({ url: "/assets/app-Abc123.js", headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await app.inject({ url: "/assets/app-Abc123.js", headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("never lets index.html, the single-page fallback or the service worker be kept without revalidation", async () => {
    for (const url of ["/", "/index.html", "/incidents/quick", "/sw.js"]) {
      const response = await app.inject({ url, headers: { "accept-encoding": "br" } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["cache-control"], url).toBe("no-cache");
      expect(response.headers["content-encoding"], url).toBe("br");
    }
  });

  it("answers HEAD and conditional requests sensibly", async () => {
    const head = await app.inject({ method: "HEAD", url: "/assets/app-Abc123.js", headers: { "accept-encoding": "br" } });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
    const first = await app.inject({ url: "/sw.js", headers: { "accept-encoding": "br" } });
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await app.inject({ url: "/sw.js", headers: { "accept-encoding": "br", "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("answers 404 for a missing built file instead of the app's page", async () => {
    const response = await app.inject({ url: "/assets/gone-Old123.js" });
    expect(response.statusCode).toBe(404);
  });

  it("never reaches a file outside the web app's folder, however the path is written", async () => {
    const secret = path.join(path.dirname(webRoot), `${path.basename(webRoot)}-secret.txt`);
    writeFileSync(secret, "not for the web");
    try {
      const name = path.basename(secret);
      for (const url of [`/../${name}`, `/..%2f${name}`, `/assets/..%2f..%2f${name}`, `/%2e%2e/${name}`, `/assets/%2e%2e%2f%2e%2e%2f${name}`]) {
        const response = await app.inject({ url });
        expect(response.body, url).not.toContain("not for the web");
      }
    } finally {
      rmSync(secret, { force: true });
    }
  });
});

describe("API answers", () => {
  it("are compressed above the threshold, as accepted, and keep no-store", async () => {
    const br = await app.inject({ url: "/api/places/tree", headers: { cookie, "accept-encoding": "br, gzip" } });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toBe("no-store");
    const decoded = brotliDecompressSync(br.rawPayload).toString();
    expect(decoded.length).toBeGreaterThan(compressThreshold);
    expect(() => JSON.parse(decoded)).not.toThrow();

    const gz = await app.inject({ url: "/api/places/tree", headers: { cookie, "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(decoded);

    const plain = await app.inject({ url: "/api/places/tree", headers: { cookie } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(decoded);
  });

  it("are sent as they are below the threshold", async () => {
    const response = await app.inject({ url: "/api/auth/me", headers: { "accept-encoding": "br, gzip" } });
    expect(response.statusCode).toBe(401);
    expect(response.body.length).toBeLessThan(compressThreshold);
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.json()).toMatchObject({ error: expect.any(String) });
  });

  it("leave streamed exports whole: a compressed CSV decodes to the same file, XLSX is not recompressed", async () => {
    const cookie = analystCookie;
    const plain = await app.inject({ url: "/api/incidents/export?format=csv", headers: { cookie } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["cache-control"]).toBe("no-store");
    expect(plain.headers["content-disposition"]).toMatch(/attachment/);
    const gz = await app.inject({ url: "/api/incidents/export?format=csv", headers: { cookie, "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers["content-disposition"]).toMatch(/attachment/);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);

    const xlsx = await app.inject({ url: "/api/incidents/export?format=xlsx", headers: { cookie, "accept-encoding": "br, gzip" } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-encoding"]).toBeUndefined();
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });
});
