// The risk module's public surface: other modules import only from here.
export { pcAssessments, riskAcceptances, securityLevelChanges } from "./decisions/decisions.tables.ts";
export { srmMeasureEvidence, srmMeasures } from "./measures/measures.tables.ts";
export { riskMatrices, srmActivities, srmAssessments, srmScenarios, srmThreats } from "./assessments/srm.tables.ts";
// The security level in force, for travel clearance; the acceptable-risk lines of the SRM report.
export { type LevelInForce, onSecurityLevelInForce, securityLevelInForce, securityLevelInForceFor } from "./levels/security-levels.service.ts";
import { decisionRoutes } from "./decisions/decisions.routes.ts";
import { measureRoutes } from "./measures/measures.routes.ts";
import { srmRoutes } from "./assessments/srm.routes.ts";
import { srmReportDecisions } from "./decisions/acceptances.service.ts";
import { srmReportRoutes } from "./report/srm-report.routes.ts";

export const riskRoutes = [...srmRoutes, ...measureRoutes, ...decisionRoutes, ...srmReportRoutes(srmReportDecisions)];

// SRM assessments for other modules: the dashboard lists overdue reviews (a compliance finding).
export { overdueReviews } from "./assessments/srm-assessments.service.ts";
export { overdueReviewOut } from "./assessments/srm.responses.ts";

// SRM measures for other modules (travel clearance reads an area's measures), and the module's
// scheduled jobs, which the composition root hands to the job runner.
export { getMeasure } from "./measures/measures.service.ts";
export { listMeasures } from "./measures/measures-list.service.ts";
export { travelConditions, travelConditionsFor } from "./measures/measures-travel.service.ts";
// Travel clearance at levels 5–6: where the trip's activity stands on the acceptable-risk board.
export { activityStanding } from "./decisions/acceptances.service.ts";
export { notifyOverdueMeasures, overdueMeasuresJobName, riskJobs } from "./measures/measures-overdue.job.ts";

// The demo seed writes through the same services as the API.
export { createAssessment } from "./assessments/srm-assessments.service.ts";
export { addScenario, replaceActivities, replaceThreats, updateScenario } from "./assessments/srm-content.service.ts";
export { approveAssessment, submitAssessment } from "./assessments/srm-workflow.service.ts";
export { createVersion } from "./assessments/srm-versions.service.ts";
export { createMeasure } from "./measures/measures.service.ts";
export { createPcAssessment } from "./decisions/programmes.service.ts";
export { acceptRisk } from "./decisions/acceptances.service.ts";
export { approveLevelChange, endorseLevelChange, proposeLevelChange } from "./levels/security-levels.service.ts";

// Decisions awaiting the caller, for the dashboard's "awaiting your decision" card (decisions module).
export { type AwaitingDecision, riskDecisionProviders } from "./decisions/awaiting-decisions.service.ts";
