import { appointmentBody, pdfLetter } from "../../authorization/matrix-driver.ts";
import { type RouteRule, isGlobal, itemsOutsideMali } from "../../authorization/matrix-rules.ts";

/** The authorization table, part 3: appointments, their letters and continuity. */
export const appointmentRules: Record<string, RouteRule> = {
  // ----- Appointments -----------------------------------------------------------------
  "GET /api/appointments": {
    access: "appointment.read",
    inScope: {
      name: "every appointment in the caller's scope",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: itemsOutsideMali("placeId"),
    },
    outOfScope: {
      name: "the appointments of Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
  },
  "POST /api/appointments": {
    access: "appointment.create",
    inScope: {
      name: "a warden for Mopti Security Area",
      request: ({ f }) => ({ body: appointmentBody(f, f.wfpMoptiPerson, "warden", f.moptiArea) }),
      expect: { ok: ["admin", "doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a warden for Haiti",
      request: ({ f }) => ({ body: appointmentBody(f, f.haitianPerson, "warden", f.haiti) }),
      expect: { ok: ["admin"], invalid: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
      why: "a place outside the caller's scope is answered exactly as a missing one: 422 on placeId",
      referenceField: "placeId",
    },
    more: [
      {
        name: "a DO a.i. for Mali",
        request: ({ f }) => ({ body: appointmentBody(f, f.unicefKatiPerson, "do_ai", f.mali) }),
        expect: {
          conflict: ["admin"],
          forbidden: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"],
          invalid: ["ascMopti"],
        },
        why: "the system administrator may record a DO a.i. but Mali has a DO in force (one holder at a time: 409); DO/DO a.i./P/C/SA are appointed by headquarters only, so the DO and P/C/SA of Mali get 403 on an area they can see; Mali is outside the ASC of Mopti's scope: 422 as for a missing place",
        referenceField: "placeId",
      },
    ],
  },
  "GET /api/appointments/:id": {
    access: "appointment.read",
    inScope: {
      name: "the warden of Bamako's appointment",
      request: ({ f }) => ({ params: { id: f.wardenBamakoAppointment } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "wardenBamako"], notFound: ["ascMopti"], forbidden: ["staff"] },
    },
    outOfScope: {
      name: "the CSFP of Haiti's appointment",
      request: ({ f }) => ({ params: { id: f.haitiCsfpAppointment } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
  },
  "PATCH /api/appointments/:id": {
    access: "appointment.update",
    inScope: {
      name: "the ASA of Mopti's appointment",
      request: ({ f }) => ({ params: { id: f.moptiAsaAppointment }, body: { notes: "Reviewed" } }),
      expect: { ok: ["admin", "doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the CSFP of Haiti's appointment",
      request: ({ f }) => ({ params: { id: f.haitiCsfpAppointment }, body: { notes: "Reviewed" } }),
      expect: { ok: ["admin"], notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "the DO of Mali's appointment",
        request: ({ f }) => ({ params: { id: f.doMaliAppointment }, body: { notes: "Reviewed" } }),
        expect: { ok: ["admin"], notFound: ["ascMopti"], forbidden: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
        why: "a DO appointment is made by headquarters: the DO and P/C/SA of Mali see it but may not change it (403)",
      },
    ],
  },
  "DELETE /api/appointments/:id": {
    access: "appointment.delete",
    inScope: {
      name: "a warden appointment in Mopti Security Area",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("admin", "POST", "/api/appointments", appointmentBody(f, f.wfpMoptiPerson, "warden", f.moptiArea))).id } }),
      expect: { ok: ["admin", "doMali", "pcsaMali"], forbidden: ["analyst", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "a warden appointment in Haiti",
      request: async ({ f, setup }) => ({ params: { id: (await setup.as("admin", "POST", "/api/appointments", appointmentBody(f, f.haitianPerson, "warden", f.haiti))).id } }),
      expect: { ok: ["admin"], notFound: ["doMali", "pcsaMali"], forbidden: ["analyst", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "PUT /api/appointments/:id/letter": {
    access: "appointment.update",
    inScope: {
      name: "the letter of the ASA of Mopti",
      request: ({ f }) => ({ params: { id: f.moptiAsaAppointment }, multipart: pdfLetter }),
      expect: { ok: ["admin", "doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the letter of the CSFP of Haiti",
      request: ({ f }) => ({ params: { id: f.haitiCsfpAppointment }, multipart: pdfLetter }),
      expect: { ok: ["admin"], notFound: ["doMali", "pcsaMali", "ascMopti"], forbidden: ["analyst", "repUnicefMali", "sfpWfpMali", "wardenBamako", "staff"] },
    },
  },
  "GET /api/appointments/:id/letter": {
    access: "appointment.read",
    inScope: {
      name: "the letter of the warden of Bamako",
      request: ({ f }) => ({ params: { id: f.wardenBamakoAppointment } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali", "wardenBamako"], notFound: ["ascMopti"], forbidden: ["staff"] },
    },
    outOfScope: {
      name: "the letter of the CSFP of Haiti",
      request: ({ f }) => ({ params: { id: f.haitiCsfpAppointment } }),
      expect: { ok: ["admin", "analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
    },
  },
  "GET /api/continuity": {
    access: "appointment.read",
    inScope: {
      name: "the continuity of every area in the caller's scope",
      request: () => ({ query: { isAll: "true" } }),
      expect: { ok: ["admin", "analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "wardenBamako"], forbidden: ["staff"] },
      check: (caller, response, f) => {
        const items = response.json().items as { placeId: string }[];
        if (isGlobal(caller)) return items.some((item) => item.placeId === f.haiti) ? undefined : "a global caller misses the Haiti gap";
        return itemsOutsideMali("placeId")(caller, response, f);
      },
    },
    outOfScope: { notApplicable: "lists only the caller's areas; the in-scope check asserts nothing outside Mali leaks" },
  },
};
