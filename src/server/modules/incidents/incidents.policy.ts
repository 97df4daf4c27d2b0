import type { Permission } from "../../../core/access/permissions.ts";
import { type Actor, grantsFor, pathCovers } from "../../../core/access/scope.ts";
import { allowedActions } from "../../platform/access/scope-sql.ts";

export type IncidentRecord = {
  placePath: string;
  isSensitive: boolean;
  status: string;
  createdByUserId: string | null;
};

// Incidents belong to a place; an organisation role covers those of its area.
const covers = (actor: Actor, permission: Permission, record: { placePath: string }) =>
  grantsFor(actor, permission).some((grant) => pathCovers(grant.placePath, record.placePath));

/**
 * `isNamed`: the caller is on the incident's need-to-know list. A sensitive incident is
 * visible only to the area's P/C/SA, the people named, and whoever recorded it; to everyone
 * else it is "not found" and exists only in counts.
 */
export const incidentPolicy = {
  isNeedToKnow: (actor: Actor, record: IncidentRecord, isNamed: boolean) =>
    isNamed || record.createdByUserId === actor.userId || covers(actor, "incident.read_sensitive", record),
  canRead: (actor: Actor, record: IncidentRecord, isNamed: boolean) =>
    (record.createdByUserId === actor.userId || covers(actor, "incident.read", record)) &&
    (!record.isSensitive || incidentPolicy.isNeedToKnow(actor, record, isNamed)),
  canCreateAt: (actor: Actor, placePath: string) => covers(actor, "incident.create", { placePath }),
  canUpdate: (actor: Actor, record: IncidentRecord, isNamed: boolean) =>
    incidentPolicy.canRead(actor, record, isNamed) &&
    (covers(actor, "incident.update", record) || (record.status === "draft" && record.createdByUserId === actor.userId)),
  canSubmit: (actor: Actor, record: IncidentRecord, isNamed: boolean) =>
    record.status === "draft" && incidentPolicy.canUpdate(actor, record, isNamed),
  canVerify: (actor: Actor, record: IncidentRecord, isNamed: boolean) =>
    record.status === "submitted" && incidentPolicy.canRead(actor, record, isNamed) && covers(actor, "incident.verify", record),
  canClose: (actor: Actor, record: IncidentRecord, isNamed: boolean) =>
    record.status === "verified" && incidentPolicy.canRead(actor, record, isNamed) && covers(actor, "incident.verify", record),
  canManageNeedToKnow: (actor: Actor, record: IncidentRecord) => covers(actor, "incident.read_sensitive", record),
  actions: (actor: Actor, record: IncidentRecord, isNamed: boolean) =>
    allowedActions({
      update: incidentPolicy.canUpdate(actor, record, isNamed),
      submit: incidentPolicy.canSubmit(actor, record, isNamed),
      verify: incidentPolicy.canVerify(actor, record, isNamed),
      close: incidentPolicy.canClose(actor, record, isNamed),
      manage_need_to_know: record.isSensitive && incidentPolicy.canManageNeedToKnow(actor, record),
    }),
};
