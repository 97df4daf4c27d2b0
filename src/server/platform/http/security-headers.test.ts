import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Response headers: the Content-Security-Policy upgrades requests to https only when Vigil is
 * served over https (issue 11, item 7), and API answers are never kept by a cache (item 14).
 */
let plain: TestApp;
let secure: TestApp;

beforeAll(async () => {
  plain = await startTestApp({ BASE_URL: "http://vigil.internal:8080" });
  secure = await startTestApp({ BASE_URL: "https://vigil.example.org" });
});
afterAll(async () => {
  await plain.close();
  await secure.close();
});

const policyOf = async (t: TestApp) => String((await t.app.inject({ method: "GET", url: "/healthz" })).headers["content-security-policy"]);

describe("Content-Security-Policy", () => {
  it("does not ask the browser to upgrade requests to https when BASE_URL is http, so the web app loads over plain http", async () => {
    const policy = await policyOf(plain);
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("asks for https on every request when BASE_URL is https", async () => {
    expect(await policyOf(secure)).toContain("upgrade-insecure-requests");
  });

  it("sends the same security headers, and a request id, on every answer: a page not found, a refusal, a bad request", async () => {
    const answers = [
      await plain.app.inject({ method: "GET", url: "/api/no-such-route" }),
      await plain.app.inject({ method: "GET", url: "/api/incidents" }),
      await plain.app.inject({ method: "POST", url: "/api/auth/login", payload: "{not json", headers: { "content-type": "application/json" } }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([404, 401, 400]);
    for (const answer of answers) {
      expect(answer.headers["content-security-policy"]).toContain("default-src 'self'");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(answer.headers["strict-transport-security"]).toContain("max-age=");
      expect(answer.headers["x-request-id"]).toBeTruthy();
    }
    // Each request has its own id.
    expect(new Set(answers.map((answer) => answer.headers["x-request-id"])).size).toBe(3);
  });
});

describe("Cache-Control on API answers", () => {
  it("is no-store on every answer to a signed-in caller: who they are, a list, a record, and errors", async () => {
    const list = await plain.request(demo.pcsaMali, { method: "GET", url: "/api/incidents" });
    expect(list.statusCode).toBe(200);
    const id = (list.json().items as { id: string }[])[0].id;
    const answers = {
      me: await plain.request(demo.pcsaMali, { method: "GET", url: "/api/auth/me" }),
      list,
      record: await plain.request(demo.pcsaMali, { method: "GET", url: `/api/incidents/${id}` }),
      notFound: await plain.request(demo.pcsaMali, { method: "GET", url: `/api/incidents/${crypto.randomUUID()}` }),
      badInput: await plain.request(demo.pcsaMali, { method: "GET", url: "/api/incidents/not-an-id" }),
      forbidden: await plain.request(demo.staff, { method: "GET", url: "/api/users" }),
      badWrite: await plain.request(demo.pcsaMali, { method: "POST", url: "/api/incidents", payload: {} }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([name, response]) => [name, response.statusCode]))).toEqual({
      me: 200,
      list: 200,
      record: 200,
      notFound: 404,
      badInput: 400,
      forbidden: 403,
      badWrite: 400,
    });
    for (const [name, response] of Object.entries(answers)) expect(response.headers["cache-control"], name).toBe("no-store");
  });

  it("is no-store on the sign-in answer (it carries the CSRF token) and on a refusal to an anonymous caller", async () => {
    const login = await plain.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "nobody@vigil.example", password: "wrong password" } });
    expect(login.headers["cache-control"]).toBe("no-store");
    const anonymous = await plain.app.inject({ method: "GET", url: "/api/auth/me" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["cache-control"]).toBe("no-store");
  });

  it("keeps a download's own no-store, and leaves answers outside the API alone", async () => {
    const download = await plain.request(demo.pcsaMali, { method: "GET", url: "/api/incidents/export?format=csv" });
    expect(download.statusCode, download.body.slice(0, 200)).toBe(200);
    expect(download.headers["cache-control"]).toBe("no-store");
    expect((await plain.app.inject({ method: "GET", url: "/healthz" })).headers["cache-control"]).toBeUndefined();
  });
});
