import { type Actor, can } from "../../../../core/access/scope.ts";
import { personPolicy } from "../../personnel/index.ts";
import type { AreaTraveller } from "./travellers.service.ts";

/**
 * Who sees the travellers in an incident's area (issue 13 §4): `travel.alert.read` over the
 * incident's place (its DO, ASC and security professionals). Their contacts follow the personnel
 * contact rule (`personnel.read_sensitive`), over the person's duty station as everywhere, or over
 * the place the traveller is in or bound for: the area's security must reach a visitor in a crisis.
 */
export const alertPolicy = {
  canRead: (actor: Actor, placePath: string) => can(actor, "travel.alert.read", { placePath, organisationId: null }),
  canReadContacts: (actor: Actor, traveller: AreaTraveller) =>
    personPolicy.canReadSensitive(actor, { id: traveller.personId, placePath: traveller.personPlacePath, organisationId: traveller.organisationId }) ||
    can(actor, "personnel.read_sensitive", { placePath: traveller.wherePath, organisationId: traveller.organisationId }),
};
