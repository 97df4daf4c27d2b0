// The personnel module's public surface: other modules import only from here.
export { dependants, personPrivate, persons } from "./personnel.tables.ts";
export { personDetailOut, personListItemOut, personnelRoutes } from "./personnel.routes.ts";
export { getPerson, insertPerson, readablePerson, type PersonRow } from "./personnel.service.ts";
export { personPolicy } from "./personnel.policy.ts";
