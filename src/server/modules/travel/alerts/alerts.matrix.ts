import { type RouteRule, everyone } from "../../../authorization/matrix-rules.ts";
import type { MatrixUser } from "../../../authorization/matrix-driver.ts";

/**
 * The authorization table: in-trip alerts (issue 13 §4). The travellers in an incident's area are
 * listed for those who answer for the area: its DO, ASC and security professionals
 * (`travel.alert.read`), over the incident's place, and only for an incident they may read (a sexual
 * assault: the P/C/SA). Never for the system administrator, the global analyst, an organisation's
 * representative or focal point, a warden or a staff member (403), nor outside the caller's area (404).
 */
const holders = ["doMali", "pcsaMali", "ascMopti"] as const satisfies MatrixUser[];
const others = everyone.filter((user) => !(holders as readonly MatrixUser[]).includes(user));

export const travelAlertRules: Record<string, RouteRule> = {
  "GET /api/travel/alerts/incidents/:incidentId/travellers": {
    access: "travel.alert.read",
    inScope: {
      name: "the travellers in the area of the incident at Mopti",
      request: ({ f }) => ({ params: { incidentId: f.maliIncident } }),
      expect: { ok: [...holders], forbidden: others },
    },
    outOfScope: {
      name: "the travellers in the area of an incident at Port-au-Prince",
      request: ({ f }) => ({ params: { incidentId: f.haitiIncident } }),
      expect: { notFound: [...holders], forbidden: others },
    },
    more: [
      {
        name: "the sexual assault at Bamako",
        request: ({ f }) => ({ params: { incidentId: f.maliSensitiveIncident } }),
        expect: { ok: ["pcsaMali"], notFound: ["doMali", "ascMopti"], forbidden: others },
        why: "only those who may read the incident see who is around it: the DO does not read a sexual assault, the ASC of Mopti does not cover Bamako",
      },
    ],
  },
};
