import type { Actor } from "../../../../core/access/scope.ts";
import { allowedActions } from "../../../platform/access/scope-sql.ts";
import { personPolicy } from "../../personnel/index.ts";

/** A profile's scope is its person's: duty station and organisation (a dependant's is their sponsor's). */
type Holder = { id: string; placePath: string; organisationId: string };

/**
 * Who may see and change travel profiles (issue 13 §2). Passport, nationality, emergency contact
 * and proof-of-life answers are need-to-know with "the same protection and audit as contacts", so
 * reading reuses the contacts rule itself (`personPolicy.canReadSensitive`: the person, and
 * `personnel.read_sensitive` over the person — the area's P/C/SA, ASA, CSFP and wardens, the
 * organisation's focal point for its own staff). Not the global analyst, the system administrator,
 * another organisation or the area's leaders: they hold no contacts right.
 *
 * Only the person writes their profile and their dependants': it is their own declaration (the
 * proof-of-life answers above all, which nobody else should know well enough to type). Readers
 * who find it wrong ask the person, as they would for a contact.
 */
export const profilePolicy = {
  canRead: (actor: Actor, person: Holder) => personPolicy.canReadSensitive(actor, person),
  canEdit: (actor: Actor, person: Holder) => actor.personId === person.id,
  actions: (actor: Actor, person: Holder) => allowedActions({ update: profilePolicy.canEdit(actor, person) }),
};
