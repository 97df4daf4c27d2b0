import { type Actor, can } from "../../../../core/access/scope.ts";
import { allowedActions } from "../../../platform/access/scope-sql.ts";

/** A certificate's scope is its person's: duty station and organisation. */
type Holder = { id: string; placePath: string; organisationId: string };

const scopeOf = (person: Holder) => ({ placePath: person.placePath, organisationId: person.organisationId });
const isSelf = (actor: Actor, person: Holder) => actor.personId === person.id;

export const trainingPolicy = {
  /** A person reads their own certificates; others need training.certificate.read over the person. */
  canRead: (actor: Actor, person: Holder) => isSelf(actor, person) || can(actor, "training.certificate.read", scopeOf(person)),
  /** A person adds their own (an upload); a focal point or security professional adds for the people they cover. */
  canAdd: (actor: Actor, person: Holder) => isSelf(actor, person) || can(actor, "training.certificate.write", scopeOf(person)),
  /** Corrections and removals are for those who manage training, not the holder. */
  canManage: (actor: Actor, person: Holder) => can(actor, "training.certificate.write", scopeOf(person)),
  actions: (actor: Actor, person: Holder) =>
    allowedActions({ update: trainingPolicy.canManage(actor, person), delete: trainingPolicy.canManage(actor, person) }),
};
