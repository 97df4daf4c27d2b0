// The travel module's public surface (issue 13): other modules import only from here. One folder
// per sub-domain: training today; profiles, requests and clearance, headcount and alerts, air travel to come.
import { trainingOverviewRoutes } from "./training/training-overview.routes.ts";
import { requestRoutes } from "./requests/requests.routes.ts";
import { trainingRoutes } from "./training/training.routes.ts";
import { operatorRoutes } from "./air/operators.routes.ts";
import { rmtRoutes } from "./air/rmt.routes.ts";
import { alertRoutes } from "./alerts/alerts.routes.ts";
import { profileRoutes } from "./profiles/profiles.routes.ts";
import { headcountRoutes } from "./headcount/headcount.routes.ts";

export { trainingCertificates, trainingCourses } from "./training/training.tables.ts";
export { createCertificate, createCourse } from "./training/training.service.ts";
export { sendTrainingReminders, trainingJobs, trainingRemindersJobName } from "./training/training-reminders.job.ts";

export const travelRoutes = [...trainingRoutes, ...trainingOverviewRoutes, ...requestRoutes, ...operatorRoutes, ...rmtRoutes, ...alertRoutes, ...profileRoutes, ...headcountRoutes];

// Clearance re-evaluation, for the composition root (a security level taking effect) and the seed.
export { reEvaluateArea } from "./requests/reevaluate.service.ts";
export { fileRequest } from "./requests/requests-file.service.ts";
export { saveOwnProfile } from "./profiles/profiles.service.ts";
export { decideLeg } from "./requests/review.service.ts";
export { saveRules } from "./requests/rules.service.ts";
export { clearanceReevaluationJob, clearanceReevaluationJobName, queuedReevaluationJob } from "./requests/reevaluate.job.ts";
// In-trip alerts: the listeners the composition root registers (a flash alert, a level in force) and their catch-up pass.
export { alertCatchUpJob, alertCatchUpJobName, alertTravellersOfIncident, alertTravellersOfLevel } from "./alerts/alerts.service.ts";

// The headcount: who is in an area at a moment (the crisis module addresses its messages to them).
export { peopleInArea, presentIn } from "./headcount/presence.service.ts";
// Air travel (§5): the seed registers operators and RMTs through the same services as the API.
export { createOperator, recordCategory, setRmtPolicy } from "./air/operators.service.ts";
export { decideRmt, fileRmt } from "./air/rmt.service.ts";
