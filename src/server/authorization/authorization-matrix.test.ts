import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Permission, permissions } from "../../core/access/permissions.ts";
import type { Role } from "../../core/access/roles.ts";
import { loadConfig } from "../platform/config.ts";
import type { RouteSpec } from "../platform/http/route.ts";
import { allRoutes } from "../routes.ts";
import { type TestApp, startTestApp } from "../testing/test-app.ts";
import { authorizationTable } from "./authorization-table.ts";
import {
  type Caller,
  type Driver,
  type Fixtures,
  type MatrixRequest,
  type MatrixUser,
  type Response,
  createDriver,
  loadFixtures,
  matrixUsers,
  rolesOf,
} from "./matrix-driver.ts";
import { type Expectation, type MatrixCase, type RouteRule, outcomeStatus } from "./matrix-rules.ts";

/**
 * Every route × every representative caller × in scope / out of scope, against the
 * explicit table in authorization-table.ts (merged from each module's `*.matrix.ts`). A route without a
 * rule fails here.
 */
const routes = allRoutes(loadConfig({ LOG_LEVEL: "silent" }));
const keyOf = (route: Pick<RouteSpec, "method" | "url">) => `${route.method} ${route.url}`;
type Outcome = Exclude<keyof Expectation, "anonymous">;
const statusOf: Record<Outcome, string> = {
  ok: "2xx",
  unauthenticated: "401",
  forbidden: "403",
  notFound: "404",
  conflict: "409",
  invalid: "422",
};
const errorCodeOf: Partial<Record<Outcome, string>> = {
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  notFound: "not_found",
};

const isCase = (value: RouteRule["outOfScope"]): value is MatrixCase => "request" in value;
const casesOf = (rule: RouteRule) => [
  { label: "in scope", matrixCase: rule.inScope },
  ...(isCase(rule.outOfScope) ? [{ label: "out of scope", matrixCase: rule.outOfScope }] : []),
  ...(rule.more ?? []).map((matrixCase) => ({ label: "also", matrixCase })),
];

function holdsAccess(user: MatrixUser, access: RouteSpec["access"]): boolean {
  if (access === "public" || access === "authenticated") return true;
  const granting: readonly Role[] = permissions[access];
  return rolesOf[user].some((role) => granting.includes(role));
}

function outcomeFor(matrixCase: MatrixCase, user: MatrixUser): Outcome[] {
  return (Object.keys(statusOf) as Outcome[]).filter((outcome) => matrixCase.expect[outcome]?.includes(user));
}

function expectedFor(route: RouteSpec, matrixCase: MatrixCase, caller: Caller): Outcome | undefined {
  if (caller === "anonymous") return route.access === "public" ? matrixCase.expect.anonymous : "unauthenticated";
  return outcomeFor(matrixCase, caller)[0];
}

