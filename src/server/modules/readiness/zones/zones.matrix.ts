import type { Caller, Fixtures, MatrixUser, Response, Setup } from "../../../authorization/matrix-driver.ts";
import { personBody } from "../../../authorization/matrix-bodies.ts";
import { type CaseContext, type RouteRule, everyone, itemsOutsideMali } from "../../../authorization/matrix-rules.ts";

/**
 * The authorization table: warden zones and households (issue 14 §2). Zones are read by the
 * area's leaders, security professionals, organisations and wardens; drawn and staffed by the
 * security professionals and the ASC (of Mopti: Mopti only); households placed by them and by an
 * organisation's focal point for its own staff. A zone's list opens to its own wardens and to the
 * area's personnel readers other than wardens (each person as the personnel register allows);
 * contacts only under need-to-know. An area or zone outside the caller's grants answers 404.
 */
const others = (...kept: MatrixUser[]) => everyone.filter((user) => !kept.includes(user));
const zoneReaders = ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"] as const satisfies MatrixUser[];
const bamakoReaders = zoneReaders.filter((caller) => caller !== "ascMopti");

type Zone = { id: string; name: string };
type ReadinessFixtures = {
  /** The demo's first Bamako zone: the demo warden is its warden. */
  bamakoZone: string;
  /** A Bamako zone drawn for the matrix, with a WFP and a UNICEF household; the demo warden is not its warden. */
  otherBamakoZone: string;
  /** A Bamako zone where the demo warden is named and taken off (never read as a list). */
  wardenTestZone: string;
  /** A Mopti zone (the ASC of Mopti's area). */
  moptiZone: string;
  haitiArea: string;
  haitiZone: string;
  wfpBamakoPerson: string;
};

/** Drawn once per run, the first time a readiness case needs them. */
const made = new WeakMap<Fixtures, Promise<ReadinessFixtures>>();
function readiness(f: Fixtures, setup: Setup): Promise<ReadinessFixtures> {
  let promise = made.get(f);
  if (!promise) {
    promise = (async () => {
      const zones = (await setup.as<{ items: Zone[] }>("pcsaMali", "GET", `/api/warden-zones?securityAreaId=${f.bamakoArea}`)).items;
      const bamakoZone = zones.find((zone) => zone.name.startsWith("Zone 1"))?.id as string;
      const otherBamakoZone = (await setup.as("pcsaMali", "POST", "/api/warden-zones", { securityAreaId: f.bamakoArea, name: setup.unique("Matrix zone") })).id;
      const wardenTestZone = (await setup.as("pcsaMali", "POST", "/api/warden-zones", { securityAreaId: f.bamakoArea, name: setup.unique("Matrix warden zone") })).id;
      const moptiZone = (await setup.as("ascMopti", "POST", "/api/warden-zones", { securityAreaId: f.moptiArea, name: setup.unique("Matrix Mopti zone") })).id;
      const haitiArea = (await setup.as("admin", "POST", "/api/places", { kind: "security_area", parentId: f.haiti, name: setup.unique("Port-au-Prince Security Area") })).id;
      const haitiZone = (await setup.as("csfpHaiti", "POST", "/api/warden-zones", { securityAreaId: haitiArea, name: "Pétion-Ville" })).id;
      const wfpBamakoPerson = (await setup.as("pcsaMali", "POST", "/api/personnel", personBody(f, "wfp", f.bamakoStation, "Bamako"))).id;
      await setup.as("pcsaMali", "POST", `/api/warden-zones/${otherBamakoZone}/households`, { personIds: [wfpBamakoPerson, f.unicefKatiPerson] });
      return { bamakoZone, otherBamakoZone, wardenTestZone, moptiZone, haitiArea, haitiZone, wfpBamakoPerson };
    })();
    made.set(f, promise);
  }
  return promise;
}
const withZone = (pick: (r: ReadinessFixtures) => string, extra: (r: ReadinessFixtures, f: Fixtures) => Record<string, unknown> = () => ({})) => async ({ f, setup }: CaseContext) => {
  const r = await readiness(f, setup);
  return { params: { id: pick(r), ...extra(r, f) } };
};

/** The list as each caller may see it: contacts for the warden and the P/C/SA, none for the DO or UNICEF's representative, WFP's staff only for WFP's focal point. */
function listAsAllowed(caller: Caller, response: Response) {
  const { households } = response.json() as { households: { organisationName: string; contacts: unknown }[] };
  // WFP and UNICEF may have no household in a given zone; the others see everyone in it.
  if (households.length === 0 && !(caller === "sfpWfpMali" || caller === "repUnicefMali")) return "lists nobody";
  if ((caller === "wardenBamako" || caller === "pcsaMali") && households.some((household) => household.contacts === null)) return "hides contacts despite need-to-know";
  if ((caller === "doMali" || caller === "repUnicefMali") && households.some((household) => household.contacts !== null)) return "shows contacts without need-to-know";
  if (caller === "sfpWfpMali" && households.some((household) => household.organisationName !== "WFP")) return "lists another organisation's staff";
  if (caller === "repUnicefMali" && households.some((household) => household.organisationName !== "UNICEF")) return "lists another organisation's staff";
  return undefined;
}

