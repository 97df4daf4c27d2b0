import type { Caller, Response } from "../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, itemsOutsideMali, ownOnly } from "../../authorization/matrix-rules.ts";

/**
 * The authorization table: decisions awaiting the caller (the dashboard's card). Every signed-in
 * user may ask; each sees only the decisions their own rights and areas give them (the DO of
 * Mali never a DR Congo level change; those without a deciding role nothing at all).
 */
const deciders: readonly Caller[] = ["doMali"];

function onlyOwnDecisions(caller: Caller, response: Response) {
  const items = response.json().items as { kind: string }[];
  if (!deciders.includes(caller) && items.length > 0) return `sees ${items.length} decisions without a deciding role`;
  return undefined;
}

export const decisionRules: Record<string, RouteRule> = {
  "GET /api/decisions/awaiting": {
    access: "authenticated",
    inScope: {
      name: "the caller's own pending decisions",
      request: () => ({}),
      expect: { ok: everyone },
      check: (caller, response, f) => onlyOwnDecisions(caller, response) ?? itemsOutsideMali("placeId")(caller, response, f),
    },
    outOfScope: { notApplicable: ownOnly },
  },
};
