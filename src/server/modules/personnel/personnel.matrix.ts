import { type MatrixRequest, type Setup, type SetupActor, csvFile, personBody } from "../../authorization/matrix-driver.ts";
import { type RouteRule, itemsOutsideMali, maliScoped } from "../../authorization/matrix-rules.ts";

/** The authorization table, part 4: personnel, their import and export, and dependants. */
export const personnelRules: Record<string, RouteRule> = {
  // ----- Personnel --------------------------------------------------------------------
  "GET /api/personnel": {
    access: "personnel.read",
    inScope: {
      name: "every person in the caller's scope",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: (caller, response, f) => {
        const items = response.json().items as { dutyStationId: string; organisationId: string }[];
        if (items.length === 0) return "sees nobody";
        const ownOrganisation = caller === "repUnicefMali" ? f.unicef : caller === "sfpWfpMali" ? f.wfp : null;
        if (ownOrganisation && items.some((item) => item.organisationId !== ownOrganisation)) return "sees personnel of other organisations";
        return itemsOutsideMali("dutyStationId")(caller, response, f);
      },
    },
    outOfScope: {
      name: "the personnel of Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
  },
  "GET /api/personnel/export.csv": {
    access: "personnel.read",
    inScope: {
      name: "the caller's personnel as CSV",
      request: () => ({}),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: (caller, response, f) => {
        const [header, ...lines] = response.body.trim().split("\n");
        if (/phone|mobile|email|address/.test(header)) return "the export carries contacts";
        if (!maliScoped.includes(caller)) return undefined;
        const leaked = lines.filter((line) => f.outsideMaliStationNames.some((name) => line.endsWith(`,${name}`)));
        return leaked.length ? `exports ${leaked.length} person(s) outside Mali` : undefined;
      },
    },
    outOfScope: {
      name: "the personnel of Haiti as CSV",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
  },
  "POST /api/personnel/import": {
    access: "personnel.create",
    inScope: {
      name: "a CSV row for a UNICEF person at Mopti",
      request: () => ({ multipart: csvFile(["Imported,Person,female,locally_recruited,general_service,UNICEF,Mopti"]) }),
      expect: { ok: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
      why: "the import answers 200 and reports refused rows: the WFP focal point may not add UNICEF personnel",
      check: (caller, response) => {
        const expected = caller === "sfpWfpMali" ? 0 : 1;
        const { created } = response.json();
        return created === expected ? undefined : `created ${created} person(s), expected ${expected}`;
      },
    },
    outOfScope: {
      name: "a CSV row for a UNICEF person at Port-au-Prince",
      request: () => ({ multipart: csvFile(["Imported,Person,female,locally_recruited,general_service,UNICEF,Port-au-Prince"]) }),
      expect: { ok: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
      why: "the import answers 200 and reports the row; a station outside scope reads as unknown",
      check: (_caller, response) => {
        const { created, errors } = response.json() as { created: number; errors: { field: string; message: string }[] };
        if (created !== 0) return `created ${created} person(s) outside scope`;
        return errors.length === 1 && /unknown duty station/i.test(errors[0].message) ? undefined : `row errors reveal the station: ${JSON.stringify(errors)}`;
      },
    },
  },
  "POST /api/personnel": {
    access: "personnel.create",
    inScope: {
      name: "a UNICEF person at Mopti",
      request: ({ f }) => ({ body: personBody(f, "unicef", f.moptiStation, "Created") }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "sfpWfpMali", "wardenBamako", "staff"] },
      why: "the WFP focal point's grant covers WFP personnel only; organisations are public, so 403 hides nothing",
    },
    outOfScope: {
      name: "a UNICEF person at Port-au-Prince",
      request: ({ f }) => ({ body: personBody(f, "unicef", f.portAuPrince, "Created") }),
      expect: { invalid: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
      why: "a duty station outside the caller's scope is answered exactly as a missing one: 422 on dutyStationId",
      referenceField: "dutyStationId",
    },
    more: [
      {
        name: "a WFP person at Mopti",
        request: ({ f }) => ({ body: personBody(f, "wfp", f.moptiStation, "Created") }),
        expect: { ok: ["pcsaMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "repUnicefMali", "wardenBamako", "staff"] },
        why: "the UNICEF representative's grant covers UNICEF personnel only",
      },
    ],
  },
  "PATCH /api/personnel/:id": {
    access: "personnel.update",
    inScope: {
      name: "the UNICEF person at Kati",
      request: ({ f }) => ({ params: { id: f.unicefKatiPerson }, body: { grade: "G-5" } }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a person in Haiti",
      request: ({ f }) => ({ params: { id: f.haitianPerson }, body: { grade: "G-5" } }),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "moving the UNICEF person at Kati to Port-au-Prince",
        request: ({ f }) => ({ params: { id: f.unicefKatiPerson }, body: { dutyStationId: f.portAuPrince } }),
        expect: { invalid: ["pcsaMali", "repUnicefMali"], notFound: ["sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
        why: "a duty station outside the caller's scope is answered exactly as a missing one: 422 on dutyStationId",
        referenceField: "dutyStationId",
      },
    ],
  },
  "DELETE /api/personnel/:id": {
    access: "personnel.delete",
    inScope: {
      name: "a UNICEF person at Mopti",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("pcsaMali", "POST", "/api/personnel", personBody(f, "unicef", f.moptiStation, "Doomed"))).id } }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a UNICEF person at Port-au-Prince",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("csfpHaiti", "POST", "/api/personnel", personBody(f, "unicef", f.portAuPrince, "Doomed"))).id } }),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
  },
  "POST /api/personnel/:id/dependants": {
    access: "personnel.update",
    inScope: {
      name: "a child of the UNICEF person at Kati",
      request: ({ f }) => ({ params: { id: f.unicefKatiPerson }, body: { givenName: "Awa", familyName: "Kati", relationship: "child", sex: "female" } }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a child of a person in Haiti",
      request: ({ f }) => ({ params: { id: f.haitianPerson }, body: { givenName: "Awa", familyName: "Haiti", relationship: "child", sex: "female" } }),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
  },
  "DELETE /api/personnel/:id/dependants/:dependantId": {
    access: "personnel.update",
    inScope: {
      name: "a dependant of the UNICEF person at Kati",
      request: ({ f, setup }) => dependantToRemove(setup, "pcsaMali", f.unicefKatiPerson),
      expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a dependant of a person in Haiti",
      request: ({ f, setup }) => dependantToRemove(setup, "csfpHaiti", f.haitianPerson),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"] },
    },
  },
};

const unknownPerson = "00000000-0000-4000-8000-000000000000";

async function dependantToRemove(setup: Setup, actor: SetupActor, personId: string): Promise<MatrixRequest> {
  const givenName = setup.unique("Dependant");
  const person = await setup.as<{ dependants: { id: string; givenName: string }[] }>(actor, "POST", `/api/personnel/${personId}/dependants`, {
    givenName,
    familyName: "Removed",
    relationship: "other",
    sex: "male",
  });
  const dependant = person.dependants.find((item) => item.givenName === givenName);
  return { params: { id: personId, dependantId: dependant?.id ?? unknownPerson } };
}
