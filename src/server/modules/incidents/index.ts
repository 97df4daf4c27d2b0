// The incidents module's public surface: other modules import only from here.
export { incidentNeedToKnow, incidentPeople, incidents } from "./incidents.tables.ts";
export { incidentRoutes } from "./incidents.routes.ts";
export { incidentAccess } from "./incidents.service.ts";
export { incidentVisibility } from "./incident-filter.ts";
export { incidentAnalysisRoutes } from "./incident-analysis.routes.ts";
export { callerLanguage } from "./incident-language.ts";
export { incidentExchangeRoutes } from "./incident-exchange.routes.ts";
// The create path without HTTP: for the create benchmark's measure of the write statement alone.
export { insertIncident, prepareIncident } from "./incident-create.service.ts";
export { type ImportResult, type NewIncident, importIncidentFile, insertIncidentRows } from "./incident-import.service.ts";
// The travel briefing: critical incidents of an area and period, counted by category (never described).
export { type IncidentCount, criticalIncidentCounts } from "./incident-counts.service.ts";
// Flash alerts for other modules (travel tells the travellers in the area), registered by server.ts.
export { type FlashAlert, onFlashAlert } from "./incident-alert-listeners.ts";
