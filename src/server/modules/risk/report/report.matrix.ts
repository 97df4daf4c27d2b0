import type { Fixtures, Setup, SetupActor } from "../../../authorization/matrix-driver.ts";
import type { RouteRule } from "../../../authorization/matrix-rules.ts";

/** The authorization table: the SRM report (PDF) of an assessment version. */

const drafts = new Map<string, Promise<string>>();
/** A draft SRM of the area, made once through the API by someone who may write it. */
function draftOf(setup: Setup, actor: SetupActor, placeId: string): Promise<string> {
  const key = `${actor} ${placeId}`;
  if (!drafts.has(key)) {
    drafts.set(
      key,
      setup
        .as(actor, "POST", "/api/srm-assessments", { placeId, title: setup.unique("Report SRM"), periodFrom: "2026-01-01", periodTo: "2026-12-31", reviewDueOn: "2026-12-31" })
        .then((created) => created.id),
    );
  }
  return drafts.get(key) as Promise<string>;
}
const malis = (f: Fixtures, setup: Setup) => draftOf(setup, "pcsaMali", f.mali);

export const riskReportRules: Record<string, RouteRule> = {
  "GET /api/srm-assessments/:id/report.pdf": {
    access: "srm.read",
    inScope: {
      name: "the SRM report of a Mali assessment",
      request: async ({ f, setup }) => ({ params: { id: await malis(f, setup) }, query: { lang: "fr" } }),
      expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
    outOfScope: {
      name: "the SRM report of a Haiti assessment",
      request: async ({ f, setup }) => ({ params: { id: await draftOf(setup, "csfpHaiti", f.haiti) } }),
      expect: { ok: ["analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
    },
    more: [
      {
        name: "the SRM report of a Mopti Security Area assessment",
        request: async ({ f, setup }) => ({ params: { id: await draftOf(setup, "pcsaMali", f.moptiArea) } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
      },
    ],
  },
};
