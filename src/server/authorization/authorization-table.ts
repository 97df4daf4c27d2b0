import type { RouteRule } from "./matrix-rules.ts";
import { accountRules } from "./rules-accounts.ts";
import { decisionRules } from "./rules-decisions.ts";
import { appointmentRules } from "./rules-appointments.ts";
import { incidentAnalysisRules } from "./rules-incident-analysis.ts";
import { incidentAttachmentRules } from "./rules-incident-attachments.ts";
import { incidentExchangeRules } from "./rules-incident-exchange.ts";
import { incidentQuickReportRules } from "./rules-incident-quick-report.ts";
import { incidentRules } from "./rules-incidents.ts";
import { meetingRules } from "./rules-meetings.ts";
import { notificationRules } from "./rules-notifications.ts";
import { personnelRules } from "./rules-personnel.ts";
import { riskDecisionRules } from "./rules-risk-decisions.ts";
import { riskMeasureRules } from "./rules-risk-measures.ts";
import { riskReportRules } from "./rules-risk-report.ts";
import { riskSrmRules } from "./rules-risk-srm.ts";
import { structureRules } from "./rules-structure.ts";
import { victimRules } from "./rules-victims.ts";
import { webhookRules } from "./rules-webhooks.ts";

// ---------------------------------------------------------------------------------------
// The table: every route, every caller, in and out of scope
// ---------------------------------------------------------------------------------------

/**
 * `authorizationTable`: the expected outcome of every route for every caller, keyed by
 * "METHOD url" and written out so that a rule change shows up as a diff. Each part holds
 * the routes of one resource (rules-*.ts); a key may appear in one part only.
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
};
