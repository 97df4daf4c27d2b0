import { type Setup, type SetupActor, actionPointBody, meetingBody } from "../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, itemsOutsideMali } from "../../authorization/matrix-rules.ts";

/** The authorization table, part 5: meetings, action points, bodies and responsibilities. */
export const meetingRules: Record<string, RouteRule> = {
  // ----- Meetings ---------------------------------------------------------------------
  "GET /api/meetings": {
    access: "meeting.read",
    inScope: {
      name: "every meeting in the caller's scope",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
      check: itemsOutsideMali("placeId"),
    },
    outOfScope: {
      name: "the meetings of Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
  },
  "POST /api/meetings": {
    access: "meeting.create",
    inScope: {
      name: "an Area SMT of Mopti",
      request: ({ f }) => ({ body: meetingBody(f, "asmt", f.moptiArea) }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an SMT of Haiti",
      request: ({ f }) => ({ body: meetingBody(f, "smt", f.haiti) }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "an SMT of Mali",
        request: ({ f }) => ({ body: meetingBody(f, "smt", f.mali) }),
        expect: { ok: ["doMali", "pcsaMali"], notFound: ["ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
      },
    ],
  },
  "GET /api/meetings/:id": {
    access: "meeting.read",
    inScope: {
      name: "the Mali SMT monthly meeting",
      request: ({ f }) => ({ params: { id: f.maliSmt } }),
      expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the Haiti SMT meeting",
      request: ({ f }) => ({ params: { id: f.haitiSmt } }),
      expect: { ok: ["analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "the Mopti Area SMT meeting",
        request: ({ f }) => ({ params: { id: f.moptiAsmt } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
      },
    ],
  },
  "PATCH /api/meetings/:id": {
    access: "meeting.update",
    inScope: {
      name: "the Mopti Area SMT meeting",
      request: ({ f }) => ({ params: { id: f.moptiAsmt }, body: { location: "Office" } }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the Haiti SMT meeting",
      request: ({ f }) => ({ params: { id: f.haitiSmt }, body: { location: "Office" } }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "the Mali SMT monthly meeting",
        request: ({ f }) => ({ params: { id: f.maliSmt }, body: { location: "UN House, Bamako" } }),
        expect: { ok: ["doMali", "pcsaMali"], notFound: ["ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
      },
    ],
  },
  "DELETE /api/meetings/:id": {
    access: "meeting.delete",
    inScope: {
      name: "an Area SMT meeting of Mopti",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("doMali", "POST", "/api/meetings", meetingBody(f, "asmt", f.moptiArea))).id } }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an SMT meeting of Haiti",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("csfpHaiti", "POST", "/api/meetings", meetingBody(f, "smt", f.haiti))).id } }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "POST /api/meetings/:id/action-points": {
    access: "meeting.update",
    inScope: {
      name: "an action point of the Mopti Area SMT",
      request: ({ f }) => ({ params: { id: f.moptiAsmt }, body: actionPointBody }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an action point of the Haiti SMT",
      request: ({ f }) => ({ params: { id: f.haitiSmt }, body: actionPointBody }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "PATCH /api/action-points/:id": {
    access: "meeting.update",
    inScope: {
      name: "an action point of the Mopti Area SMT",
      request: ({ f }) => ({ params: { id: f.moptiActionPoint }, body: { status: "open" } }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an action point of the Haiti SMT",
      request: ({ f }) => ({ params: { id: f.haitiActionPoint }, body: { status: "open" } }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "DELETE /api/action-points/:id": {
    access: "meeting.update",
    inScope: {
      name: "an action point of the Mopti Area SMT",
      request: async ({ f, setup }) => ({ params: { id: await actionPointToRemove(setup, "doMali", f.moptiAsmt) } }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "an action point of the Haiti SMT",
      request: async ({ f, setup }) => ({ params: { id: await actionPointToRemove(setup, "csfpHaiti", f.haitiSmt) } }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["admin", "analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "GET /api/bodies/:placeId/:body/members": {
    access: "meeting.read",
    inScope: {
      name: "the members of the Mali SMT",
      request: ({ f }) => ({ params: { placeId: f.mali, body: "smt" } }),
      expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the members of the Haiti SMT",
      request: ({ f }) => ({ params: { placeId: f.haiti, body: "smt" } }),
      expect: { ok: ["analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "the members of the Mopti Area SMT",
        request: ({ f }) => ({ params: { placeId: f.moptiArea, body: "asmt" } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
      },
    ],
  },

  // ----- Responsibilities -------------------------------------------------------------
  "GET /api/responsibilities": {
    access: "responsibility.read",
    inScope: { name: "the register", request: () => ({ query: { role: "warden" } }), expect: { ok: everyone } },
    outOfScope: { notApplicable: "the register is public reference text for every signed-in user" },
  },
};

async function actionPointToRemove(setup: Setup, actor: SetupActor, meetingId: string): Promise<string> {
  const text = setup.unique("Remove me");
  const meeting = await setup.as<{ actionPoints: { id: string; text: string }[] }>(actor, "POST", `/api/meetings/${meetingId}/action-points`, {
    ...actionPointBody,
    text,
  });
  return meeting.actionPoints.find((item) => item.text === text)?.id as string;
}
