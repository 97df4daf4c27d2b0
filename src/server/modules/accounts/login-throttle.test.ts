import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../platform/config.ts";
import { demoPassword } from "../../seed/demo.seed.ts";
import { createServer } from "../../server.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Sign-in throttling (issue 11, item 4): growing waits per e-mail, per address and per device
 * instead of a lockout strangers control; counts in the database, reserved before the password
 * is checked; X-Forwarded-For believed only from TRUSTED_PROXIES.
 */
let t: TestApp;
let addressCounter = 0;
const strongPassword = "a long enough passphrase 2026";

/** Another node on the same database, with its own configuration. */
async function node(environment: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/nonexistent", JOBS: "off", ...environment });
  return createServer(config, t.database, { webRoot: "/nonexistent" });
}

let trusting: FastifyInstance;
let trustingOther: FastifyInstance;

const freshAddress = () => {
  addressCounter += 1;
  return `198.51.${Math.floor(addressCounter / 250)}.${addressCounter % 250}`;
};

type Attempt = { email: string; password: string; address?: string; device?: string; app?: FastifyInstance };

/** A sign-in through a trusted proxy, from a new client address unless one is given. */
function attempt({ email, password, address = freshAddress(), device, app = trusting }: Attempt): Promise<LightMyRequestResponse> {
  return app.inject({
    method: "POST",
    url: "/api/auth/login",
    headers: { "x-forwarded-for": address, ...(device ? { cookie: `vigil_device=${device}` } : {}) },
    payload: { email, password },
  });
}

