import type { InjectOptions } from "fastify";
import type { Role } from "../core/access/roles.ts";
import { todayIso } from "./platform/clock.ts";
import type { RouteAccess } from "./platform/http/route.ts";
import { demoPassword } from "./seed/demo.seed.ts";
import { type TestApp, demo } from "./testing/test-app.ts";

/**
 * Helper data for the authorization matrix (authorization-matrix.test.ts) and the input
 * fuzz test: who the representative callers are, the records they act on, how to send a
 * request as each of them, and `authorizationTable`: the expected outcome of every route
 * for every caller, written out so that a rule change shows up as a diff.
 */

export type MatrixUser = keyof typeof demo;
export type Caller = MatrixUser | "anonymous";
export const matrixUsers = Object.keys(demo) as MatrixUser[];

/**
 * The roles each demo login holds (demo.seed.ts), and where. Used to check the table
 * against the permission registry: whoever holds no role granting a route's permission
 * must be expected to get 403.
 */
export const rolesOf: Record<MatrixUser, readonly Role[]> = {
  admin: ["authenticated", "system_admin"], // everywhere
  analyst: ["authenticated", "global_analyst"], // everywhere
  doMali: ["authenticated", "do"], // Mali Designated Area
  pcsaMali: ["authenticated", "pcsa"], // Mali Designated Area
  ascMopti: ["authenticated", "asc"], // Mopti Security Area (Mali)
  repUnicefMali: ["authenticated", "org_representative"], // Mali, UNICEF only
  sfpWfpMali: ["authenticated", "org_security_focal_point"], // Mali, WFP only
  wardenBamako: ["authenticated", "warden"], // Bamako Security Area (Mali)
  staff: ["authenticated"], // no appointment; works in DR Congo
};

/** A setup-only account (not in the matrix) holding the CSFP appointment of Haiti. */
const csfpHaitiEmail = "csfp.haiti@matrix.example";
const helperPassword = "matrix-helper-passphrase-2026";
export type SetupActor = MatrixUser | "csfpHaiti";

// ---------------------------------------------------------------------------------------
// Sending requests
// ---------------------------------------------------------------------------------------

export type MatrixRequest = {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as is with content-type application/json (for malformed JSON). */
  rawJson?: string;
  multipart?: { field: string; fileName: string; contentType: string; content: string };
  headers?: Record<string, string>;
};

export type Response = Awaited<ReturnType<TestApp["app"]["inject"]>>;

export function fillUrl(template: string, params: Record<string, string> = {}, query?: Record<string, string>): string {
  const path = template.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`No value for :${name} in ${template}`);
    return encodeURIComponent(params[name]);
  });
  const search = query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : "";
  return `${path}${search}`;
}

