import type { Fixtures, MatrixUser, Setup, SetupActor } from "../../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, itemsOutsideMali } from "../../../authorization/matrix-rules.ts";

/**
 * The authorization table: programme criticality, acceptable risk and security levels. Records
 * are made through the API as each case needs them, and kept here when several cases share one.
 */

const programmeReaders: MatrixUser[] = ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"];
const noProgrammeRead: MatrixUser[] = ["admin", "wardenBamako", "staff"];
const notProgrammeWriters: MatrixUser[] = ["admin", "analyst", "doMali", "ascMopti", "wardenBamako", "staff"];
const allBut = (...users: MatrixUser[]) => everyone.filter((user) => !users.includes(user));
const otherOrganisation = "a WFP focal point may rate only WFP's activities: a UNICEF rating is refused (403)";

// ----- Records shared by cases ---------------------------------------------------------------

const cache = new Map<string, Promise<string>>();
function once(key: string, make: () => Promise<string>): Promise<string> {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as Promise<string>;
}

function ratingBody(f: Fixtures, placeId: string, organisation: "unicef" | "wfp", extra: Record<string, unknown> = {}) {
  return {
    placeId,
    organisationId: f[organisation],
    activityName: "Matrix activity",
    periodFrom: "2026-01-01",
    periodTo: "2026-12-31",
    level: "pc2",
    rationale: "Rated for the authorization matrix.",
    approverName: "Matrix Representative",
    approvedOn: f.today,
    ...extra,
  };
}
const rating = (setup: Setup, actor: SetupActor, body: object) => setup.as(actor, "POST", "/api/pc-assessments", body).then((created) => created.id);

type Assessment = { id: string; activities: { key: string }[] };

/** An SRM assessment with one UNICEF activity and one High-risk scenario concerning it, through the SRM routes. */
async function assessment(setup: Setup, f: Fixtures, actor: SetupActor, placeId: string, stage: "draft" | "approved") {
  const created = await setup.as<Assessment>(actor, "POST", "/api/srm-assessments", {
    placeId,
    title: setup.unique("Matrix SRM"),
    periodFrom: "2026-01-01",
    periodTo: "2026-12-31",
    reviewDueOn: "2026-12-31",
  });
  const withActivity = await setup.as<Assessment>(actor, "PUT", `/api/srm-assessments/${created.id}/activities`, { items: [{ organisationId: f.unicef, name: "Matrix vaccination" }] });
  const activityKey = withActivity.activities[0].key;
  await setup.as(actor, "POST", `/api/srm-assessments/${created.id}/scenarios`, {
    threatCategory: "crime",
    title: "Kidnapping of a team",
    inherentLikelihood: 4,
    inherentImpact: 3,
    residualLikelihood: 4,
    residualImpact: 3,
    activityKeys: [activityKey],
  });
  if (stage === "approved") {
    await setup.as(actor, "POST", `/api/srm-assessments/${created.id}/submit`);
    await setup.as("doMali", "POST", `/api/srm-assessments/${created.id}/approve`, { smtConsultedOn: f.today });
  }
  return { id: created.id, activityKey };
}
const approvedMali = (setup: Setup, f: Fixtures) => once("approved-mali", async () => JSON.stringify(await assessment(setup, f, "pcsaMali", f.mali, "approved")));
const draftMali = (setup: Setup, f: Fixtures) => once("draft-mali", async () => JSON.stringify(await assessment(setup, f, "pcsaMali", f.mali, "draft")));
const draftHaiti = (setup: Setup, f: Fixtures) => once("draft-haiti", async () => JSON.stringify(await assessment(setup, f, "csfpHaiti", f.haiti, "draft")));
const parsed = async (value: Promise<string>) => JSON.parse(await value) as { id: string; activityKey: string };

