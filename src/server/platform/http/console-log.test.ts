import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "../../testing/test-app.ts";
import { OneLinePerRequest, loggableUrl, loggerOptions, logFormatOf, readableLine } from "./console-log.ts";

const requestLine = /^\d\d:\d\d:\d\d (GET|POST|PATCH|DELETE) \S+ \d{3} [\d.]+ ms$/;
const demoPassword = "vigil-demo-2026";

describe("the readable console log of a real server", () => {
  let written = "";
  let testApp: Awaited<ReturnType<typeof startTestApp>>;
  const originalWrite = process.stdout.write;

  beforeAll(async () => {
    // The readable form writes to process.stdout: captured here, as a person's console would show it.
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    }) as typeof process.stdout.write;
    testApp = await startTestApp({ LOG_LEVEL: "info", LOG_FORMAT: "pretty" });
  });
  afterAll(async () => {
    process.stdout.write = originalWrite;
    await testApp?.close();
  });

  it("writes one line per request, with no password, cookie, token or authorization header in it", async () => {
    const { app } = testApp;
    written = "";
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "admin@vigil.example", password: demoPassword } });
    expect(login.statusCode).toBe(200);
    const cookies = login.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    const session = login.cookies.find((cookie) => cookie.name === "vigil_session")?.value ?? "";
    expect(session).not.toBe("");
    const refused = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "admin@vigil.example", password: "wrong-password-for-the-log" } });
    expect(refused.statusCode).toBe(401);
    await app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: cookies } });
    await app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: "Bearer vigil_secret-bearer-token" } });
    await app.inject({ method: "GET", url: "/api/incidents?token=query-token-value&limit=5", headers: { cookie: cookies } });
    await app.inject({ method: "GET", url: "/readyz" });

    const lines = written.trimEnd().split("\n");
    const requests = lines.filter((line) => requestLine.test(line));
    // Five requests, five lines (the successful health probe is at debug level); nothing else per request.
    expect(requests).toHaveLength(5);
    expect(lines.filter((line) => line.includes("/api/"))).toHaveLength(5);
    expect(requests[0]).toMatch(/ POST \/api\/auth\/login 200 [\d.]+ ms$/);
    expect(requests[1]).toMatch(/ POST \/api\/auth\/login 401 /);
    expect(requests[4]).toContain("GET /api/incidents?token=[redacted]&limit=5 ");
    for (const secret of [demoPassword, "wrong-password-for-the-log", session, "secret-bearer-token", "query-token-value", "Bearer"]) {
      expect(written).not.toContain(secret);
    }
  });
});

describe("the JSON log", () => {
  it("writes one JSON object per request, with the method, path and status and no header", async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => void lines.push(line) };
    const options = loggerOptions({ logLevel: "info", logFormat: "json" });
    if (!options || options === true) throw new Error("expected logger options");
    expect(options).not.toHaveProperty("stream");
    const app = Fastify({ logger: { ...options, stream }, logController: new OneLinePerRequest() });
    app.post("/echo", async (request) => {
      // A careless log call: redaction still keeps the password out.
      request.log.info({ body: request.body, headers: request.headers }, "echo");
      return { ok: true };
    });
    await app.inject({ method: "POST", url: "/echo", headers: { cookie: "vigil_session=cookie-value", authorization: "Bearer header-token" }, payload: { password: "body-password" } });
    await app.close();
    const entries = lines.map((line) => JSON.parse(line));
    const completed = entries.filter((entry) => entry.msg === "request completed");
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ req: { method: "POST", url: "/echo" }, res: { statusCode: 200 } });
    expect(completed[0].req).not.toHaveProperty("headers");
    expect(entries.some((entry) => entry.msg === "incoming request")).toBe(false);
    const text = lines.join("");
    for (const secret of ["cookie-value", "header-token", "body-password"]) expect(text).not.toContain(secret);
  });
});

describe("readableLine", () => {
  it("reads a request as time, method, path, status and duration", () => {
    const time = new Date(2026, 0, 5, 12, 3, 4).getTime();
    const json = JSON.stringify({ level: 30, time, reqId: "x", req: { method: "GET", url: "/api/incidents" }, res: { statusCode: 200 }, responseTime: 14.2, msg: "request completed" });
    expect(readableLine(json)).toBe("12:03:04 GET /api/incidents 200 14.2 ms");
  });

  it("labels warnings and errors, shows short fields and an error's stack, and leaves out Fastify's listening line", () => {
    const time = new Date(2026, 0, 5, 9, 0, 0).getTime();
    expect(readableLine(JSON.stringify({ level: 40, time, msg: "e-mail delivery failed", attempt: 2, hash: "f".repeat(100) }))).toBe(
      `09:00:00 WARN e-mail delivery failed attempt=2 hash=${"f".repeat(77)}…`,
    );
    expect(readableLine(JSON.stringify({ level: 50, time, msg: "unhandled error", err: { type: "Error", message: "boom", stack: "Error: boom\n    at here" } }))).toBe(
      "09:00:00 ERROR unhandled error\nError: boom\n    at here",
    );
    expect(readableLine(JSON.stringify({ level: 30, time, msg: "Server listening at http://127.0.0.1:8080" }))).toBeNull();
  });
});

describe("loggableUrl and logFormatOf", () => {
  it("masks the query parameters that may carry a credential", () => {
    expect(loggableUrl("/api/x?q=Mopti&api_key=abc&Token=def&page=2")).toBe("/api/x?q=Mopti&api_key=[redacted]&Token=[redacted]&page=2");
    expect(loggableUrl("/api/incidents")).toBe("/api/incidents");
  });

  it("is readable on a terminal outside production, JSON otherwise, unless LOG_FORMAT says", () => {
    expect(logFormatOf({ logFormat: undefined }, { isTTY: true }, {})).toBe("pretty");
    expect(logFormatOf({ logFormat: undefined }, { isTTY: true }, { NODE_ENV: "production" })).toBe("json");
    expect(logFormatOf({ logFormat: undefined }, { isTTY: false }, {})).toBe("json");
    expect(logFormatOf({ logFormat: "pretty" }, { isTTY: false }, { NODE_ENV: "production" })).toBe("pretty");
  });
});
