import { type Caller, type Fixtures, type MatrixUser, type Response, type Setup, type SetupActor, textAttachment } from "../../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, itemsOutsideMali, maliScoped } from "../../../authorization/matrix-rules.ts";

/**
 * The authorization table: SRM measures. Everyone who reads an area's measures (measure.read)
 * sees all of them; the P/C/SA and the ASC change any measure of their area, a representative or
 * an organisation focal point only their own organisation's (never a baseline or area measure),
 * and the DO and the global analyst read only. The cross-country view (measure.compare) shows
 * implemented measures of every area, whatever the caller's scope.
 * The records (made once per run through the API): an area measure of Mopti Security Area, a
 * baseline measure of Mali, a UNICEF and a WFP measure of Mali, an area measure of Haiti (by its
 * CSFP) and an implemented one there, with an evidence file on the Mopti and Haiti measures.
 */
const allBut = (...kept: Caller[]) => everyone.filter((user) => !kept.includes(user));
const readers: MatrixUser[] = ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"];
const nonReaders: MatrixUser[] = ["admin", "wardenBamako", "staff"];
const maliReaders: MatrixUser[] = ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"];
const updaters: MatrixUser[] = ["pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"];
const notUpdaters: MatrixUser[] = ["admin", "analyst", "doMali", "wardenBamako", "staff"];

const areaMeasureIsNotTheirs =
  "a representative or organisation focal point changes only measures of their own organisation, never a baseline or area measure (403 on a measure they can read)";
const otherOrganisation = "an organisation-scoped grant covers only its own organisation's measures: UNICEF's representative may not change WFP's, nor WFP's focal point UNICEF's";

type MeasureRecords = {
  mopti: string;
  maliBaseline: string;
  unicef: string;
  wfp: string;
  haiti: string;
  haitiImplemented: string;
  moptiFile: string;
  haitiFile: string;
};

export function measureBody(placeId: string, title: string, overrides: Record<string, unknown> = {}) {
  return { kind: "area", placeId, category: "telecoms", title, ownerName: "Radio officer", dueOn: "2030-06-30", ...overrides };
}

const created = new WeakMap<Fixtures, Promise<MeasureRecords>>();
const resolved = new WeakMap<Fixtures, MeasureRecords>();

async function createRecords(f: Fixtures, setup: Setup): Promise<MeasureRecords> {
  const make = async (actor: SetupActor, placeId: string, overrides: Record<string, unknown> = {}) =>
    (await setup.as(actor, "POST", "/api/srm-measures", measureBody(placeId, setup.unique("Matrix measure"), overrides))).id;
  const records: MeasureRecords = {
    mopti: await make("pcsaMali", f.moptiArea),
    maliBaseline: await make("pcsaMali", f.mali, { kind: "baseline", category: "medical" }),
    unicef: await make("pcsaMali", f.mali, { kind: "organisation", organisationId: f.unicef, category: "vehicles" }),
    wfp: await make("pcsaMali", f.mali, { kind: "organisation", organisationId: f.wfp, category: "premises" }),
    haiti: await make("csfpHaiti", f.haiti),
    haitiImplemented: await make("csfpHaiti", f.haiti, {
      status: "implemented",
      implementedOn: f.today,
      effectiveness: 4,
      costAmount: 1200,
      costCurrency: "HTG",
      dueOn: f.today,
    }),
    moptiFile: "",
    haitiFile: "",
  };
  records.moptiFile = (await setup.upload<{ fileId: string }>("pcsaMali", `/api/srm-measures/${records.mopti}/evidence`, textAttachment)).fileId;
  records.haitiFile = (await setup.upload<{ fileId: string }>("csfpHaiti", `/api/srm-measures/${records.haiti}/evidence`, textAttachment)).fileId;
  resolved.set(f, records);
  return records;
}

/** The shared records, made on first use. */
function records(f: Fixtures, setup: Setup): Promise<MeasureRecords> {
  let found = created.get(f);
  if (!found) {
    found = createRecords(f, setup);
    created.set(f, found);
  }
  return found;
}

/** A fresh measure, for a case that deletes one (once per caller). */
async function freshMeasure(setup: Setup, actor: SetupActor, placeId: string, overrides: Record<string, unknown> = {}) {
  return (await setup.as(actor, "POST", "/api/srm-measures", measureBody(placeId, setup.unique("Matrix measure to delete"), overrides))).id;
}

async function freshEvidence(setup: Setup, actor: SetupActor, placeId: string) {
  const measureId = await freshMeasure(setup, actor, placeId);
  const file = await setup.upload<{ fileId: string }>(actor, `/api/srm-measures/${measureId}/evidence`, textAttachment);
  return { id: measureId, fileId: file.fileId };
}

function csvWithoutHaiti(caller: Caller, response: Response, f: Fixtures) {
  if (!String(response.headers["content-type"]).startsWith("text/csv")) return `answers ${response.headers["content-type"]}`;
  const haiti = resolved.get(f)?.haiti as string;
  if (maliScoped.includes(caller) && response.body.includes(haiti)) return "exports a measure of Haiti";
  return response.body.includes(resolved.get(f)?.mopti as string) ? undefined : "does not export the Mopti measure";
}

