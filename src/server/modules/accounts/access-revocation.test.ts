import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createUserCommand, resetPasswordCommand } from "../../cli/user.command.ts";
import { demoPassword } from "../../seed/demo.seed.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * A new password ends sessions and revokes tokens (issue 11, item 5); the password policy's
 * estimator (item 12); token scopes and session-only routes (item 14).
 */
let t: TestApp;
const strongPassword = "a long enough passphrase 2026";

type Session = { cookie: string; csrfToken: string };

async function signIn(email: string, password: string): Promise<Session> {
  const response = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  expect(response.statusCode, response.body).toBe(200);
  return { cookie: `vigil_session=${response.cookies.find((cookie) => cookie.name === "vigil_session")?.value}`, csrfToken: response.json().csrfToken };
}

const me = (session: Session) => t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: session.cookie } });
const asSession = (session: Session, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken }, ...(payload ? { payload } : {}) });
const asToken = (token: string, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

async function createAccount(email: string) {
  const response = await t.request(demo.admin, { method: "POST", url: "/api/users", payload: { email, displayName: "Access Test", password: strongPassword } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; email: string };
}

async function newToken(session: Session, scope?: "read" | "read_write"): Promise<{ id: string; token: string; scope: string }> {
  const response = await asSession(session, "POST", "/api/auth/tokens", { name: `token ${scope ?? "default"}`, ...(scope ? { scope } : {}) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const quietly = async (work: () => Promise<unknown>) => {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await work();
  } finally {
    log.mockRestore();
  }
};

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("a new password ends the old access", () => {
  it("ends every session and revokes every API token when an administrator resets the password, audited", async () => {
    const account = await createAccount("reset.ends.access@vigil.example");
    const session = await signIn(account.email, strongPassword);
    const { token } = await newToken(session, "read_write");
    expect((await asToken(token, "GET", "/api/auth/me")).statusCode).toBe(200);

    const reset = await t.request(demo.admin, { method: "PATCH", url: `/api/users/${account.id}`, payload: { password: "the administrator's new passphrase" } });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await me(session)).statusCode).toBe(401);
    expect((await asToken(token, "GET", "/api/auth/me")).statusCode).toBe(401);
    const [entry] = await t.database.query<{ changes: Record<string, { to: unknown }> }>(
      "select changes from audit_log where entity_type = 'user' and entity_id = $1 and changes ? 'password' order by seq desc limit 1",
      [account.id],
    );
    expect(entry.changes.sessionsEnded.to).toBe(1);
    expect(entry.changes.tokensRevoked.to).toBe(1);
  });

  it("does the same for `vigil user reset-password`", async () => {
    const account = await createAccount("cli.reset.ends.access@vigil.example");
    const session = await signIn(account.email, strongPassword);
    const { token } = await newToken(session);
    await quietly(() => resetPasswordCommand(t.database, { email: account.email, password: "a command line passphrase" }));
    expect((await me(session)).statusCode).toBe(401);
    expect((await asToken(token, "GET", "/api/auth/me")).statusCode).toBe(401);
  });

  it("ends the OTHER sessions and revokes the tokens when you change your own password, keeping this session", async () => {
    const account = await createAccount("own.change@vigil.example");
    const current = await signIn(account.email, strongPassword);
    const other = await signIn(account.email, strongPassword);
    const { token } = await newToken(current, "read_write");
    const changed = await asSession(current, "PATCH", "/api/auth/me", { currentPassword: strongPassword, newPassword: "my own new passphrase" });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await me(current)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await asToken(token, "GET", "/api/auth/me")).statusCode).toBe(401);
  });

  it("throttles guesses of the current password like sign-in guesses", async () => {
    const account = await createAccount("guess.current@vigil.example");
    const session = await signIn(account.email, strongPassword);
    const answers: LightMyRequestResponse[] = [];
    for (let guess = 1; guess <= 6; guess += 1) {
      answers.push(await asSession(session, "PATCH", "/api/auth/me", { currentPassword: `guess ${guess}`, newPassword: "my own new passphrase" }));
    }
    expect(answers.slice(0, 5).map((answer) => answer.statusCode)).toEqual([422, 422, 422, 422, 422]);
    expect(answers[0].json().issues[0].field).toBe("currentPassword");
    expect(answers[5].statusCode).toBe(429);
    expect(Number(answers[5].headers["retry-after"])).toBeGreaterThan(0);
  });
});

