// The travel module's public surface (issue 13): other modules import only from here. One folder
// per sub-domain: training today; profiles, requests and clearance, headcount and alerts, air travel to come.
import { trainingOverviewRoutes } from "./training/training-overview.routes.ts";
import { requestRoutes } from "./requests/requests.routes.ts";
import { trainingRoutes } from "./training/training.routes.ts";

export { trainingCertificates, trainingCourses } from "./training/training.tables.ts";
export { createCertificate, createCourse } from "./training/training.service.ts";
export { sendTrainingReminders, trainingJobs, trainingRemindersJobName } from "./training/training-reminders.job.ts";

export const travelRoutes = [...trainingRoutes, ...trainingOverviewRoutes, ...requestRoutes];

// Clearance re-evaluation, for the composition root (a security level taking effect) and the seed.
export { reEvaluateArea } from "./requests/reevaluate.service.ts";
export { fileRequest } from "./requests/requests-file.service.ts";
export { decideLeg } from "./requests/review.service.ts";
export { saveRules } from "./requests/rules.service.ts";
export { clearanceReevaluationJob, clearanceReevaluationJobName } from "./requests/reevaluate.job.ts";
