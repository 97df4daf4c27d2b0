import type { Caller, Fixtures, MatrixUser, Response, Setup } from "../../../authorization/matrix-driver.ts";
import { personBody } from "../../../authorization/matrix-bodies.ts";
import { type CaseContext, type RouteRule, everyone, itemsOutsideMali } from "../../../authorization/matrix-rules.ts";
import { replyTokenSigner } from "./reply-token.ts";

/**
 * The authorization table: mass notification and check-ins (issue 14 §4). Sent by the DO, the ASC
 * and the security professionals to an area in their scope; followed (tally, who answered) by them,
 * the organisations' focal points and the wardens; answers recorded on someone's behalf by the
 * security professionals, the ASC and the person's own warden. A message is also read and answered
 * by its recipients. The reply link is its own credential: anyone holding it (signed in or not)
 * opens the page and answers, for that one person only.
 */
const others = (...kept: MatrixUser[]) => everyone.filter((user) => !kept.includes(user));
const senders = ["doMali", "pcsaMali", "ascMopti"] as const satisfies MatrixUser[];
const bamakoReaders = ["doMali", "pcsaMali", "sfpWfpMali", "wardenBamako"] as const satisfies MatrixUser[];
const readers = [...bamakoReaders, "ascMopti"] as const satisfies MatrixUser[];
const recorders = ["pcsaMali", "ascMopti", "wardenBamako"] as const satisfies MatrixUser[];

type CheckinFixtures = { bamakoCheckin: string; zonePerson: string; wardenPerson: string; haitiCheckin: string; haitiPerson: string };

/**
 * A test check-in in Bamako to two people: a WFP staff member placed in the demo's Zone 1 (whose
 * warden is the demo warden) and the warden themselves (who answers in the app); one in Haiti.
 */
const made = new WeakMap<Fixtures, Promise<CheckinFixtures>>();
function checkins(f: Fixtures, setup: Setup): Promise<CheckinFixtures> {
  let promise = made.get(f);
  if (!promise) {
    promise = (async () => {
      const zones = (await setup.as<{ items: { id: string; name: string }[] }>("pcsaMali", "GET", `/api/warden-zones?securityAreaId=${f.bamakoArea}`)).items;
      const zone1 = zones.find((zone) => zone.name.startsWith("Zone 1"))?.id as string;
      const zonePerson = (await setup.as("pcsaMali", "POST", "/api/personnel", personBody(f, "wfp", f.bamakoStation, "Checkin"))).id;
      await setup.as("pcsaMali", "POST", `/api/warden-zones/${zone1}/households`, { personIds: [zonePerson] });
      const wardenPerson = (await setup.as<{ personId: string }>("wardenBamako", "GET", "/api/auth/me")).personId;
      const bamakoCheckin = (await setup.as("pcsaMali", "POST", "/api/checkins", { kind: "checkin", audience: { placeId: f.bamakoArea }, title: "Matrix check-in", testPersonIds: [zonePerson, wardenPerson] })).id;
      const haitiCheckin = (await setup.as("csfpHaiti", "POST", "/api/checkins", { kind: "checkin", audience: { placeId: f.haiti }, title: "Haiti check-in", testPersonIds: [f.haitianPerson] })).id;
      return { bamakoCheckin, zonePerson, wardenPerson, haitiCheckin, haitiPerson: f.haitianPerson };
    })();
    made.set(f, promise);
  }
  return promise;
}
const on = (pick: (c: CheckinFixtures) => string) => async ({ f, setup }: CaseContext) => ({ params: { id: pick(await checkins(f, setup)) } });

async function replyLink({ f, setup }: CaseContext) {
  const c = await checkins(f, setup);
  const [row] = await setup.database.query<{ id: string }>("select id::text as id from mass_message_recipients where message_id = $1 and person_id = $2", [c.bamakoCheckin, c.zonePerson]);
  return (await replyTokenSigner(setup.database))(Number(row.id));
}

/** The recipients' list as each reader may see it: the warden their zone's people with phone numbers; WFP's focal point WFP's staff. */
function recipientsAsAllowed(caller: Caller, response: Response) {
  const { items } = response.json() as { items: { organisationCode: string; contacts: unknown }[] };
  if (caller === "sfpWfpMali" && items.some((item) => item.organisationCode !== "WFP")) return "lists another organisation's staff";
  if (caller === "wardenBamako" && items.some((item) => item.contacts === null)) return "hides phone numbers from the person's warden";
  if (caller === "doMali" && items.some((item) => item.contacts !== null)) return "shows phone numbers without need-to-know";
  return undefined;
}

