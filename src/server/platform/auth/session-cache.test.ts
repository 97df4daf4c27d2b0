import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { sessions, users } from "./auth.tables.ts";
import { SessionCache } from "./session-cache.ts";

describe("SessionCache", () => {
  it("keeps an answer until the session expires or the cache's own bound, whichever comes first", () => {
    const cache = new SessionCache<string>(10_000);
    cache.put(cache.generation, "a", "answer", 5_000, 0);
    expect(cache.get("a", 4_999)).toBe("answer");
    expect(cache.get("a", 5_000)).toBeUndefined();
    cache.put(cache.generation, "b", "answer", 60_000, 0);
    expect(cache.get("b", 9_999)).toBe("answer");
    expect(cache.get("b", 10_000)).toBeUndefined();
  });

  it("does not keep a lookup that raced with a write", () => {
    const cache = new SessionCache<string>(10_000);
    const before = cache.generation;
    cache.clear(); // a write finished while the lookup was under way
    cache.put(before, "a", "stale", 60_000, 0);
    expect(cache.get("a", 1)).toBeUndefined();
    cache.put(cache.generation, "a", "fresh", 60_000, 0);
    expect(cache.get("a", 1)).toBe("fresh");
  });
});

/*
 * On the embedded database a session read is reused for a few seconds (SESSION_CACHE_SECONDS);
 * every request that may write forgets them all before it answers. Changing the database behind
 * the server's back (as this test does, to show what is remembered) is what it cannot see: only
 * one process ever opens a PGlite directory. PostgreSQL never remembers a session.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ SESSION_CACHE_SECONDS: "30" });
});
afterAll(() => t.close());

const me = (email: string) => t.request(email, { method: "GET", url: "/api/auth/me" });

describe("sessions remembered on the embedded database", () => {
  it("answers from memory on PGlite, from the database on PostgreSQL", async () => {
    expect((await me(demo.analyst)).statusCode).toBe(200);
    const { cookie } = await t.login(demo.analyst);
    // Ended behind the server's back: only a server that remembers still accepts it.
    await t.database.db.update(users).set({ isActive: false }).where(eq(users.email, demo.analyst));
    const again = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });
    expect(again.statusCode).toBe(t.database.kind === "pglite" ? 200 : 401);
    await t.database.db.update(users).set({ isActive: true }).where(eq(users.email, demo.analyst));
  });

  it("forgets every session after any request that may write, before its answer", async () => {
    expect((await me(demo.doMali)).statusCode).toBe(200);
    const { cookie } = await t.login(demo.doMali);
    const [user] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, demo.doMali));
    await t.database.db.delete(sessions).where(eq(sessions.userId, user.id));
    // Someone else's write (a refused one too) empties the cache.
    await t.request(demo.staff, { method: "POST", url: "/api/incidents", payload: {} });
    const after = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it("does not accept a session once its sign-out has answered", async () => {
    const { cookie, csrfToken } = await t.login(demo.ascMopti);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie, "x-csrf-token": csrfToken } });
    expect(out.statusCode).toBeLessThan(300);
    expect((await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } })).statusCode).toBe(401);
  });
});
