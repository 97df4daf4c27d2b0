import { addDays } from "../../../../core/appointments/continuity.ts";
import type { Caller, Fixtures, MatrixUser, Response, Setup, SetupActor } from "../../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, globalOnly, maliScoped } from "../../../authorization/matrix-rules.ts";

/**
 * The authorization table: training (issue 13 §1). The catalogue is read by everyone signed in
 * and kept by the system administrator. A person's certificates are read by the person, the
 * area's P/C/SA, ASA and ASC and the organisation's representative and focal point; added by the
 * person (their own) or by a security professional or the organisation's focal point; corrected
 * and removed only by the latter. The training view per area and organisation (and its CSV) is
 * for those who read certificates, over the people they cover. The people: a UNICEF person at
 * Kati (Bamako Security Area), a WFP person at Mopti, a person in Haiti, the staff member (DR Congo).
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

// The training view: the area's P/C/SA and ASC, the organisation's representative and focal point.
const readers = ["pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"] as const satisfies MatrixUser[];
const noReadRight = others(...readers);
const ownOrganisation: Partial<Record<Caller, keyof Fixtures>> = { repUnicefMali: "unicef", sfpWfpMali: "wfp" };

/** A certificate's file: the first bytes of a PDF are what the content check reads. */
const pdfUpload = { field: "file", fileName: "bsafe.pdf", contentType: "application/pdf", content: "%PDF-1.4\n% matrix\n" };

/** A certificate made for the case, with its file uploaded by the same caller. */
async function certificateWithFile(setup: Setup, as: SetupActor, personId: string): Promise<string> {
  const id = await certificateOf(setup, as, personId);
  await setup.upload(as, `/api/training/certificates/${id}/file`, pdfUpload);
  return id;
}

// Those who read the WFP person at Mopti's certificates: the area's P/C/SA and ASC, WFP's focal point.
const wfpMoptiReaders = ["pcsaMali", "ascMopti", "sfpWfpMali"] as const satisfies MatrixUser[];

/** The view lists no one outside Mali to a Mali caller, and only their organisation's people to an organisation's. */
function overviewInScope(caller: Caller, response: Response, f: Fixtures) {
  const items = response.json().items as { dutyStationId: string; organisationId: string }[];
  if (items.length === 0) return "lists nobody";
  if (maliScoped.includes(caller) && items.some((item) => f.outsideMali.has(item.dutyStationId))) return "lists people outside Mali";
  const organisation = ownOrganisation[caller];
  if (organisation && items.some((item) => item.organisationId !== f[organisation])) return "lists people of another organisation";
  return undefined;
}

/** The export holds the WFP person at Mopti for those who cover them, never the person in Haiti. */
function overviewCsvInScope(caller: Caller, response: Response, f: Fixtures) {
  if (!String(response.headers["content-type"]).startsWith("text/csv")) return `answers ${response.headers["content-type"]}`;
  if (response.body.includes(f.haitianPerson)) return "exports the person in Haiti";
  const coversWfpMopti = caller !== "repUnicefMali";
  return response.body.includes(f.wfpMoptiPerson) === coversWfpMopti ? undefined : `${coversWfpMopti ? "does not export" : "exports"} the WFP person at Mopti`;
}

/**
 * A learning platform's export naming a person by index number: the matrix people have none, so
 * the case gives them one first (as whoever may change them), then a BSAFE row on a fresh day.
 */
async function exportNaming(setup: Setup, as: SetupActor, personId: string, indexNumber: string) {
  await setup.as(as, "PATCH", `/api/personnel/${personId}`, { indexNumber });
  return {
    multipart: { field: "file", fileName: "completions.csv", contentType: "text/csv", content: `Index number,Course code,Completion date\n${indexNumber},BSAFE,${nextDay()}` },
  };
}