const levels = { armed_conflict: 3, terrorism: 3, crime: 2, civil_unrest: 2, hazards: 1 };
const change = (setup: Setup, actor: SetupActor, placeId: string) => setup.as(actor, "POST", "/api/security-level-changes", { placeId, levels, overall: 3 }).then((created) => created.id);
// One area per workflow step, since an area holds one pending change at a time: Mali for new
// proposals, Bamako for approval, Mopti for rejection.
const bamakoChange = (setup: Setup, f: Fixtures) => once("bamako-change", () => change(setup, "pcsaMali", f.bamakoArea));
const moptiChange = (setup: Setup, f: Fixtures) => once("mopti-change", () => change(setup, "pcsaMali", f.moptiArea));
const haitiChange = (setup: Setup, f: Fixtures) => once("haiti-change", () => change(setup, "csfpHaiti", f.haiti));
/** The Bamako change once the DO has approved it (approved here if its own case has not run). */
async function approvedBamakoChange(setup: Setup, f: Fixtures) {
  const id = await bamakoChange(setup, f);
  const history = await setup.as<{ items: { id: string; status: string }[] }>("pcsaMali", "GET", `/api/places/${f.bamakoArea}/security-levels`);
  if (history.items.find((item) => item.id === id)?.status === "proposed") await setup.as("doMali", "POST", `/api/security-level-changes/${id}/approve`);
  return id;
}

