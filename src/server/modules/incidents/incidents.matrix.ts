import { type Caller, type Fixtures, type Response, type Setup, incidentBody } from "../../authorization/matrix-driver.ts";
import { type RouteRule, emptyUnlessGlobal, everyone, globalOnly, itemsOutsideMali } from "../../authorization/matrix-rules.ts";

/**
 * The authorization table, part 6: incidents (SSIRS). The fixtures: `maliIncident`, a draft
 * recorded by the P/C/SA of Mali at Mopti naming a victim; `maliSensitiveIncident`, a sexual
 * assault reported by the Bamako warden at Bamako; and the same two in Haiti, recorded by its
 * CSFP. A sexual assault is need-to-know: "not found" for everyone but the area's P/C/SA, the
 * people named on it and whoever recorded it. The staff member holds `incident.create` only at
 * their own duty station (DR Congo, the "personnel" grant) and no `incident.read`: they record and
 * submit there, revise their own draft, and read back nothing (the read routes ask for
 * `incident.read` before the incident policy's "recorded it" rule is reached).
 */
const allBut = (...kept: Caller[]) => everyone.filter((user) => !kept.includes(user));

/** A draft recorded by `actor` at a station, moved on by the given steps; its id as the path. */
async function incidentAt(setup: Setup, actor: "pcsaMali" | "wardenBamako" | "doMali" | "staff", stationId: string, steps: ("submitted" | "verified")[] = []) {
  const created = await setup.as(actor, "POST", "/api/incidents", incidentBody(stationId));
  for (const to of steps) await setup.as(to === "verified" ? "pcsaMali" : actor, "POST", `/api/incidents/${created.id}/transition`, { to });
  return { id: created.id };
}

function listShowsOnlyNeedToKnow(caller: Caller, response: Response, f: Fixtures) {
  const ids = (response.json().items as { id: string }[]).map((item) => item.id);
  if (ids.includes(f.haitiSensitiveIncident)) return "sees the Haiti sexual assault";
  const seesSensitive = ids.includes(f.maliSensitiveIncident);
  if (seesSensitive !== (caller === "pcsaMali" || caller === "wardenBamako")) {
    return seesSensitive ? "sees the sexual assault without need-to-know" : "does not see the sexual assault it has need-to-know of";
  }
  if (caller !== "wardenBamako" && !ids.includes(f.maliIncident)) return "does not see the Mali incident at Mopti";
  if (caller === "analyst" && !ids.includes(f.haitiIncident)) return "the global analyst does not see the Haiti incident";
  return itemsOutsideMali("placeId")(caller, response, f);
}

