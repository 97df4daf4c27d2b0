// The incidents module's public surface: other modules import only from here.
export { incidentNeedToKnow, incidentPeople, incidents } from "./incidents.tables.ts";
export { incidentRoutes } from "./incidents.routes.ts";
export { incidentAccess } from "./incidents.service.ts";
