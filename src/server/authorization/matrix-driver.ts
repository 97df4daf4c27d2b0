import type { InjectOptions } from "fastify";
import type { Role } from "../../core/access/roles.ts";
import { todayIso } from "../platform/clock.ts";
import { demoPassword } from "../seed/demo.seed.ts";
import { type TestApp, demo } from "../testing/test-app.ts";
import {
  actionPointBody,
  criticalIncidentBody,
  followUpBody,
  incidentBody,
  meetingBody,
  pdfLetter,
  personBody,
  sensitiveIncidentBody,
  textAttachment,
  victimCaseBody,
  webhookBody,
} from "./matrix-bodies.ts";

// Bodies live beside the driver; the rule tables import them from here with the driver.
export * from "./matrix-bodies.ts";

/**
 * Helper data for the authorization matrix (authorization-matrix.test.ts) and the input
 * fuzz test: who the representative callers are, the records they act on, and how to send a
 * request as each of them. The expected outcome of every route for every caller is
 * `authorizationTable` (authorization-table.ts).
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
  staff: ["authenticated", "personnel"], // no appointment; "personnel" at their own duty station (DR Congo)
};

/**
 * Setup-only accounts (not in the matrix): one holding the CSFP appointment of Haiti, and the
 * demo's UNDSS desk officer for Mali (the only holder of security_level.endorse).
 */
const csfpHaitiEmail = "csfp.haiti@matrix.example";
const helperPassword = "matrix-helper-passphrase-2026";
const helperLogins = { csfpHaiti: [csfpHaitiEmail, helperPassword], deskMali: ["desk.mali@vigil.example", demoPassword] } as const;
export type SetupActor = MatrixUser | keyof typeof helperLogins;

// ---------------------------------------------------------------------------------------
// Sending requests
// ---------------------------------------------------------------------------------------

