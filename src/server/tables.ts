// Every table, for drizzle-kit and for the typed schema in schema.ts.
export * from "./modules/appointments/appointments.tables.ts";
export * from "./modules/meetings/meetings.tables.ts";
export * from "./modules/personnel/personnel.tables.ts";
export * from "./modules/responsibilities/responsibilities.tables.ts";
export * from "./modules/structure/structure.tables.ts";
export * from "./platform/audit/audit.tables.ts";
export * from "./platform/auth/auth.tables.ts";
export * from "./platform/files/files.tables.ts";

