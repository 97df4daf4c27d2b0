// The overview module composes the others (area page, person page, dashboard, history).
export { overviewRoutes } from "./overview.routes.ts";
