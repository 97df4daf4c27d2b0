import { addDays } from "../../../../core/appointments/continuity.ts";
import type { Caller, Fixtures, MatrixUser, Response, Setup } from "../../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, globalOnly } from "../../../authorization/matrix-rules.ts";

/**
 * The authorization table: air travel (issue 13 §5). The register and the organisations' RMT
 * policies are read by everyone signed in; the register is kept, and the policies set, by the
 * headquarters aviation risk role (a setup-free system role no matrix caller holds) or the system
 * administrator. RMT assessments are read by the DO, the security professionals and the
 * organisation's representative and focal point of the route's areas; filed by the security
 * professionals and the organisation's focal point; decided by the DO up to high (a very high one
 * by the aviation role recording the USG UNDSS's decision: 403 to the DO).
 */
const others = (...kept: MatrixUser[]) => everyone.filter((user) => !kept.includes(user));
const adminOnly = { ok: ["admin" as const], forbidden: others("admin") };

let names = 0;
const nextName = (prefix: string) => {
  names += 1;
  return `${prefix} ${names}`;
};

async function operatorNamed(setup: Setup, name: string): Promise<string> {
  const { items } = await setup.as<{ items: { id: string; name: string }[] }>("admin", "GET", `/api/air/operators?q=${encodeURIComponent(name)}`);
  return items.find((item) => item.name === name)?.id as string;
}

/** An operator of the case's own, so recording its category re-evaluates no demo trip. */
const freshOperator = async (setup: Setup) =>
  (await setup.as("admin", "POST", "/api/air/operators", { name: nextName("Matrix Air"), kind: "airline", initialCategory: { category: "conditional", effectiveFrom: "2024-01-01", source: "matrix" } })).id;

const rmtBody = async (setup: Setup, f: Fixtures, over: Record<string, unknown> = {}) => ({
  operatorId: await operatorNamed(setup, "Niger Bend Regional"),
  organisationId: f.wfp,
  fromPlaceId: f.bamakoArea,
  toPlaceId: f.moptiArea,
  likelihood: 4,
  impact: 3,
  justification: "No Unrestricted operator serves the route",
  mitigations: "Daylight flights only",
  validFrom: f.today,
  validUntil: addDays(f.today, 90),
  ...over,
});

/** A WFP RMT Bamako ↔ Mopti rated high (the DO's), or very high, filed by Mali's P/C/SA. */
const maliRmt = async (setup: Setup, f: Fixtures, over: Record<string, unknown> = {}) => (await setup.as("pcsaMali", "POST", "/api/air/rmts", await rmtBody(setup, f, over))).id;
/** A UNICEF RMT in Haiti, filed by Haiti's CSFP. */
const haitiRmt = async (setup: Setup, f: Fixtures) =>
  (await setup.as("csfpHaiti", "POST", "/api/air/rmts", await rmtBody(setup, f, { organisationId: f.unicef, fromPlaceId: f.portAuPrince, toPlaceId: f.haiti }))).id;

const readers = ["doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"] as const satisfies MatrixUser[];
const wfpReaders = ["doMali", "pcsaMali", "sfpWfpMali"] as const satisfies MatrixUser[];
const filers = ["pcsaMali", "sfpWfpMali"] as const satisfies MatrixUser[];

/** UNICEF's representative sees no WFP assessment; no Mali caller sees one in Haiti. */
function rmtsInScope(caller: Caller, response: Response, f: Fixtures) {
  const items = response.json().items as { organisationId: string; fromPlaceId: string; toPlaceId: string }[];
  if (caller === "repUnicefMali" && items.some((item) => item.organisationId !== f.unicef)) return "sees another organisation's RMT";
  if (items.some((item) => f.outsideMali.has(item.fromPlaceId) && f.outsideMali.has(item.toPlaceId))) return "sees an RMT outside Mali";
  if (caller !== "repUnicefMali" && items.length === 0) return "sees none of Mali's RMTs";
  return undefined;
}

