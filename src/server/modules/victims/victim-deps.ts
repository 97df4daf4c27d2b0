// Tables and access checks of other modules the victims module uses, through their public surfaces.
export { incidentAccess, incidentVisibility, incidents } from "../incidents/index.ts";
export { readablePerson } from "../personnel/index.ts";
export { placeInScope, places } from "../structure/index.ts";
