// The responsibilities module's public surface: other modules import only from here.
export { responsibilities } from "./responsibilities.tables.ts";
export { responsibilityRoutes } from "./responsibilities.routes.ts";
export { loadResponsibilityRegister, responsibilitiesForKeys } from "./responsibilities.service.ts";