describe("password policy", () => {
  it.each(["qwerty123456", "passw0rd1234", "iloveyou12345", demoPassword])("refuses %s, naming the field", async (password) => {
    const created = await t.request(demo.admin, { method: "POST", url: "/api/users", payload: { email: "weak.choice@vigil.example", displayName: "Weak", password } });
    expect(created.statusCode).toBe(422);
    expect(created.json()).toMatchObject({ error: "weak_password", issues: [{ field: "password", message: expect.any(String) }] });
  });

  it("refuses the demo password when changing your own, in your language, and through the command line", async () => {
    const account = await createAccount("no.demo.password@vigil.example");
    const session = await signIn(account.email, strongPassword);
    expect((await asSession(session, "PATCH", "/api/auth/me", { locale: "fr" })).statusCode).toBe(200);
    const own = await asSession(session, "PATCH", "/api/auth/me", { currentPassword: strongPassword, newPassword: demoPassword });
    expect(own.statusCode).toBe(422);
    expect(own.json().issues[0]).toEqual({ field: "newPassword", message: "est le mot de passe de démonstration publié de Vigil" });
    await expect(quietly(() => createUserCommand(t.database, { email: "cli.demo@vigil.example", name: "CLI", password: demoPassword }))).rejects.toThrow(/password: is the published demo password/);
  });

  it("refuses a password made of the account's own name, and accepts a strong passphrase", async () => {
    const weak = await t.request(demo.admin, {
      method: "POST",
      url: "/api/users",
      payload: { email: "zacharie.okonkwo@vigil.example", displayName: "Zacharie Okonkwo", password: "Okonkwo.Zacharie.2026" },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().issues[0]).toEqual({ field: "password", message: "is too easy to guess once your name and e-mail are known" });
    const strong = await t.request(demo.admin, {
      method: "POST",
      url: "/api/users",
      payload: { email: "zacharie.okonkwo@vigil.example", displayName: "Zacharie Okonkwo", password: "lantern orchard gravel ninety" },
    });
    expect(strong.statusCode, strong.body).toBe(201);
  });

  it("still lets the seeded demo accounts sign in with the demo password", async () => {
    expect((await me(await signIn(demo.staff, demoPassword))).statusCode).toBe(200);
  });
});

describe("API token scopes", () => {
  it("makes read-only tokens by default: reads work, writes answer 403", async () => {
    const session = await signIn(demo.analyst, demoPassword);
    const read = await newToken(session);
    expect(read.scope).toBe("read");
    expect((await asToken(read.token, "GET", "/api/auth/me")).statusCode).toBe(200);
    const write = await asToken(read.token, "POST", "/api/notifications/mark-all-read", { upTo: new Date().toISOString() });
    expect(write.statusCode).toBe(403);
    expect(write.json()).toMatchObject({ error: "token_scope", message: expect.stringContaining("read-only") });

    const readWrite = await newToken(session, "read_write");
    expect((await asToken(readWrite.token, "POST", "/api/notifications/mark-all-read", { upTo: new Date().toISOString() })).statusCode).toBe(200);
    const listed = (await asSession(session, "GET", "/api/auth/tokens")).json().items;
    expect(listed.find((item: { id: string }) => item.id === readWrite.id).scope).toBe("read_write");
  });

  it("refuses an unknown scope, naming the field", async () => {
    const session = await signIn(demo.analyst, demoPassword);
    const response = await asSession(session, "POST", "/api/auth/tokens", { name: "bad", scope: "admin" });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].field).toBe("scope");
  });

  it("refuses token management and account changes through any token", async () => {
    const session = await signIn(demo.analyst, demoPassword);
    const { id, token } = await newToken(session, "read_write");
    for (const [method, url, payload] of [
      ["GET", "/api/auth/tokens", undefined],
      ["POST", "/api/auth/tokens", { name: "made by a token", scope: "read_write" }],
      ["DELETE", `/api/auth/tokens/${id}`, undefined],
      ["PATCH", "/api/auth/me", { locale: "fr" }],
      ["PATCH", "/api/auth/me", { currentPassword: demoPassword, newPassword: "a token chose this passphrase" }],
    ] as const) {
      const response = await asToken(token, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error).toBe("session_required");
    }
    expect((await asToken(token, "GET", "/api/auth/me")).statusCode).toBe(200);
  });
});
