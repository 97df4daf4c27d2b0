import { type Actor, can } from "../../../core/access/scope.ts";
import { allowedActions } from "../../platform/access/scope-sql.ts";

type PersonRecord = { id: string; placePath: string; organisationId: string };

const scopeOf = (person: PersonRecord) => ({ placePath: person.placePath, organisationId: person.organisationId });
const isSelf = (actor: Actor, person: PersonRecord) => actor.personId === person.id;

export const personPolicy = {
  /** Anyone may see their own record; others need personnel.read over the person's station and organisation. */
  canRead: (actor: Actor, person: PersonRecord) => isSelf(actor, person) || can(actor, "personnel.read", scopeOf(person)),
  /** Contacts and address: need-to-know (see the registry), or the person themselves. */
  canReadSensitive: (actor: Actor, person: PersonRecord) =>
    isSelf(actor, person) || can(actor, "personnel.read_sensitive", scopeOf(person)),
  canCreate: (actor: Actor, target: { placePath: string; organisationId: string }) =>
    can(actor, "personnel.create", target),
  canUpdate: (actor: Actor, person: PersonRecord) => can(actor, "personnel.update", scopeOf(person)),
  canDelete: (actor: Actor, person: PersonRecord) => can(actor, "personnel.delete", scopeOf(person)),
  actions: (actor: Actor, person: PersonRecord) =>
    allowedActions({
      update: personPolicy.canUpdate(actor, person),
      delete: personPolicy.canDelete(actor, person),
      read_sensitive: personPolicy.canReadSensitive(actor, person),
    }),
};
