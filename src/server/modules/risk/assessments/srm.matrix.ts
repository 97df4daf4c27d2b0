import { addDays } from "../../../../core/appointments/continuity.ts";
import { unSrmMatrix } from "../../../../core/risk/risk-matrices.data.ts";
import type { Caller, Fixtures, MatrixUser, Setup, SetupActor } from "../../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, globalOnly, itemsOutsideMali } from "../../../authorization/matrix-rules.ts";

/**
 * The authorization table: risk matrices and SRM assessments. Matrices are reference data every
 * signed-in user reads and the system administrator keeps. Assessments belong to an area: its
 * leaders, security professionals and organisations read them; the P/C/SA and the ASC draft
 * them; only the area's DO approves. In scope: an assessment of Mopti Security Area (in Mali,
 * so the P/C/SA, the DO and the organisations of Mali cover it too); out of scope: one of Haiti,
 * drafted by its CSFP (Haiti has no DO in force, so none of its assessments is approved).
 * A route that changes a record's state gets a fresh record for each caller it succeeds for.
 */
const allBut = (...kept: Caller[]) => everyone.filter((user) => !kept.includes(user));
const readers: MatrixUser[] = ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"];
const maliReaders: MatrixUser[] = ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"];
const nonReaders: MatrixUser[] = ["admin", "wardenBamako", "staff"];
const drafters: MatrixUser[] = ["pcsaMali", "ascMopti"];
const nonDrafters = allBut(...drafters);
const approvedIsImmutable = "an approved assessment is immutable: every write answers 409 (a new version is made instead)";

// ----- Records, made once per run (per caller where the route changes their state) --------

const records = new WeakMap<Fixtures, Map<string, Promise<string>>>();
function once(f: Fixtures, name: string, make: () => Promise<string>): Promise<string> {
  const cache = records.get(f) ?? new Map<string, Promise<string>>();
  records.set(f, cache);
  if (!cache.has(name)) cache.set(name, make());
  return cache.get(name) as Promise<string>;
}
/** A fresh record for a caller the route succeeds for; one shared record for the others. */
const freshFor = (okCallers: readonly Caller[], caller: Caller, f: Fixtures, name: string, make: () => Promise<string>) =>
  okCallers.includes(caller) ? make() : once(f, name, make);

const assessmentBody = (f: Fixtures, placeId: string) => ({
  placeId,
  title: "Matrix SRM assessment",
  periodFrom: f.today,
  periodTo: addDays(f.today, 365),
  reviewDueOn: addDays(f.today, 180),
});
const scenarioBody = {
  threatCategory: "crime",
  title: "Carjacking on the way to the office",
  exposed: ["people", "assets"],
  inherentLikelihood: 3,
  inherentImpact: 4,
  residualLikelihood: 2,
  residualImpact: 3,
  strategies: ["control"],
};
const activitiesBody = (f: Fixtures) => ({ items: [{ organisationId: f.wfp, name: "Food distribution" }] });
const threatsBody = { items: [{ category: "crime", intent: 3, capability: 3, inhibitingContext: 2, narrative: "Armed robbery at night." }] };
const approvalBody = (f: Fixtures) => ({ smtConsultedOn: f.today });

type Stage = "draft" | "in_review" | "approved";
const inMopti = (f: Fixtures): [SetupActor, string] => ["pcsaMali", f.moptiArea];
const inHaiti = (f: Fixtures): [SetupActor, string] => ["csfpHaiti", f.haiti];

