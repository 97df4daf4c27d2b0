import { addDays } from "../../../../core/appointments/continuity.ts";
import type { Caller, Fixtures, MatrixUser, Response, Setup, SetupActor } from "../../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, globalOnly, maliScoped } from "../../../authorization/matrix-rules.ts";

/**
 * The authorization table: travel requests and clearance (issue 13 §3). A trip is read by its
 * traveller and whoever filed it, and by those whose travel rights reach one of its places: the
 * area's leaders and security professionals, and the travellers' organisation's representative and
 * focal point. Never by the system administrator or the global analyst (who will see headcounts),
 * nor by another organisation. Filed by the traveller, an organisation's focal point for its staff
 * or a security professional for the people they cover; a leg decided by the destination's
 * reviewers (the DO at levels 5–6); rules kept by the area's security professionals; suspensions
 * by the DO. The people: a WFP person at Mopti (Mali), a person in Haiti, the staff member (DR Congo).
 */
const others = (...kept: MatrixUser[]) => everyone.filter((user) => !kept.includes(user));

// Trips of the same person may not overlap: each one made here is a few days after the last.
let trips = 0;
const nextDates = () => {
  trips += 1;
  const start = addDays(new Date().toISOString().slice(0, 10), 100 + trips * 4);
  return { out: `${start}T07:00`, outArrives: `${start}T15:00`, back: `${addDays(start, 2)}T07:00`, backArrives: `${addDays(start, 2)}T15:00` };
};

const road = (fromPlaceId: string, toPlaceId: string, departureLocal: string, arrivalLocal: string) => ({ fromPlaceId, toPlaceId, departureLocal, arrivalLocal, transport: "road" });
const roundTrip = (personId: string, home: string, away: string) => {
  const dates = nextDates();
  return { purpose: "Matrix mission", travellers: [{ personId }], legs: [road(home, away, dates.out, dates.outArrives), road(away, home, dates.back, dates.backArrives)] };
};
const oneWay = (personId: string, from: string, to: string) => {
  const dates = nextDates();
  return { purpose: "Matrix mission", travellers: [{ personId }], legs: [road(from, to, dates.out, dates.outArrives)] };
};

type Trip = { id: string; status: string; legs: { id: string; status: string }[]; verificationUrl: string | null };

/** The WFP person at Mopti's round trip to Bamako, filed by WFP's focal point: the Mopti leg (back) waits for review. */
const wfpTrip = (setup: Setup, f: Fixtures, as: SetupActor = "sfpWfpMali") => setup.as<Trip>(as, "POST", "/api/travel/requests", roundTrip(f.wfpMoptiPerson, f.moptiStation, f.bamakoStation));
/** The person in Haiti's trip, filed by Haiti's CSFP. */
const haitiTrip = (setup: Setup, f: Fixtures) => setup.as<Trip>("csfpHaiti", "POST", "/api/travel/requests", oneWay(f.haitianPerson, f.portAuPrince, f.haiti));

/** A BSAFE for the WFP person at Mopti, once per run, so that a trip of theirs can be cleared. */
const certified = new WeakMap<Setup, Promise<unknown>>();
function withBsafe(setup: Setup, f: Fixtures) {
  if (!certified.has(setup)) {
    certified.set(
      setup,
      (async () => {
        const { items } = await setup.as<{ items: { id: string; code: string }[] }>("admin", "GET", "/api/training/courses");
        const courseId = items.find((item) => item.code === "BSAFE")?.id;
        return setup.as("pcsaMali", "POST", "/api/training/certificates", { personId: f.wfpMoptiPerson, courseId, completedOn: addDays(f.today, -30) });
      })(),
    );
  }
  return certified.get(setup);
}

/** A cleared trip: to Kati, in Bamako Security Area, whose rules clear level 4 automatically. */
async function clearedTrip(setup: Setup, f: Fixtures) {
  await withBsafe(setup, f);
  const trip = await setup.as<Trip>("sfpWfpMali", "POST", "/api/travel/requests", oneWay(f.wfpMoptiPerson, f.moptiStation, f.kati));
  if (trip.status !== "cleared") throw new Error(`the trip to Kati should be cleared, is ${trip.status}`);
  return trip;
}

