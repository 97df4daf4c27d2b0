import type { Permission } from "../../../core/access/permissions.ts";
import { type Actor, grantsFor, pathCovers } from "../../../core/access/scope.ts";
import { allowedActions } from "../../platform/access/scope-sql.ts";

type MeetingRecord = { placePath: string };

// Meetings belong to an area, not an organisation: an organisation role covers them by place.
const covers = (actor: Actor, permission: Permission, record: MeetingRecord) =>
  grantsFor(actor, permission).some((grant) => pathCovers(grant.placePath, record.placePath));

export const meetingPolicy = {
  canRead: (actor: Actor, record: MeetingRecord) => covers(actor, "meeting.read", record),
  canCreate: (actor: Actor, record: MeetingRecord) => covers(actor, "meeting.create", record),
  canUpdate: (actor: Actor, record: MeetingRecord) => covers(actor, "meeting.update", record),
  canDelete: (actor: Actor, record: MeetingRecord) => covers(actor, "meeting.delete", record),
  actions: (actor: Actor, record: MeetingRecord) =>
    allowedActions({
      update: meetingPolicy.canUpdate(actor, record),
      delete: meetingPolicy.canDelete(actor, record),
    }),
};
