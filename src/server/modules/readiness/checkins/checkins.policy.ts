import type { Permission } from "../../../../core/access/permissions.ts";
import { type Actor, can, grantsFor, pathCovers } from "../../../../core/access/scope.ts";
import { allowedActions } from "../../../platform/access/scope-sql.ts";

type MessageRecord = { placePath: string };
type PersonRecord = { placePath: string; organisationId: string };

/** Messages belong to an area: an organisation's focal point follows its area's, by place. */
const covers = (actor: Actor, permission: Permission, record: MessageRecord) =>
  grantsFor(actor, permission).some((grant) => pathCovers(grant.placePath, record.placePath));

export const checkinPolicy = {
  canSend: (actor: Actor, area: MessageRecord) => covers(actor, "readiness.checkin.send", area),
  /** The tally and the message itself (a recipient reads their own message too: checkins.service). */
  canRead: (actor: Actor, message: MessageRecord) => covers(actor, "readiness.checkin.read", message),
  /** A test goes to people the sender may read in the personnel register. */
  canNameForTest: (actor: Actor, person: PersonRecord) => can(actor, "personnel.read", person),
  /**
   * Recording an answer for someone: the area's security professionals and ASC for anyone in it;
   * a warden for the people of the zones they are warden of (`wardenOf`), not their whole area.
   */
  canRecordFor: (actor: Actor, message: MessageRecord, zoneId: string | null, wardenOf: ReadonlySet<string>) =>
    grantsFor(actor, "readiness.checkin.record").some((grant) => grant.role !== "warden" && pathCovers(grant.placePath, message.placePath)) ||
    (zoneId !== null && wardenOf.has(zoneId)),
  actions: (actor: Actor, message: MessageRecord, state: { isOpen: boolean; isRecipient: boolean }) =>
    allowedActions({
      reply: state.isOpen && state.isRecipient,
      close: state.isOpen && checkinPolicy.canSend(actor, message),
      resend: state.isOpen && checkinPolicy.canSend(actor, message),
      tally: checkinPolicy.canRead(actor, message),
    }),
};
