import { createHash } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetPasswordCommand } from "../../cli/user.command.ts";
import { loadConfig } from "../../platform/config.ts";
import { demoPassword } from "../../seed/demo.seed.ts";
import { createServer } from "../../server.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

let t: TestApp;
let ipCounter = 0;

/** A fresh sign-in (never cached), from its own address so the per-address throttle stays out of the way. */
function signIn(email: string, password: string = demoPassword): Promise<LightMyRequestResponse> {
  ipCounter += 1;
  return t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    headers: { "x-forwarded-for": `10.0.${Math.floor(ipCounter / 250)}.${ipCounter % 250}` },
    payload: { email, password },
  });
}

type Session = { cookie: string; csrfToken: string; value: string };

async function newSession(email: string, password: string = demoPassword): Promise<Session> {
  const response = await signIn(email, password);
  expect(response.statusCode, response.body).toBe(200);
  const value = response.cookies.find((cookie) => cookie.name === "vigil_session")?.value as string;
  return { cookie: `vigil_session=${value}`, csrfToken: response.json().csrfToken, value };
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const strongPassword = "a long enough passphrase 2026";

async function createAccount(email: string, extra: Record<string, unknown> = {}) {
  const response = await t.request(demo.admin, {
    method: "POST",
    url: "/api/users",
    payload: { email, displayName: email.split("@")[0], password: strongPassword, ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; email: string };
}

beforeAll(async () => {
  // inject() comes from 127.0.0.1: trusting it as the proxy lets each sign-in name its own address.
  t = await startTestApp({ TRUSTED_PROXIES: "127.0.0.1" });
});
afterAll(() => t.close());

describe("signing in", () => {
  it("sets an HttpOnly, SameSite session cookie and returns the CSRF token", async () => {
    const response = await signIn(demo.analyst);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((item) => item.name === "vigil_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value.length).toBeGreaterThanOrEqual(40);
    expect(String(response.headers["set-cookie"])).toMatch(/HttpOnly/);
    expect(String(response.headers["set-cookie"])).toMatch(/SameSite=Lax/);
    expect(response.json()).toMatchObject({ user: { email: demo.analyst, systemRoles: ["global_analyst"] }, csrfToken: expect.any(String) });
    // Only the hash of the cookie is stored.
    const stored = await t.database.query("select 1 from sessions where id_hash = $1", [sha256(cookie?.value as string)]);
    expect(stored).toHaveLength(1);
    const plain = await t.database.query("select 1 from sessions where id_hash = $1", [cookie?.value]);
    expect(plain).toHaveLength(0);
  });

  it("marks the cookie Secure when Vigil is served over https", async () => {
    const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/nonexistent", JOBS: "off", BASE_URL: "https://vigil.example.org" });
    const secureApp: FastifyInstance = await createServer(config, t.database, { webRoot: "/nonexistent" });
    try {
      const response = await secureApp.inject({ method: "POST", url: "/api/auth/login", payload: { email: demo.analyst, password: demoPassword } });
      expect(response.statusCode).toBe(200);
      expect(response.cookies.find((item) => item.name === "vigil_session")?.secure).toBe(true);
    } finally {
      await secureApp.close();
    }
  });

  it("accepts the e-mail in any case and with spaces around it", async () => {
    expect((await signIn("  Analyst@Vigil.Example ")).statusCode).toBe(200);
  });

  it("answers a wrong password and an unknown account alike, with 401", async () => {
    const wrong = await signIn(demo.analyst, "not the password at all");
    const unknown = await signIn("nobody@vigil.example", "not the password at all");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toEqual([]);
  });

  it("makes strangers wait after 5 failures, even with the right password, until an administrator resets the password", async () => {
    const account = await createAccount("lockout.test@vigil.example");
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await signIn(account.email, `wrong password ${attempt}`)).statusCode, `attempt ${attempt}`).toBe(401);
    }
    const throttled = await signIn(account.email, strongPassword);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toEqual({ error: "throttled", message: "Too many failed attempts. Wait before trying again." });
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);
    const [audited] = await t.database.query<{ action: string }>(
      "select action from audit_log where entity_type = 'user' and entity_id = $1 and action = 'login_throttled'",
      [account.id],
    );
    expect(audited).toBeDefined();
    const listed = (await t.request(demo.admin, { method: "GET", url: "/api/users?q=lockout.test" })).json().items[0];
    expect(listed.lockedUntil).toEqual(expect.any(String));

    // `vigil user reset-password` sets a new password and lifts the throttle.
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await resetPasswordCommand(t.database, { email: account.email, password: "a brand new passphrase" });
    } finally {
      log.mockRestore();
    }
    expect((await signIn(account.email, strongPassword)).statusCode).toBe(401);
    expect((await signIn(account.email, "a brand new passphrase")).statusCode).toBe(200);
  });

  it("counts failures afresh after a successful sign-in", async () => {
    const account = await createAccount("recount.test@vigil.example");
    for (let attempt = 1; attempt <= 4; attempt += 1) await signIn(account.email, "wrong");
    expect((await signIn(account.email, strongPassword)).statusCode).toBe(200);
    for (let attempt = 1; attempt <= 4; attempt += 1) await signIn(account.email, "wrong");
    expect((await signIn(account.email, strongPassword)).statusCode).toBe(200);
  });

  it("refuses a sign-in without e-mail or password, naming the field", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: demo.analyst } });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].field).toBe("password");
  });
});

