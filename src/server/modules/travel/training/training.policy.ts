import { type Actor, can } from "../../../../core/access/scope.ts";
import type { CertificateSource } from "../../../../core/travel/training.ts";
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
  /**
   * The certificate's file: the person for the certificates they added themselves (source
   * "upload"), those who manage training for any they cover. The holder does not replace the file
   * of a certificate a focal point entered or imported, as they do not correct its dates.
   */
  canAttachFile: (actor: Actor, person: Holder, source: CertificateSource) =>
    (isSelf(actor, person) && source === "upload") || trainingPolicy.canManage(actor, person),
  actions: (actor: Actor, person: Holder, source: CertificateSource) =>
    allowedActions({
      update: trainingPolicy.canManage(actor, person),
      delete: trainingPolicy.canManage(actor, person),
      attach_file: trainingPolicy.canAttachFile(actor, person, source),
    }),
};