/** An assessment with one scenario, brought to `stage` (approval by the DO of Mali: Mali only). */
async function assessment(setup: Setup, f: Fixtures, [actor, placeId]: [SetupActor, string], stage: Stage): Promise<string> {
  const { id } = await setup.as(actor, "POST", "/api/srm-assessments", assessmentBody(f, placeId));
  await setup.as(actor, "POST", `/api/srm-assessments/${id}/scenarios`, scenarioBody);
  if (stage === "draft") return id;
  await setup.as(actor, "POST", `/api/srm-assessments/${id}/submit`);
  if (stage === "approved") await setup.as("doMali", "POST", `/api/srm-assessments/${id}/approve`, approvalBody(f));
  return id;
}
async function scenarioOf(setup: Setup, actor: SetupActor, assessmentId: string): Promise<string> {
  const detail = await setup.as<{ scenarios: { id: string }[] }>(actor, "POST", `/api/srm-assessments/${assessmentId}/scenarios`, scenarioBody);
  return detail.scenarios.at(-1)?.id as string;
}

const mopti = (f: Fixtures, setup: Setup, stage: Stage = "draft") => once(f, `mopti-${stage}`, () => assessment(setup, f, inMopti(f), stage));
const haiti = (f: Fixtures, setup: Setup, stage: Exclude<Stage, "approved"> = "draft") => once(f, `haiti-${stage}`, () => assessment(setup, f, inHaiti(f), stage));

async function defaultMatrixId(setup: Setup): Promise<string> {
  const list = await setup.as<{ items: { id: string; isDefault: boolean }[] }>("admin", "GET", "/api/risk-matrices");
  return list.items.find((item) => item.isDefault)?.id as string;
}
let matrixCounter = 0;
// A definition without code or version: the code is given on creation and kept by every version.
const { version: _, code: __, ...shippedMatrix } = unSrmMatrix;
const matrixBody = () => {
  matrixCounter += 1;
  return { ...shippedMatrix, code: `matrix_case_${matrixCounter}` };
};
const newMatrix = async (setup: Setup) => (await setup.as("admin", "POST", "/api/risk-matrices", matrixBody())).id;