export const riskDecisionRules: Record<string, RouteRule> = {
  // ----- Programme criticality ------------------------------------------------------------
  "GET /api/pc-assessments": {
    access: "programme.read",
    inScope: {
      name: "every rating in the caller's areas",
      request: async ({ f, setup }) => {
        await once("mali-rating", () => rating(setup, "pcsaMali", ratingBody(f, f.mali, "unicef")));
        return { query: { pageSize: "200" } };
      },
      expect: { ok: programmeReaders, forbidden: noProgrammeRead },
      check: itemsOutsideMali("placeId"),
    },
    outOfScope: {
      name: "the ratings of Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["analyst"], notFound: allBut("analyst", ...noProgrammeRead), forbidden: noProgrammeRead },
    },
  },
  "POST /api/pc-assessments": {
    access: "programme.update",
    inScope: {
      name: "a UNICEF rating in Mali",
      request: ({ f }) => ({ body: ratingBody(f, f.mali, "unicef") }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], forbidden: [...notProgrammeWriters, "sfpWfpMali"] },
      why: otherOrganisation,
    },
    outOfScope: {
      name: "a UNICEF rating in Haiti",
      request: ({ f }) => ({ body: ratingBody(f, f.haiti, "unicef") }),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: notProgrammeWriters },
      referenceField: "placeId",
    },
  },
  "GET /api/pc-assessments/:id": {
    access: "programme.read",
    inScope: {
      name: "a UNICEF rating of Mali",
      request: async ({ f, setup }) => ({ params: { id: await once("mali-rating", () => rating(setup, "pcsaMali", ratingBody(f, f.mali, "unicef"))) } }),
      expect: { ok: allBut("ascMopti", ...noProgrammeRead), notFound: ["ascMopti"], forbidden: noProgrammeRead },
    },
    outOfScope: {
      name: "a rating of Haiti",
      request: async ({ f, setup }) => ({ params: { id: await once("haiti-rating", () => rating(setup, "csfpHaiti", ratingBody(f, f.haiti, "unicef"))) } }),
      expect: { ok: ["analyst"], notFound: allBut("analyst", ...noProgrammeRead), forbidden: noProgrammeRead },
    },
    more: [
      {
        name: "a WFP rating of Mopti",
        request: async ({ f, setup }) => ({ params: { id: await once("mopti-rating", () => rating(setup, "pcsaMali", ratingBody(f, f.moptiArea, "wfp"))) } }),
        expect: { ok: programmeReaders, forbidden: noProgrammeRead },
      },
    ],
  },
  "PATCH /api/pc-assessments/:id": {
    access: "programme.update",
    inScope: {
      name: "a UNICEF rating of Mali",
      request: async ({ f, setup }) => ({ params: { id: await once("mali-rating", () => rating(setup, "pcsaMali", ratingBody(f, f.mali, "unicef"))) }, body: { rationale: "Revised." } }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], forbidden: [...notProgrammeWriters, "sfpWfpMali"] },
      why: otherOrganisation,
    },
    outOfScope: {
      name: "a rating of Haiti",
      request: async ({ f, setup }) => ({ params: { id: await once("haiti-rating", () => rating(setup, "csfpHaiti", ratingBody(f, f.haiti, "unicef"))) }, body: { rationale: "Revised." } }),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: notProgrammeWriters },
    },
  },
  "DELETE /api/pc-assessments/:id": {
    access: "programme.update",
    inScope: {
      name: "a new UNICEF rating of Mali",
      request: async ({ f, setup }) => ({ params: { id: await rating(setup, "pcsaMali", ratingBody(f, f.mali, "unicef")) } }),
      expect: { ok: ["pcsaMali", "repUnicefMali"], forbidden: [...notProgrammeWriters, "sfpWfpMali"] },
      why: otherOrganisation,
    },
    outOfScope: {
      name: "a new rating of Haiti",
      request: async ({ f, setup }) => ({ params: { id: await rating(setup, "csfpHaiti", ratingBody(f, f.haiti, "unicef")) } }),
      expect: { notFound: ["pcsaMali", "repUnicefMali", "sfpWfpMali"], forbidden: notProgrammeWriters },
    },
  },

  // ----- Acceptable risk ------------------------------------------------------------------
  "GET /api/srm-assessments/:id/acceptable-risk": {
    access: "srm.read",
    inScope: {
      name: "the board of an approved Mali assessment",
      request: async ({ f, setup }) => ({ params: { id: (await parsed(approvedMali(setup, f))).id } }),
      expect: { ok: allBut("ascMopti", ...noProgrammeRead), notFound: ["ascMopti"], forbidden: noProgrammeRead },
    },
    outOfScope: {
      name: "the board of a Haiti assessment",
      request: async ({ f, setup }) => ({ params: { id: (await parsed(draftHaiti(setup, f))).id } }),
      expect: { ok: ["analyst"], notFound: allBut("analyst", ...noProgrammeRead), forbidden: noProgrammeRead },
    },
  },
  "POST /api/srm-assessments/:id/acceptances": {
    access: "risk.accept",
    inScope: {
      name: "the DO accepts the High risk of a PC2 activity of Mali",
      request: async ({ f, setup }) => {
        const { id, activityKey } = await parsed(approvedMali(setup, f));
        // A new rating each time, so that the activity needs an acceptance again.
        await rating(setup, "pcsaMali", ratingBody(f, f.mali, "unicef", { activityKey }));
        return { params: { id }, body: { activityKey, reason: "Accepted after consulting the SMT." } };
      },
      expect: { ok: ["doMali"], forbidden: allBut("doMali") },
    },
    outOfScope: {
      name: "an activity of a Haiti assessment",
      request: async ({ f, setup }) => {
        const { id, activityKey } = await parsed(draftHaiti(setup, f));
        return { params: { id }, body: { activityKey, reason: "Accepted after consulting the SMT." } };
      },
      expect: { notFound: ["doMali"], forbidden: allBut("doMali") },
    },
    more: [
      {
        name: "an activity of a Mali draft",
        request: async ({ f, setup }) => {
          const { id, activityKey } = await parsed(draftMali(setup, f));
          return { params: { id }, body: { activityKey, reason: "Accepted after consulting the SMT." } };
        },
        expect: { conflict: ["doMali"], forbidden: allBut("doMali") },
        why: "risks are accepted on an approved assessment version only (409 on a draft)",
      },
    ],
  },
  "GET /api/risk-acceptances": {
    access: "programme.read",
    inScope: {
      name: "the acceptances in the caller's areas",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: programmeReaders, forbidden: noProgrammeRead },
      check: itemsOutsideMali("placeId"),
    },
    outOfScope: {
      name: "the acceptances of Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["analyst"], notFound: allBut("analyst", ...noProgrammeRead), forbidden: noProgrammeRead },
    },
  },

  // ----- Security Level System ------------------------------------------------------------
  "GET /api/security-levels": {
    access: "security_level.read",
    inScope: { name: "the levels in force everywhere", request: () => ({}), expect: { ok: everyone } },
    outOfScope: { notApplicable: "levels in force are for everyone signed in (travellers need them): no area is out of scope" },
  },
  "GET /api/places/:placeId/security-levels": {
    access: "security_level.read",
    inScope: { name: "the history of Mali", request: ({ f }) => ({ params: { placeId: f.mali } }), expect: { ok: everyone } },
    outOfScope: { name: "the history of Haiti (levels are for everyone)", request: ({ f }) => ({ params: { placeId: f.haiti } }), expect: { ok: everyone } },
  },
  "POST /api/security-level-changes": {
    access: "security_level.propose",
    inScope: {
      name: "new levels for Mali",
      request: ({ f }) => ({ body: { placeId: f.mali, levels, overall: 3 } }),
      expect: { ok: ["pcsaMali"], forbidden: allBut("pcsaMali") },
    },
    outOfScope: {
      name: "new levels for Haiti",
      request: ({ f }) => ({ body: { placeId: f.haiti, levels, overall: 3 } }),
      expect: { notFound: ["pcsaMali"], forbidden: allBut("pcsaMali") },
      referenceField: "placeId",
    },
  },
  "POST /api/security-level-changes/:id/approve": {
    access: "security_level.approve",
    inScope: {
      name: "a change proposed for Bamako Security Area",
      request: async ({ f, setup }) => ({ params: { id: await bamakoChange(setup, f) } }),
      expect: { ok: ["doMali"], forbidden: allBut("doMali") },
    },
    outOfScope: {
      name: "a change proposed for Haiti",
      request: async ({ f, setup }) => ({ params: { id: await haitiChange(setup, f) } }),
      expect: { notFound: ["doMali"], forbidden: allBut("doMali") },
    },
    more: [
      {
        name: "a change the DO has approved already",
        request: async ({ f, setup }) => ({ params: { id: await approvedBamakoChange(setup, f) } }),
        expect: { conflict: ["doMali"], forbidden: allBut("doMali") },
        why: "only a proposed change can be approved (409)",
      },
    ],
  },
  "POST /api/security-level-changes/:id/endorse": {
    access: "security_level.endorse",
    inScope: {
      name: "a change of Bamako Security Area approved by the DO (only the desk officer, not among the callers, endorses)",
      request: async ({ f, setup }) => ({ params: { id: await approvedBamakoChange(setup, f) } }),
      expect: { forbidden: everyone },
      fuzzAs: "deskMali",
    },
    outOfScope: {
      name: "a change proposed for Haiti",
      request: async ({ f, setup }) => ({ params: { id: await haitiChange(setup, f) } }),
      expect: { forbidden: everyone },
    },
  },
  "POST /api/security-level-changes/:id/reject": {
    access: "security_level.reject",
    inScope: {
      name: "a change proposed for Mopti Security Area",
      request: async ({ f, setup }) => ({ params: { id: await moptiChange(setup, f) }, body: { reason: "Not supported by the incident data." } }),
      expect: { ok: ["doMali"], forbidden: allBut("doMali") },
    },
    outOfScope: {
      name: "a change proposed for Haiti",
      request: async ({ f, setup }) => ({ params: { id: await haitiChange(setup, f) }, body: { reason: "Not supported by the incident data." } }),
      expect: { notFound: ["doMali"], forbidden: allBut("doMali") },
    },
    more: [
      {
        name: "a change the DO has approved (UNDSS rejects it now)",
        request: async ({ f, setup }) => ({ params: { id: await approvedBamakoChange(setup, f) }, body: { reason: "Not supported by the incident data." } }),
        expect: { forbidden: everyone },
        why: "once the DO has approved a change, only UNDSS (the desk officer) may reject it",
      },
    ],
  },
};
