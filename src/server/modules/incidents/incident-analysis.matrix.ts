import type { Caller, Fixtures, MatrixUser, Response, Setup } from "../../authorization/matrix-driver.ts";
import { type RouteRule, globalOnly, isGlobal, maliScoped } from "../../authorization/matrix-rules.ts";

/**
 * The authorization table, part: incident analysis (dashboard counts, map, generated reports),
 * all under `incident.analyse`. Counts are scoped to the caller's grants; the map shows only
 * incidents the caller may read, so the sexual assault at Bamako only to the P/C/SA of Mali
 * (the Bamako warden, who recorded it, holds no `incident.analyse`). The fixture incidents are
 * drafts, which are never counted: a submitted incident at Port-au-Prince is added once, so that
 * a leak out of scope would show in the counts.
 */
const holders: MatrixUser[] = ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"];
const refused: MatrixUser[] = ["admin", "wardenBamako", "staff"];
const allHolders = { ok: holders, forbidden: refused };

const submitted = new WeakMap<Fixtures, Promise<string>>();
/** A road traffic accident at Port-au-Prince, submitted (counted), recorded by the CSFP of Haiti. */
function submittedHaitiIncident(setup: Setup, f: Fixtures): Promise<string> {
  let pending = submitted.get(f);
  if (!pending) {
    pending = (async () => {
      const created = await setup.as("csfpHaiti", "POST", "/api/incidents", {
        occurredAt: "2026-01-12T09:30:00Z",
        timeZone: "America/Port-au-Prince",
        place: { dutyStationId: f.portAuPrince },
        categoryCode: "road_traffic_accident",
        description: "A UN vehicle left the road (analysis matrix).",
        source: "un_security",
        reporter: { name: "Matrix Reporter" },
        peopleAffected: [{ outcome: "injured", recruitmentType: "international", sex: "male", count: 1 }],
        assetsAffected: [{ kind: "vehicle", description: "Land Cruiser UN-9876" }],
      });
      await setup.as("csfpHaiti", "POST", `/api/incidents/${created.id}/transition`, { to: "submitted" });
      return created.id;
    })();
    submitted.set(f, pending);
  }
  return pending;
}

const period = { from: "2025-07", to: "2026-06" };

function countsOnlyWhereAllowed(caller: Caller, response: Response) {
  const { totals, byArea } = response.json() as { totals: { incidents: number }; byArea: { name: string }[] };
  if (isGlobal(caller) && totals.incidents === 0) return "a global caller counts nothing in Haiti";
  if (!isGlobal(caller) && (totals.incidents > 0 || byArea.length > 0)) return `counts ${totals.incidents} incident(s) outside their scope`;
  return undefined;
}

function areasInMali(caller: Caller, response: Response, f: Fixtures) {
  if (!maliScoped.includes(caller)) return undefined;
  const leaked = (response.json().byArea as { placeId: string | null }[]).filter((area) => area.placeId && f.outsideMali.has(area.placeId));
  return leaked.length ? `counts ${leaked.length} area(s) outside Mali` : undefined;
}

function mapShowsOnlyReadable(caller: Caller, response: Response, f: Fixtures) {
  const ids = (response.json().features as { properties: { id: string } }[]).map((feature) => feature.properties.id);
  if (ids.includes(f.haitiSensitiveIncident)) return "shows the Haiti sexual assault";
  if (ids.includes(f.maliSensitiveIncident) !== (caller === "pcsaMali")) {
    return caller === "pcsaMali" ? "does not show the sexual assault the P/C/SA may read" : "shows the sexual assault without need-to-know";
  }
  if (caller !== "analyst" && ids.includes(f.haitiIncident)) return "shows an incident in Haiti";
  if (caller === "analyst" && !ids.includes(f.haitiIncident)) return "the global analyst does not see the Haiti incident";
  if (/"description"|"peopleAffected"/.test(response.body)) return "shows a narrative or people";
  return undefined;
}

const reportWhy = "a report or count names its place: one the caller may not analyse (above their own area) is not found, exactly as a missing one";

