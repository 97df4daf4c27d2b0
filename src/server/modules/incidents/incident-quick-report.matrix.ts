import type { MatrixUser } from "../../authorization/matrix-driver.ts";
import { type RouteRule, everyone } from "../../authorization/matrix-rules.ts";

/**
 * The authorization table, part: the incident quick report (recorded and submitted in one step,
 * idempotent with an Idempotency-Key). Whoever may record an incident at a place may quick-report
 * there. Every person reports incidents (DOMAIN §1): the staff member, with no appointment, holds
 * "personnel" at their own duty station (DR Congo) and reports there only; anywhere else reads as an
 * unknown duty station, exactly as for the Bamako warden outside their zone.
 */
const reporters: MatrixUser[] = ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"];
const nonReporters = everyone.filter((user) => !reporters.includes(user));
const maliReporters = reporters.filter((user) => user !== "staff");
const outsideZone =
  "a duty station outside the caller's scope is answered exactly as a missing one, 422 on place.dutyStationId: Mopti lies outside the Bamako warden's area, and the staff member reports only at their own duty station";

function quickReport(dutyStationId: string, overrides: Record<string, unknown> = {}) {
  return {
    categoryCode: "road_traffic_accident",
    timeZone: "Africa/Bamako",
    place: { dutyStationId },
    description: "A UN vehicle was hit at a roundabout (matrix quick report).",
    peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", count: 1 }],
    assetsAffected: [{ kind: "vehicle", description: "UN-1234" }],
    ...overrides,
  };
}

export const incidentQuickReportRules: Record<string, RouteRule> = {
  "POST /api/incidents/quick-reports": {
    access: "incident.create",
    inScope: {
      name: "a quick report at Mopti",
      request: ({ f }) => ({ body: quickReport(f.moptiStation) }),
      expect: { ok: maliReporters.filter((user) => user !== "wardenBamako"), invalid: ["wardenBamako", "staff"], forbidden: nonReporters },
      why: outsideZone,
      referenceField: "place.dutyStationId",
      check: (_caller, response) => (response.json().status === "submitted" ? undefined : `recorded as ${response.json().status}, not submitted`),
    },
    outOfScope: {
      name: "a quick report at Port-au-Prince",
      request: ({ f }) => ({ body: quickReport(f.portAuPrince, { timeZone: "America/Port-au-Prince" }) }),
      expect: { invalid: reporters, forbidden: nonReporters },
      why: "a duty station outside the caller's scope is answered exactly as a missing one: 422 on place.dutyStationId",
      referenceField: "place.dutyStationId",
    },
    more: [
      {
        name: "a quick report from phone GPS near Bamako, with an Idempotency-Key",
        request: ({ caller }) => ({
          body: quickReport("", { place: { coordinates: { latitude: 12.64, longitude: -8.0 } } }),
          headers: { "idempotency-key": `matrix-quick-report-${caller}` },
        }),
        expect: { ok: reporters, forbidden: nonReporters },
        // The area of the nearest duty station the caller may report for: the staff member's own, far as it is (as for the Mopti ASC).
        check: (caller, response, f) => {
          const expected = caller === "ascMopti" ? "Mopti Security Area" : caller === "staff" ? f.staffArea : "Bamako Security Area";
          return response.json().placeName === expected ? undefined : `placed in ${response.json().placeName}, expected ${expected}`;
        },
      },
      {
        name: "a quick report at the staff member's own duty station (DR Congo)",
        // No zone sent: the server takes the station's.
        request: ({ f }) => ({ body: quickReport(f.staffStation, { timeZone: undefined }) }),
        expect: { ok: ["staff"], invalid: maliReporters, forbidden: nonReporters },
        why: "the Mali roles' scope does not reach DR Congo: the station is answered exactly as a missing one, 422 on place.dutyStationId",
        referenceField: "place.dutyStationId",
        check: (_caller, response) => (response.json().status === "submitted" ? undefined : `recorded as ${response.json().status}, not submitted`),
      },
    ],
  },
};