const readers = ["doMali", "pcsaMali", "ascMopti", "sfpWfpMali"] as const satisfies MatrixUser[];
const fileForWfp = ["pcsaMali", "sfpWfpMali"] as const satisfies MatrixUser[];
const moptiReviewers = ["pcsaMali", "ascMopti"] as const satisfies MatrixUser[];

/** The code a cleared trip's QR code carries (the end of its verification address). */
const verificationToken = async (setup: Setup, f: Fixtures) => ((await clearedTrip(setup, f)).verificationUrl as string).split("/").pop() as string;

/** The verification answers only whether the clearance is valid, with the trip number: never a place or a name. */
function nothingButTheNumber(_caller: Caller, response: Response) {
  return /Kati|Mopti|Bamako|Matrix/i.test(response.body) ? "shows a place or a name" : undefined;
}

/** A Mali caller's list or queue holds nothing outside Mali. */
function nothingOutsideMali(caller: Caller, response: Response, f: Fixtures) {
  if (!maliScoped.includes(caller)) return undefined;
  const body = response.body;
  return body.includes(f.haitianPerson) || body.includes(f.portAuPrince) ? "shows a trip in Haiti" : undefined;
}

async function undp(setup: Setup) {
  const { items } = await setup.as<{ items: { id: string; code: string }[] }>("admin", "GET", "/api/organisations?pageSize=50");
  return items.find((item) => item.code === "UNDP")?.id as string;
}

/** UNDP's clearance suspended in Mali (the open suspension, or a new one). */
async function undpSuspension(setup: Setup, f: Fixtures) {
  const organisationId = await undp(setup);
  const { items } = await setup.as<{ items: { id: string; organisationId: string; liftedAt: string | null }[] }>("doMali", "GET", `/api/travel/suspensions?placeId=${f.mali}`);
  const open = items.find((item) => item.organisationId === organisationId && !item.liftedAt);
  return open?.id ?? (await setup.as("doMali", "POST", "/api/travel/suspensions", { placeId: f.mali, organisationId, reason: "Matrix: compliance mission ignored" })).id;
}