function judge(expected: Outcome | undefined, response: Response): string | undefined {
  const got = `got ${response.statusCode} ${response.body.slice(0, 160)}`;
  if (!expected) return `no expectation in the table; ${got}`;
  if (!outcomeStatus[expected](response.statusCode)) return `expected ${statusOf[expected]}, ${got}`;
  const code = errorCodeOf[expected];
  if (code && response.json().error !== code) return `expected error "${code}", ${got}`;
  return undefined;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const withFreshIds = (values?: Record<string, string>) =>
  values && Object.fromEntries(Object.entries(values).map(([name, value]) => [name, uuidPattern.test(value) ? randomUUID() : value]));

/** The body with the field at a dotted path ("place.dutyStationId", "travellers.0.personId") set to a value; arrays stay arrays. */
function withField(body: object, path: string, value: unknown): object {
  const [head, ...rest] = path.split(".");
  const current = (body as Record<string, unknown>)[head];
  const next = rest.length ? withField((current ?? {}) as object, rest.join("."), value) : value;
  if (Array.isArray(body)) return body.map((item, index) => (String(index) === head ? next : item));
  return { ...body, [head]: next };
}

/** The same request pointing at a record that does not exist: the named body field, or else every id in path and query. */
function missingTwin(request: MatrixRequest, referenceField: string | undefined): MatrixRequest {
  if (referenceField) return { ...request, body: withField((request.body ?? {}) as object, referenceField, randomUUID()) };
  return { ...request, params: withFreshIds(request.params), query: withFreshIds(request.query) };
}

/** What a refusal reveals: everything but ids that differ between the two requests. */
const revealed = (response: Response) => {
  const { error, message, issues } = response.json();
  return JSON.stringify({ status: response.statusCode, error, message, issues });
};

describe("the authorization table", () => {
  it("has a rule for every registered route", () => {
    const missing = routes.map(keyOf).filter((key) => !(key in authorizationTable));
    expect(missing, "routes without a rule: add each to a part of authorizationTable: the module's *.matrix.ts, listed in src/server/authorization/authorization-table.ts").toEqual([]);
  });

  it("has no rule for a route that is no longer registered", () => {
    const registered = new Set(routes.map(keyOf));
    const stale = Object.keys(authorizationTable).filter((key) => !registered.has(key));
    expect(stale, "rules for routes that no longer exist: remove them from authorizationTable").toEqual([]);
  });

  it("gives every route an access rule from the permission registry, or public or authenticated", () => {
    const unknown = routes
      .filter((route) => route.access !== "public" && route.access !== "authenticated" && !(route.access in permissions))
      .map((route) => `${keyOf(route)}: ${route.access}`);
    expect(unknown).toEqual([]);
  });

  it("records the access rule that each route declares", () => {
    const changed = routes
      .filter((route) => authorizationTable[keyOf(route)] && authorizationTable[keyOf(route)].access !== route.access)
      .map((route) => `${keyOf(route)}: the route says ${route.access}, the table says ${authorizationTable[keyOf(route)].access}`);
    expect(changed).toEqual([]);
  });

  it("places every signed-in demo user in exactly one outcome of every case", () => {
    const problems: string[] = [];
    for (const [key, rule] of Object.entries(authorizationTable)) {
      for (const { matrixCase } of casesOf(rule)) {
        for (const user of matrixUsers) {
          const outcomes = outcomeFor(matrixCase, user);
          if (outcomes.length !== 1) problems.push(`${key} — ${matrixCase.name}: ${user} is in ${outcomes.length} outcomes`);
        }
        if (rule.access === "public" && !matrixCase.expect.anonymous) problems.push(`${key} — ${matrixCase.name}: say what an anonymous caller gets`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("expects 403 from every user who holds no role granting the route's permission", () => {
    const problems: string[] = [];
    for (const [key, rule] of Object.entries(authorizationTable)) {
      for (const { matrixCase } of casesOf(rule)) {
        for (const user of matrixUsers) {
          if (holdsAccess(user, rule.access)) continue;
          if (!matrixCase.expect.forbidden?.includes(user)) {
            problems.push(`${key} — ${matrixCase.name}: ${user} holds no ${rule.access as Permission} yet is expected ${outcomeFor(matrixCase, user)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("never expects 403 out of scope from a user who holds the permission elsewhere", () => {
    const problems: string[] = [];
    for (const [key, rule] of Object.entries(authorizationTable)) {
      if (!isCase(rule.outOfScope)) continue;
      for (const user of rule.outOfScope.expect.forbidden ?? []) {
        if (holdsAccess(user, rule.access)) problems.push(`${key}: ${user} holds ${rule.access} and must get 404 (or the answer for a missing record), not 403`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("explains every 403, 409 and 422 given to a user who holds the permission", () => {
    const problems: string[] = [];
    for (const [key, rule] of Object.entries(authorizationTable)) {
      for (const { matrixCase } of casesOf(rule)) {
        const explained = [...(matrixCase.expect.forbidden ?? []), ...(matrixCase.expect.conflict ?? []), ...(matrixCase.expect.invalid ?? [])];
        if (explained.some((user) => holdsAccess(user, rule.access)) && !matrixCase.why) problems.push(`${key} — ${matrixCase.name}: add a \`why\``);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the authorization matrix", () => {
  let t: TestApp;
  let driver: Driver;
  let f: Fixtures;

  beforeAll(async () => {
    t = await startTestApp();
    driver = createDriver(t);
    f = await loadFixtures(driver);
  });
  afterAll(() => t.close());

  for (const route of routes) {
    const key = keyOf(route);
    it(`answers ${key} (${route.access}) for every caller as the table says, in and out of scope`, async () => {
      const rule = authorizationTable[key];
      if (!rule) throw new Error(`${key} has no rule in authorizationTable (the module's *.matrix.ts)`);
      const mismatches: string[] = [];
      for (const { label, matrixCase } of casesOf(rule)) {
        for (const caller of ["anonymous", ...matrixUsers] as Caller[]) {
          const request = await matrixCase.request({ f, caller, setup: driver.setup });
          const response = await driver.send(caller, route.method, route.url, request, { isFreshSession: matrixCase.isFreshSession });
          const expected = expectedFor(route, matrixCase, caller);
          let problem =
            judge(expected, response) ?? (expected === "ok" && matrixCase.check ? matrixCase.check(caller, response, f) : undefined);
          // A record outside scope must be indistinguishable from a missing one.
          if (!problem && (expected === "notFound" || (expected === "invalid" && matrixCase.referenceField))) {
            const twin = await driver.send(caller, route.method, route.url, missingTwin(request, matrixCase.referenceField));
            if (revealed(twin) !== revealed(response)) problem = `answers ${revealed(response)}, but for a missing record ${revealed(twin)}`;
          }
          if (problem) mismatches.push(`${label} — ${matrixCase.name} — as ${caller}: ${problem}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
