import { type Caller, incidentBody, sensitiveIncidentBody, textAttachment } from "../../authorization/matrix-driver.ts";
import { type RouteRule, everyone } from "../../authorization/matrix-rules.ts";

/**
 * The authorization table: incident attachments. Attaching and removing a file is revising the
 * incident (security professionals, or the reporter of a draft); downloading one is reading it.
 * A sexual assault's files are need-to-know like its narrative: "not found" for everyone else.
 * Fixtures: `maliAttachment` (on the Mopti draft of the P/C/SA), `maliSensitiveAttachment` (on
 * the sexual assault the Bamako warden reported), `haitiAttachment` (on the Haiti incident).
 * The staff member holds `incident.create` at their own duty station only (DR Congo): every
 * incident here is one they cannot read, so "not found"; downloading needs `incident.read`.
 */
const allBut = (...kept: Caller[]) => everyone.filter((user) => !kept.includes(user));
const onlyReporterOrProfessional = "attaching or removing a file revises the incident: security professionals (incident.update), or the reporter of a draft; the DO, the ASC and organisation roles read it but may not change it";

const isStatement = (_caller: Caller, response: { body: string; headers: Record<string, unknown> }) =>
  response.body === textAttachment.content && String(response.headers["content-disposition"]).includes("statement.txt")
    ? undefined
    : `answers ${response.headers["content-type"]} ${response.body.slice(0, 80)}`;

export const incidentAttachmentRules: Record<string, RouteRule> = {
  "POST /api/incidents/:id/attachments": {
    access: "incident.create",
    inScope: {
      name: "a statement on the Mopti draft of the P/C/SA",
      request: ({ f }) => ({ params: { id: f.maliIncident }, multipart: textAttachment }),
      expect: { ok: ["pcsaMali"], notFound: ["wardenBamako", "staff"], forbidden: allBut("pcsaMali", "wardenBamako", "staff") },
      why: onlyReporterOrProfessional,
      check: (_caller, response) => (response.json().name === "statement.txt" ? undefined : `answers ${response.body}`),
    },
    outOfScope: {
      name: "a statement on an incident at Port-au-Prince",
      request: ({ f }) => ({ params: { id: f.haitiIncident }, multipart: textAttachment }),
      expect: { notFound: allBut("admin", "analyst"), forbidden: ["admin", "analyst"] },
    },
    more: [
      {
        name: "a statement on the sexual assault reported by the Bamako warden",
        request: ({ f }) => ({ params: { id: f.maliSensitiveIncident }, multipart: textAttachment }),
        expect: { ok: ["pcsaMali", "wardenBamako"], notFound: ["doMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "staff"], forbidden: ["admin", "analyst"] },
      },
      {
        name: "a statement on a draft the staff member recorded at their own duty station",
        request: async ({ f, setup }) => {
          const incident = await setup.as("staff", "POST", "/api/incidents", incidentBody(f.staffStation, { timeZone: "Africa/Kinshasa" }));
          return { params: { id: incident.id }, multipart: textAttachment };
        },
        expect: { ok: ["staff"], notFound: allBut("admin", "analyst", "staff"), forbidden: ["admin", "analyst"] },
      },
    ],
  },
  "GET /api/incidents/:id/attachments/:attachmentId": {
    access: "incident.read",
    inScope: {
      name: "the statement on the Mopti incident",
      request: ({ f }) => ({ params: { id: f.maliIncident, attachmentId: f.maliAttachment } }),
      expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], notFound: ["wardenBamako"], forbidden: ["admin", "staff"] },
      check: isStatement,
    },
    outOfScope: {
      name: "the statement on an incident at Port-au-Prince",
      request: ({ f }) => ({ params: { id: f.haitiIncident, attachmentId: f.haitiAttachment } }),
      expect: { ok: ["analyst"], notFound: allBut("admin", "analyst", "staff"), forbidden: ["admin", "staff"] },
    },
    more: [
      {
        name: "the statement on the sexual assault reported by the Bamako warden",
        request: ({ f }) => ({ params: { id: f.maliSensitiveIncident, attachmentId: f.maliSensitiveAttachment } }),
        expect: { ok: ["pcsaMali", "wardenBamako"], notFound: ["analyst", "doMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "staff"] },
        check: isStatement,
      },
      {
        name: "the Mopti statement asked for under the sexual assault (another incident's file)",
        request: ({ f }) => ({ params: { id: f.maliSensitiveIncident, attachmentId: f.maliAttachment } }),
        expect: { notFound: allBut("admin", "staff"), forbidden: ["admin", "staff"] },
      },
    ],
  },
  "DELETE /api/incidents/:id/attachments/:attachmentId": {
    access: "incident.create",
    inScope: {
      name: "a statement on a draft the P/C/SA recorded at Mopti",
      request: async ({ f, setup }) => {
        const incident = await setup.as("pcsaMali", "POST", "/api/incidents", incidentBody(f.moptiStation));
        const attachment = await setup.upload("pcsaMali", `/api/incidents/${incident.id}/attachments`, textAttachment);
        return { params: { id: incident.id, attachmentId: attachment.id } };
      },
      expect: { ok: ["pcsaMali"], notFound: ["wardenBamako", "staff"], forbidden: allBut("pcsaMali", "wardenBamako", "staff") },
      why: onlyReporterOrProfessional,
    },
    outOfScope: {
      name: "the statement on an incident at Port-au-Prince",
      request: ({ f }) => ({ params: { id: f.haitiIncident, attachmentId: f.haitiAttachment } }),
      expect: { notFound: allBut("admin", "analyst"), forbidden: ["admin", "analyst"] },
    },
    more: [
      {
        name: "a statement on a sexual assault the Bamako warden reported",
        request: async ({ f, setup }) => {
          const incident = await setup.as("wardenBamako", "POST", "/api/incidents", sensitiveIncidentBody(f.bamakoStation));
          const attachment = await setup.upload("wardenBamako", `/api/incidents/${incident.id}/attachments`, textAttachment);
          return { params: { id: incident.id, attachmentId: attachment.id } };
        },
        expect: { ok: ["pcsaMali", "wardenBamako"], notFound: ["doMali", "ascMopti", "repUnicefMali", "sfpWfpMali", "staff"], forbidden: ["admin", "analyst"] },
      },
    ],
  },
};
