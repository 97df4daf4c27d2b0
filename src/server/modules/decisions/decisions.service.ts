import type { ServiceContext } from "../../platform/http/context.ts";
import { type AwaitingDecision, riskDecisionProviders } from "../risk/index.ts";

/**
 * "Awaiting your decision" (issue 12 §3.3): what the caller must decide, gathered from one
 * provider per kind of decision. Each provider filters by the permission its decision needs and
 * the caller's scope. Travel clearances and crisis decisions join by adding their provider here.
 */
export type DecisionProvider = (context: ServiceContext) => Promise<AwaitingDecision[]>;

const providers: DecisionProvider[] = [...riskDecisionProviders];

/** Oldest first: what waits longest comes first. */
export async function awaitingDecisions(context: ServiceContext) {
  // One after the other: a PGlite database runs one query at a time anyway, and each is small.
  const items: AwaitingDecision[] = [];
  for (const provider of providers) items.push(...(await provider(context)));
  items.sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id));
  return { items, total: items.length };
}
