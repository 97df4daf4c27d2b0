// The appointments module's public surface: other modules import only from here.
export { appointments } from "./appointments.tables.ts";
export { appointmentOut, appointmentRoutes, continuityItemOut } from "./appointments.routes.ts";
export { createAppointment, inForceOn, listAppointments, presentAppointment } from "./appointments.service.ts";
export { continuityStatus } from "./continuity.service.ts";
export { loadAppointmentGrants } from "./grants.service.ts";
export { type Recipient, activeAccounts, coversArea, holdersOf } from "./holders.service.ts";
