import { eq, inArray } from "drizzle-orm";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidents } from "../../modules/incidents/index.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { demoPassword } from "../../seed/demo.seed.ts";
import { users } from "../auth/auth.tables.ts";
import { isWriteStatement } from "../db/write-counter.ts";
import { ResponseCache, chosenEncoding } from "./response-cache.ts";

describe("isWriteStatement", () => {
  it.each([
    ["select * from incidents where id = $1", false],
    ['  SELECT "id" from "places"', false],
    ["with recent as (select 1) select * from recent", false],
    ["begin", false],
    ["COMMIT", false],
    ["set local statement_timeout = 1000", false],
  ])("a read: %s", (text, expected) => expect(isWriteStatement(text)).toBe(expected));

  it.each([
    ['insert into "incidents" values ($1)', true],
    ['update "users" set "is_active" = $1', true],
    ["delete from sessions", true],
    ["with moved as (delete from a returning *) insert into b select * from moved", true],
    ["select nextval('audit_seq')", true],
    ["select * from incidents for update", true],
    ["create table t (x int)", true],
    ["truncate t", true],
    ["copy t from stdin", true],
  ])("a write: %s", (text, expected) => expect(isWriteStatement(text)).toBe(expected));
});

describe("chosenEncoding", () => {
  it.each([
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip;q=0.5", "gzip"],
    ["BR", "br"],
    ["identity", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%s → %s", (header, expected) => expect(chosenEncoding(header)).toBe(expected));
});

describe("ResponseCache", () => {
  it("gives an answer back only at the same data version and within its age", () => {
    const cache = new ResponseCache(30_000);
    cache.put("k", "v1", { body: "{}", encoding: undefined }, 0);
    expect(cache.get("k", "v1", 29_999)?.body).toBe("{}");
    expect(cache.get("k", "v2", 1)).toBeUndefined();
    // A miss at another version drops the entry for good.
    expect(cache.get("k", "v1", 2)).toBeUndefined();
    cache.put("k", "v1", { body: "{}", encoding: undefined }, 0);
    expect(cache.get("k", "v1", 30_000)).toBeUndefined();
  });

  it("stays within its byte budget, the oldest answers going first", () => {
    const cache = new ResponseCache(30_000, 800);
    for (let index = 0; index < 10; index += 1) cache.put(`k${index}`, "v", { body: "x".repeat(100), encoding: undefined }, index);
    expect(cache.size).toBe(8);
    expect(cache.get("k0", "v", 20)).toBeUndefined();
    expect(cache.get("k9", "v", 20)?.body).toBe("x".repeat(100));
    // Larger than an eighth of the budget: not kept at all.
    cache.put("big", "v", { body: "x".repeat(101), encoding: undefined }, 20);
    expect(cache.get("big", "v", 21)).toBeUndefined();
  });
});

/*
 * The cache on the real app, on both databases: every change, even one made behind the server's
 * back (straight into the database, as another node or a job would), makes the next answer fresh.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ RESPONSE_CACHE_SECONDS: "30" });
});
afterAll(() => t.close());

const list = (email: string, url = "/api/incidents?pageSize=5", headers: Record<string, string> = {}) =>
  t.request(email, { method: "GET", url, headers });

/**
 * The same read again until it is answered from memory. On PostgreSQL the data version is the
 * cluster's snapshot, which the other test files' databases on the same cluster change too: a
 * miss there is the cache being careful, so the read is tried again (on PGlite the first repeat hits).
 */
async function readUntilHit(email: string, url?: string, headers?: Record<string, string>) {
  for (let attempt = 1; ; attempt += 1) {
    const response = await list(email, url, headers);
    if (response.headers["x-vigil-cache"] === "hit" || attempt === 200) return response;
  }
}

describe("answers kept per viewer while no data changes", () => {
  it("answers the same viewer's repeated read from memory, byte for byte", async () => {
    const first = await list(demo.pcsaMali);
    expect(first.statusCode).toBe(200);
    expect(first.headers["x-vigil-cache"]).toBeUndefined();
    const second = await readUntilHit(demo.pcsaMali);
    expect(second.headers["x-vigil-cache"]).toBe("hit");
    expect(second.body).toBe(first.body);
    expect(second.headers["content-type"]).toMatch(/^application\/json/);
    expect(second.headers["cache-control"]).toBe("no-store");
  });

  it("keeps the compressed answer a browser receives, and compresses it only once", async () => {
    const headers = { "accept-encoding": "gzip, deflate, br" };
    const first = await t.request(demo.pcsaMali, { method: "GET", url: "/api/incidents?pageSize=20", headers });
    expect(first.headers["content-encoding"]).toBe("br");
    const hit = await readUntilHit(demo.pcsaMali, "/api/incidents?pageSize=20", headers);
    expect(hit.headers["content-encoding"]).toBe("br");
    expect(hit.headers.vary).toMatch(/accept-encoding/i);
    expect(hit.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(brotliDecompressSync(hit.rawPayload).toString()).toBe(brotliDecompressSync(first.rawPayload).toString());
    // Another encoding is another answer.
    const plain = await t.request(demo.pcsaMali, { method: "GET", url: "/api/incidents?pageSize=20" });
    expect(plain.headers["x-vigil-cache"]).toBeUndefined();
    expect(plain.json()).toEqual(JSON.parse(brotliDecompressSync(first.rawPayload).toString()));
  });

  it("never gives one viewer's answer to another, even for the same URL", async () => {
    await list(demo.pcsaMali);
    const other = await list(demo.analyst);
    expect(other.statusCode).toBe(200);
    expect(other.headers["x-vigil-cache"]).toBeUndefined();
  });

  it("keeps answers apart per session, even of the same account", async () => {
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: demo.pcsaMali, password: demoPassword } });
    const cookie = `vigil_session=${login.cookies.find((item) => item.name === "vigil_session")?.value}`;
    // Kept for the first session after the second one began: nothing changes in between.
    expect((await readUntilHit(demo.pcsaMali)).headers["x-vigil-cache"]).toBe("hit");
    const otherSession = await t.app.inject({ method: "GET", url: "/api/incidents?pageSize=5", headers: { cookie } });
    expect(otherSession.statusCode).toBe(200);
    expect(otherSession.headers["x-vigil-cache"]).toBeUndefined();
  });

  it("computes afresh after a change made straight into the database", async () => {
    const before = (await list(demo.pcsaMali)).json() as { items: { id: string; summary: string }[] };
    expect((await readUntilHit(demo.pcsaMali)).headers["x-vigil-cache"]).toBe("hit");
    const id = before.items[0].id;
    await t.database.db.update(incidents).set({ description: "Changed behind the server's back" }).where(eq(incidents.id, id));
    const after = await list(demo.pcsaMali);
    expect(after.headers["x-vigil-cache"]).toBeUndefined();
    expect((after.json() as typeof before).items.find((item) => item.id === id)?.summary).toBe("Changed behind the server's back");
  });

  it("computes afresh after anyone's write through the API", async () => {
    await list(demo.pcsaMali, "/api/dashboard");
    expect((await readUntilHit(demo.pcsaMali, "/api/dashboard")).headers["x-vigil-cache"]).toBe("hit");
    const note = await t.request(demo.staff, { method: "PATCH", url: "/api/auth/me", payload: { locale: "fr" } });
    expect(note.statusCode).toBe(200);
    expect((await list(demo.pcsaMali, "/api/dashboard")).headers["x-vigil-cache"]).toBeUndefined();
  });

  it("still checks the credential first: a deactivated account gets no kept answer", async () => {
    await list(demo.doMali);
    expect((await readUntilHit(demo.doMali)).headers["x-vigil-cache"]).toBe("hit");
    await t.database.db.update(users).set({ isActive: false }).where(inArray(users.email, [demo.doMali]));
    expect((await list(demo.doMali)).statusCode).toBe(401);
    await t.database.db.update(users).set({ isActive: true }).where(inArray(users.email, [demo.doMali]));
  });

  it("keeps no refusal and no invalid query", async () => {
    const refused = await list(demo.pcsaMali, "/api/incidents?pageSize=0");
    expect(refused.statusCode).toBe(400);
    expect((await list(demo.pcsaMali, "/api/incidents?pageSize=0")).statusCode).toBe(400);
  });

  it("is off with RESPONSE_CACHE_SECONDS=0", async () => {
    const off = await startTestApp({ RESPONSE_CACHE_SECONDS: "0" });
    try {
      await off.request(demo.pcsaMali, { method: "GET", url: "/api/incidents" });
      const again = await off.request(demo.pcsaMali, { method: "GET", url: "/api/incidents" });
      expect(again.headers["x-vigil-cache"]).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});