/** The row was stored (the person is covered), or refused exactly as for no one at all. */
const imports =
  (isCovered: (caller: Caller) => boolean, indexNumber: string) =>
  (caller: Caller, response: Response): string | undefined => {
    const { inserted, errors } = response.json();
    if (isCovered(caller)) return inserted === 1 ? undefined : `inserted ${inserted}: ${JSON.stringify(errors)}`;
    const expected = JSON.stringify([{ row: 2, field: "Index number", message: `Person not found: "${indexNumber}"` }]);
    return inserted === 0 && JSON.stringify(errors) === expected ? undefined : `answers ${response.body}`;
  };

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
  "POST /api/training/certificates/:id/file": {
    access: "authenticated",
    inScope: {
      name: "the file of a certificate a security professional entered for the WFP person at Mopti",
      request: async ({ setup, f }) => ({ params: { id: await certificateOf(setup, "pcsaMali", f.wfpMoptiPerson) }, multipart: pdfUpload }),
      expect: { ok: [...writers], forbidden: ["ascMopti"], notFound: others(...wfpMoptiReaders) },
      why: "the ASC of Mopti reads the certificate but does not manage training (403); whoever may not read it is answered as if it did not exist",
    },
    outOfScope: {
      name: "the file of a certificate of the person in Haiti",
      request: async ({ setup, f }) => ({ params: { id: await certificateOf(setup, "csfpHaiti", f.haitianPerson) }, multipart: pdfUpload }),
      expect: { notFound: everyone },
      why: "no Mali or DR Congo caller reads the person in Haiti's certificates",
    },
    more: [
      {
        name: "the file of the staff member's own certificate (an upload)",
        request: async ({ setup, f }) => ({ params: { id: await certificateOf(setup, "staff", f.staffPerson) }, multipart: pdfUpload }),
        expect: { ok: ["staff"], notFound: others("staff") },
        why: "the person gives a file to the certificates they added; no Mali caller covers the staff member (DR Congo)",
      },
    ],
  },
  "GET /api/training/certificates/:id/file": {
    access: "authenticated",
    inScope: {
      name: "the file of a certificate of the WFP person at Mopti",
      request: async ({ setup, f }) => ({ params: { id: await certificateWithFile(setup, "pcsaMali", f.wfpMoptiPerson) } }),
      expect: { ok: [...wfpMoptiReaders], notFound: others(...wfpMoptiReaders) },
      why: "whoever may read the certificate downloads its file; anyone else is answered as if it did not exist",
    },
    outOfScope: {
      name: "the file of a certificate of the person in Haiti",
      request: async ({ setup, f }) => ({ params: { id: await certificateWithFile(setup, "csfpHaiti", f.haitianPerson) } }),
      expect: { notFound: everyone },
      why: "no Mali or DR Congo caller reads the person in Haiti's certificates",
    },
    more: [
      {
        name: "the file of the staff member's own certificate",
        request: async ({ setup, f }) => ({ params: { id: await certificateWithFile(setup, "staff", f.staffPerson) } }),
        expect: { ok: ["staff"], notFound: others("staff") },
      },
    ],
  },
  "GET /api/training/overview": {
    access: "training.certificate.read",
    inScope: {
      name: "BSAFE standing of the people the caller covers",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: [...readers], forbidden: noReadRight },
      check: overviewInScope,
    },
    outOfScope: {
      name: "BSAFE standing in Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { notFound: [...readers], forbidden: noReadRight },
    },
    more: [
      {
        name: "BSAFE standing of WFP's people at Mopti",
        request: ({ f }) => ({ query: { placeId: f.moptiStation, organisationId: f.wfp } }),
        expect: { ok: [...readers], forbidden: noReadRight },
        check: (caller, response, f) => {
          const listed = (response.json().items as { personId: string }[]).some((item) => item.personId === f.wfpMoptiPerson);
          // UNICEF's representative covers UNICEF's people only: the filter leaves them nobody.
          return listed === (caller !== "repUnicefMali") ? undefined : `${listed ? "lists" : "does not list"} the WFP person at Mopti`;
        },
      },
    ],
  },
  "GET /api/training/overview.csv": {
    access: "training.certificate.read",
    inScope: {
      name: "the training view of the people the caller covers as CSV",
      request: () => ({}),
      expect: { ok: [...readers], forbidden: noReadRight },
      check: overviewCsvInScope,
    },
    outOfScope: {
      name: "the training view of Haiti as CSV",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { notFound: [...readers], forbidden: noReadRight },
    },
  },
  "POST /api/training/certificates/imports/preview": {
    access: "training.certificate.write",
    inScope: {
      name: "a learning platform's export of certificates",
      request: () => ({
        multipart: { field: "file", fileName: "completions.csv", contentType: "text/csv", content: "Email,Course code,Completion date\nsomeone@wfp.example.org,BSAFE,2024-01-10" },
      }),
      expect: { ok: [...writers], forbidden: noWriteRight },
      check: (_caller, response) => (response.json().suggestedMapping.person === "Email" ? undefined : `suggests ${response.body}`),
    },
    outOfScope: { notApplicable: "the preview reads only the uploaded file: it touches no record" },
  },
  "POST /api/training/certificates/imports": {
    access: "training.certificate.write",
    inScope: {
      name: "a BSAFE completion of the WFP person at Mopti",
      request: ({ setup, f }) => exportNaming(setup, "pcsaMali", f.wfpMoptiPerson, "MX-WFP-MOPTI"),
      expect: { ok: [...writers], forbidden: noWriteRight },
      check: imports(() => true, "MX-WFP-MOPTI"),
    },
    outOfScope: {
      name: "a BSAFE completion of the person in Haiti",
      request: ({ setup, f }) => exportNaming(setup, "csfpHaiti", f.haitianPerson, "MX-HAITI"),
      expect: { ok: [...writers], forbidden: noWriteRight },
      why: "the import answers 200 and refuses the row: a person outside scope is not found",
      check: imports(() => false, "MX-HAITI"),
    },
    more: [
      {
        name: "a BSAFE completion of the UNICEF person at Kati",
        request: ({ setup, f }) => exportNaming(setup, "pcsaMali", f.unicefKatiPerson, "MX-UNICEF-KATI"),
        expect: { ok: [...writers], forbidden: noWriteRight },
        // WFP's focal point covers WFP's people only.
        check: imports((caller) => caller === "pcsaMali", "MX-UNICEF-KATI"),
      },
    ],
  },
};
