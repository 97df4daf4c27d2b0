import type { Caller, Fixtures, MatrixUser, Response } from "../../../authorization/matrix-driver.ts";
import { type RouteRule, everyone } from "../../../authorization/matrix-rules.ts";

/**
 * The authorization table: the headcount (issue 13 §4). Counts are read by the area's leaders and
 * security professionals, its organisations' representatives and focal points, and the global
 * analyst everywhere; the list of people (and its CSV) by the area's leaders and security
 * professionals, and an organisation's focal point for their own staff, never by the analyst.
 * An area outside the caller's grants answers 404. The ASC of Mopti covers the Mopti Security
 * Area only: Mali as a whole is out of their scope.
 */
const others = (...kept: MatrixUser[]) => everyone.filter((user) => !kept.includes(user));

const countReaders = ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"] as const satisfies MatrixUser[];
const maliCountReaders = countReaders.filter((caller) => caller !== "analyst");
const listReaders = ["doMali", "pcsaMali", "ascMopti", "sfpWfpMali"] as const satisfies MatrixUser[];

/** WFP's focal point lists WFP's people only; the P/C/SA sees the contacts of the personnel listed. */
function listInScope(caller: Caller, response: Response, f: Fixtures) {
  const { items } = response.json() as { items: { kind: string; organisationId: string; contacts: unknown }[] };
  if (items.length === 0) return "lists nobody";
  if (caller === "sfpWfpMali" && items.some((item) => item.organisationId !== f.wfp)) return "lists people of another organisation";
  if (caller === "pcsaMali" && items.some((item) => item.kind === "personnel" && item.contacts === null)) return "does not see contacts despite need-to-know";
  return undefined;
}

function csvInScope(caller: Caller, response: Response, f: Fixtures) {
  if (!String(response.headers["content-type"]).startsWith("text/csv")) return `answers ${response.headers["content-type"]}`;
  const exportsUnicef = response.body.includes(",UNICEF,");
  if (caller === "sfpWfpMali" && exportsUnicef) return "exports UNICEF's people";
  void f;
  return undefined;
}

const countsOf = (placeId: (f: Fixtures) => string) => ({ f }: { f: Fixtures }) => ({ query: { placeId: placeId(f) } });

export const headcountRules: Record<string, RouteRule> = {
  "GET /api/travel/headcount": {
    access: "travel.headcount.read",
    inScope: {
      name: "who is in the Mopti Security Area now, in counts",
      request: countsOf((f) => f.moptiArea),
      expect: { ok: [...countReaders], forbidden: others(...countReaders) },
      check: (_caller, response) => (response.json().totals.total > 0 ? undefined : "counts nobody"),
    },
    outOfScope: {
      name: "who is in Haiti now, in counts",
      request: countsOf((f) => f.haiti),
      expect: { ok: ["analyst"], notFound: maliCountReaders, forbidden: others(...countReaders) },
    },
    more: [
      {
        name: "who is in Mali now, in counts",
        request: countsOf((f) => f.mali),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "repUnicefMali", "sfpWfpMali"], notFound: ["ascMopti"], forbidden: others(...countReaders) },
      },
    ],
  },
  "GET /api/travel/headcount/people": {
    access: "travel.headcount.list",
    inScope: {
      name: "the people in the Mopti Security Area now",
      request: countsOf((f) => f.moptiArea),
      expect: { ok: [...listReaders], forbidden: others(...listReaders) },
      check: listInScope,
    },
    outOfScope: {
      name: "the people in Haiti now",
      request: countsOf((f) => f.haiti),
      expect: { notFound: [...listReaders], forbidden: others(...listReaders) },
    },
  },
  "GET /api/travel/headcount/people.csv": {
    access: "travel.headcount.list",
    inScope: {
      name: "the people in Mali's Mopti Security Area now, as CSV",
      request: countsOf((f) => f.moptiArea),
      expect: { ok: [...listReaders], forbidden: others(...listReaders) },
      check: csvInScope,
    },
    outOfScope: {
      name: "the people in Haiti now, as CSV",
      request: countsOf((f) => f.haiti),
      expect: { notFound: [...listReaders], forbidden: others(...listReaders) },
    },
  },
};
