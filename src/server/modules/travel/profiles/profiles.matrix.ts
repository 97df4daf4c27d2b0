import type { Caller, Fixtures, MatrixUser, Response, Setup, SetupActor } from "../../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, ownOnly } from "../../../authorization/matrix-rules.ts";

/**
 * The authorization table: travel profiles (issue 13 §2). A profile is need-to-know exactly as
 * contacts are: the person (their own and their eligible dependants', through /me), and whoever
 * holds `personnel.read_sensitive` over the person — the area's P/C/SA, ASA, CSFP and wardens, the
 * organisation's focal point for its staff. Never the global analyst, the system administrator,
 * the area's leaders or another organisation. Only the person writes. The admin and the analyst
 * have no personnel record, hence no profile. The people: a WFP person at Mopti, a UNICEF person
 * at Kati (Bamako Security Area), a person in Haiti.
 */
const others = (...kept: MatrixUser[]) => everyone.filter((user) => !kept.includes(user));

const withPerson = others("admin", "analyst");
const noPerson = "an account without a personnel record keeps no travel profile: 404, as for a missing one";

const profileBody = {
  emergencyContactName: "Matrix Contact",
  emergencyContactRelationship: "Sibling",
  emergencyContactPhone: "+223 70 11 22 33",
  travelPhone: "+223 60 11 22 33",
  nationality: "ML",
  passportNumber: "MX1234567",
  passportCountry: "ML",
  passportExpiresOn: "2031-01-31",
  proofOfLife: [{ question: "Matrix question?", answer: "Matrix answer" }],
};

/** A new eligible dependant of a person, added by whoever may change them. */
async function dependantOf(setup: Setup, as: SetupActor, personId: string): Promise<string> {
  const person = await setup.as<{ dependants: { id: string; givenName: string }[] }>(as, "POST", `/api/personnel/${personId}/dependants`, {
    givenName: "Matrix",
    familyName: "Dependant",
    relationship: "child",
    sex: "female",
  });
  return person.dependants.find((one) => one.givenName === "Matrix")?.id as string;
}

/** The caller's own first eligible dependant (the demo gives some of its people a family), or an id nobody has. */
async function ownDependant(setup: Setup, caller: Caller): Promise<string> {
  const nobody = "00000000-0000-4000-8000-00000000d0d0";
  if (caller === "anonymous" || caller === "admin" || caller === "analyst") return nobody;
  const mine = await setup.as<{ dependants: { dependantId: string }[] }>(caller, "GET", "/api/travel/profiles/me");
  return mine.dependants[0]?.dependantId ?? nobody;
}

/** Only the caller's own profiles come back, and they may change them. */
const ownProfiles = (_caller: Caller, response: Response) => {
  const body = response.json() as { actions: string[]; own: { dependantId: string | null } };
  return body.actions.includes("update") && body.own.dependantId === null ? undefined : "does not answer with the caller's own, editable profile";
};

/** The profiles asked for, read-only to a reader. */
const readOnlyProfilesOf = (key: "wfpMoptiPerson" | "unicefKatiPerson") => (_caller: Caller, response: Response, f: Fixtures) => {
  const body = response.json() as { personId: string; actions: string[] };
  if (body.personId !== f[key]) return "answers with another person's profiles";
  return body.actions.length ? "lets a reader change the profile" : undefined;
};

export const travelProfileRules: Record<string, RouteRule> = {
  "GET /api/travel/profiles/me": {
    access: "authenticated",
    inScope: { name: "the caller's own travel profiles", request: () => ({}), expect: { ok: withPerson, notFound: ["admin", "analyst"] }, why: noPerson, check: ownProfiles },
    outOfScope: { notApplicable: ownOnly },
  },
  "PUT /api/travel/profiles/me": {
    access: "authenticated",
    inScope: { name: "the caller's own travel profile", request: () => ({ body: profileBody }), expect: { ok: withPerson, notFound: ["admin", "analyst"] }, why: noPerson },
    outOfScope: { notApplicable: ownOnly },
  },
  "PUT /api/travel/profiles/me/dependants/:id": {
    access: "authenticated",
    inScope: {
      name: "a dependant of the WFP person at Mopti",
      request: async ({ setup, f }) => ({ params: { id: await dependantOf(setup, "pcsaMali", f.wfpMoptiPerson) }, body: profileBody }),
      expect: { notFound: everyone },
      why: "only the person keeps their dependants' profiles: anyone else's dependant is answered as a missing one",
    },
    outOfScope: {
      name: "a dependant of the person in Haiti",
      request: async ({ setup, f }) => ({ params: { id: await dependantOf(setup, "csfpHaiti", f.haitianPerson) }, body: profileBody }),
      expect: { notFound: everyone },
    },
    more: [
      {
        name: "the caller's own first eligible dependant (the demo's families)",
        request: async ({ setup, caller }) => ({ params: { id: await ownDependant(setup, caller) }, body: profileBody }),
        expect: { ok: ["pcsaMali", "repUnicefMali", "wardenBamako", "staff"], notFound: ["admin", "analyst", "doMali", "ascMopti", "sfpWfpMali"] },
        why: "the demo gives the DO, the ASC of Mopti and WFP's focal point no dependant, and the admin and analyst no personnel record: nothing of theirs to change",
      },
    ],
  },
  "GET /api/travel/profiles/person/:personId": {
    access: "personnel.read_sensitive",
    inScope: {
      name: "the WFP person at Mopti's profiles",
      request: ({ f }) => ({ params: { personId: f.wfpMoptiPerson } }),
      expect: { ok: ["pcsaMali", "sfpWfpMali"], notFound: ["wardenBamako"], forbidden: others("pcsaMali", "sfpWfpMali", "wardenBamako") },
      check: readOnlyProfilesOf("wfpMoptiPerson"),
    },
    outOfScope: {
      name: "the person in Haiti's profiles",
      request: ({ f }) => ({ params: { personId: f.haitianPerson } }),
      expect: { notFound: ["pcsaMali", "sfpWfpMali", "wardenBamako"], forbidden: others("pcsaMali", "sfpWfpMali", "wardenBamako") },
    },
    more: [
      {
        name: "the UNICEF person at Kati's profiles (Bamako Security Area)",
        request: ({ f }) => ({ params: { personId: f.unicefKatiPerson } }),
        expect: { ok: ["pcsaMali", "wardenBamako"], notFound: ["sfpWfpMali"], forbidden: others("pcsaMali", "sfpWfpMali", "wardenBamako") },
        check: readOnlyProfilesOf("unicefKatiPerson"),
      },
    ],
  },
};