export const incidentRules: Record<string, RouteRule> = {
  "GET /api/incidents/taxonomy": {
    access: "authenticated",
    inScope: { name: "the taxonomy", request: () => ({}), expect: { ok: everyone } },
    outOfScope: { notApplicable: globalOnly },
  },
  "GET /api/incidents": {
    access: "incident.read",
    inScope: {
      name: "every incident in the caller's scope, sexual assaults only for their need-to-know list",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: allBut("admin", "staff"), forbidden: ["admin", "staff"] },
      check: listShowsOnlyNeedToKnow,
    },
    outOfScope: {
      name: "the incidents of Haiti (a place out of scope is not found)",
      request: ({ f }) => ({ query: { placeId: f.haiti, pageSize: "200" } }),
      expect: { ok: ["analyst"], notFound: allBut("admin", "staff", "analyst"), forbidden: ["admin", "staff"] },
      check: (caller, response, f) =>
        (response.json().items as { id: string }[]).some((item) => item.id === f.haitiSensitiveIncident)
          ? "sees the Haiti sexual assault"
          : emptyUnlessGlobal(caller, response),
    },
  },
  "POST /api/incidents": {
    access: "incident.create",
    inScope: {
      name: "a road traffic accident at Mopti",
      request: ({ f }) => ({ body: incidentBody(f.moptiStation) }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], invalid: ["wardenBamako", "staff"], forbidden: ["admin", "analyst"] },
      why: "a duty station outside scope is answered exactly as a missing one, 422 on place.dutyStationId: Mopti lies outside the Bamako warden's area, and the staff member reports only at their own duty station",
      referenceField: "place.dutyStationId",
    },
    outOfScope: {
      name: "a road traffic accident at Port-au-Prince",
      request: ({ f }) => ({ body: incidentBody(f.portAuPrince, { timeZone: "America/Port-au-Prince" }) }),
      expect: { invalid: allBut("admin", "analyst"), forbidden: ["admin", "analyst"] },
      why: "a duty station outside the caller's scope is answered exactly as a missing one: 422 on place.dutyStationId",
      referenceField: "place.dutyStationId",
    },
    more: [
      {
        name: "an incident given by coordinates near Mopti",
        request: ({ f }) => ({ body: incidentBody(f.moptiStation, { place: { coordinates: { latitude: 14.49, longitude: -4.19 } } }) }),
        expect: { ok: allBut("admin", "analyst"), forbidden: ["admin", "analyst"] },
        // The nearest duty station the caller may report for gives the area (for the staff member, their own).
        check: (caller, response, f) => {
          const { placeName } = response.json();
          const expected = caller === "wardenBamako" ? "Bamako Security Area" : caller === "staff" ? f.staffArea : "Mopti Security Area";
          return placeName === expected ? undefined : `placed in ${placeName}, expected ${expected}`;
        },
      },
      {
        name: "a road traffic accident at the staff member's own duty station (DR Congo)",
        request: ({ f }) => ({ body: incidentBody(f.staffStation, { timeZone: "Africa/Kinshasa" }) }),
        expect: { ok: ["staff"], invalid: allBut("admin", "analyst", "staff"), forbidden: ["admin", "analyst"] },
        why: "the Mali roles' scope does not reach DR Congo: the station is answered exactly as a missing one, 422 on place.dutyStationId",
        referenceField: "place.dutyStationId",
      },
    ],
  },
  "GET /api/incidents/:id": {
    access: "incident.read",
    inScope: {
      name: "the incident at Mopti naming a victim",
      request: ({ f }) => ({ params: { id: f.maliIncident } }),
      expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], notFound: ["wardenBamako"], forbidden: ["admin", "staff"] },
      check: (caller, response) => {
        const body = response.json() as { peopleAffected: { personId: string | null }[]; reporter: { contact: string | null } };
        const isShown = body.peopleAffected[0]?.personId !== null || body.reporter.contact !== null;
        if (isShown === (caller === "pcsaMali")) return undefined;
        return isShown ? "sees the victim's identity or the reporter's contact without need-to-know" : "does not see the victim despite need-to-know";
      },
    },
    outOfScope: {
      name: "an incident at Port-au-Prince",
      request: ({ f }) => ({ params: { id: f.haitiIncident } }),
      expect: { ok: ["analyst"], notFound: allBut("admin", "analyst", "staff"), forbidden: ["admin", "staff"] },
    },
    more: [
      {
        name: "the sexual assault reported by the Bamako warden",
        request: ({ f }) => ({ params: { id: f.maliSensitiveIncident } }),
        expect: { ok: ["pcsaMali", "wardenBamako"], notFound: ["analyst", "doMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "staff"] },
      },
      {
        name: "the sexual assault at Port-au-Prince",
        request: ({ f }) => ({ params: { id: f.haitiSensitiveIncident } }),
        expect: { notFound: allBut("admin", "staff"), forbidden: ["admin", "staff"] },
      },
      {
        // Reporting is not reading: without incident.read the route refuses the staff member even their own report.
        name: "an incident the staff member recorded at their own duty station",
        request: async ({ f, setup }) => ({ params: await incidentAt(setup, "staff", f.staffStation, ["submitted"]) }),
        expect: { ok: ["analyst"], notFound: allBut("admin", "analyst", "staff"), forbidden: ["admin", "staff"] },
      },
    ],
  },
  "PATCH /api/incidents/:id": {
    access: "incident.create",
    inScope: {
      name: "the incident at Mopti recorded by the P/C/SA",
      request: ({ f }) => ({ params: { id: f.maliIncident }, body: { description: "A UN vehicle left the road (revised by the matrix)." } }),
      expect: { ok: ["pcsaMali"], notFound: ["wardenBamako", "staff"], forbidden: allBut("pcsaMali", "wardenBamako", "staff") },
      why: "only security professionals revise an incident (incident.update), and its reporter while it is a draft: the DO, the ASC and organisation roles read it but may not change it",
    },
    outOfScope: {
      name: "an incident at Port-au-Prince",
      request: ({ f }) => ({ params: { id: f.haitiIncident }, body: { description: "Revised." } }),
      expect: { notFound: allBut("admin", "analyst"), forbidden: ["admin", "analyst"] },
    },
    more: [
      {
        name: "a draft the DO recorded at Mopti",
        request: async ({ f, setup }) => ({ params: await incidentAt(setup, "doMali", f.moptiStation), body: { description: "Revised by the matrix." } }),
        expect: { ok: ["doMali", "pcsaMali"], notFound: ["wardenBamako", "staff"], forbidden: ["admin", "analyst", "ascMopti", "repUnicefMali", "sfpWfpMali"] },
        why: "the reporter revises their own draft; others revise only with incident.update (security professionals)",
      },
      {
        name: "a draft the staff member recorded at their own duty station",
        request: async ({ f, setup }) => ({ params: await incidentAt(setup, "staff", f.staffStation), body: { description: "Revised by its reporter (matrix)." } }),
        expect: { ok: ["staff"], notFound: allBut("admin", "analyst", "staff"), forbidden: ["admin", "analyst"] },
      },
      {
        name: "the sexual assault reported by the Bamako warden",
        request: ({ f }) => ({ params: { id: f.maliSensitiveIncident }, body: { description: "Narrative revised by the matrix." } }),
        expect: { ok: ["pcsaMali", "wardenBamako"], notFound: ["doMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "staff"], forbidden: ["admin", "analyst"] },
      },
    ],
  },
  "POST /api/incidents/:id/transition": {
    access: "incident.create",
    inScope: {
      name: "submitting a draft the P/C/SA recorded at Mopti",
      request: async ({ f, setup }) => ({ params: await incidentAt(setup, "pcsaMali", f.moptiStation), body: { to: "submitted" } }),
      expect: { ok: ["pcsaMali"], notFound: ["wardenBamako", "staff"], forbidden: allBut("pcsaMali", "wardenBamako", "staff") },
      why: "submitting is revising: security professionals, or the reporter of a draft; the DO, the ASC and organisation roles may not",
    },
    outOfScope: {
      name: "submitting an incident at Port-au-Prince",
      request: ({ f }) => ({ params: { id: f.haitiIncident }, body: { to: "submitted" } }),
      expect: { notFound: allBut("admin", "analyst"), forbidden: ["admin", "analyst"] },
    },
    more: [
      {
        name: "submitting a draft the Bamako warden recorded at Bamako",
        request: async ({ f, setup }) => ({ params: await incidentAt(setup, "wardenBamako", f.bamakoStation), body: { to: "submitted" } }),
        expect: { ok: ["pcsaMali", "wardenBamako"], notFound: ["ascMopti", "staff"], forbidden: ["admin", "analyst", "doMali", "repUnicefMali", "sfpWfpMali"] },
        why: "the reporter submits their own draft; others only with incident.update (security professionals)",
      },
      {
        name: "verifying an incident the Bamako warden submitted",
        request: async ({ f, setup }) => ({ params: await incidentAt(setup, "wardenBamako", f.bamakoStation, ["submitted"]), body: { to: "verified" } }),
        expect: { ok: ["pcsaMali"], notFound: ["ascMopti", "staff"], forbidden: ["admin", "analyst", "doMali", "repUnicefMali", "sfpWfpMali", "wardenBamako"] },
        why: "only the P/C/SA or a delegate verifies (incident.verify): the reporter cannot verify their own report",
      },
      {
        name: "closing a verified incident at Bamako",
        request: async ({ f, setup }) => ({ params: await incidentAt(setup, "wardenBamako", f.bamakoStation, ["submitted", "verified"]), body: { to: "closed" } }),
        expect: { ok: ["pcsaMali"], notFound: ["ascMopti", "staff"], forbidden: ["admin", "analyst", "doMali", "repUnicefMali", "sfpWfpMali", "wardenBamako"] },
        why: "only the P/C/SA or a delegate closes an incident (incident.verify)",
      },
      {
        name: "submitting a draft the staff member recorded at their own duty station",
        request: async ({ f, setup }) => ({ params: await incidentAt(setup, "staff", f.staffStation), body: { to: "submitted" } }),
        expect: { ok: ["staff"], notFound: allBut("admin", "analyst", "staff"), forbidden: ["admin", "analyst"] },
      },
    ],
  },
  "GET /api/incidents/:id/need-to-know": {
    access: "incident.read_sensitive",
    inScope: {
      name: "the need-to-know list of the sexual assault at Bamako",
      request: ({ f }) => ({ params: { id: f.maliSensitiveIncident } }),
      expect: { ok: ["pcsaMali"], forbidden: allBut("pcsaMali") },
    },
    outOfScope: {
      name: "the need-to-know list of the sexual assault at Port-au-Prince",
      request: ({ f }) => ({ params: { id: f.haitiSensitiveIncident } }),
      expect: { notFound: ["pcsaMali"], forbidden: allBut("pcsaMali") },
    },
  },
  "PUT /api/incidents/:id/need-to-know": {
    access: "incident.read_sensitive",
    inScope: {
      name: "naming the UNICEF person at Kati on the sexual assault at Bamako",
      request: ({ f }) => ({ params: { id: f.maliSensitiveIncident }, body: { personIds: [f.unicefKatiPerson] } }),
      expect: { ok: ["pcsaMali"], forbidden: allBut("pcsaMali") },
      check: (_caller, response, f) =>
        JSON.stringify(response.json().personIds) === JSON.stringify([f.unicefKatiPerson]) ? undefined : `answers ${response.body}`,
    },
    outOfScope: {
      name: "naming someone on the sexual assault at Port-au-Prince",
      request: ({ f }) => ({ params: { id: f.haitiSensitiveIncident }, body: { personIds: [f.unicefKatiPerson] } }),
      expect: { notFound: ["pcsaMali"], forbidden: allBut("pcsaMali") },
    },
  },
};