async function createAccount(email: string) {
  const response = await t.request(demo.admin, { method: "POST", url: "/api/users", payload: { email, displayName: "Throttle Test", password: strongPassword } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; email: string };
}

const failuresOf = async (key: string) =>
  (await t.database.query<{ failures: number }>("select failures from login_throttle where key = $1", [key]))[0]?.failures ?? 0;

beforeAll(async () => {
  t = await startTestApp();
  // inject() comes from 127.0.0.1: as the trusted proxy, X-Forwarded-For names the client.
  trusting = await node({ TRUSTED_PROXIES: "127.0.0.1" });
  trustingOther = await node({ TRUSTED_PROXIES: "127.0.0.0/8,::1" });
});
afterAll(async () => {
  await trusting.close();
  await trustingOther.close();
  await t.close();
});

describe("sign-in throttling", () => {
  it("does not let a stranger's wrong passwords stop the real user whose browser holds a device cookie", async () => {
    const account = await createAccount("device.cookie@vigil.example");
    const first = await attempt({ email: account.email, password: strongPassword });
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((cookie) => cookie.name === "vigil_device");
    expect(device).toMatchObject({ httpOnly: true, path: "/api/auth", sameSite: "Lax" });

    for (let guess = 1; guess <= 8; guess += 1) await attempt({ email: account.email, password: `stranger guess ${guess}` });
    // Strangers (no device cookie) now wait, even with the right password…
    expect((await attempt({ email: account.email, password: strongPassword })).statusCode).toBe(429);
    // …but the user's own browser still signs in.
    const own = await attempt({ email: account.email, password: strongPassword, device: device?.value });
    expect(own.statusCode, own.body).toBe(200);
    // A known device gets no new cookie; a cookie of another account counts as none.
    expect(own.cookies.find((cookie) => cookie.name === "vigil_device")).toBeUndefined();
    const other = await createAccount("other.device@vigil.example");
    expect((await attempt({ email: other.email, password: strongPassword, device: device?.value })).cookies.map((c) => c.name)).toContain("vigil_device");
  });

  it("throttles guesses from the device itself against that device only", async () => {
    const account = await createAccount("device.guesses@vigil.example");
    const device = (await attempt({ email: account.email, password: strongPassword })).cookies.find((cookie) => cookie.name === "vigil_device")?.value;
    for (let guess = 1; guess <= 5; guess += 1) {
      expect((await attempt({ email: account.email, password: `wrong ${guess}`, device })).statusCode).toBe(401);
    }
    expect((await attempt({ email: account.email, password: strongPassword, device })).statusCode).toBe(429);
    expect(await failuresOf(`account:${account.email}`)).toBe(0);
    expect((await attempt({ email: account.email, password: strongPassword })).statusCode).toBe(200);
  });

  it("answers an unknown e-mail exactly like a known account, before and after the throttle starts", async () => {
    const known = await createAccount("known.account@vigil.example");
    const unknown = "no.such.account@vigil.example";
    for (let guess = 1; guess <= 6; guess += 1) {
      const fromKnown = await attempt({ email: known.email, password: `guess ${guess}` });
      const fromUnknown = await attempt({ email: unknown, password: `guess ${guess}` });
      expect(fromUnknown.statusCode, `guess ${guess}`).toBe(fromKnown.statusCode);
      expect(fromUnknown.json()).toEqual(fromKnown.json());
      expect(fromUnknown.headers["retry-after"] === undefined).toBe(fromKnown.headers["retry-after"] === undefined);
      expect(fromKnown.statusCode).toBe(guess <= 5 ? 401 : 429);
    }
    const retry = Number((await attempt({ email: unknown, password: "x" })).headers["retry-after"]);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    const [audited] = await t.database.query("select 1 from audit_log where action = 'login_throttled' and entity_id = $1", [`account:${unknown}`]);
    expect(audited).toBeDefined();
  });

  it("checks no more guesses than the budget when 20 wrong attempts arrive at once", async () => {
    const account = await createAccount("concurrent.guesses@vigil.example");
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) => attempt({ email: account.email, password: `concurrent guess ${index}`, app: index % 2 ? trusting : trustingOther })),
    );
    const checked = answers.filter((answer) => answer.statusCode === 401).length;
    expect(answers.every((answer) => [401, 429].includes(answer.statusCode))).toBe(true);
    expect(checked).toBe(5);
    expect(await failuresOf(`account:${account.email}`)).toBe(5);
  });

  it("shares the per-address count between two nodes on one database", async () => {
    const address = "203.0.113.7";
    const answers: number[] = [];
    for (let guess = 1; guess <= 21; guess += 1) {
      const app = guess % 2 ? trusting : trustingOther;
      answers.push((await attempt({ email: `nobody.${guess}@vigil.example`, password: "wrong", address, app })).statusCode);
    }
    expect(answers.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(answers[20]).toBe(429);
    expect(await failuresOf(`address:${address}`)).toBe(20);
  });

  it("ignores X-Forwarded-For unless the request comes through a proxy named in TRUSTED_PROXIES", async () => {
    const direct = await node();
    try {
      const answers: number[] = [];
      for (let guess = 1; guess <= 21; guess += 1) {
        // Each request claims a new client address; without trusted proxies the real one (127.0.0.1) is counted.
        answers.push((await attempt({ email: `forged.${guess}@vigil.example`, password: "wrong", app: direct })).statusCode);
      }
      expect(answers[20]).toBe(429);
      expect(await failuresOf("address:127.0.0.1")).toBe(20);
    } finally {
      await direct.close();
      await t.database.query("delete from login_throttle where key = 'address:127.0.0.1'");
    }
    // Through the trusted proxy, the forwarded address is the one counted.
    const address = freshAddress();
    expect((await attempt({ email: "via.proxy@vigil.example", password: "wrong", address })).statusCode).toBe(401);
    expect(await failuresOf(`address:${address}`)).toBe(1);
  });

  it("does not count successful sign-ins against the address (an office behind one address keeps signing in)", async () => {
    const address = "203.0.113.99";
    for (let signIn = 1; signIn <= 25; signIn += 1) {
      expect((await attempt({ email: demo.analyst, password: demoPassword, address })).statusCode, `sign-in ${signIn}`).toBe(200);
    }
    expect(await failuresOf(`address:${address}`)).toBe(0);
    expect((await attempt({ email: "typo@vigil.example", password: "wrong", address })).statusCode).toBe(401);
  });

  it("refuses a TRUSTED_PROXIES value that is not an address or CIDR, naming it", () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: "10.0.0.1,proxy.local,10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES: is not an IP address or CIDR range: proxy\.local, 10\.0\.0\.0\/33/);
    expect(loadConfig({ TRUSTED_PROXIES: " 10.0.0.1 , 192.168.0.0/24,::1" }).trustedProxies).toEqual(["10.0.0.1", "192.168.0.0/24", "::1"]);
    expect(loadConfig({}).trustedProxies).toEqual([]);
  });
});