const sendBody = (setup: Setup, placeId: string) => ({ kind: "broadcast", audience: { placeId }, title: setup.unique("Matrix broadcast"), body: "Roads closed." });

export const checkinRules: Record<string, RouteRule> = {
  "GET /api/checkins": {
    access: "authenticated",
    inScope: {
      name: "the messages of the caller's areas and those sent to them",
      request: async ({ f, setup }) => {
        await checkins(f, setup);
        return { query: { pageSize: "100" } };
      },
      expect: { ok: everyone },
      check: itemsOutsideMali("placeId"),
    },
    outOfScope: { notApplicable: "the list holds only the caller's areas' messages and their own (the Haiti check-in never appears to Mali: checked above)" },
  },
  "POST /api/checkins/preview": {
    access: "readiness.checkin.send",
    inScope: {
      name: "the reach of a message to the Mopti Security Area",
      request: ({ f }) => ({ body: { audience: { placeId: f.moptiArea }, channels: { app: true, email: true, sms: false } } }),
      expect: { ok: [...senders], forbidden: others(...senders) },
    },
    outOfScope: {
      name: "the reach of a message to Haiti",
      request: ({ f }) => ({ body: { audience: { placeId: f.haiti }, channels: { app: true, email: true, sms: false } } }),
      expect: { notFound: [...senders], forbidden: others(...senders) },
      referenceField: "audience.placeId",
    },
  },
  "POST /api/checkins": {
    access: "readiness.checkin.send",
    inScope: {
      name: "a broadcast to the Mopti Security Area",
      request: ({ f, setup }) => ({ body: sendBody(setup, f.moptiArea) }),
      expect: { ok: [...senders], forbidden: others(...senders) },
    },
    outOfScope: {
      name: "a broadcast to Haiti",
      request: ({ f, setup }) => ({ body: sendBody(setup, f.haiti) }),
      expect: { notFound: [...senders], forbidden: others(...senders) },
      referenceField: "audience.placeId",
    },
  },
  "GET /api/checkins/:id": {
    access: "authenticated",
    inScope: {
      name: "a check-in in Bamako",
      request: on((c) => c.bamakoCheckin),
      expect: { ok: bamakoReaders, notFound: others(...bamakoReaders) },
    },
    outOfScope: { name: "a check-in in Haiti", request: on((c) => c.haitiCheckin), expect: { notFound: everyone } },
  },
  "POST /api/checkins/:id/close": {
    access: "readiness.checkin.send",
    inScope: {
      name: "a test check-in in Bamako, sent for this request",
      request: async ({ f, setup }) => {
        const c = await checkins(f, setup);
        return { params: { id: (await setup.as("pcsaMali", "POST", "/api/checkins", { kind: "checkin", audience: { placeId: f.bamakoArea }, title: "To close", testPersonIds: [c.zonePerson] })).id } };
      },
      expect: { ok: ["doMali", "pcsaMali"], notFound: ["ascMopti"], forbidden: others(...senders) },
    },
    outOfScope: { name: "a check-in in Haiti", request: on((c) => c.haitiCheckin), expect: { notFound: [...senders], forbidden: others(...senders) } },
  },
  "POST /api/checkins/:id/reply": {
    access: "authenticated",
    inScope: {
      name: "an answer to the Bamako check-in, which went to the demo warden",
      request: async (context) => ({ ...(await on((c) => c.bamakoCheckin)(context)), body: { answer: "safe" } }),
      expect: { ok: ["wardenBamako"], forbidden: ["doMali", "pcsaMali", "sfpWfpMali"], notFound: others("wardenBamako", "doMali", "pcsaMali", "sfpWfpMali") },
      why: "the area's staff read the check-in but were not asked it: they follow it and may not answer it (403)",
    },
    outOfScope: { name: "an answer to a check-in in Haiti", request: async (context) => ({ ...(await on((c) => c.haitiCheckin)(context)), body: { answer: "safe" } }), expect: { notFound: everyone } },
  },
  "PUT /api/checkins/:id/recipients/:personId/answer": {
    access: "readiness.checkin.record",
    inScope: {
      name: "the answer of a person of Zone 1 to the Bamako check-in",
      request: async ({ f, setup }) => {
        const c = await checkins(f, setup);
        return { params: { id: c.bamakoCheckin, personId: c.zonePerson }, body: { answer: "safe", note: "Seen by the warden" } };
      },
      expect: { ok: ["pcsaMali", "wardenBamako"], notFound: ["ascMopti"], forbidden: others(...recorders) },
    },
    outOfScope: {
      name: "the answer of a person in Haiti",
      request: async ({ f, setup }) => {
        const c = await checkins(f, setup);
        return { params: { id: c.haitiCheckin, personId: c.haitiPerson }, body: { answer: "safe" } };
      },
      expect: { notFound: [...recorders], forbidden: others(...recorders) },
    },
  },
  "GET /api/checkins/:id/tally": {
    access: "readiness.checkin.read",
    inScope: { name: "the tally of the Bamako check-in", request: on((c) => c.bamakoCheckin), expect: { ok: bamakoReaders, notFound: ["ascMopti"], forbidden: others(...readers) } },
    outOfScope: { name: "the tally of a check-in in Haiti", request: on((c) => c.haitiCheckin), expect: { notFound: [...readers], forbidden: others(...readers) } },
  },
  "GET /api/checkins/:id/tally/stream": {
    access: "readiness.checkin.read",
    inScope: { name: "the tally of the Bamako check-in (once, as JSON, to a client that asks for no events)", request: on((c) => c.bamakoCheckin), expect: { ok: bamakoReaders, notFound: ["ascMopti"], forbidden: others(...readers) } },
    outOfScope: { name: "the tally of a check-in in Haiti", request: on((c) => c.haitiCheckin), expect: { notFound: [...readers], forbidden: others(...readers) } },
  },
  "GET /api/checkins/:id/recipients": {
    access: "readiness.checkin.read",
    inScope: {
      name: "who the Bamako check-in went to",
      request: on((c) => c.bamakoCheckin),
      expect: { ok: bamakoReaders, notFound: ["ascMopti"], forbidden: others(...readers) },
      check: recipientsAsAllowed,
    },
    outOfScope: { name: "who a check-in in Haiti went to", request: on((c) => c.haitiCheckin), expect: { notFound: [...readers], forbidden: others(...readers) } },
  },
  "GET /api/checkins/:id/recipients.csv": {
    access: "readiness.checkin.read",
    inScope: { name: "who the Bamako check-in went to, as CSV", request: on((c) => c.bamakoCheckin), expect: { ok: bamakoReaders, notFound: ["ascMopti"], forbidden: others(...readers) } },
    outOfScope: { name: "who a check-in in Haiti went to, as CSV", request: on((c) => c.haitiCheckin), expect: { notFound: [...readers], forbidden: others(...readers) } },
  },
  "POST /api/checkins/:id/resend": {
    access: "readiness.checkin.send",
    inScope: { name: "the Bamako check-in again to those who have not answered", request: on((c) => c.bamakoCheckin), expect: { ok: ["doMali", "pcsaMali"], notFound: ["ascMopti"], forbidden: others(...senders) } },
    outOfScope: { name: "a check-in in Haiti again", request: on((c) => c.haitiCheckin), expect: { notFound: [...senders], forbidden: others(...senders) } },
  },
  "GET /r/:token": {
    access: "public",
    inScope: { name: "the reply page of a person of Zone 1", request: async (context) => ({ params: { token: await replyLink(context) } }), expect: { anonymous: "ok", ok: everyone } },
    outOfScope: { notApplicable: "the link is the credential of one person's answer (a forged or closed one: 404 page, checkins.test.ts)" },
  },
  "POST /r/:token": {
    access: "public",
    inScope: {
      name: "an answer through the reply link of a person of Zone 1",
      request: async (context) => ({ params: { token: await replyLink(context) }, rawForm: "answer=safe" }),
      expect: { anonymous: "ok", ok: everyone },
    },
    outOfScope: { notApplicable: "the link is the credential of one person's answer (a forged or closed one: 404 page, checkins.test.ts)" },
  },
};