export function multipartPayload(part: NonNullable<MatrixRequest["multipart"]>) {
  const boundary = "----vigil-test-boundary-7d3f";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"; filename="${part.fileName}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), Buffer.from(part.content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

let addressCounter = 0;
/** A fresh client address per sign-in, so the login rate limit (per address) never trips. */
export function freshAddress(): string {
  addressCounter += 1;
  return `198.51.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;
}

/** Sends requests as any caller: cached sessions, fresh ones on demand, CSRF on writes. */
export function createDriver(t: TestApp) {
  const helperSessions = new Map<string, { cookie: string; csrfToken: string }>();

  async function signIn(email: string, password = demoPassword) {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password },
      headers: { "x-forwarded-for": freshAddress() },
    });
    if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((item) => item.name === "vigil_session");
    return { cookie: `vigil_session=${cookie?.value}`, csrfToken: response.json().csrfToken as string };
  }

  async function sessionOf(actor: SetupActor, isFresh: boolean) {
    if (actor === "csfpHaiti") {
      const cached = helperSessions.get(actor);
      if (cached) return cached;
      const session = await signIn(csfpHaitiEmail, helperPassword);
      helperSessions.set(actor, session);
      return session;
    }
    if (isFresh) return signIn(demo[actor]);
    return t.login(demo[actor]);
  }

  async function send(
    caller: Caller | "csfpHaiti",
    method: InjectOptions["method"],
    urlTemplate: string,
    request: MatrixRequest = {},
    options: { isFreshSession?: boolean } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...request.headers };
    if (caller !== "anonymous") {
      const session = await sessionOf(caller, options.isFreshSession ?? false);
      headers.cookie = session.cookie;
      if (method !== "GET") headers["x-csrf-token"] = session.csrfToken;
    }
    let payload: InjectOptions["payload"];
    if (request.multipart) {
      const part = multipartPayload(request.multipart);
      payload = part.payload;
      headers["content-type"] = part.contentType;
    } else if (request.rawJson !== undefined) {
      payload = request.rawJson;
      headers["content-type"] = "application/json";
    } else if (request.body !== undefined) {
      payload = JSON.stringify(request.body);
      headers["content-type"] = "application/json";
    }
    const url = fillUrl(urlTemplate, request.params, request.query);
    return t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
  }

  let counter = 0;
  const setup = {
    /** A request that must succeed (2xx); returns the parsed body. */
    async as<T = { id: string }>(actor: SetupActor, method: InjectOptions["method"], url: string, body?: unknown): Promise<T> {
      const response = await send(actor, method, url, body === undefined ? {} : { body });
      if (response.statusCode >= 300) {
        throw new Error(`setup ${method} ${url} as ${actor} failed: ${response.statusCode} ${response.body}`);
      }
      return (response.body ? response.json() : null) as T;
    },
    unique(prefix: string): string {
      counter += 1;
      return `${prefix} ${counter}`;
    },
    uniqueCode(prefix: string): string {
      counter += 1;
      return `${prefix}-${counter}`;
    },
  };
  return { send, setup };
}

export type Driver = ReturnType<typeof createDriver>;
export type Setup = Driver["setup"];

// ---------------------------------------------------------------------------------------
// The records every case points at
// ---------------------------------------------------------------------------------------

export type Fixtures = Awaited<ReturnType<typeof loadFixtures>>;

type Named = { id: string; name: string; kind: string; parentId: string | null };

/**
 * Finds (in the demo data) or creates (through the API) the records the matrix uses: places,
 * organisations, people, appointments with letters, meetings with action points, tokens.
 */
export async function loadFixtures(driver: Driver) {
  const { setup } = driver;
  const tree = (await setup.as<{ items: Named[] }>("admin", "GET", "/api/places/tree")).items;
  const place = (name: string) => {
    const found = tree.find((item) => item.name === name);
    if (!found) throw new Error(`No demo place named ${name}`);
    return found.id;
  };
  const byId = new Map(tree.map((item) => [item.id, item]));
  const rootOf = (id: string): string => {
    const item = byId.get(id) as Named;
    return item.parentId ? rootOf(item.parentId) : item.id;
  };
  const mali = place("Mali");
  const outsideMali = new Set(tree.filter((item) => rootOf(item.id) !== mali).map((item) => item.id));
  const outsideMaliStationNames = tree.filter((item) => outsideMali.has(item.id) && item.kind === "duty_station").map((item) => item.name);

  const organisationList = await setup.as<{ items: { id: string; code: string }[] }>("admin", "GET", "/api/organisations?pageSize=50");
  const organisation = (code: string) => organisationList.items.find((item) => item.code === code)?.id as string;

  const appointmentOf = async (role: string, placeId: string) => {
    const list = await setup.as<{ items: { id: string; personId: string }[] }>("admin", "GET", `/api/appointments?role=${role}&placeId=${placeId}`);
    if (list.items.length !== 1) throw new Error(`Expected one ${role} appointment at ${placeId}, found ${list.items.length}`);
    return list.items[0];
  };

  const haiti = place("Haiti");
  const haitiCsfp = await appointmentOf("csfp", haiti);
  await setup.as("admin", "POST", "/api/users", {
    email: csfpHaitiEmail,
    displayName: "CSFP Haiti (matrix helper)",
    password: helperPassword,
    personId: haitiCsfp.personId,
  });

  const fixtures = {
    mali,
    bamakoArea: place("Bamako Security Area"),
    moptiArea: place("Mopti Security Area"),
    drc: place("Democratic Republic of the Congo"),
    haiti,
    kati: place("Kati"),
    moptiStation: place("Mopti"),
    portAuPrince: place("Port-au-Prince"),
    outsideMali,
    outsideMaliStationNames,
    unicef: organisation("UNICEF"),
    wfp: organisation("WFP"),
    today: todayIso(),
    unicefKatiPerson: "",
    wfpMoptiPerson: "",
    haitianPerson: "",
    staffPerson: "",
    staffUser: "",
    wardenBamakoAppointment: (await appointmentOf("warden", place("Bamako Security Area"))).id,
    moptiAsaAppointment: (await appointmentOf("asa", place("Mopti Security Area"))).id,
    doMaliAppointment: (await appointmentOf("do", mali)).id,
    haitiCsfpAppointment: haitiCsfp.id,
    maliSmt: "",
    moptiAsmt: "",
    haitiSmt: "",
    moptiActionPoint: "",
    haitiActionPoint: "",
    outsiderToken: "",
  };

  fixtures.unicefKatiPerson = (await setup.as("pcsaMali", "POST", "/api/personnel", personBody(fixtures, "unicef", fixtures.kati, "Kati"))).id;
  fixtures.wfpMoptiPerson = (await setup.as("pcsaMali", "POST", "/api/personnel", personBody(fixtures, "wfp", fixtures.moptiStation, "Mopti"))).id;
  fixtures.haitianPerson = (await setup.as("csfpHaiti", "POST", "/api/personnel", personBody(fixtures, "unicef", fixtures.portAuPrince, "Haiti"))).id;
  const staffMe = await setup.as<{ personId: string; user: { id: string } }>("staff", "GET", "/api/auth/me");
  fixtures.staffPerson = staffMe.personId;
  fixtures.staffUser = staffMe.user.id;

  for (const id of [fixtures.wardenBamakoAppointment, fixtures.haitiCsfpAppointment]) {
    const response = await driver.send("admin", "PUT", "/api/appointments/:id/letter", { params: { id }, multipart: pdfLetter });
    if (response.statusCode !== 200) throw new Error(`letter upload failed: ${response.statusCode} ${response.body}`);
  }

  const meetings = await setup.as<{ items: { id: string; title: string }[] }>("analyst", "GET", "/api/meetings");
  fixtures.maliSmt = meetings.items.find((item) => item.title === "SMT monthly meeting")?.id as string;
  fixtures.moptiAsmt = (await setup.as("doMali", "POST", "/api/meetings", meetingBody(fixtures, "asmt", fixtures.moptiArea))).id;
  fixtures.haitiSmt = (await setup.as("csfpHaiti", "POST", "/api/meetings", meetingBody(fixtures, "smt", haiti))).id;
  type WithPoints = { actionPoints: { id: string }[] };
  const pointOf = (meeting: WithPoints) => meeting.actionPoints.at(-1)?.id as string;
  fixtures.moptiActionPoint = pointOf(await setup.as<WithPoints>("doMali", "POST", `/api/meetings/${fixtures.moptiAsmt}/action-points`, actionPointBody));
  fixtures.haitiActionPoint = pointOf(await setup.as<WithPoints>("csfpHaiti", "POST", `/api/meetings/${fixtures.haitiSmt}/action-points`, actionPointBody));
  fixtures.outsiderToken = (await setup.as("csfpHaiti", "POST", "/api/auth/tokens", { name: "outsider" })).id;
  return fixtures;
}

// ---------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------

export const pdfLetter = {
  field: "file",
  fileName: "letter.pdf",
  contentType: "application/pdf",
  content: "%PDF-1.4\n% appointment letter\n",
};

export function personBody(f: { unicef: string; wfp: string }, organisation: "unicef" | "wfp", dutyStationId: string, familyName: string) {
  return {
    organisationId: f[organisation],
    dutyStationId,
    givenName: "Matrix",
    familyName,
    sex: "female",
    recruitmentType: "locally_recruited",
    category: "general_service",
    private: { phone: "+223 20 22 33 44", residentialAddress: "12 Rue 312" },
  };
}

export function meetingBody(f: { today: string }, body: "smt" | "asmt", placeId: string) {
  return { body, placeId, heldOn: f.today, title: `${body.toUpperCase()} matrix meeting`, location: "Office" };
}

export const actionPointBody = { kind: "action", text: "Check the radio room", status: "open" };

export function stationBody(parentId: string, name: string) {
  return { kind: "duty_station", parentId, name, latitude: 14.5, longitude: -4.2 };
}

export function appointmentBody(f: { today: string }, personId: string, role: string, placeId: string) {
  return { personId, role, placeId, startsOn: f.today, appointedBy: "Matrix test" };
}

export function csvFile(rows: string[]) {
  return {
    field: "file",
    fileName: "people.csv",
    contentType: "text/csv",
    content: ["given_name,family_name,sex,recruitment_type,category,organisation,duty_station", ...rows].join("\n"),
  };
}

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
   * The body field holding the out-of-scope reference: a 422 on it must read exactly as for
   * a missing record. (Ids in the path and query are compared that way without being named.)
   */
  referenceField?: string;
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
const maliScoped: readonly Caller[] = ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"];
const isGlobal = (caller: Caller) => caller === "admin" || caller === "analyst";

function itemsOutsideMali(key: string) {
  return (caller: Caller, response: Response, f: Fixtures) => {
    if (!maliScoped.includes(caller)) return undefined;
    const items = response.json().items as Record<string, string>[];
    const leaked = items.filter((item) => f.outsideMali.has(item[key]));
    return leaked.length ? `sees ${leaked.length} record(s) outside Mali` : undefined;
  };
}

function contactsShownTo(allowed: readonly Caller[]) {
  return (caller: Caller, response: Response) => {
    const hasContacts = "private" in response.json();
    if (hasContacts === allowed.includes(caller)) return undefined;
    return hasContacts ? "sees contacts without need-to-know" : "does not see contacts despite need-to-know";
  };
}

function emptyUnlessGlobal(caller: Caller, response: Response) {
  const { items } = response.json() as { items: unknown[] };
  if (isGlobal(caller) && items.length === 0) return "a global caller sees nothing";
  if (!isGlobal(caller) && items.length > 0) return `sees ${items.length} record(s) outside their scope`;
  return undefined;
}

const unknownPerson = "00000000-0000-4000-8000-000000000000";

// ---------------------------------------------------------------------------------------
// The table: every route, every caller, in and out of scope
// ---------------------------------------------------------------------------------------

const everyone: MatrixUser[] = ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"];
const globalOnly = "the resource is not scoped to an area: there is no out-of-scope record";
const ownOnly = "acts on the caller's own account only";

export const authorizationTable: Record<string, RouteRule> = {
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
        request: () => ({ body: { email: "nobody@vigil.example", password: "not-a-password" }, headers: { "x-forwarded-for": freshAddress() } }),
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

  // ----- Organisations ----------------------------------------------------------------
  "GET /api/organisations": {
    access: "organisation.read",
    inScope: { name: "the list of organisations", request: () => ({}), expect: { ok: everyone } },
    outOfScope: { notApplicable: globalOnly },
  },
  "POST /api/organisations": {
    access: "organisation.create",
    inScope: {
      name: "a new organisation",
      request: ({ setup }) => ({ body: { code: setup.uniqueCode("ORG"), name: "Matrix Organisation", kind: "related_organisation" } }),
      expect: { ok: ["admin"], forbidden: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: { notApplicable: globalOnly },
  },
  "GET /api/organisations/:id": {
    access: "organisation.read",
    inScope: { name: "UNICEF", request: ({ f }) => ({ params: { id: f.unicef } }), expect: { ok: everyone } },
    outOfScope: { notApplicable: globalOnly },
  },
  "PATCH /api/organisations/:id": {
    access: "organisation.update",
    inScope: {
      name: "UNICEF",
      request: ({ f }) => ({ params: { id: f.unicef }, body: { name: "United Nations Children's Fund" } }),
      expect: { ok: ["admin"], forbidden: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: { notApplicable: globalOnly },
  },
  "DELETE /api/organisations/:id": {
    access: "organisation.delete",
    inScope: {
      name: "an organisation nothing refers to",
      request: async ({ setup }) => {
        const created = await setup.as("admin", "POST", "/api/organisations", { code: setup.uniqueCode("DEL"), name: "To delete", kind: "related_organisation" });
        return { params: { id: created.id } };
      },
      expect: { ok: ["admin"], forbidden: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: { notApplicable: globalOnly },
  },

  // ----- Places -----------------------------------------------------------------------
  "GET /api/places": {
    access: "place.read",
    inScope: {
      name: "every place in the caller's scope",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: itemsOutsideMali("id"),
    },
    outOfScope: {
      name: "the places under Haiti (a filter: empty outside scope)",
      request: ({ f }) => ({ query: { parentId: f.haiti, pageSize: "200" } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: emptyUnlessGlobal,
    },
  },
  "GET /api/places/tree": {
    access: "place.read",
    inScope: {
      name: "the caller's tree",
      request: () => ({}),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: itemsOutsideMali("id"),
    },
    outOfScope: { notApplicable: "the tree is always the caller's scope; the in-scope check asserts nothing outside Mali leaks" },
  },
  "POST /api/places": {
    access: "place.create",
    inScope: {
      name: "a duty station in Mopti Security Area",
      request: ({ f, setup }) => ({ body: stationBody(f.moptiArea, setup.unique("Station")) }),
      expect: { ok: ["admin", "doMali", "pcsaMali"], forbidden: ["analyst", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a duty station in Haiti",
      request: ({ f, setup }) => ({ body: stationBody(f.haiti, setup.unique("Station")) }),
      expect: { ok: ["admin"], invalid: ["doMali", "pcsaMali"], forbidden: ["analyst", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
      why: "a parent outside the caller's scope is answered exactly as a missing one: 422 on parentId",
      referenceField: "parentId",
    },
    more: [
      {
        name: "a new Designated Area",
        request: ({ setup }) => ({ body: { kind: "designated_area", parentId: null, name: setup.unique("Area"), countryCode: "NE" } }),
        expect: { ok: ["admin"], forbidden: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
        why: "a Designated Area can be created only through a global grant; no record is hidden",
      },
    ],
  },
  "PATCH /api/places/:id": {
    access: "place.update",
    inScope: {
      name: "Mopti Security Area",
      request: ({ f }) => ({ params: { id: f.moptiArea }, body: { name: "Mopti Security Area" } }),
      expect: { ok: ["admin", "doMali", "pcsaMali"], forbidden: ["analyst", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "Haiti",
      request: ({ f }) => ({ params: { id: f.haiti }, body: { name: "Haiti" } }),
      expect: { ok: ["admin"], notFound: ["doMali", "pcsaMali"], forbidden: ["analyst", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "DELETE /api/places/:id": {
    access: "place.delete",
    inScope: {
      name: "an empty duty station in Mopti Security Area",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("admin", "POST", "/api/places", stationBody(f.moptiArea, setup.unique("Doomed")))).id } }),
      expect: { ok: ["admin"], forbidden: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an empty duty station in Haiti",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("admin", "POST", "/api/places", stationBody(f.haiti, setup.unique("Doomed")))).id } }),
      expect: { ok: ["admin"], forbidden: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "GET /api/places/:id": {
    access: "place.read",
    inScope: {
      name: "Mopti Security Area",
      request: ({ f }) => ({ params: { id: f.moptiArea } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], notFound: ["wardenBamako"], forbidden: ["staff"] },
    },
    outOfScope: {
      name: "Haiti",
      request: ({ f }) => ({ params: { id: f.haiti } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
    more: [
      {
        name: "Bamako Security Area",
        request: ({ f }) => ({ params: { id: f.bamakoArea } }),
        expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "wardenBamako"], notFound: ["ascMopti"], forbidden: ["staff"] },
      },
    ],
  },

  // ----- Overview ---------------------------------------------------------------------
  "GET /api/dashboard": {
    access: "dashboard.read",
    inScope: {
      name: "the caller's dashboard",
      request: () => ({}),
      expect: { ok: everyone },
      check: (caller, response, f) => {
        if (!maliScoped.includes(caller)) return undefined;
        const stations = response.json().dutyStations as { id: string }[];
        return stations.some((station) => f.outsideMali.has(station.id)) ? "sees duty stations outside Mali" : undefined;
      },
    },
    outOfScope: { notApplicable: "the dashboard is always the caller's scope; the in-scope check asserts nothing outside Mali leaks" },
  },
  "GET /api/personnel/:id": {
    access: "authenticated",
    inScope: {
      name: "a UNICEF person at Kati (Bamako Security Area, Mali)",
      request: ({ f }) => ({ params: { id: f.unicefKatiPerson } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "repUnicefMali", "wardenBamako"], notFound: ["ascMopti", "sfpWfpMali", "staff"] },
      check: contactsShownTo(["pcsaMali", "wardenBamako"]),
    },
    outOfScope: {
      name: "a person in Haiti",
      request: ({ f }) => ({ params: { id: f.haitianPerson } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
      check: contactsShownTo([]),
    },
    more: [
      {
        name: "a WFP person at Mopti (Mopti Security Area, Mali)",
        request: ({ f }) => ({ params: { id: f.wfpMoptiPerson } }),
        expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "sfpWfpMali"], notFound: ["repUnicefMali", "wardenBamako", "staff"] },
        check: contactsShownTo(["pcsaMali", "sfpWfpMali"]),
      },
      {
        name: "the staff member's own record (DR Congo)",
        request: ({ f }) => ({ params: { id: f.staffPerson } }),
        expect: { ok: ["admin", "analyst", "staff"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"] },
        check: contactsShownTo(["staff"]),
      },
    ],
  },
  "GET /api/history/:entityType/:id": {
    access: "authenticated",
    inScope: {
      name: "the history of the UNICEF person at Kati",
      request: ({ f }) => ({ params: { entityType: "person", id: f.unicefKatiPerson } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "repUnicefMali", "wardenBamako"], notFound: ["ascMopti", "sfpWfpMali", "staff"] },
      check: (caller, response) => {
        const created = (response.json().items as { action: string; changes: Record<string, { to: unknown }> }[]).find((item) => item.action === "create");
        const isShown = created?.changes.phone?.to !== "(restricted)";
        const isAllowed = caller === "pcsaMali" || caller === "wardenBamako";
        if (isShown === isAllowed) return undefined;
        return isShown ? "sees the phone number in the history without need-to-know" : "the phone number is hidden despite need-to-know";
      },
    },
    outOfScope: {
      name: "the history of Haiti (a place)",
      request: ({ f }) => ({ params: { entityType: "place", id: f.haiti } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "the history of the Mali SMT meeting",
        request: ({ f }) => ({ params: { entityType: "meeting", id: f.maliSmt } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["admin", "ascMopti", "wardenBamako", "staff"] },
      },
      {
        name: "the history of the CSFP of Haiti's appointment",
        request: ({ f }) => ({ params: { entityType: "appointment", id: f.haitiCsfpAppointment } }),
        expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
      },
      {
        name: "the history of the staff member's account",
        request: ({ f }) => ({ params: { entityType: "user", id: f.staffUser } }),
        expect: { ok: ["admin", "staff"], notFound: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"] },
      },
      {
        name: "the history of UNICEF (an organisation)",
        request: ({ f }) => ({ params: { entityType: "organisation", id: f.unicef } }),
        expect: { ok: everyone },
      },
    ],
  },

  // ----- Appointments -----------------------------------------------------------------
  "GET /api/appointments": {
    access: "appointment.read",
    inScope: {
      name: "every appointment in the caller's scope",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: itemsOutsideMali("placeId"),
    },
    outOfScope: {
      name: "the appointments of Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
  },
  "POST /api/appointments": {
    access: "appointment.create",
    inScope: {
      name: "a warden for Mopti Security Area",
      request: ({ f }) => ({ body: appointmentBody(f, f.wfpMoptiPerson, "warden", f.moptiArea) }),
      expect: { ok: ["admin", "doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a warden for Haiti",
      request: ({ f }) => ({ body: appointmentBody(f, f.haitianPerson, "warden", f.haiti) }),
      expect: { ok: ["admin"], invalid: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
      why: "a place outside the caller's scope is answered exactly as a missing one: 422 on placeId",
      referenceField: "placeId",
    },
    more: [
      {
        name: "a DO a.i. for Mali",
        request: ({ f }) => ({ body: appointmentBody(f, f.unicefKatiPerson, "do_ai", f.mali) }),
        expect: {
          conflict: ["admin"],
          forbidden: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"],
          invalid: ["ascMopti"],
        },
        why: "the system administrator may record a DO a.i. but Mali has a DO in force (one holder at a time: 409); DO/DO a.i./P/C/SA are appointed by headquarters only, so the DO and P/C/SA of Mali get 403 on an area they can see; Mali is outside the ASC of Mopti's scope: 422 as for a missing place",
        referenceField: "placeId",
      },
    ],
  },
  "GET /api/appointments/:id": {
    access: "appointment.read",
    inScope: {
      name: "the warden of Bamako's appointment",
      request: ({ f }) => ({ params: { id: f.wardenBamakoAppointment } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "wardenBamako"], notFound: ["ascMopti"], forbidden: ["staff"] },
    },
    outOfScope: {
      name: "the CSFP of Haiti's appointment",
      request: ({ f }) => ({ params: { id: f.haitiCsfpAppointment } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
  },
  "PATCH /api/appointments/:id": {
    access: "appointment.update",
    inScope: {
      name: "the ASA of Mopti's appointment",
      request: ({ f }) => ({ params: { id: f.moptiAsaAppointment }, body: { notes: "Reviewed" } }),
      expect: { ok: ["admin", "doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the CSFP of Haiti's appointment",
      request: ({ f }) => ({ params: { id: f.haitiCsfpAppointment }, body: { notes: "Reviewed" } }),
      expect: { ok: ["admin"], notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "the DO of Mali's appointment",
        request: ({ f }) => ({ params: { id: f.doMaliAppointment }, body: { notes: "Reviewed" } }),
        expect: { ok: ["admin"], notFound: ["ascMopti"], forbidden: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
        why: "a DO appointment is made by headquarters: the DO and P/C/SA of Mali see it but may not change it (403)",
      },
    ],
  },
  "DELETE /api/appointments/:id": {
    access: "appointment.delete",
    inScope: {
      name: "a warden appointment in Mopti Security Area",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("admin", "POST", "/api/appointments", appointmentBody(f, f.wfpMoptiPerson, "warden", f.moptiArea))).id } }),
      expect: { ok: ["admin", "doMali", "pcsaMali"], forbidden: ["analyst", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a warden appointment in Haiti",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("admin", "POST", "/api/appointments", appointmentBody(f, f.haitianPerson, "warden", f.haiti))).id } }),
      expect: { ok: ["admin"], notFound: ["doMali", "pcsaMali"], forbidden: ["analyst", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "PUT /api/appointments/:id/letter": {
    access: "appointment.update",
    inScope: {
      name: "the letter of the ASA of Mopti",
      request: ({ f }) => ({ params: { id: f.moptiAsaAppointment }, multipart: pdfLetter }),
      expect: { ok: ["admin", "doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the letter of the CSFP of Haiti",
      request: ({ f }) => ({ params: { id: f.haitiCsfpAppointment }, multipart: pdfLetter }),
      expect: { ok: ["admin"], notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "GET /api/appointments/:id/letter": {
    access: "appointment.read",
    inScope: {
      name: "the letter of the warden of Bamako",
      request: ({ f }) => ({ params: { id: f.wardenBamakoAppointment } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "wardenBamako"], notFound: ["ascMopti"], forbidden: ["staff"] },
    },
    outOfScope: {
      name: "the letter of the CSFP of Haiti",
      request: ({ f }) => ({ params: { id: f.haitiCsfpAppointment } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
  },
  "GET /api/continuity": {
    access: "appointment.read",
    inScope: {
      name: "the continuity of every area in the caller's scope",
      request: () => ({ query: { isAll: "true" } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: (caller, response, f) => {
        const items = response.json().items as { placeId: string }[];
        if (isGlobal(caller)) return items.some((item) => item.placeId === f.haiti) ? undefined : "a global caller misses the Haiti gap";
        return itemsOutsideMali("placeId")(caller, response, f);
      },
    },
    outOfScope: { notApplicable: "lists only the caller's areas; the in-scope check asserts nothing outside Mali leaks" },
  },

  // ----- Personnel --------------------------------------------------------------------
  "GET /api/personnel": {
    access: "personnel.read",
    inScope: {
      name: "every person in the caller's scope",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: (caller, response, f) => {
        const items = response.json().items as { dutyStationId: string; organisationId: string }[];
        if (items.length === 0) return "sees nobody";
        const ownOrganisation = caller === "repUnicefMali" ? f.unicef : caller === "sfpWfpMali" ? f.wfp : null;
        if (ownOrganisation && items.some((item) => item.organisationId !== ownOrganisation)) return "sees personnel of other organisations";
        return itemsOutsideMali("dutyStationId")(caller, response, f);
      },
    },
    outOfScope: {
      name: "the personnel of Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
  },
  "GET /api/personnel/export.csv": {
    access: "personnel.read",
    inScope: {
      name: "the caller's personnel as CSV",
      request: () => ({}),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: (caller, response, f) => {
        const [header, ...lines] = response.body.trim().split("\n");
        if (/phone|mobile|email|address/.test(header)) return "the export carries contacts";
        if (!maliScoped.includes(caller)) return undefined;
        const leaked = lines.filter((line) => f.outsideMaliStationNames.some((name) => line.endsWith(`,${name}`)));
        return leaked.length ? `exports ${leaked.length} person(s) outside Mali` : undefined;
      },
    },
    outOfScope: {
      name: "the personnel of Haiti as CSV",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
  },
  "POST /api/personnel/import": {
    access: "personnel.create",
    inScope: {
      name: "a CSV row for a UNICEF person at Mopti",
      request: () => ({ multipart: csvFile(["Imported,Person,female,locally_recruited,general_service,UNICEF,Mopti"]) }),
      expect: { ok: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
      why: "the import answers 200 and reports refused rows: the WFP focal point may not add UNICEF personnel",
      check: (caller, response) => {
        const expected = caller === "sfpWfpMali" ? 0 : 1;
        const { created } = response.json();
        return created === expected ? undefined : `created ${created} person(s), expected ${expected}`;
      },
    },
    outOfScope: {
      name: "a CSV row for a UNICEF person at Port-au-Prince",
      request: () => ({ multipart: csvFile(["Imported,Person,female,locally_recruited,general_service,UNICEF,Port-au-Prince"]) }),
      expect: { ok: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
      why: "the import answers 200 and reports the row; a station outside scope reads as unknown",
      check: (_caller, response) => {
        const { created, errors } = response.json() as { created: number; errors: { field: string; message: string }[] };
        if (created !== 0) return `created ${created} person(s) outside scope`;
        return errors.length === 1 && /unknown duty station/.test(errors[0].message) ? undefined : `row errors reveal the station: ${JSON.stringify(errors)}`;
      },
    },
  },
  "POST /api/personnel": {
    access: "personnel.create",
    inScope: {
      name: "a UNICEF person at Mopti",
      request: ({ f }) => ({ body: personBody(f, "unicef", f.moptiStation, "Created") }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "sfpWfpMali", "wardenBamako", "staff"] },
      why: "the WFP focal point's grant covers WFP personnel only; organisations are public, so 403 hides nothing",
    },
    outOfScope: {
      name: "a UNICEF person at Port-au-Prince",
      request: ({ f }) => ({ body: personBody(f, "unicef", f.portAuPrince, "Created") }),
      expect: { invalid: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
      why: "a duty station outside the caller's scope is answered exactly as a missing one: 422 on dutyStationId",
      referenceField: "dutyStationId",
    },
    more: [
      {
        name: "a WFP person at Mopti",
        request: ({ f }) => ({ body: personBody(f, "wfp", f.moptiStation, "Created") }),
        expect: { ok: ["pcsaMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "repUnicefMali", "wardenBamako", "staff"] },
        why: "the UNICEF representative's grant covers UNICEF personnel only",
      },
    ],
  },
  "PATCH /api/personnel/:id": {
    access: "personnel.update",
    inScope: {
      name: "the UNICEF person at Kati",
      request: ({ f }) => ({ params: { id: f.unicefKatiPerson }, body: { grade: "G-5" } }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a person in Haiti",
      request: ({ f }) => ({ params: { id: f.haitianPerson }, body: { grade: "G-5" } }),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "moving the UNICEF person at Kati to Port-au-Prince",
        request: ({ f }) => ({ params: { id: f.unicefKatiPerson }, body: { dutyStationId: f.portAuPrince } }),
        expect: { invalid: ["pcsaMali", "repUnicefMali"], notFound: ["sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
        why: "a duty station outside the caller's scope is answered exactly as a missing one: 422 on dutyStationId",
        referenceField: "dutyStationId",
      },
    ],
  },
  "DELETE /api/personnel/:id": {
    access: "personnel.delete",
    inScope: {
      name: "a UNICEF person at Mopti",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("pcsaMali", "POST", "/api/personnel", personBody(f, "unicef", f.moptiStation, "Doomed"))).id } }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a UNICEF person at Port-au-Prince",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("csfpHaiti", "POST", "/api/personnel", personBody(f, "unicef", f.portAuPrince, "Doomed"))).id } }),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
  },
  "POST /api/personnel/:id/dependants": {
    access: "personnel.update",
    inScope: {
      name: "a child of the UNICEF person at Kati",
      request: ({ f }) => ({ params: { id: f.unicefKatiPerson }, body: { givenName: "Awa", familyName: "Kati", relationship: "child", sex: "female" } }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a child of a person in Haiti",
      request: ({ f }) => ({ params: { id: f.haitianPerson }, body: { givenName: "Awa", familyName: "Haiti", relationship: "child", sex: "female" } }),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
  },
  "DELETE /api/personnel/:id/dependants/:dependantId": {
    access: "personnel.update",
    inScope: {
      name: "a dependant of the UNICEF person at Kati",
      request: ({ f, setup }) => dependantToRemove(setup, "pcsaMali", f.unicefKatiPerson),
      expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a dependant of a person in Haiti",
      request: ({ f, setup }) => dependantToRemove(setup, "csfpHaiti", f.haitianPerson),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
  },

  // ----- Meetings ---------------------------------------------------------------------
  "GET /api/meetings": {
    access: "meeting.read",
    inScope: {
      name: "every meeting in the caller's scope",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
      check: itemsOutsideMali("placeId"),
    },
    outOfScope: {
      name: "the meetings of Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
  },
  "POST /api/meetings": {
    access: "meeting.create",
    inScope: {
      name: "an Area SMT of Mopti",
      request: ({ f }) => ({ body: meetingBody(f, "asmt", f.moptiArea) }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an SMT of Haiti",
      request: ({ f }) => ({ body: meetingBody(f, "smt", f.haiti) }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "an SMT of Mali",
        request: ({ f }) => ({ body: meetingBody(f, "smt", f.mali) }),
        expect: { ok: ["doMali", "pcsaMali"], notFound: ["ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
      },
    ],
  },
  "GET /api/meetings/:id": {
    access: "meeting.read",
    inScope: {
      name: "the Mali SMT monthly meeting",
      request: ({ f }) => ({ params: { id: f.maliSmt } }),
      expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the Haiti SMT meeting",
      request: ({ f }) => ({ params: { id: f.haitiSmt } }),
      expect: { ok: ["analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "the Mopti Area SMT meeting",
        request: ({ f }) => ({ params: { id: f.moptiAsmt } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
      },
    ],
  },
  "PATCH /api/meetings/:id": {
    access: "meeting.update",
    inScope: {
      name: "the Mopti Area SMT meeting",
      request: ({ f }) => ({ params: { id: f.moptiAsmt }, body: { location: "Office" } }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the Haiti SMT meeting",
      request: ({ f }) => ({ params: { id: f.haitiSmt }, body: { location: "Office" } }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "the Mali SMT monthly meeting",
        request: ({ f }) => ({ params: { id: f.maliSmt }, body: { location: "UN House, Bamako" } }),
        expect: { ok: ["doMali", "pcsaMali"], notFound: ["ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
      },
    ],
  },
  "DELETE /api/meetings/:id": {
    access: "meeting.delete",
    inScope: {
      name: "an Area SMT meeting of Mopti",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("doMali", "POST", "/api/meetings", meetingBody(f, "asmt", f.moptiArea))).id } }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an SMT meeting of Haiti",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("csfpHaiti", "POST", "/api/meetings", meetingBody(f, "smt", f.haiti))).id } }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "POST /api/meetings/:id/action-points": {
    access: "meeting.update",
    inScope: {
      name: "an action point of the Mopti Area SMT",
      request: ({ f }) => ({ params: { id: f.moptiAsmt }, body: actionPointBody }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an action point of the Haiti SMT",
      request: ({ f }) => ({ params: { id: f.haitiSmt }, body: actionPointBody }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "PATCH /api/action-points/:id": {
    access: "meeting.update",
    inScope: {
      name: "an action point of the Mopti Area SMT",
      request: ({ f }) => ({ params: { id: f.moptiActionPoint }, body: { status: "open" } }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an action point of the Haiti SMT",
      request: ({ f }) => ({ params: { id: f.haitiActionPoint }, body: { status: "open" } }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "DELETE /api/action-points/:id": {
    access: "meeting.update",
    inScope: {
      name: "an action point of the Mopti Area SMT",
      request: async ({ f, setup }) => ({ params: { id: await actionPointToRemove(setup, "doMali", f.moptiAsmt) } }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an action point of the Haiti SMT",
      request: async ({ f, setup }) => ({ params: { id: await actionPointToRemove(setup, "csfpHaiti", f.haitiSmt) } }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "GET /api/bodies/:placeId/:body/members": {
    access: "meeting.read",
    inScope: {
      name: "the members of the Mali SMT",
      request: ({ f }) => ({ params: { placeId: f.mali, body: "smt" } }),
      expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the members of the Haiti SMT",
      request: ({ f }) => ({ params: { placeId: f.haiti, body: "smt" } }),
      expect: { ok: ["analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "the members of the Mopti Area SMT",
        request: ({ f }) => ({ params: { placeId: f.moptiArea, body: "asmt" } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
      },
    ],
  },

  // ----- Responsibilities -------------------------------------------------------------
  "GET /api/responsibilities": {
    access: "responsibility.read",
    inScope: { name: "the register", request: () => ({ query: { role: "warden" } }), expect: { ok: everyone } },
    outOfScope: { notApplicable: "the register is public reference text for every signed-in user" },
  },
};

async function dependantToRemove(setup: Setup, actor: SetupActor, personId: string): Promise<MatrixRequest> {
  const givenName = setup.unique("Dependant");
  const person = await setup.as<{ dependants: { id: string; givenName: string }[] }>(actor, "POST", `/api/personnel/${personId}/dependants`, {
    givenName,
    familyName: "Removed",
    relationship: "other",
    sex: "male",
  });
  const dependant = person.dependants.find((item) => item.givenName === givenName);
  return { params: { id: personId, dependantId: dependant?.id ?? unknownPerson } };
}

async function actionPointToRemove(setup: Setup, actor: SetupActor, meetingId: string): Promise<string> {
  const text = setup.unique("Remove me");
  const meeting = await setup.as<{ actionPoints: { id: string; text: string }[] }>(actor, "POST", `/api/meetings/${meetingId}/action-points`, {
    ...actionPointBody,
    text,
  });
  return meeting.actionPoints.find((item) => item.text === text)?.id as string;
}