function comparesAcrossCountries(_caller: Caller, response: Response, f: Fixtures) {
  const items = response.json().items as { id: string; ownerName?: string }[];
  if (items.some((item) => "ownerName" in item)) return "shows the owner's name";
  return items.some((item) => item.id === resolved.get(f)?.haitiImplemented) ? undefined : "does not show the implemented measure of Haiti";
}

const isStatement = (_caller: Caller, response: Response) =>
  response.body === textAttachment.content ? undefined : `answers ${response.headers["content-type"]} ${response.body.slice(0, 80)}`;

export const riskMeasureRules: Record<string, RouteRule> = {
  "GET /api/srm-measures": {
    access: "measure.read",
    inScope: {
      name: "every measure of the caller's areas",
      request: async ({ f, setup }) => {
        await records(f, setup);
        return { query: { pageSize: "200" } };
      },
      expect: { ok: readers, forbidden: nonReaders },
      check: itemsOutsideMali("placeId"),
    },
    outOfScope: {
      name: "the measures of Haiti",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["analyst"], notFound: maliReaders, forbidden: nonReaders },
    },
  },
  "POST /api/srm-measures": {
    access: "measure.update",
    inScope: {
      name: "an area measure of Mopti Security Area",
      request: ({ f, setup }) => ({ body: measureBody(f.moptiArea, setup.unique("Matrix new measure")) }),
      expect: { ok: ["pcsaMali", "ascMopti"], forbidden: allBut("pcsaMali", "ascMopti") },
      why: areaMeasureIsNotTheirs,
    },
    outOfScope: {
      name: "an area measure of Haiti",
      request: ({ f, setup }) => ({ body: measureBody(f.haiti, setup.unique("Matrix new measure")) }),
      expect: { notFound: updaters, forbidden: notUpdaters },
      referenceField: "placeId",
    },
    more: [
      {
        name: "a UNICEF measure of Mali",
        request: ({ f, setup }) => ({ body: measureBody(f.mali, setup.unique("Matrix UNICEF measure"), { kind: "organisation", organisationId: f.unicef }) }),
        expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["ascMopti"], forbidden: [...notUpdaters, "sfpWfpMali"] },
        why: otherOrganisation,
      },
    ],
  },
  "GET /api/srm-measures/export.csv": {
    access: "measure.read",
    inScope: {
      name: "the measures of the caller's areas as CSV",
      request: async ({ f, setup }) => {
        await records(f, setup);
        return {};
      },
      expect: { ok: readers, forbidden: nonReaders },
      check: csvWithoutHaiti,
    },
    outOfScope: {
      name: "the measures of Haiti as CSV",
      request: ({ f }) => ({ query: { placeId: f.haiti } }),
      expect: { ok: ["analyst"], notFound: maliReaders, forbidden: nonReaders },
    },
  },
  "GET /api/srm-measures/compare": {
    access: "measure.compare",
    inScope: {
      name: "implemented measures of every country",
      request: async ({ f, setup }) => {
        await records(f, setup);
        return { query: { pageSize: "200" } };
      },
      expect: { ok: readers, forbidden: nonReaders },
      check: comparesAcrossCountries,
    },
    outOfScope: { notApplicable: "the cross-country view is deliberately not limited to the caller's areas: it shows every area's implemented measures, without anyone's personal data" },
  },
  "GET /api/srm-measures/:id": {
    access: "measure.read",
    inScope: {
      name: "an area measure of Mopti",
      request: async ({ f, setup }) => ({ params: { id: (await records(f, setup)).mopti } }),
      expect: { ok: readers, forbidden: nonReaders },
    },
    outOfScope: {
      name: "an area measure of Haiti",
      request: async ({ f, setup }) => ({ params: { id: (await records(f, setup)).haiti } }),
      expect: { ok: ["analyst"], notFound: maliReaders, forbidden: nonReaders },
    },
    more: [
      {
        name: "a baseline measure of Mali (above the ASC of Mopti)",
        request: async ({ f, setup }) => ({ params: { id: (await records(f, setup)).maliBaseline } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: nonReaders },
      },
    ],
  },
  "PATCH /api/srm-measures/:id": {
    access: "measure.update",
    inScope: {
      name: "an area measure of Mopti",
      request: async ({ f, setup }) => ({ params: { id: (await records(f, setup)).mopti }, body: { status: "in_progress" } }),
      expect: { ok: ["pcsaMali", "ascMopti"], forbidden: allBut("pcsaMali", "ascMopti") },
      why: areaMeasureIsNotTheirs,
    },
    outOfScope: {
      name: "an area measure of Haiti",
      request: async ({ f, setup }) => ({ params: { id: (await records(f, setup)).haiti }, body: { status: "in_progress" } }),
      expect: { notFound: updaters, forbidden: notUpdaters },
    },
    more: [
      {
        name: "a WFP measure of Mali",
        request: async ({ f, setup }) => ({ params: { id: (await records(f, setup)).wfp }, body: { ownerName: "WFP field security officer" } }),
        expect: { ok: ["pcsaMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: [...notUpdaters, "repUnicefMali"] },
        why: otherOrganisation,
      },
      {
        name: "a UNICEF measure of Mali",
        request: async ({ f, setup }) => ({ params: { id: (await records(f, setup)).unicef }, body: { ownerName: "UNICEF security associate" } }),
        expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["ascMopti"], forbidden: [...notUpdaters, "sfpWfpMali"] },
        why: otherOrganisation,
      },
    ],
  },
  "DELETE /api/srm-measures/:id": {
    access: "measure.update",
    inScope: {
      name: "an area measure of Mopti",
      request: async ({ f, setup }) => ({ params: { id: await freshMeasure(setup, "pcsaMali", f.moptiArea) } }),
      expect: { ok: ["pcsaMali", "ascMopti"], forbidden: allBut("pcsaMali", "ascMopti") },
      why: areaMeasureIsNotTheirs,
    },
    outOfScope: {
      name: "an area measure of Haiti",
      request: async ({ f, setup }) => ({ params: { id: await freshMeasure(setup, "csfpHaiti", f.haiti) } }),
      expect: { notFound: updaters, forbidden: notUpdaters },
    },
    more: [
      {
        name: "a UNICEF measure of Mali",
        request: async ({ f, setup }) => ({ params: { id: await freshMeasure(setup, "pcsaMali", f.mali, { kind: "organisation", organisationId: f.unicef }) } }),
        expect: { ok: ["pcsaMali", "repUnicefMali"], notFound: ["ascMopti"], forbidden: [...notUpdaters, "sfpWfpMali"] },
        why: otherOrganisation,
      },
    ],
  },
  "POST /api/srm-measures/:id/evidence": {
    access: "measure.update",
    inScope: {
      name: "evidence for an area measure of Mopti",
      request: async ({ f, setup }) => ({ params: { id: await freshMeasure(setup, "pcsaMali", f.moptiArea) }, multipart: textAttachment }),
      expect: { ok: ["pcsaMali", "ascMopti"], forbidden: allBut("pcsaMali", "ascMopti") },
      why: areaMeasureIsNotTheirs,
      check: (_caller, response) => (response.json().name === "statement.txt" ? undefined : `answers ${response.body}`),
    },
    outOfScope: {
      name: "evidence for an area measure of Haiti",
      request: async ({ f, setup }) => ({ params: { id: (await records(f, setup)).haiti }, multipart: textAttachment }),
      expect: { notFound: updaters, forbidden: notUpdaters },
    },
    more: [
      {
        name: "evidence for a WFP measure of Mali",
        request: async ({ f, setup }) => ({ params: { id: await freshMeasure(setup, "pcsaMali", f.mali, { kind: "organisation", organisationId: f.wfp }) }, multipart: textAttachment }),
        expect: { ok: ["pcsaMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: [...notUpdaters, "repUnicefMali"] },
        why: otherOrganisation,
      },
    ],
  },
  "GET /api/srm-measures/:id/evidence/:fileId": {
    access: "measure.read",
    inScope: {
      name: "the evidence of the Mopti measure",
      request: async ({ f, setup }) => {
        const found = await records(f, setup);
        return { params: { id: found.mopti, fileId: found.moptiFile } };
      },
      expect: { ok: readers, forbidden: nonReaders },
      check: isStatement,
    },
    outOfScope: {
      name: "the evidence of the Haiti measure",
      request: async ({ f, setup }) => {
        const found = await records(f, setup);
        return { params: { id: found.haiti, fileId: found.haitiFile } };
      },
      expect: { ok: ["analyst"], notFound: maliReaders, forbidden: nonReaders },
    },
    more: [
      {
        name: "the Mopti evidence asked for under the Haiti measure (another measure's file)",
        request: async ({ f, setup }) => {
          const found = await records(f, setup);
          return { params: { id: found.haiti, fileId: found.moptiFile } };
        },
        expect: { notFound: readers, forbidden: nonReaders },
      },
    ],
  },
  "DELETE /api/srm-measures/:id/evidence/:fileId": {
    access: "measure.update",
    inScope: {
      name: "evidence of an area measure of Mopti",
      request: async ({ f, setup }) => ({ params: await freshEvidence(setup, "pcsaMali", f.moptiArea) }),
      expect: { ok: ["pcsaMali", "ascMopti"], forbidden: allBut("pcsaMali", "ascMopti") },
      why: areaMeasureIsNotTheirs,
    },
    outOfScope: {
      name: "evidence of an area measure of Haiti",
      request: async ({ f, setup }) => ({ params: await freshEvidence(setup, "csfpHaiti", f.haiti) }),
      expect: { notFound: updaters, forbidden: notUpdaters },
    },
  },
};
