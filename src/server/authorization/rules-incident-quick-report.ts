import type { MatrixUser } from "./matrix-driver.ts";
import { type RouteRule, everyone } from "./matrix-rules.ts";

/**
 * The authorization table, part: the incident quick report (recorded and submitted in one step,
 * idempotent with an Idempotency-Key). Whoever may record an incident at a place may quick-report
 * there; ordinary staff (no appointment) may not: reports reach the P/C/SA through a warden or a
 * focal point, who hold `incident.create`.
 */
const reporters: MatrixUser[] = ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"];
const nonReporters = everyone.filter((user) => !reporters.includes(user));

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
      expect: { ok: reporters.filter((user) => user !== "wardenBamako"), invalid: ["wardenBamako"], forbidden: nonReporters },
      why: "Mopti lies outside the Bamako warden's area: a duty station outside scope is answered exactly as a missing one, 422 on place.dutyStationId",
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
        check: (caller, response) => {
          const expected = caller === "ascMopti" ? "Mopti Security Area" : "Bamako Security Area";
          return response.json().placeName === expected ? undefined : `placed in ${response.json().placeName}, expected ${expected}`;
        },
      },
    ],
  },
};
