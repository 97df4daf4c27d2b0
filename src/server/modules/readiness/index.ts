// The readiness module's public surface (issue 14): other modules import only from here. One folder
// per sub-domain: warden zones and households today; security plans, drills, check-ins and crisis
// management to come.
import { zoneRoutes } from "./zones/zones.routes.ts";

export { wardenZones, zoneHouseholds, zoneWardens } from "./zones/zones.tables.ts";
export { addZoneWarden, createZone } from "./zones/zones.service.ts";
export { assignByAddress, assignHouseholds } from "./zones/households.service.ts";

export const readinessRoutes = [...zoneRoutes];