export const incidentAnalysisRules: Record<string, RouteRule> = {
  "GET /api/incidents/stats": {
    access: "incident.analyse",
    inScope: {
      name: "the dashboard counts of the Mopti Security Area",
      request: ({ f }) => ({ query: { ...period, placeId: f.moptiArea } }),
      expect: allHolders,
      check: areasInMali,
    },
    more: [
      {
        name: "the dashboard counts of Mali as a whole",
        request: ({ f }) => ({ query: { ...period, placeId: f.mali } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: refused },
        why: reportWhy,
        check: areasInMali,
      },
    ],
    outOfScope: {
      name: "the dashboard counts of Haiti (a place out of scope is not found, as for the reports)",
      request: async ({ f, setup }) => {
        await submittedHaitiIncident(setup, f);
        return { query: { ...period, placeId: f.haiti } };
      },
      expect: { ok: ["analyst"], notFound: holders.filter((user) => user !== "analyst"), forbidden: refused },
      check: countsOnlyWhereAllowed,
    },
  },
  "GET /api/incidents/map": {
    access: "incident.analyse",
    inScope: {
      name: "the incident map, sexual assaults only for their need-to-know list",
      request: () => ({}),
      expect: allHolders,
      check: mapShowsOnlyReadable,
    },
    outOfScope: {
      name: "the incident map of Haiti (a place out of scope is not found)",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["analyst"], notFound: holders.filter((user) => user !== "analyst"), forbidden: refused },
      check: (caller, response, f) => {
        const ids = (response.json().features as { properties: { id: string } }[]).map((feature) => feature.properties.id);
        if (ids.includes(f.haitiSensitiveIncident)) return "shows the Haiti sexual assault";
        if (isGlobal(caller) !== ids.includes(f.haitiIncident)) return isGlobal(caller) ? "a global caller sees nothing" : "shows an incident outside scope";
        return undefined;
      },
    },
  },
  "GET /api/incidents/map/config": {
    access: "incident.analyse",
    inScope: {
      name: "the map's base style",
      request: () => ({}),
      expect: allHolders,
      check: (_caller, response) => (response.json().styleUrl === null && response.json().tileUrl === null ? undefined : `answers ${response.body}`),
    },
    outOfScope: { notApplicable: globalOnly },
  },
  "GET /api/incidents/reports/periodic": {
    access: "incident.analyse",
    inScope: {
      name: "the 2026 annual report of the Mopti Security Area",
      request: ({ f }) => ({ query: { period: "year", year: "2026", placeId: f.moptiArea } }),
      expect: allHolders,
    },
    outOfScope: {
      name: "the first-quarter report of Haiti",
      request: async ({ f, setup }) => {
        await submittedHaitiIncident(setup, f);
        return { query: { period: "quarter", year: "2026", quarter: "1", placeId: f.haiti } };
      },
      expect: { ok: ["analyst"], notFound: holders.filter((user) => user !== "analyst"), forbidden: refused },
      check: (caller, response) => (response.json().totals.incidents.current > 0 ? undefined : `${caller} counts nothing in Haiti`),
    },
    more: [
      {
        name: "the system-wide annual report as a PDF",
        request: () => ({ query: { period: "year", year: "2026", format: "pdf" } }),
        expect: allHolders,
        check: (_caller, response) => (response.headers["content-type"] === "application/pdf" ? undefined : `answers ${response.headers["content-type"]}`),
      },
      {
        name: "the 2026 annual report of Mali as a whole",
        request: ({ f }) => ({ query: { period: "year", year: "2026", placeId: f.mali } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: refused },
        why: reportWhy,
      },
    ],
  },
  "GET /api/incidents/reports/jiu-table": {
    access: "incident.analyse",
    inScope: {
      name: "personnel affected by category and year in the Mopti Security Area",
      request: ({ f }) => ({ query: { fromYear: "2020", toYear: "2026", placeId: f.moptiArea } }),
      expect: allHolders,
    },
    outOfScope: {
      name: "personnel affected in Haiti",
      request: async ({ f, setup }) => {
        await submittedHaitiIncident(setup, f);
        return { query: { fromYear: "2020", toYear: "2026", placeId: f.haiti } };
      },
      expect: { ok: ["analyst"], notFound: holders.filter((user) => user !== "analyst"), forbidden: refused },
      check: (_caller, response) => (response.json().totalRow.total > 0 ? undefined : "the analyst counts nobody in Haiti"),
    },
    more: [
      {
        name: "personnel affected, system-wide within the caller's scope, as CSV",
        request: () => ({ query: { fromYear: "2026", toYear: "2026", format: "csv" } }),
        expect: allHolders,
        check: (_caller, response) => (response.headers["content-type"] === "text/csv; charset=utf-8" ? undefined : `answers ${response.headers["content-type"]}`),
      },
    ],
  },
};
