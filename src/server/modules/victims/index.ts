// The victims module's public surface: other modules import only from here.
export { victimCases, victimFollowUps } from "./victims.tables.ts";
export { victimRoutes } from "./victims.routes.ts";
export { readableVictimCase } from "./victims.service.ts";