export const airRules: Record<string, RouteRule> = {
  "GET /api/air/operators": {
    access: "air.operators.read",
    inScope: { name: "the register of air operators", request: () => ({ query: { category: "conditional" } }), expect: { ok: everyone } },
    outOfScope: { notApplicable: globalOnly },
  },
  "POST /api/air/operators": {
    access: "air.operators.manage",
    inScope: {
      name: "adding an airline with its first category",
      request: () => ({ body: { name: nextName("Matrix Airline"), kind: "airline", initialCategory: { category: "unrestricted", effectiveFrom: "2025-01-01", source: "matrix" } } }),
      expect: adminOnly,
    },
    outOfScope: { notApplicable: globalOnly },
  },
  "GET /api/air/operators/:id": {
    access: "air.operators.read",
    inScope: { name: "an operator with its category history", request: async ({ setup }) => ({ params: { id: await operatorNamed(setup, "Niger Bend Regional") } }), expect: { ok: everyone } },
    outOfScope: { notApplicable: globalOnly },
  },
  "POST /api/air/operators/:id/categories": {
    access: "air.operators.manage",
    inScope: {
      name: "recording an operator Restricted from a date",
      request: async ({ setup }) => ({ params: { id: await freshOperator(setup) }, body: { category: "restricted", effectiveFrom: "2025-06-01", source: "matrix" } }),
      expect: adminOnly,
    },
    outOfScope: { notApplicable: globalOnly },
  },
  "GET /api/air/rmt-policies": {
    access: "air.operators.read",
    inScope: { name: "the organisations' RMT policies", request: () => ({}), expect: { ok: everyone } },
    outOfScope: { notApplicable: globalOnly },
  },
  "PUT /api/air/rmt-policies/:id": {
    access: "air.rmt_policy.manage",
    inScope: { name: "WFP makes the RMT mandatory", request: ({ f }) => ({ params: { id: f.wfp }, body: { policy: "mandatory" } }), expect: adminOnly },
    outOfScope: { notApplicable: "an organisation's policy is set at headquarters for all its areas" },
  },
  "GET /api/air/rmts": {
    access: "air.rmt.read",
    inScope: { name: "the RMTs of the caller's areas and organisation", request: () => ({ query: { pageSize: "200" } }), expect: { ok: [...readers], forbidden: others(...readers) }, check: rmtsInScope },
    outOfScope: { notApplicable: "a list: each caller sees only the RMTs their grants cover (checked on the answer)" },
  },
  "POST /api/air/rmts": {
    access: "air.rmt.file",
    inScope: { name: "a WFP RMT Bamako ↔ Mopti", request: async ({ setup, f }) => ({ body: await rmtBody(setup, f) }), expect: { ok: [...filers], forbidden: others(...filers) } },
    outOfScope: {
      name: "an RMT between two places in Haiti",
      request: async ({ setup, f }) => ({ body: await rmtBody(setup, f, { fromPlaceId: f.portAuPrince, toPlaceId: f.haiti }) }),
      expect: { invalid: [...filers], forbidden: others(...filers) },
      why: "a place outside the caller's areas is answered exactly as a missing one: 422 on fromPlaceId",
      referenceField: "fromPlaceId",
    },
    more: [
      {
        name: "a UNICEF RMT in Mali",
        request: async ({ setup, f }) => ({ body: await rmtBody(setup, f, { organisationId: f.unicef }) }),
        expect: { ok: ["pcsaMali"], invalid: ["sfpWfpMali"], forbidden: others(...filers) },
        why: "WFP's focal point files for WFP only: 422 on organisationId",
      },
    ],
  },
  "GET /api/air/rmts/:id": {
    access: "air.rmt.read",
    inScope: {
      name: "a WFP RMT Bamako ↔ Mopti",
      request: async ({ setup, f }) => ({ params: { id: await maliRmt(setup, f) } }),
      expect: { ok: [...wfpReaders], notFound: ["repUnicefMali"], forbidden: others(...readers) },
    },
    outOfScope: {
      name: "a UNICEF RMT in Haiti",
      request: async ({ setup, f }) => ({ params: { id: await haitiRmt(setup, f) } }),
      expect: { notFound: [...readers], forbidden: others(...readers) },
    },
  },
  "POST /api/air/rmts/:id/decision": {
    access: "air.rmt.approve",
    inScope: {
      name: "approving a WFP RMT Bamako ↔ Mopti rated high",
      request: async ({ setup, f }) => ({ params: { id: await maliRmt(setup, f) }, body: { decision: "approve" } }),
      expect: { ok: ["doMali"], forbidden: others("doMali") },
    },
    outOfScope: {
      name: "approving a UNICEF RMT in Haiti",
      request: async ({ setup, f }) => ({ params: { id: await haitiRmt(setup, f) }, body: { decision: "approve" } }),
      expect: { notFound: ["doMali"], forbidden: others("doMali") },
    },
    more: [
      {
        name: "approving an RMT rated very high",
        request: async ({ setup, f }) => ({ params: { id: await maliRmt(setup, f, { likelihood: 5, impact: 4 }) }, body: { decision: "approve" } }),
        expect: { forbidden: everyone },
        why: "a very high RMT is the USG UNDSS's decision, recorded by the aviation risk role: the DO gets 403",
      },
    ],
  },
};
