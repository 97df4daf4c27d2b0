// The travel module's public surface (issue 13): other modules import only from here. One folder
// per sub-domain: training today; profiles, requests and clearance, headcount and alerts, air travel to come.
import { trainingRoutes } from "./training/training.routes.ts";

export { trainingCertificates, trainingCourses } from "./training/training.tables.ts";
export { createCertificate, createCourse } from "./training/training.service.ts";

export const travelRoutes = [...trainingRoutes];
