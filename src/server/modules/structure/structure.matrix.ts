import { stationBody } from "../../authorization/matrix-driver.ts";
import { type MatrixCase, type RouteRule, contactsShownTo, emptyUnlessGlobal, everyone, globalOnly, itemsOutsideMali, maliScoped } from "../../authorization/matrix-rules.ts";

/**
 * The authorization table, part 2: organisations, places, the dashboard, a person's record and history.
 * The staff member reads one place: their own duty station (the "personnel" grant, DR Congo).
 */

/** Lists of places: the staff member's holds their own duty station and nothing else. */
function onlyOwnStationForStaff(inner: NonNullable<MatrixCase["check"]>): NonNullable<MatrixCase["check"]> {
  return (caller, response, f) => {
    if (caller !== "staff") return inner(caller, response, f);
    const ids = (response.json().items as { id: string }[]).map((item) => item.id);
    return ids.length === 1 && ids[0] === f.staffStation ? undefined : `the staff member sees ${ids.length} place(s), not only their duty station`;
  };
}
export const structureRules: Record<string, RouteRule> = {
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
      expect: { ok: everyone },
      check: onlyOwnStationForStaff(itemsOutsideMali("id")),
    },
    outOfScope: {
      name: "the places under Haiti (a filter: empty outside scope)",
      request: ({ f }) => ({ query: { parentId: f.haiti, pageSize: "200" } }),
      expect: { ok: everyone },
      check: emptyUnlessGlobal,
    },
  },
  "GET /api/places/tree": {
    access: "place.read",
    inScope: {
      name: "the caller's tree",
      request: () => ({}),
      expect: { ok: everyone },
      check: onlyOwnStationForStaff(itemsOutsideMali("id")),
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
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], notFound: ["wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "Haiti",
      request: ({ f }) => ({ params: { id: f.haiti } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "Bamako Security Area",
        request: ({ f }) => ({ params: { id: f.bamakoArea } }),
        expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "wardenBamako"], notFound: ["ascMopti", "staff"] },
      },
      {
        name: "the staff member's own duty station (DR Congo)",
        request: ({ f }) => ({ params: { id: f.staffStation } }),
        expect: { ok: ["admin", "analyst", "staff"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"] },
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
        const stations = response.json().dutyStations as { id: string }[];
        if (caller === "staff") return stations.length === 1 && stations[0].id === f.staffStation ? undefined : `the staff member sees ${stations.length} duty station(s), not only their own`;
        if (!maliScoped.includes(caller)) return undefined;
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
      {
        name: "the history of the incident at Mopti naming a victim",
        request: ({ f }) => ({ params: { entityType: "incident", id: f.maliIncident } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], notFound: ["admin", "wardenBamako", "staff"] },
        check: (caller, response, f) => {
          const isShown = response.body.includes(f.wfpMoptiPerson) || response.body.includes("+223 70 00 00 00");
          if (isShown === (caller === "pcsaMali")) return undefined;
          return isShown ? "sees the victim's identity or the reporter's contact in the history without need-to-know" : "the victim is hidden despite need-to-know";
        },
      },
      {
        name: "the history of the sexual assault reported by the Bamako warden",
        request: ({ f }) => ({ params: { entityType: "incident", id: f.maliSensitiveIncident } }),
        expect: { ok: ["pcsaMali", "wardenBamako"], notFound: ["admin", "analyst", "doMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "staff"] },
      },
    ],
  },
};
