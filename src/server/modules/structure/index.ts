// The structure module's public surface: other modules import only from here.
export { organisations, places } from "./structure.tables.ts";
export { organisationRoutes } from "./organisations.routes.ts";
export { placeOut, placeRoutes } from "./places.routes.ts";
export { dutyStationsFor, findPlace, findPlaceFor, getPlace, pathIds, readablePlace, type PlaceRow } from "./places.service.ts";
export { createOrganisation } from "./organisations.service.ts";
export { createPlace } from "./places.service.ts";
export { placePolicy } from "./structure.policy.ts";
export { placeInScope } from "./place-scope.ts";
