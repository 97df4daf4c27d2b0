// The decisions awaiting the caller, gathered across modules (one provider per kind).
export { decisionRoutes as awaitingDecisionRoutes } from "./decisions.routes.ts";