const listCases = (url: string): RouteRule => ({
  access: "readiness.zone.read",
  inScope: {
    name: "the list of the demo's Zone 1 in Bamako",
    request: withZone((r) => r.bamakoZone),
    expect: { ok: bamakoReaders, notFound: ["ascMopti"], forbidden: others(...zoneReaders) },
    check: url.endsWith(".pdf") ? (_caller, response) => (String(response.headers["content-type"]) === "application/pdf" ? undefined : "is not a PDF") : listAsAllowed,
  },
  outOfScope: {
    name: "the list of a zone in Haiti",
    request: withZone((r) => r.haitiZone),
    expect: { notFound: [...zoneReaders], forbidden: others(...zoneReaders) },
  },
  more: [
    {
      name: "the list of a Bamako zone whose warden the demo warden is not",
      request: withZone((r) => r.otherBamakoZone),
      expect: { ok: ["doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: others("doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "ascMopti") },
      why: "a warden sees only their own zone's list (403 for the warden of another zone of the same area)",
    },
  ],
});

const managers = ["pcsaMali", "ascMopti"] as const satisfies MatrixUser[];
const assigners = ["pcsaMali", "ascMopti", "sfpWfpMali"] as const satisfies MatrixUser[];

export const zoneRules: Record<string, RouteRule> = {
  "GET /api/warden-zones": {
    access: "readiness.zone.read",
    inScope: {
      name: "every zone in the caller's areas",
      request: () => ({}),
      expect: { ok: [...zoneReaders], forbidden: others(...zoneReaders) },
      check: itemsOutsideMali("securityAreaId"),
    },
    outOfScope: {
      name: "the zones of a Security Area in Haiti",
      request: async ({ f, setup }) => ({ query: { securityAreaId: (await readiness(f, setup)).haitiArea } }),
      expect: { notFound: [...zoneReaders], forbidden: others(...zoneReaders) },
    },
  },
  "POST /api/warden-zones": {
    access: "readiness.zone.manage",
    inScope: {
      name: "a zone in the Mopti Security Area",
      request: ({ f, setup }) => ({ body: { securityAreaId: f.moptiArea, name: setup.unique("Sévaré"), localities: ["Sévaré"] } }),
      expect: { ok: [...managers], forbidden: others(...managers) },
    },
    outOfScope: {
      name: "a zone in a Security Area of Haiti",
      request: async ({ f, setup }) => ({ body: { securityAreaId: (await readiness(f, setup)).haitiArea, name: setup.unique("Delmas") } }),
      expect: { notFound: [...managers], forbidden: others(...managers) },
      referenceField: "securityAreaId",
    },
  },
  "POST /api/warden-zones/assign-by-address": {
    access: "readiness.household.assign",
    inScope: {
      name: "placing the people of the Mopti Security Area from their addresses",
      request: async ({ f, setup }) => {
        await readiness(f, setup);
        return { body: { securityAreaId: f.moptiArea } };
      },
      expect: { ok: [...assigners], forbidden: others(...assigners) },
    },
    outOfScope: {
      name: "placing the people of a Security Area of Haiti",
      request: async ({ f, setup }) => ({ body: { securityAreaId: (await readiness(f, setup)).haitiArea } }),
      expect: { notFound: [...assigners], forbidden: others(...assigners) },
      referenceField: "securityAreaId",
    },
  },
  "GET /api/warden-zones/:id": {
    access: "readiness.zone.read",
    inScope: {
      name: "the demo's Zone 1 in Bamako",
      request: withZone((r) => r.bamakoZone),
      expect: { ok: bamakoReaders, notFound: ["ascMopti"], forbidden: others(...zoneReaders) },
    },
    outOfScope: {
      name: "a zone in Haiti",
      request: withZone((r) => r.haitiZone),
      expect: { notFound: [...zoneReaders], forbidden: others(...zoneReaders) },
    },
  },
  "PATCH /api/warden-zones/:id": {
    access: "readiness.zone.manage",
    inScope: {
      name: "new notes on a Mopti zone",
      request: async (context) => ({ ...(await withZone((r) => r.moptiZone)(context)), body: { notes: "Concentration point: the ASC's office." } }),
      expect: { ok: [...managers], forbidden: others(...managers) },
    },
    outOfScope: {
      name: "new notes on a zone in Haiti",
      request: async (context) => ({ ...(await withZone((r) => r.haitiZone)(context)), body: { notes: "Changed" } }),
      expect: { notFound: [...managers], forbidden: others(...managers) },
    },
  },
  "DELETE /api/warden-zones/:id": {
    access: "readiness.zone.manage",
    inScope: {
      name: "a Mopti zone drawn for this request",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("pcsaMali", "POST", "/api/warden-zones", { securityAreaId: f.moptiArea, name: setup.unique("To delete") })).id } }),
      expect: { ok: [...managers], forbidden: others(...managers) },
    },
    outOfScope: {
      name: "a zone in Haiti",
      request: withZone((r) => r.haitiZone),
      expect: { notFound: [...managers], forbidden: others(...managers) },
    },
  },
  "PUT /api/warden-zones/:id/wardens": {
    access: "readiness.zone.manage",
    inScope: {
      name: "the Bamako warden as deputy of a Bamako zone",
      request: async (context) => ({ ...(await withZone((r) => r.wardenTestZone)(context)), body: { appointmentId: context.f.wardenBamakoAppointment, isDeputy: true } }),
      expect: { ok: ["pcsaMali"], notFound: ["ascMopti"], forbidden: others(...managers) },
    },
    outOfScope: {
      name: "Haiti's CSFP appointment on a zone in Haiti",
      request: async (context) => ({ ...(await withZone((r) => r.haitiZone)(context)), body: { appointmentId: context.f.haitiCsfpAppointment } }),
      expect: { notFound: [...managers], forbidden: others(...managers) },
    },
  },
  "DELETE /api/warden-zones/:id/wardens/:appointmentId": {
    access: "readiness.zone.manage",
    inScope: {
      name: "the Bamako warden taken off a Bamako zone (named again first)",
      request: async ({ f, setup }) => {
        const r = await readiness(f, setup);
        await setup.as("pcsaMali", "PUT", `/api/warden-zones/${r.wardenTestZone}/wardens`, { appointmentId: f.wardenBamakoAppointment, isDeputy: true });
        return { params: { id: r.wardenTestZone, appointmentId: f.wardenBamakoAppointment } };
      },
      expect: { ok: ["pcsaMali"], notFound: ["ascMopti"], forbidden: others(...managers) },
    },
    outOfScope: {
      name: "a warden of a zone in Haiti",
      request: withZone((r) => r.haitiZone, (_r, f) => ({ appointmentId: f.haitiCsfpAppointment })),
      expect: { notFound: [...managers], forbidden: others(...managers) },
    },
  },
  "GET /api/warden-zones/:id/households": listCases("/api/warden-zones/:id/households"),
  "GET /api/warden-zones/:id/households.pdf": listCases("/api/warden-zones/:id/households.pdf"),
  "POST /api/warden-zones/:id/households": {
    access: "readiness.household.assign",
    inScope: {
      name: "a WFP staff member of Bamako placed in a Bamako zone",
      request: async (context) => {
        const r = await readiness(context.f, context.setup);
        return { params: { id: r.otherBamakoZone }, body: { personIds: [r.wfpBamakoPerson] } };
      },
      expect: { ok: ["pcsaMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: others(...assigners) },
    },
    outOfScope: {
      name: "a Haitian staff member placed in a zone in Haiti",
      request: async (context) => ({ ...(await withZone((r) => r.haitiZone)(context)), body: { personIds: [context.f.haitianPerson] } }),
      expect: { notFound: [...assigners], forbidden: others(...assigners) },
    },
    more: [
      {
        name: "a UNICEF staff member of Kati placed in a Bamako zone",
        request: async (context) => ({ ...(await withZone((r) => r.otherBamakoZone)(context)), body: { personIds: [context.f.unicefKatiPerson] } }),
        expect: { ok: ["pcsaMali"], invalid: ["sfpWfpMali"], notFound: ["ascMopti"], forbidden: others(...assigners) },
        why: "an organisation's focal point places its own staff only: another organisation's staff member is no one they may place (422 on personIds.0)",
      },
    ],
  },
  "DELETE /api/warden-zones/:id/households/:personId": {
    access: "readiness.household.assign",
    inScope: {
      name: "a WFP household taken out of a Bamako zone (placed again first)",
      request: async ({ f, setup }) => {
        const r = await readiness(f, setup);
        await setup.as("pcsaMali", "POST", `/api/warden-zones/${r.otherBamakoZone}/households`, { personIds: [r.wfpBamakoPerson] });
        return { params: { id: r.otherBamakoZone, personId: r.wfpBamakoPerson } };
      },
      expect: { ok: ["pcsaMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: others(...assigners) },
    },
    outOfScope: {
      name: "a household of a zone in Haiti",
      request: withZone((r) => r.haitiZone, (_r, f) => ({ personId: f.haitianPerson })),
      expect: { notFound: [...assigners], forbidden: others(...assigners) },
    },
  },
};