export type MatrixRequest = {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as is with content-type application/json (for malformed JSON). */
  rawJson?: string;
  /** Sent as an HTML form posts it (application/x-www-form-urlencoded). */
  rawForm?: string;
  /** One file, and optionally text fields sent before it. */
  multipart?: { field: string; fileName: string; contentType: string; content: string; fields?: Record<string, string> };
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
  const fields = Object.entries(part.fields ?? {}).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const head = `${fields.join("")}--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"; filename="${part.fileName}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
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
    if (actor === "csfpHaiti" || actor === "deskMali") {
      const cached = helperSessions.get(actor);
      if (cached) return cached;
      const [email, password] = helperLogins[actor];
      const session = await signIn(email, password);
      helperSessions.set(actor, session);
      return session;
    }
    if (isFresh) return signIn(demo[actor]);
    return t.login(demo[actor]);
  }

  async function send(
    caller: Caller | Exclude<SetupActor, MatrixUser>,
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
    } else if (request.rawForm !== undefined) {
      payload = request.rawForm;
      headers["content-type"] = "application/x-www-form-urlencoded";
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
    /** A multipart upload that must succeed (2xx); returns the parsed body. */
    async upload<T = { id: string }>(actor: SetupActor, url: string, multipart: NonNullable<MatrixRequest["multipart"]>): Promise<T> {
      const response = await send(actor, "POST", url, { multipart });
      if (response.statusCode >= 300) throw new Error(`setup upload to ${url} as ${actor} failed: ${response.statusCode} ${response.body}`);
      return response.json() as T;
    },
    /** The database, for what only it hands out (a check-in's reply link goes by e-mail). */
    database: t.database,
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
 * organisations, people, appointments with letters, meetings with action points, tokens, incidents.
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
    bamakoStation: place("Bamako"),
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
    /** The staff member's own duty station (DR Congo), the one place their "personnel" grant covers, and its area's name. */
    staffStation: "",
    staffArea: "",
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
    maliIncident: "",
    maliSensitiveIncident: "",
    haitiIncident: "",
    haitiSensitiveIncident: "",
    flashIncident: "",
    pcsaNotification: "",
    doNotification: "",
    webhook: "",
    maliVictimCase: "",
    maliVictimFollowUp: "",
    haitiVictimCase: "",
    haitiVictimFollowUp: "",
    maliAttachment: "",
    maliSensitiveAttachment: "",
    haitiAttachment: "",
  };

  fixtures.unicefKatiPerson = (await setup.as("pcsaMali", "POST", "/api/personnel", personBody(fixtures, "unicef", fixtures.kati, "Kati"))).id;
  fixtures.wfpMoptiPerson = (await setup.as("pcsaMali", "POST", "/api/personnel", personBody(fixtures, "wfp", fixtures.moptiStation, "Mopti"))).id;
  fixtures.haitianPerson = (await setup.as("csfpHaiti", "POST", "/api/personnel", personBody(fixtures, "unicef", fixtures.portAuPrince, "Haiti"))).id;
  const staffMe = await setup.as<{ personId: string; user: { id: string } }>("staff", "GET", "/api/auth/me");
  fixtures.staffPerson = staffMe.personId;
  fixtures.staffUser = staffMe.user.id;
  const staffPlaces = (await setup.as<{ items: Named[] }>("staff", "GET", "/api/places/tree")).items;
  if (staffPlaces.length !== 1 || staffPlaces[0].kind !== "duty_station") throw new Error(`staff should see their one duty station, sees ${staffPlaces.length} place(s)`);
  fixtures.staffStation = staffPlaces[0].id;
  fixtures.staffArea = byId.get(staffPlaces[0].parentId as string)?.name as string;

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

  // Incidents: a Mali draft naming a victim (recorded by the P/C/SA at Mopti), a sexual assault
  // reported by the Bamako warden, and the same two in Haiti (recorded by its CSFP).
  const victimLine = { outcome: "injured", recruitmentType: "locally_recruited", sex: "female", count: 1, personId: fixtures.wfpMoptiPerson, organisationId: fixtures.wfp };
  fixtures.maliIncident = (
    await setup.as("pcsaMali", "POST", "/api/incidents", {
      ...incidentBody(fixtures.moptiStation),
      organisationsAffected: [fixtures.wfp],
      peopleAffected: [victimLine],
      reporter: { name: "Matrix Reporter", contact: "+223 70 00 00 00" },
    })
  ).id;
  fixtures.maliSensitiveIncident = (await setup.as("wardenBamako", "POST", "/api/incidents", sensitiveIncidentBody(fixtures.bamakoStation))).id;
  fixtures.haitiIncident = (await setup.as("csfpHaiti", "POST", "/api/incidents", incidentBody(fixtures.portAuPrince, { timeZone: "America/Port-au-Prince" }))).id;
  fixtures.haitiSensitiveIncident = (
    await setup.as("csfpHaiti", "POST", "/api/incidents", sensitiveIncidentBody(fixtures.portAuPrince, { timeZone: "America/Port-au-Prince" }))
  ).id;
  // Attachments: a statement on the Mali incident, on the sexual assault, and on the Haiti incident.
  fixtures.maliAttachment = (await setup.upload("pcsaMali", `/api/incidents/${fixtures.maliIncident}/attachments`, textAttachment)).id;
  fixtures.maliSensitiveAttachment = (await setup.upload("wardenBamako", `/api/incidents/${fixtures.maliSensitiveIncident}/attachments`, textAttachment)).id;
  fixtures.haitiAttachment = (await setup.upload("csfpHaiti", `/api/incidents/${fixtures.haitiIncident}/attachments`, textAttachment)).id;

  // Victims register: a case with one follow-up action on each of the two ordinary incidents.
  type VictimCase = { id: string; followUps: { id: string }[] };
  const maliCase = await setup.as<VictimCase>("pcsaMali", "POST", "/api/victim-cases", victimCaseBody(fixtures.maliIncident));
  const haitiCase = await setup.as<VictimCase>("csfpHaiti", "POST", "/api/victim-cases", victimCaseBody(fixtures.haitiIncident));
  fixtures.maliVictimCase = maliCase.id;
  fixtures.haitiVictimCase = haitiCase.id;
  fixtures.maliVictimFollowUp = (await setup.as<VictimCase>("pcsaMali", "POST", `/api/victim-cases/${maliCase.id}/follow-ups`, followUpBody)).followUps[0].id;
  fixtures.haitiVictimFollowUp = (await setup.as<VictimCase>("csfpHaiti", "POST", `/api/victim-cases/${haitiCase.id}/follow-ups`, followUpBody)).followUps[0].id;

  // Flash alert: an abduction at Bamako, submitted by the P/C/SA, notifies Mali's DO and P/C/SA.
  fixtures.flashIncident = (await setup.as("pcsaMali", "POST", "/api/incidents", criticalIncidentBody(fixtures.bamakoStation))).id;
  await setup.as("pcsaMali", "POST", `/api/incidents/${fixtures.flashIncident}/transition`, { to: "submitted" });
  type Notifications = { items: { id: string; entityId: string | null }[] };
  const notificationOf = async (actor: "pcsaMali" | "doMali") =>
    (await setup.as<Notifications>(actor, "GET", "/api/notifications?pageSize=200")).items.find((item) => item.entityId === fixtures.flashIncident)?.id as string;
  fixtures.pcsaNotification = await notificationOf("pcsaMali");
  fixtures.doNotification = await notificationOf("doMali");
  fixtures.webhook = (await setup.as("admin", "POST", "/api/webhooks", webhookBody(fixtures.mali))).id;
  return fixtures;
}

// ---------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------
