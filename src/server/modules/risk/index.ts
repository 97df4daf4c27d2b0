// The risk module's public surface: other modules import only from here.
export { pcAssessments, riskAcceptances, securityLevelChanges } from "./decisions.tables.ts";
export { srmMeasureEvidence, srmMeasures } from "./measures.tables.ts";
export { riskMatrices, srmActivities, srmAssessments, srmScenarios, srmThreats } from "./srm.tables.ts";
// The security level in force, for travel clearance; the acceptable-risk lines of the SRM report.
export { type LevelInForce, securityLevelInForce } from "./security-levels.service.ts";
import { decisionRoutes } from "./decisions.routes.ts";
import { measureRoutes } from "./measures.routes.ts";
import { srmRoutes } from "./srm.routes.ts";
import { srmReportDecisions } from "./acceptances.service.ts";
import { srmReportRoutes } from "./srm-report.routes.ts";

export const riskRoutes = [...srmRoutes, ...measureRoutes, ...decisionRoutes, ...srmReportRoutes(srmReportDecisions)];

// SRM assessments for other modules: the dashboard lists overdue reviews (a compliance finding).
export { overdueReviews } from "./srm-assessments.service.ts";
export { overdueReviewOut } from "./srm.responses.ts";

// SRM measures for other modules (travel clearance reads an area's measures), and the module's
// scheduled jobs, which the composition root hands to the job runner.
export { getMeasure } from "./measures.service.ts";
export { listMeasures } from "./measures-list.service.ts";
export { notifyOverdueMeasures, overdueMeasuresJobName, riskJobs } from "./measures-overdue.job.ts";

// The demo seed writes through the same services as the API.
export { createAssessment } from "./srm-assessments.service.ts";
export { addScenario, replaceActivities, replaceThreats, updateScenario } from "./srm-content.service.ts";
export { approveAssessment, submitAssessment } from "./srm-workflow.service.ts";
export { createVersion } from "./srm-versions.service.ts";
export { createMeasure } from "./measures.service.ts";
export { createPcAssessment } from "./programmes.service.ts";
export { acceptRisk } from "./acceptances.service.ts";
export { approveLevelChange, endorseLevelChange, proposeLevelChange } from "./security-levels.service.ts";

// Decisions awaiting the caller, for the dashboard's "awaiting your decision" card (decisions module).
export { type AwaitingDecision, riskDecisionProviders } from "./awaiting-decisions.service.ts";