export const travelRequestRules: Record<string, RouteRule> = {
  "POST /api/travel/requests": {
    access: "authenticated",
    inScope: {
      name: "a round trip of the WFP person at Mopti to Bamako",
      request: ({ f }) => ({ body: roundTrip(f.wfpMoptiPerson, f.moptiStation, f.bamakoStation) }),
      expect: { ok: [...fileForWfp], invalid: others(...fileForWfp) },
      why: "only the traveller, WFP's focal point or a security professional covering them may name them; anyone else is answered as for no such person: 422 on the traveller",
      referenceField: "travellers.0.personId",
    },
    outOfScope: {
      name: "a trip of the person in Haiti",
      request: ({ f }) => ({ body: oneWay(f.haitianPerson, f.portAuPrince, f.haiti) }),
      expect: { invalid: everyone },
      why: "a person outside the caller's scope is answered exactly as a missing one: 422 on the traveller",
      referenceField: "travellers.0.personId",
    },
    more: [
      {
        name: "the staff member's own trip in DR Congo",
        request: ({ f }) => ({ body: oneWay(f.staffPerson, f.staffStation, f.drc) }),
        expect: { ok: ["staff"], invalid: others("staff") },
        why: "only the person files their own here (no Mali caller covers them)",
        referenceField: "travellers.0.personId",
      },
    ],
  },
  "GET /api/travel/requests": {
    access: "authenticated",
    inScope: { name: "the caller's own trips", request: () => ({}), expect: { ok: everyone }, check: nothingOutsideMali },
    outOfScope: { notApplicable: globalOnly },
    more: [{ name: "the trips the caller's travel rights cover", request: () => ({ query: { scope: "area", pageSize: "200" } }), expect: { ok: everyone }, check: nothingOutsideMali }],
  },
  "GET /api/travel/requests/:id": {
    access: "authenticated",
    inScope: {
      name: "the WFP person at Mopti's trip (need-to-know: an itinerary)",
      request: async ({ setup, f }) => ({ params: { id: (await wfpTrip(setup, f)).id } }),
      expect: { ok: [...readers], notFound: others(...readers) },
    },
    outOfScope: { name: "a trip in Haiti", request: async ({ setup, f }) => ({ params: { id: (await haitiTrip(setup, f)).id } }), expect: { notFound: everyone } },
  },
  "POST /api/travel/requests/:id/cancel": {
    access: "authenticated",
    inScope: {
      name: "cancelling a trip WFP's focal point filed",
      request: async ({ setup, f }) => ({ params: { id: (await wfpTrip(setup, f)).id }, body: { reason: "Matrix: mission postponed" } }),
      expect: { ok: ["sfpWfpMali"], forbidden: ["doMali", "pcsaMali", "ascMopti"], notFound: others(...readers) },
      why: "those who read the trip but neither travel nor filed it may not cancel it (403)",
    },
    outOfScope: { name: "cancelling a trip in Haiti", request: async ({ setup, f }) => ({ params: { id: (await haitiTrip(setup, f)).id }, body: { reason: "Matrix" } }), expect: { notFound: everyone } },
  },
  "POST /api/travel/requests/:id/acknowledge": {
    access: "authenticated",
    inScope: {
      name: "acknowledging the conditions of a cleared trip to Kati",
      request: async ({ setup, f }) => ({ params: { id: (await clearedTrip(setup, f)).id } }),
      expect: { ok: ["sfpWfpMali"], forbidden: ["doMali", "pcsaMali", "ascMopti"], notFound: others(...readers) },
      why: "only the traveller or whoever filed the trip acknowledges its conditions (403 for its other readers)",
    },
    outOfScope: { name: "a trip in Haiti", request: async ({ setup, f }) => ({ params: { id: (await haitiTrip(setup, f)).id } }), expect: { notFound: everyone } },
  },
  "GET /api/travel/requests/:id/clearance.pdf": {
    access: "authenticated",
    inScope: {
      name: "the clearance PDF of a cleared trip to Kati",
      request: async ({ setup, f }) => ({ params: { id: (await clearedTrip(setup, f)).id } }),
      expect: { ok: [...readers], notFound: others(...readers) },
    },
    outOfScope: { name: "a trip in Haiti", request: async ({ setup, f }) => ({ params: { id: (await haitiTrip(setup, f)).id } }), expect: { notFound: everyone } },
    more: [
      {
        name: "a trip still under review",
        request: async ({ setup, f }) => ({ params: { id: (await wfpTrip(setup, f)).id } }),
        expect: { conflict: [...readers], notFound: others(...readers) },
        why: "only a cleared trip has a clearance to print (409 for those who read the trip)",
      },
    ],
  },
  "GET /api/travel/requests/:id/briefing": {
    access: "authenticated",
    inScope: {
      name: "the briefing of the WFP person at Mopti's trip",
      request: async ({ setup, f }) => ({ params: { id: (await wfpTrip(setup, f)).id } }),
      expect: { ok: [...readers], notFound: others(...readers) },
    },
    outOfScope: { name: "a trip in Haiti", request: async ({ setup, f }) => ({ params: { id: (await haitiTrip(setup, f)).id } }), expect: { notFound: everyone } },
  },
  "GET /api/travel/requests/:id/briefing.pdf": {
    access: "authenticated",
    inScope: {
      name: "the briefing PDF of a cleared trip to Kati",
      request: async ({ setup, f }) => ({ params: { id: (await clearedTrip(setup, f)).id } }),
      expect: { ok: [...readers], notFound: others(...readers) },
    },
    outOfScope: { name: "a trip in Haiti", request: async ({ setup, f }) => ({ params: { id: (await haitiTrip(setup, f)).id } }), expect: { notFound: everyone } },
  },
  "GET /api/travel/verify/:token": {
    access: "public",
    inScope: {
      name: "the code of a cleared trip to Kati",
      request: async ({ setup, f }) => ({ params: { token: await verificationToken(setup, f) } }),
      expect: { anonymous: "ok", ok: everyone },
      check: nothingButTheNumber,
    },
    outOfScope: { notApplicable: "the code is the credential: whoever holds the paper checks it (an unknown code: 404, clearance-documents.test.ts)" },
  },
  "GET /verify/clearance/:token": {
    access: "public",
    inScope: {
      name: "the verification page of a cleared trip to Kati",
      request: async ({ setup, f }) => ({ params: { token: await verificationToken(setup, f) } }),
      expect: { anonymous: "ok", ok: everyone },
      check: nothingButTheNumber,
    },
    outOfScope: { notApplicable: "the code is the credential: whoever holds the paper checks it (an unknown code: the same page with 404, clearance-documents.test.ts)" },
  },
  "GET /api/travel/queue": {
    access: "authenticated",
    inScope: { name: "the legs waiting for the caller", request: () => ({ query: { pageSize: "200" } }), expect: { ok: everyone }, check: nothingOutsideMali },
    outOfScope: { notApplicable: globalOnly },
  },
  "POST /api/travel/legs/:id/decision": {
    access: "authenticated",
    inScope: {
      name: "clearing the leg back into Mopti (level 4: the area's reviewers)",
      request: async ({ setup, f }) => ({ params: { id: (await wfpTrip(setup, f, "pcsaMali")).legs[1].id }, body: { decision: "clear" } }),
      expect: { ok: [...moptiReviewers], forbidden: ["doMali", "sfpWfpMali"], notFound: others(...readers) },
      why: "the DO reads the trip but decides only legs at levels 5–6, WFP's focal point reads it but reviews nothing (403)",
    },
    outOfScope: {
      name: "refusing a leg in Haiti",
      request: async ({ setup, f }) => ({ params: { id: (await haitiTrip(setup, f)).legs[0].id }, body: { decision: "refuse", note: "Matrix" } }),
      expect: { notFound: everyone },
    },
  },
  "GET /api/travel/places": {
    access: "authenticated",
    inScope: { name: "places named Mopti", request: () => ({ query: { q: "Mopti" } }), expect: { ok: everyone } },
    outOfScope: { notApplicable: "place names are not need-to-know: every traveller picks destinations" },
  },
  "GET /api/travel/rules/:id": {
    access: "authenticated",
    inScope: { name: "Mali's clearance rules", request: ({ f }) => ({ params: { id: f.mali } }), expect: { ok: everyone } },
    outOfScope: { name: "Haiti's clearance rules", request: ({ f }) => ({ params: { id: f.haiti } }), expect: { ok: everyone } },
  },
  "POST /api/travel/rules/:id": {
    access: "travel.rules.manage",
    inScope: {
      name: "a new version of Mali's rules (the same settings)",
      request: ({ f }) => ({ params: { id: f.mali }, body: { autoMaxLevel: 2, leadDays: 7, note: "Matrix" } }),
      expect: { ok: ["pcsaMali"], forbidden: others("pcsaMali") },
    },
    outOfScope: {
      name: "a new version of Haiti's rules",
      request: ({ f }) => ({ params: { id: f.haiti }, body: { autoMaxLevel: 2, leadDays: 7 } }),
      expect: { notFound: ["pcsaMali"], forbidden: others("pcsaMali") },
    },
  },
  "GET /api/travel/suspensions": {
    access: "travel.request.read",
    inScope: {
      name: "suspensions in Mali",
      request: ({ f }) => ({ query: { placeId: f.mali } }),
      expect: { ok: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "suspensions in Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "wardenBamako", "staff"] },
    },
  },
  "POST /api/travel/suspensions": {
    access: "travel.suspension.manage",
    inScope: {
      name: "suspending UNDP's clearance in Mali",
      request: async ({ setup, f }) => {
        // Lifted first, so the DO's request suspends anew rather than meeting the open suspension.
        await setup.as("doMali", "POST", `/api/travel/suspensions/${await undpSuspension(setup, f)}/lift`);
        return { body: { placeId: f.mali, organisationId: await undp(setup), reason: "Matrix: compliance mission ignored" } };
      },
      expect: { ok: ["doMali"], forbidden: others("doMali") },
    },
    outOfScope: {
      name: "suspending UNDP's clearance in Haiti",
      request: async ({ setup, f }) => ({ body: { placeId: f.haiti, organisationId: await undp(setup), reason: "Matrix" } }),
      expect: { notFound: ["doMali"], forbidden: others("doMali") },
    },
  },
  "POST /api/travel/suspensions/:id/lift": {
    access: "travel.suspension.manage",
    inScope: {
      name: "lifting UNDP's suspension in Mali",
      request: async ({ setup, f }) => ({ params: { id: await undpSuspension(setup, f) } }),
      expect: { ok: ["doMali"], forbidden: others("doMali") },
    },
    outOfScope: { notApplicable: "Haiti has no Designated Official in the demo (the appointment ended), so no suspension there exists to lift" },
  },
};