export const riskSrmRules: Record<string, RouteRule> = {
  // ----- Risk matrices ----------------------------------------------------------------------
  "GET /api/risk-matrices": {
    access: "risk_matrix.read",
    inScope: { name: "the matrix library", request: () => ({}), expect: { ok: everyone } },
    outOfScope: { notApplicable: globalOnly },
  },
  "GET /api/risk-matrices/:id": {
    access: "risk_matrix.read",
    inScope: { name: "the default matrix", request: async ({ setup }) => ({ params: { id: await defaultMatrixId(setup) } }), expect: { ok: everyone } },
    outOfScope: { notApplicable: globalOnly },
  },
  "POST /api/risk-matrices": {
    access: "risk_matrix.manage",
    inScope: { name: "a new matrix", request: () => ({ body: matrixBody() }), expect: { ok: ["admin"], forbidden: allBut("admin") } },
    outOfScope: { notApplicable: globalOnly },
  },
  "PUT /api/risk-matrices/:id": {
    access: "risk_matrix.manage",
    inScope: {
      name: "an unused matrix, edited in place",
      request: async ({ f, caller, setup }) => ({
        params: { id: await freshFor(["admin"], caller, f, "matrix-unused", () => newMatrix(setup)) },
        body: { ...shippedMatrix, name: { en: "Edited", fr: "Modifiée" } },
      }),
      expect: { ok: ["admin"], forbidden: allBut("admin") },
    },
    outOfScope: { notApplicable: globalOnly },
    more: [
      {
        name: "a matrix frozen by an approved assessment (a new version)",
        request: async ({ f, setup }) => {
          const id = await once(f, "matrix-frozen", async () => {
            const matrixId = await newMatrix(setup);
            const created = await setup.as("pcsaMali", "POST", "/api/srm-assessments", { ...assessmentBody(f, f.moptiArea), matrixId });
            await setup.as("pcsaMali", "POST", `/api/srm-assessments/${created.id}/scenarios`, scenarioBody);
            await setup.as("pcsaMali", "POST", `/api/srm-assessments/${created.id}/submit`);
            await setup.as("doMali", "POST", `/api/srm-assessments/${created.id}/approve`, approvalBody(f));
            return matrixId;
          });
          return { params: { id }, body: shippedMatrix };
        },
        expect: { ok: ["admin"], forbidden: allBut("admin") },
        check: (_caller, response) => (response.statusCode === 201 && response.json().createdVersion ? undefined : "did not make a new version"),
      },
    ],
  },
  "POST /api/risk-matrices/:id/default": {
    access: "risk_matrix.manage",
    // The default stays the UN SRM matrix, so other cases' assessments keep their scales.
    inScope: { name: "the default matrix again", request: async ({ setup }) => ({ params: { id: await defaultMatrixId(setup) } }), expect: { ok: ["admin"], forbidden: allBut("admin") } },
    outOfScope: { notApplicable: globalOnly },
  },

  // ----- Assessments ------------------------------------------------------------------------
  "GET /api/srm-assessments": {
    access: "srm.read",
    inScope: {
      name: "every assessment in the caller's scope",
      request: async ({ f, setup }) => {
        await Promise.all([mopti(f, setup), haiti(f, setup)]);
        return { query: { pageSize: "200", allVersions: "true" } };
      },
      expect: { ok: readers, forbidden: nonReaders },
      check: itemsOutsideMali("placeId"),
    },
    outOfScope: {
      name: "the assessments of Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["analyst"], notFound: maliReaders, forbidden: nonReaders },
    },
  },
  "POST /api/srm-assessments": {
    access: "srm.update",
    inScope: { name: "an assessment of Mopti Security Area", request: ({ f }) => ({ body: assessmentBody(f, f.moptiArea) }), expect: { ok: drafters, forbidden: nonDrafters } },
    outOfScope: {
      name: "an assessment of Haiti",
      request: ({ f }) => ({ body: assessmentBody(f, f.haiti) }),
      expect: { notFound: drafters, forbidden: nonDrafters },
      referenceField: "placeId",
    },
    more: [
      {
        name: "an assessment of the Mali Designated Area",
        request: ({ f }) => ({ body: assessmentBody(f, f.mali) }),
        expect: { ok: ["pcsaMali"], notFound: ["ascMopti"], forbidden: nonDrafters },
        referenceField: "placeId",
      },
    ],
  },
  "GET /api/srm-assessments/:id": {
    access: "srm.read",
    inScope: { name: "a Mopti assessment", request: async ({ f, setup }) => ({ params: { id: await mopti(f, setup) } }), expect: { ok: readers, forbidden: nonReaders } },
    outOfScope: {
      name: "a Haiti assessment",
      request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup) } }),
      expect: { ok: ["analyst"], notFound: maliReaders, forbidden: nonReaders },
    },
    more: [
      {
        name: "an assessment of the Mali Designated Area",
        request: async ({ f, setup }) => ({ params: { id: await once(f, "mali-draft", () => assessment(setup, f, ["pcsaMali", f.mali], "draft")) } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: nonReaders },
      },
    ],
  },
  "PATCH /api/srm-assessments/:id": {
    access: "srm.update",
    inScope: { name: "a Mopti draft", request: async ({ f, setup }) => ({ params: { id: await mopti(f, setup) }, body: { summary: "Revised" } }), expect: { ok: drafters, forbidden: nonDrafters } },
    outOfScope: {
      name: "a Haiti draft",
      request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup) }, body: { summary: "Revised" } }),
      expect: { notFound: drafters, forbidden: nonDrafters },
    },
    more: [
      {
        name: "an approved Mopti assessment",
        request: async ({ f, setup }) => ({ params: { id: await mopti(f, setup, "approved") }, body: { summary: "Revised" } }),
        expect: { conflict: drafters, forbidden: nonDrafters },
        why: approvedIsImmutable,
      },
    ],
  },
  "DELETE /api/srm-assessments/:id": {
    access: "srm.update",
    inScope: {
      name: "a Mopti draft",
      request: async ({ f, caller, setup }) => ({ params: { id: await freshFor(drafters, caller, f, "mopti-to-delete", () => assessment(setup, f, inMopti(f), "draft")) } }),
      expect: { ok: drafters, forbidden: nonDrafters },
    },
    outOfScope: { name: "a Haiti draft", request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup) } }), expect: { notFound: drafters, forbidden: nonDrafters } },
  },
  "PUT /api/srm-assessments/:id/activities": {
    access: "srm.update",
    inScope: { name: "the activities of a Mopti draft", request: async ({ f, setup }) => ({ params: { id: await mopti(f, setup) }, body: activitiesBody(f) }), expect: { ok: drafters, forbidden: nonDrafters } },
    outOfScope: {
      name: "the activities of a Haiti draft",
      request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup) }, body: activitiesBody(f) }),
      expect: { notFound: drafters, forbidden: nonDrafters },
    },
  },
  "PUT /api/srm-assessments/:id/threats": {
    access: "srm.update",
    inScope: { name: "the threats of a Mopti draft", request: async ({ f, setup }) => ({ params: { id: await mopti(f, setup) }, body: threatsBody }), expect: { ok: drafters, forbidden: nonDrafters } },
    outOfScope: {
      name: "the threats of a Haiti draft",
      request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup) }, body: threatsBody }),
      expect: { notFound: drafters, forbidden: nonDrafters },
    },
  },
  "POST /api/srm-assessments/:id/scenarios": {
    access: "srm.update",
    inScope: { name: "a scenario of a Mopti draft", request: async ({ f, setup }) => ({ params: { id: await mopti(f, setup) }, body: scenarioBody }), expect: { ok: drafters, forbidden: nonDrafters } },
    outOfScope: {
      name: "a scenario of a Haiti draft",
      request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup) }, body: scenarioBody }),
      expect: { notFound: drafters, forbidden: nonDrafters },
    },
  },
  "PATCH /api/srm-scenarios/:id": {
    access: "srm.update",
    inScope: {
      name: "a scenario of a Mopti draft",
      request: async ({ f, setup }) => ({ params: { id: await once(f, "mopti-scenario", async () => scenarioOf(setup, "pcsaMali", await mopti(f, setup))) }, body: { residualImpact: 2 } }),
      expect: { ok: drafters, forbidden: nonDrafters },
    },
    outOfScope: {
      name: "a scenario of a Haiti draft",
      request: async ({ f, setup }) => ({ params: { id: await once(f, "haiti-scenario", async () => scenarioOf(setup, "csfpHaiti", await haiti(f, setup))) }, body: { residualImpact: 2 } }),
      expect: { notFound: drafters, forbidden: nonDrafters },
    },
  },
  "DELETE /api/srm-scenarios/:id": {
    access: "srm.update",
    inScope: {
      name: "a scenario of a Mopti draft",
      request: async ({ f, caller, setup }) => {
        const draft = await mopti(f, setup);
        return { params: { id: await freshFor(drafters, caller, f, "mopti-scenario-kept", () => scenarioOf(setup, "pcsaMali", draft)) } };
      },
      expect: { ok: drafters, forbidden: nonDrafters },
    },
    outOfScope: {
      name: "a scenario of a Haiti draft",
      request: async ({ f, setup }) => ({ params: { id: await once(f, "haiti-scenario", async () => scenarioOf(setup, "csfpHaiti", await haiti(f, setup))) } }),
      expect: { notFound: drafters, forbidden: nonDrafters },
    },
  },
  "POST /api/srm-assessments/:id/submit": {
    access: "srm.update",
    inScope: {
      name: "a Mopti draft",
      request: async ({ f, caller, setup }) => ({ params: { id: await freshFor(drafters, caller, f, "mopti-to-submit", () => assessment(setup, f, inMopti(f), "draft")) } }),
      expect: { ok: drafters, forbidden: nonDrafters },
    },
    outOfScope: { name: "a Haiti draft", request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup) } }), expect: { notFound: drafters, forbidden: nonDrafters } },
  },
  "POST /api/srm-assessments/:id/return": {
    access: "srm.update",
    inScope: {
      name: "a Mopti assessment in review",
      request: async ({ f, caller, setup }) => ({ params: { id: await freshFor(drafters, caller, f, "mopti-to-return", () => assessment(setup, f, inMopti(f), "in_review")) } }),
      expect: { ok: drafters, forbidden: nonDrafters },
    },
    outOfScope: {
      name: "a Haiti assessment in review",
      request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup, "in_review") } }),
      expect: { notFound: drafters, forbidden: nonDrafters },
    },
  },
  "POST /api/srm-assessments/:id/approve": {
    access: "srm.approve",
    inScope: {
      name: "a Mopti assessment in review",
      request: async ({ f, caller, setup }) => ({
        params: { id: await freshFor(["doMali"], caller, f, "mopti-to-approve", () => assessment(setup, f, inMopti(f), "in_review")) },
        body: approvalBody(f),
      }),
      expect: { ok: ["doMali"], forbidden: allBut("doMali") },
    },
    outOfScope: {
      name: "a Haiti assessment in review",
      request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup, "in_review") }, body: approvalBody(f) }),
      expect: { notFound: ["doMali"], forbidden: allBut("doMali") },
    },
    more: [
      {
        name: "an approved Mopti assessment",
        request: async ({ f, setup }) => ({ params: { id: await mopti(f, setup, "approved") }, body: approvalBody(f) }),
        expect: { conflict: ["doMali"], forbidden: allBut("doMali") },
        why: approvedIsImmutable,
      },
    ],
  },
  "POST /api/srm-assessments/:id/return-for-revision": {
    access: "srm.approve",
    inScope: {
      name: "a Mopti assessment in review",
      request: async ({ f, caller, setup }) => ({
        params: { id: await freshFor(["doMali"], caller, f, "mopti-to-send-back", () => assessment(setup, f, inMopti(f), "in_review")) },
        body: { reason: "The road-mission scenarios lack the rainy season." },
      }),
      expect: { ok: ["doMali"], forbidden: allBut("doMali") },
    },
    outOfScope: {
      name: "a Haiti assessment in review",
      request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup, "in_review") }, body: { reason: "The road-mission scenarios lack the rainy season." } }),
      expect: { notFound: ["doMali"], forbidden: allBut("doMali") },
    },
  },
  "POST /api/srm-assessments/:id/versions": {
    access: "srm.update",
    inScope: {
      name: "an approved Mopti assessment",
      request: async ({ f, caller, setup }) => ({ params: { id: await freshFor(drafters, caller, f, "mopti-to-revise", () => assessment(setup, f, inMopti(f), "approved")) } }),
      expect: { ok: drafters, forbidden: nonDrafters },
    },
    // Haiti has no DO to approve one: its draft answers like a missing record all the same.
    outOfScope: { name: "a Haiti assessment", request: async ({ f, setup }) => ({ params: { id: await haiti(f, setup) } }), expect: { notFound: drafters, forbidden: nonDrafters } },
  },
  "GET /api/srm-assessments/:id/diff": {
    access: "srm.read",
    inScope: {
      name: "version 2 of a Mopti assessment against version 1",
      request: async ({ f, setup }) => {
        const v1 = await once(f, "mopti-v1", () => assessment(setup, f, inMopti(f), "approved"));
        const v2 = await once(f, "mopti-v2", async () => (await setup.as("pcsaMali", "POST", `/api/srm-assessments/${v1}/versions`)).id);
        return { params: { id: v2 }, query: { against: v1 } };
      },
      expect: { ok: readers, forbidden: nonReaders },
    },
    outOfScope: {
      name: "a Haiti assessment against itself",
      request: async ({ f, setup }) => {
        const id = await haiti(f, setup);
        return { params: { id }, query: { against: id } };
      },
      expect: { ok: ["analyst"], notFound: maliReaders, forbidden: nonReaders },
    },
  },
};
