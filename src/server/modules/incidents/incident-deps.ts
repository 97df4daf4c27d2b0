// Tables of other modules the incident module reads, through their public surfaces.
export { persons } from "../personnel/index.ts";
export { organisations, placeInScope, places } from "../structure/index.ts";
