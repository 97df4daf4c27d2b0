import { addDays } from "../../../../core/appointments/continuity.ts";
import type { MatrixUser, Setup, SetupActor } from "../../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, globalOnly } from "../../../authorization/matrix-rules.ts";

/**
 * The authorization table: training (issue 13 §1). The catalogue is read by everyone signed in
 * and kept by the system administrator. A person's certificates are read by the person, the
 * area's P/C/SA, ASA and ASC and the organisation's representative and focal point; added by the
 * person (their own) or by a security professional or the organisation's focal point; corrected
 * and removed only by the latter. The people: a UNICEF person at Kati (Bamako Security Area), a
 * WFP person at Mopti, a person in Haiti, the staff member (DR Congo).
 */
const others = (...kept: MatrixUser[]) => everyone.filter((user) => !kept.includes(user));
const adminOnly = { ok: ["admin" as const], forbidden: others("admin") };

// Completion dates that differ at every call: one certificate per person, course and day.
let calls = 0;
const nextDay = () => {
  calls += 1;
  return addDays("2024-01-01", calls);
};
let codes = 0;
const nextCode = () => {
  codes += 1;
  return `MATRIX-${codes}`;
};

async function bsafe(setup: Setup): Promise<string> {
  const { items } = await setup.as<{ items: { id: string; code: string }[] }>("admin", "GET", "/api/training/courses");
  return items.find((item) => item.code === "BSAFE")?.id as string;
}

const certificateBody = async (setup: Setup, personId: string) => ({ personId, courseId: await bsafe(setup), completedOn: nextDay() });

/** A certificate made for the case by someone who may add it. */
async function certificateOf(setup: Setup, as: SetupActor, personId: string): Promise<string> {
  return (await setup.as<{ id: string }>(as, "POST", "/api/training/certificates", await certificateBody(setup, personId))).id;
}

const writers = ["pcsaMali", "sfpWfpMali"] as const satisfies MatrixUser[];
const noWriteRight = others(...writers);

export const trainingRules: Record<string, RouteRule> = {
  "GET /api/training/courses": {
    access: "authenticated",
    inScope: { name: "the course catalogue", request: () => ({}), expect: { ok: everyone } },
    outOfScope: { notApplicable: globalOnly },
  },
  "POST /api/training/courses": {
    access: "training.course.manage",
    inScope: {
      name: "adding an area induction course",
      request: () => ({ body: { code: nextCode(), kind: "induction", nameEn: "Induction", nameFr: "Initiation", validityMonths: 24 } }),
      expect: adminOnly,
    },
    outOfScope: { notApplicable: globalOnly },
  },
  "PATCH /api/training/courses/:id": {
    access: "training.course.manage",
    inScope: { name: "renaming BSAFE in French", request: async ({ setup }) => ({ params: { id: await bsafe(setup) }, body: { nameFr: "BSAFE" } }), expect: adminOnly },
    outOfScope: { notApplicable: globalOnly },
  },
  "GET /api/personnel/:id/certificates": {
    access: "authenticated",
    inScope: {
      name: "the certificates of a UNICEF person at Kati (Bamako Security Area, Mali)",
      request: ({ f }) => ({ params: { id: f.unicefKatiPerson } }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: others("pcsaMali", "repUnicefMali") },
    },
    outOfScope: {
      name: "the certificates of a person in Haiti",
      request: ({ f }) => ({ params: { id: f.haitianPerson } }),
      expect: { notFound: everyone },
    },
    more: [
      {
        name: "the certificates of a WFP person at Mopti",
        request: ({ f }) => ({ params: { id: f.wfpMoptiPerson } }),
        expect: { ok: ["pcsaMali", "ascMopti", "sfpWfpMali"], notFound: others("pcsaMali", "ascMopti", "sfpWfpMali") },
      },
      {
        name: "the staff member's own certificates",
        request: ({ f }) => ({ params: { id: f.staffPerson } }),
        expect: { ok: ["staff"], notFound: others("staff") },
      },
    ],
  },
  "POST /api/training/certificates": {
    access: "authenticated",
    inScope: {
      name: "a BSAFE certificate for the UNICEF person at Kati",
      request: async ({ setup, f }) => ({ body: await certificateBody(setup, f.unicefKatiPerson) }),
      expect: { ok: ["pcsaMali"], forbidden: ["repUnicefMali"], invalid: others("pcsaMali", "repUnicefMali") },
      why: "UNICEF's representative reads the certificates but does not enter them (403); a person the caller may not read is answered as a missing one: 422 on personId",
      referenceField: "personId",
    },
    outOfScope: {
      name: "a BSAFE certificate for the person in Haiti",
      request: async ({ setup, f }) => ({ body: await certificateBody(setup, f.haitianPerson) }),
      expect: { invalid: everyone },
      why: "a person outside the caller's scope is answered exactly as a missing one: 422 on personId",
      referenceField: "personId",
    },
    more: [
      {
        name: "the staff member's own certificate (an upload)",
        request: async ({ setup, f }) => ({ body: await certificateBody(setup, f.staffPerson) }),
        expect: { ok: ["staff"], invalid: others("staff") },
        why: "only the person adds their own here (DR Congo: no Mali caller covers them)",
        referenceField: "personId",
      },
    ],
  },
  "PATCH /api/training/certificates/:id": {
    access: "training.certificate.write",
    inScope: {
      name: "correcting the issuer of a certificate of the WFP person at Mopti",
      request: async ({ setup, f }) => ({ params: { id: await certificateOf(setup, "pcsaMali", f.wfpMoptiPerson) }, body: { issuer: "WFP learning" } }),
      expect: { ok: [...writers], forbidden: noWriteRight },
    },
    outOfScope: {
      name: "correcting a certificate of the person in Haiti",
      request: async ({ setup, f }) => ({ params: { id: await certificateOf(setup, "csfpHaiti", f.haitianPerson) }, body: { issuer: "x" } }),
      expect: { notFound: [...writers], forbidden: noWriteRight },
    },
  },
  "DELETE /api/training/certificates/:id": {
    access: "training.certificate.write",
    inScope: {
      name: "removing a certificate of the WFP person at Mopti",
      request: async ({ setup, f }) => ({ params: { id: await certificateOf(setup, "pcsaMali", f.wfpMoptiPerson) } }),
      expect: { ok: [...writers], forbidden: noWriteRight },
    },
    outOfScope: {
      name: "removing a certificate of the person in Haiti",
      request: async ({ setup, f }) => ({ params: { id: await certificateOf(setup, "csfpHaiti", f.haitianPerson) } }),
      expect: { notFound: [...writers], forbidden: noWriteRight },
    },
  },
};
