import type { FastifyInstance, InjectOptions } from "fastify";
import { loadConfig } from "../platform/config.ts";
import { createServer } from "../server.ts";
import { demoPassword } from "../seed/demo.seed.ts";
import { openTestDatabase } from "./test-database.ts";

export type Session = { cookie: string; csrfToken: string; email: string };

/**
 * The password tests give the accounts they create: the demo password is refused outside the demo
 * seed (issue 11, item 12). Demo accounts (@vigil.example) keep the demo password.
 */
export const testPassword = "Harmattan-lantern-sextant-47";
const passwordOf = (email: string) => (email.endsWith("@vigil.example") ? demoPassword : testPassword);

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * The real app on a fresh copy of the demo database, driven through `inject`. `environment`
 * adds configuration variables, read as at start-up (e.g. `{ SMTP_URL: "smtp://127.0.0.1:2525" }`).
 * Scheduled jobs run only for a test that asks (`{ JOBS: "on" }`; `jobRunnerOf(app)` runs one now).
 */
export async function startTestApp(environment: Record<string, string> = {}) {
  const database = await openTestDatabase();
  const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/nonexistent", JOBS: "off", SESSION_CACHE_SECONDS: "0", ...environment });
  const app: FastifyInstance = await createServer(config, database, { webRoot: "/nonexistent" });
  const sessions = new Map<string, Session>();

  async function login(email: string, password = passwordOf(email)): Promise<Session> {
    const cached = sessions.get(email);
    if (cached) return cached;
    const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`login ${email} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((item) => item.name === "vigil_session");
    const session = { cookie: `vigil_session=${cookie?.value}`, csrfToken: response.json().csrfToken as string, email };
    sessions.set(email, session);
    return session;
  }

  /** A request as `email` (or anonymous with null), with the CSRF header on writes. */
  async function request(email: string | null, options: InjectOptions) {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (email) {
      const session = await login(email);
      headers.cookie = session.cookie;
      if (options.method && options.method !== "GET") headers["x-csrf-token"] = session.csrfToken;
    }
    return app.inject({ ...options, headers });
  }

  async function close() {
    await app.close();
    await database.drop();
  }

  return { app, database, login, request, close };
}

export const demo = {
  admin: "admin@vigil.example",
  analyst: "analyst@vigil.example",
  doMali: "do.mali@vigil.example",
  pcsaMali: "pcsa.mali@vigil.example",
  ascMopti: "asc.mopti@vigil.example",
  repUnicefMali: "rep.unicef.mali@vigil.example",
  sfpWfpMali: "sfp.wfp.mali@vigil.example",
  wardenBamako: "warden.bamako@vigil.example",
  staff: "staff@vigil.example",
} as const;
