import { demoPassword } from "../../seed/demo.seed.ts";
import { demo } from "../../testing/test-app.ts";
import { type MatrixUser, freshAddress } from "../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, globalOnly, ownOnly } from "../../authorization/matrix-rules.ts";

/** The authorization table, part 1: signing in, the caller's own account and tokens, and accounts. */
export const accountRules: Record<string, RouteRule> = {
  // ----- Authentication ---------------------------------------------------------------
  "POST /api/auth/login": {
    access: "public",
    inScope: {
      name: "the analyst's correct credentials",
      request: () => ({ body: { email: demo.analyst, password: demoPassword }, headers: { "x-forwarded-for": freshAddress() } }),
      expect: { anonymous: "ok", ok: everyone },
    },
    outOfScope: { notApplicable: "signing in concerns no record" },
    more: [
      {
        name: "an unknown account",
        // A new unknown e-mail each time: unknown e-mails are throttled like accounts after 5 failures.
        request: () => ({ body: { email: `nobody.${freshAddress()}@vigil.example`, password: "not-a-password" }, headers: { "x-forwarded-for": freshAddress() } }),
        expect: { anonymous: "unauthenticated", unauthenticated: everyone },
      },
    ],
  },
  "POST /api/auth/logout": {
    access: "authenticated",
    inScope: { name: "the caller's own session", isFreshSession: true, request: () => ({}), expect: { ok: everyone } },
    outOfScope: { notApplicable: ownOnly },
  },
  "GET /api/auth/me": {
    access: "authenticated",
    inScope: {
      name: "the caller's own account",
      request: () => ({}),
      expect: { ok: everyone },
      check: (caller, response) => (response.json().user.email === demo[caller as MatrixUser] ? undefined : "sees another account"),
    },
    outOfScope: { notApplicable: ownOnly },
  },
  "PATCH /api/auth/me": {
    access: "authenticated",
    inScope: { name: "the caller's own language", request: () => ({ body: { locale: "en" } }), expect: { ok: everyone } },
    outOfScope: { notApplicable: ownOnly },
  },
  "GET /api/auth/tokens": {
    access: "authenticated",
    inScope: { name: "the caller's own tokens", request: () => ({}), expect: { ok: everyone } },
    outOfScope: { notApplicable: ownOnly },
  },
  "POST /api/auth/tokens": {
    access: "authenticated",
    inScope: { name: "a token for the caller", request: () => ({ body: { name: "matrix" } }), expect: { ok: everyone } },
    outOfScope: { notApplicable: ownOnly },
  },
  "DELETE /api/auth/tokens/:id": {
    access: "authenticated",
    inScope: {
      name: "one of the caller's own tokens",
      request: async ({ caller, setup }) => {
        const owner = caller === "anonymous" ? "admin" : caller;
        return { params: { id: (await setup.as(owner, "POST", "/api/auth/tokens", { name: "to revoke" })).id } };
      },
      expect: { ok: everyone },
    },
    outOfScope: {
      name: "a token of another account",
      request: ({ f }) => ({ params: { id: f.outsiderToken } }),
      expect: { notFound: everyone },
    },
  },

  // ----- Accounts ---------------------------------------------------------------------
  "GET /api/users": {
    access: "user.read",
    inScope: {
      name: "the list of accounts",
      request: () => ({}),
      expect: { ok: ["admin"], forbidden: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: { notApplicable: globalOnly },
  },
  "POST /api/users": {
    access: "user.create",
    inScope: {
      name: "a new account",
      request: ({ setup }) => ({
        body: { email: `${setup.uniqueCode("new")}@matrix.example`, displayName: "New account", password: "a-long-enough-passphrase" },
      }),
      expect: { ok: ["admin"], forbidden: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: { notApplicable: globalOnly },
  },
  "PATCH /api/users/:id": {
    access: "user.update",
    inScope: {
      name: "the staff member's account",
      request: ({ f }) => ({ params: { id: f.staffUser }, body: { locale: "en" } }),
      expect: { ok: ["admin"], forbidden: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: { notApplicable: globalOnly },
  },
};
