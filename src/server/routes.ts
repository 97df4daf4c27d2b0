import { authRoutes, userRoutes } from "./modules/accounts/index.ts";
import { appointmentRoutes } from "./modules/appointments/index.ts";
import { awaitingDecisionRoutes } from "./modules/decisions/index.ts";
import { incidentAnalysisRoutes, incidentExchangeRoutes, incidentRoutes } from "./modules/incidents/index.ts";
import { webhookRoutes } from "./modules/integrations/index.ts";
import { meetingRoutes } from "./modules/meetings/index.ts";
import { notificationRoutes } from "./modules/notifications/index.ts";
import { overviewRoutes } from "./modules/overview/index.ts";
import { personnelRoutes } from "./modules/personnel/index.ts";
import { readinessRoutes } from "./modules/readiness/index.ts";
import { riskRoutes } from "./modules/risk/index.ts";
import { responsibilityRoutes } from "./modules/responsibilities/index.ts";
import { organisationRoutes, placeRoutes } from "./modules/structure/index.ts";
import { travelRoutes } from "./modules/travel/index.ts";
import { victimRoutes } from "./modules/victims/index.ts";
import type { Config } from "./platform/config.ts";
import type { RouteSpec } from "./platform/http/route.ts";

/** The route registry: every API endpoint, each with its access rule. */
export function allRoutes(config: Config): RouteSpec[] {
  return [
    ...authRoutes(config),
    ...userRoutes,
    ...organisationRoutes,
    ...placeRoutes,
    ...overviewRoutes,
    ...appointmentRoutes,
    ...personnelRoutes,
    ...meetingRoutes,
    ...responsibilityRoutes,
    ...incidentRoutes,
    ...incidentExchangeRoutes,
    ...notificationRoutes,
    ...webhookRoutes,
    ...incidentAnalysisRoutes(config),
    ...victimRoutes,
    ...riskRoutes,
    ...awaitingDecisionRoutes,
    ...travelRoutes,
    ...readinessRoutes,
  ];
}