describe("CSRF protection of cookie sessions", () => {
  it("refuses a cookie-authenticated write without the X-CSRF-Token header", async () => {
    const session = await newSession(demo.analyst);
    const response = await t.app.inject({ method: "PATCH", url: "/api/auth/me", headers: { cookie: session.cookie }, payload: { locale: "fr" } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe("csrf");
  });

  it("refuses a write with another session's token", async () => {
    const session = await newSession(demo.analyst);
    const other = await newSession(demo.staff);
    const response = await t.app.inject({
      method: "PATCH",
      url: "/api/auth/me",
      headers: { cookie: session.cookie, "x-csrf-token": other.csrfToken },
      payload: { locale: "fr" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe("csrf");
  });

  it("accepts a write with the right token, and reads without one", async () => {
    const session = await newSession(demo.analyst);
    const read = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: session.cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json().csrfToken).toBe(session.csrfToken);
    const write = await t.app.inject({
      method: "PATCH",
      url: "/api/auth/me",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      payload: { locale: "en" },
    });
    expect(write.statusCode).toBe(200);
  });
});

describe("personal API tokens", () => {
  it("creates a token shown once, stored only as a hash, usable as a Bearer token without CSRF, until revoked", async () => {
    const created = await t.request(demo.pcsaMali, { method: "POST", url: "/api/auth/tokens", payload: { name: "reporting script", expiresInDays: 30 } });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix, expiresAt } = created.json();
    expect(token).toMatch(/^vgl_/);
    expect(token.startsWith(prefix)).toBe(true);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());

    const [row] = await t.database.query<Record<string, unknown>>("select * from api_tokens where id = $1", [id]);
    expect(row.token_hash).toBe(sha256(token));
    expect(Object.values(row).map(String)).not.toContain(token);
    const leaks = await t.database.query("select seq from audit_log where changes::text like $1", [`%${token}%`]);
    expect(leaks).toEqual([]);
    const listed = (await t.request(demo.pcsaMali, { method: "GET", url: "/api/auth/tokens" })).json().items;
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.map((item: { id: string }) => item.id)).toContain(id);

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(demo.pcsaMali);
    expect(me.json().permissions).toContain("personnel.read_sensitive");
    // A token cannot change the account it belongs to (tokens.test.ts has the scopes).
    const write = await t.app.inject({ method: "PATCH", url: "/api/auth/me", headers: bearer, payload: { locale: "fr" } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error).toBe("session_required");
    const [used] = await t.database.query<{ last_used_at: unknown }>("select last_used_at from api_tokens where id = $1", [id]);
    expect(used.last_used_at).not.toBeNull();

    const revoked = await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/auth/tokens/${id}` });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: bearer });
    expect(after.statusCode).toBe(401);
    expect((await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/auth/tokens/${id}` })).statusCode).toBe(404);
  });

  it("records a token's last use at most once a minute, so polling does not write on every request", async () => {
    const { token, id } = (await t.request(demo.analyst, { method: "POST", url: "/api/auth/tokens", payload: { name: "poller" } })).json();
    const bearer = { authorization: `Bearer ${token}` };
    const lastUsed = async () =>
      (await t.database.query<{ last_used_at: Date | string | null }>("select last_used_at from api_tokens where id = $1", [id]))[0].last_used_at;
    expect(await lastUsed()).toBeNull();
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: bearer })).statusCode).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: bearer })).statusCode).toBe(200);
    expect(String(await lastUsed())).toBe(String(first));

    await t.database.query("update api_tokens set last_used_at = now() - interval '2 minutes' where id = $1", [id]);
    const earlier = new Date(String(await lastUsed())).getTime();
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: bearer })).statusCode).toBe(200);
    expect(new Date(String(await lastUsed())).getTime()).toBeGreaterThan(earlier + 60_000);
  });

  it("refuses an expired token", async () => {
    const { token, id } = (await t.request(demo.analyst, { method: "POST", url: "/api/auth/tokens", payload: { name: "short-lived" } })).json();
    await t.database.query("update api_tokens set expires_at = now() - interval '1 minute' where id = $1", [id]);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it("refuses unknown and malformed tokens", async () => {
    for (const value of ["vgl_not-a-real-token", "some-session-value", ""]) {
      const response = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${value}` } });
      expect(response.statusCode, value).toBe(401);
    }
  });

  it("does not let one user revoke another user's token", async () => {
    const { id } = (await t.request(demo.analyst, { method: "POST", url: "/api/auth/tokens", payload: { name: "mine" } })).json();
    expect((await t.request(demo.doMali, { method: "DELETE", url: `/api/auth/tokens/${id}` })).statusCode).toBe(404);
  });
});

describe("sessions", () => {
  it("ends the session on sign-out", async () => {
    const session = await newSession(demo.staff);
    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/vigil_session=;/);
    const after = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: session.cookie } });
    expect(after.statusCode).toBe(401);
    expect(await t.database.query("select 1 from sessions where id_hash = $1", [sha256(session.value)])).toHaveLength(0);
  });

  it("refuses an expired session", async () => {
    const session = await newSession(demo.staff);
    await t.database.query("update sessions set expires_at = now() - interval '1 second' where id_hash = $1", [sha256(session.value)]);
    const response = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: session.cookie } });
    expect(response.statusCode).toBe(401);
  });

  it("refuses a forged session cookie and anonymous calls", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: "vigil_session=forged" } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me" })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/personnel" })).statusCode).toBe(401);
  });
});

describe("your own account", () => {
  it("changes the language, and refuses an unknown one", async () => {
    const changed = await t.request(demo.staff, { method: "PATCH", url: "/api/auth/me", payload: { locale: "fr" } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.locale).toBe("fr");
    expect((await t.request(demo.staff, { method: "GET", url: "/api/auth/me" })).json().user.locale).toBe("fr");
    const bad = await t.request(demo.staff, { method: "PATCH", url: "/api/auth/me", payload: { locale: "de" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].field).toBe("locale");
  });

  it("changes the password only with the current one and a policy-compliant new one, ending other sessions", async () => {
    const account = await createAccount("password.change@vigil.example");
    const first = await newSession(account.email, strongPassword);
    const second = await newSession(account.email, strongPassword);
    const asFirst = (payload: object) =>
      t.app.inject({ method: "PATCH", url: "/api/auth/me", headers: { cookie: first.cookie, "x-csrf-token": first.csrfToken }, payload });

    const wrongCurrent = await asFirst({ currentPassword: "not my password", newPassword: "another long passphrase" });
    expect(wrongCurrent.statusCode).toBe(422);
    expect(wrongCurrent.json().issues[0].field).toBe("currentPassword");
    const weak = await asFirst({ currentPassword: strongPassword, newPassword: "short" });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().issues[0].field).toBe("newPassword");

    const changed = await asFirst({ currentPassword: strongPassword, newPassword: "another long passphrase" });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: second.cookie } })).statusCode).toBe(401);
    expect((await signIn(account.email, "another long passphrase")).statusCode).toBe(200);
  });
});

describe("account administration", () => {
  it("creates an account, which can then sign in", async () => {
    const account = await createAccount("new.officer@vigil.example", { systemRoles: ["global_analyst"], locale: "fr" });
    expect(account).toMatchObject({ email: "new.officer@vigil.example", systemRoles: ["global_analyst"], isActive: true, locale: "fr", actions: ["update"] });
    expect((await signIn(account.email, strongPassword)).statusCode).toBe(200);
    const [row] = await t.database.query<{ password_hash: string }>("select password_hash from users where id = $1", [account.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const history = (await t.request(demo.admin, { method: "GET", url: `/api/history/user/${account.id}` })).json().items;
    expect(JSON.stringify(history)).not.toContain("argon2");
  });

  it("refuses a weak password, naming the password field", async () => {
    const response = await t.request(demo.admin, {
      method: "POST",
      url: "/api/users",
      payload: { email: "weak.password@vigil.example", displayName: "Weak", password: "short" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().issues[0]).toMatchObject({ field: "password", message: expect.stringContaining("12 characters") });
    expect((await t.request(demo.admin, { method: "GET", url: "/api/users?q=weak.password" })).json().total).toBe(0);
  });

  it("refuses a second account with the same e-mail, whatever its case", async () => {
    const response = await t.request(demo.admin, {
      method: "POST",
      url: "/api/users",
      payload: { email: "Do.Mali@Vigil.example", displayName: "Impostor", password: strongPassword },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().issues[0].field).toBe("email");
  });

  it("deactivates an account: no new sign-in, and its open session stops working", async () => {
    const account = await createAccount("leaving.officer@vigil.example");
    const session = await newSession(account.email, strongPassword);
    const deactivated = await t.request(demo.admin, { method: "PATCH", url: `/api/users/${account.id}`, payload: { isActive: false } });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().isActive).toBe(false);
    expect((await signIn(account.email, strongPassword)).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: session.cookie } })).statusCode).toBe(401);

    await t.request(demo.admin, { method: "PATCH", url: `/api/users/${account.id}`, payload: { isActive: true } });
    expect((await signIn(account.email, strongPassword)).statusCode).toBe(200);
  });

  it("does not let the administrator deactivate themselves", async () => {
    const me = (await t.request(demo.admin, { method: "GET", url: "/api/auth/me" })).json();
    const response = await t.request(demo.admin, { method: "PATCH", url: `/api/users/${me.user.id}`, payload: { isActive: false } });
    expect(response.statusCode).toBe(422);
  });

  it("lifts the throttle when the administrator sets a new password", async () => {
    const account = await createAccount("locked.again@vigil.example");
    for (let attempt = 1; attempt <= 5; attempt += 1) await signIn(account.email, "wrong");
    expect((await signIn(account.email, strongPassword)).statusCode).toBe(429);
    const reset = await t.request(demo.admin, { method: "PATCH", url: `/api/users/${account.id}`, payload: { password: "the reset passphrase" } });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().lockedUntil).toBeNull();
    expect((await signIn(account.email, "the reset passphrase")).statusCode).toBe(200);
  });

  it.each([
    ["GET", "/api/users", undefined],
    ["POST", "/api/users", { email: "x.y@vigil.example", displayName: "X", password: "a long enough passphrase" }],
  ] as const)("refuses %s %s to anyone but the administrator", async (method, url, payload) => {
    for (const email of [demo.doMali, demo.analyst, demo.staff]) {
      const response = await t.request(email, { method, url, ...(payload ? { payload } : {}) });
      expect(response.statusCode, email).toBe(403);
    }
  });
});
