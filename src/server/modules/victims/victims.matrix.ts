import { type Caller, type Fixtures, type Response, type Setup, followUpBody, victimCaseBody } from "../../authorization/matrix-driver.ts";
import { type Expectation, type RouteRule, everyone } from "../../authorization/matrix-rules.ts";

/**
 * The authorization table, part 7: the victims follow-up register. Confidential: only the
 * P/C/SA of the area (or the CSFP where there is none) holds victim.read and victim.manage;
 * among the demo logins, the P/C/SA of Mali alone. The fixtures: `maliVictimCase` on the
 * Mopti incident, `haitiVictimCase` on the Port-au-Prince one (opened by its CSFP), each with
 * one follow-up action. Everyone else is refused before any record is looked up (403), the
 * P/C/SA of Mali gets "not found" for the Haiti case.
 */
const others = everyone.filter((user) => user !== "pcsaMali");
const onlyPcsa: Expectation = { ok: ["pcsaMali"], forbidden: others };
const notFoundForPcsa: Expectation = { notFound: ["pcsaMali"], forbidden: others };

/** A fresh case on an incident (so closing or reopening it once per caller always applies). */
async function freshCase(setup: Setup, incidentId: string, status: "open" | "closed" = "open") {
  const created = await setup.as("pcsaMali", "POST", "/api/victim-cases", victimCaseBody(incidentId));
  if (status === "closed") await setup.as("pcsaMali", "POST", `/api/victim-cases/${created.id}/transition`, { to: "closed" });
  return created.id;
}

/** A fresh follow-up action on the Mali case, to be deleted. */
async function freshFollowUp(setup: Setup, caseId: string) {
  const action = setup.unique("Matrix action to delete");
  const updated = await setup.as<{ followUps: { id: string; action: string }[] }>("pcsaMali", "POST", `/api/victim-cases/${caseId}/follow-ups`, { ...followUpBody, action });
  return updated.followUps.find((followUp) => followUp.action === action)?.id as string;
}

function listShowsOnlyMali(_caller: Caller, response: Response, f: Fixtures) {
  const ids = (response.json().items as { id: string }[]).map((item) => item.id);
  if (ids.includes(f.haitiVictimCase)) return "sees the Haiti case";
  return ids.includes(f.maliVictimCase) ? undefined : "does not see the Mali case";
}

export const victimRules: Record<string, RouteRule> = {
  "GET /api/victim-cases": {
    access: "victim.read",
    inScope: { name: "the register of the caller's areas", request: () => ({ query: { pageSize: "200" } }), expect: onlyPcsa, check: listShowsOnlyMali },
    outOfScope: {
      name: "the cases of Haiti (a place out of scope is not found, as in every list)",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: notFoundForPcsa,
    },
  },
  "POST /api/victim-cases": {
    access: "victim.manage",
    inScope: { name: "a case on the incident at Mopti", request: ({ f }) => ({ body: victimCaseBody(f.maliIncident) }), expect: onlyPcsa },
    outOfScope: {
      name: "a case on the incident at Port-au-Prince",
      request: ({ f }) => ({ body: victimCaseBody(f.haitiIncident) }),
      expect: { invalid: ["pcsaMali"], forbidden: others },
      why: "an incident outside the caller's scope is answered exactly as a missing one: 422 on incidentId",
      referenceField: "incidentId",
    },
    more: [
      {
        name: "a case on the sexual assault the Bamako warden reported",
        request: ({ f }) => ({ body: victimCaseBody(f.maliSensitiveIncident) }),
        expect: onlyPcsa,
      },
    ],
  },
  "GET /api/victim-cases/:id": {
    access: "victim.read",
    inScope: { name: "the case at Mopti", request: ({ f }) => ({ params: { id: f.maliVictimCase } }), expect: onlyPcsa },
    outOfScope: { name: "the case at Port-au-Prince", request: ({ f }) => ({ params: { id: f.haitiVictimCase } }), expect: notFoundForPcsa },
  },
  "PATCH /api/victim-cases/:id": {
    access: "victim.manage",
    inScope: {
      name: "the case at Mopti",
      request: ({ f }) => ({ params: { id: f.maliVictimCase }, body: { investigationStatus: "under_investigation" } }),
      expect: onlyPcsa,
    },
    outOfScope: {
      name: "the case at Port-au-Prince",
      request: ({ f }) => ({ params: { id: f.haitiVictimCase }, body: { investigationStatus: "reported" } }),
      expect: notFoundForPcsa,
    },
  },
  "POST /api/victim-cases/:id/transition": {
    access: "victim.manage",
    inScope: {
      name: "closing an open case at Mopti",
      request: async ({ f, setup }) => ({ params: { id: await freshCase(setup, f.maliIncident) }, body: { to: "closed" } }),
      expect: onlyPcsa,
    },
    outOfScope: { name: "closing the case at Port-au-Prince", request: ({ f }) => ({ params: { id: f.haitiVictimCase }, body: { to: "closed" } }), expect: notFoundForPcsa },
    more: [
      {
        name: "reopening a closed case at Mopti",
        request: async ({ f, setup }) => ({ params: { id: await freshCase(setup, f.maliIncident, "closed") }, body: { to: "open" } }),
        expect: onlyPcsa,
      },
    ],
  },
  "POST /api/victim-cases/:id/follow-ups": {
    access: "victim.manage",
    inScope: { name: "an action on the case at Mopti", request: ({ f }) => ({ params: { id: f.maliVictimCase }, body: followUpBody }), expect: onlyPcsa },
    outOfScope: { name: "an action on the case at Port-au-Prince", request: ({ f }) => ({ params: { id: f.haitiVictimCase }, body: followUpBody }), expect: notFoundForPcsa },
  },
  "PATCH /api/victim-cases/:id/follow-ups/:followUpId": {
    access: "victim.manage",
    inScope: {
      name: "marking the action of the case at Mopti done",
      request: ({ f }) => ({ params: { id: f.maliVictimCase, followUpId: f.maliVictimFollowUp }, body: { isDone: true } }),
      expect: onlyPcsa,
    },
    outOfScope: {
      name: "marking the action of the case at Port-au-Prince done",
      request: ({ f }) => ({ params: { id: f.haitiVictimCase, followUpId: f.haitiVictimFollowUp }, body: { isDone: true } }),
      expect: notFoundForPcsa,
    },
  },
  "DELETE /api/victim-cases/:id/follow-ups/:followUpId": {
    access: "victim.manage",
    inScope: {
      name: "deleting an action of the case at Mopti",
      request: async ({ f, setup }) => ({ params: { id: f.maliVictimCase, followUpId: await freshFollowUp(setup, f.maliVictimCase) } }),
      expect: onlyPcsa,
    },
    outOfScope: {
      name: "deleting the action of the case at Port-au-Prince",
      request: ({ f }) => ({ params: { id: f.haitiVictimCase, followUpId: f.haitiVictimFollowUp } }),
      expect: notFoundForPcsa,
    },
  },
};
