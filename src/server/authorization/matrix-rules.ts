import type { RouteAccess } from "../platform/http/route.ts";
import type { Caller, Fixtures, MatrixRequest, MatrixUser, Response, Setup, SetupActor } from "./matrix-driver.ts";

/**
 * The shape of the authorization table (`authorizationTable`, authorization-table.ts) and
 * what its parts share: the caller lists and the checks on successful answers.
 */

// ---------------------------------------------------------------------------------------
// The table's shape
// ---------------------------------------------------------------------------------------

/** Who gets which answer. Each signed-in demo user appears in exactly one list. */
export type Expectation = {
  /** 2xx */
  ok?: MatrixUser[];
  /** 401 */
  unauthenticated?: MatrixUser[];
  /** 403: holds no right to this at all (or a rule refuses it on a record they can see) */
  forbidden?: MatrixUser[];
  /** 404: the record is outside the caller's scope (indistinguishable from missing) */
  notFound?: MatrixUser[];
  /** 409: a business conflict (documented in `why`) */
  conflict?: MatrixUser[];
  /** 422: a business rule (documented in `why`) */
  invalid?: MatrixUser[];
  /** Public routes only: the anonymous caller's answer (otherwise always 401). */
  anonymous?: "ok" | "unauthenticated";
};

export const outcomeStatus: Record<Exclude<keyof Expectation, "anonymous">, (status: number) => boolean> = {
  ok: (status) => status >= 200 && status < 300,
  unauthenticated: (status) => status === 401,
  forbidden: (status) => status === 403,
  notFound: (status) => status === 404,
  conflict: (status) => status === 409,
  invalid: (status) => status === 422,
};

export type CaseContext = { f: Fixtures; caller: Caller; setup: Setup };

export type MatrixCase = {
  name: string;
  request: (context: CaseContext) => MatrixRequest | Promise<MatrixRequest>;
  expect: Expectation;
  /** Why a caller holding the right still gets 403, 409 or 422 here. */
  why?: string;
  /** Extra checks on a successful answer; returns a problem or undefined. */
  check?: (caller: Caller, response: Response, f: Fixtures) => string | undefined;
  /** The route ends or replaces the caller's session: sign in anew for it. */
  isFreshSession?: boolean;
  /**
   * The body field holding the out-of-scope reference (a dotted path for a nested one, as
   * "place.dutyStationId"): a 422 on it must read exactly as for a missing record. (Ids in
   * the path and query are compared that way without being named.)
   */
  referenceField?: string;
  /** Who the input fuzz test sends this request as when no matrix caller may (a setup-only account). */
  fuzzAs?: SetupActor;
};

export type RouteRule = {
  access: RouteAccess;
  /** A request pointing at a Mali record (Mali is home to most demo roles). */
  inScope: MatrixCase;
  /** The same request pointing at a DR Congo or Haiti record, or why there is none. */
  outOfScope: MatrixCase | { notApplicable: string };
  more?: MatrixCase[];
};

// ---------------------------------------------------------------------------------------
// Checks on successful answers
// ---------------------------------------------------------------------------------------

/** Callers whose every grant lies in Mali: they must never see a DR Congo or Haiti record. */
export const maliScoped: readonly Caller[] = ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"];
export const isGlobal = (caller: Caller) => caller === "admin" || caller === "analyst";

export function itemsOutsideMali(key: string) {
  return (caller: Caller, response: Response, f: Fixtures) => {
    if (!maliScoped.includes(caller)) return undefined;
    const items = response.json().items as Record<string, string>[];
    const leaked = items.filter((item) => f.outsideMali.has(item[key]));
    return leaked.length ? `sees ${leaked.length} record(s) outside Mali` : undefined;
  };
}

export function contactsShownTo(allowed: readonly Caller[]) {
  return (caller: Caller, response: Response) => {
    const hasContacts = "private" in response.json();
    if (hasContacts === allowed.includes(caller)) return undefined;
    return hasContacts ? "sees contacts without need-to-know" : "does not see contacts despite need-to-know";
  };
}

export function emptyUnlessGlobal(caller: Caller, response: Response) {
  const { items } = response.json() as { items: unknown[] };
  if (isGlobal(caller) && items.length === 0) return "a global caller sees nothing";
  if (!isGlobal(caller) && items.length > 0) return `sees ${items.length} record(s) outside their scope`;
  return undefined;
}

export const everyone: MatrixUser[] = ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"];
export const globalOnly = "the resource is not scoped to an area: there is no out-of-scope record";
export const ownOnly = "acts on the caller's own account only";
