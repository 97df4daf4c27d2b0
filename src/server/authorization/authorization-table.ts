import type { RouteRule } from "./matrix-rules.ts";
import { accountRules } from "../modules/accounts/accounts.matrix.ts";
import { decisionRules } from "../modules/decisions/decisions.matrix.ts";
import { appointmentRules } from "../modules/appointments/appointments.matrix.ts";
import { incidentAnalysisRules } from "../modules/incidents/incident-analysis.matrix.ts";
import { incidentAttachmentRules } from "../modules/incidents/incident-attachments.matrix.ts";
import { incidentExchangeRules } from "../modules/incidents/incident-exchange.matrix.ts";
import { incidentQuickReportRules } from "../modules/incidents/incident-quick-report.matrix.ts";
import { incidentRules } from "../modules/incidents/incidents.matrix.ts";
import { meetingRules } from "../modules/meetings/meetings.matrix.ts";
import { notificationRules } from "../modules/notifications/notifications.matrix.ts";
import { personnelRules } from "../modules/personnel/personnel.matrix.ts";
import { riskDecisionRules } from "../modules/risk/decisions/decisions.matrix.ts";
import { riskMeasureRules } from "../modules/risk/measures/measures.matrix.ts";
import { riskReportRules } from "../modules/risk/report/report.matrix.ts";
import { riskSrmRules } from "../modules/risk/assessments/srm.matrix.ts";
import { structureRules } from "../modules/structure/structure.matrix.ts";
import { victimRules } from "../modules/victims/victims.matrix.ts";
import { trainingRules } from "../modules/travel/training/training.matrix.ts";
import { travelRequestRules } from "../modules/travel/requests/requests.matrix.ts";
import { headcountRules } from "../modules/travel/headcount/headcount.matrix.ts";
import { airRules } from "../modules/travel/air/air.matrix.ts";
import { travelAlertRules } from "../modules/travel/alerts/alerts.matrix.ts";
import { travelProfileRules } from "../modules/travel/profiles/profiles.matrix.ts";
import { webhookRules } from "../modules/integrations/webhooks.matrix.ts";
import { zoneRules } from "../modules/readiness/zones/zones.matrix.ts";
import { checkinRules } from "../modules/readiness/checkins/checkins.matrix.ts";

// ---------------------------------------------------------------------------------------
// The table: every route, every caller, in and out of scope
// ---------------------------------------------------------------------------------------

/**
 * `authorizationTable`: the expected outcome of every route for every caller, keyed by
 * "METHOD url" and written out so that a rule change shows up as a diff. Each part holds
 * the routes of one resource (a `*.matrix.ts` beside the module that serves them); a key may appear in one part only.
 */
export const authorizationTable: Record<string, RouteRule> = {
  ...accountRules,
  ...structureRules,
  ...appointmentRules,
  ...personnelRules,
  ...meetingRules,
  ...incidentRules,
  ...incidentAttachmentRules,
  ...incidentAnalysisRules,
  ...incidentExchangeRules,
  ...notificationRules,
  ...webhookRules,
  ...incidentQuickReportRules,
  ...victimRules,
  ...riskSrmRules,
  ...riskMeasureRules,
  ...riskDecisionRules,
  ...riskReportRules,
  ...decisionRules,
  ...trainingRules,
  ...travelRequestRules,
  ...headcountRules,
  ...airRules,
  ...travelAlertRules,
  ...travelProfileRules,
  ...zoneRules,
  ...checkinRules,
};
