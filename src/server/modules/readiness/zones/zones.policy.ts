import type { Permission } from "../../../../core/access/permissions.ts";
import { type Actor, can, grantsFor, pathCovers } from "../../../../core/access/scope.ts";
import { allowedActions } from "../../../platform/access/scope-sql.ts";

type ZoneRecord = { id: string; placePath: string };
type PersonRecord = { placePath: string; organisationId: string };

/** Zones belong to an area, not an organisation: an organisation role covers them by place. */
const covers = (actor: Actor, permission: Permission, zone: ZoneRecord) =>
  grantsFor(actor, permission).some((grant) => pathCovers(grant.placePath, zone.placePath));

/**
 * `wardenOf`: the zones whose warden or deputy the caller is today (through a warden appointment
 * in force linked to the zone). A warden's list is their zone's, not the whole area's.
 */
export const zonePolicy = {
  canRead: (actor: Actor, zone: ZoneRecord) => covers(actor, "readiness.zone.read", zone),
  canManage: (actor: Actor, zone: ZoneRecord) => covers(actor, "readiness.zone.manage", zone),
  /**
   * A person on the zone's list: its own wardens see everyone in it; otherwise each person as the
   * personnel register allows (an organisation's roles their own staff), never through a warden
   * appointment (which would cover another zone's people in the same area).
   */
  /** Whether the caller may open the zone's list at all: its wardens, or a personnel reader of the area other than a warden. */
  canOpenList: (actor: Actor, zone: ZoneRecord, wardenOf: ReadonlySet<string>) =>
    wardenOf.has(zone.id) || grantsFor(actor, "personnel.read").some((grant) => grant.role !== "warden" && pathCovers(grant.placePath, zone.placePath)),
  canSeePerson: (actor: Actor, zone: ZoneRecord, person: PersonRecord, wardenOf: ReadonlySet<string>) =>
    wardenOf.has(zone.id) || actor.grants.some((grant) => grant.role !== "warden" && can({ ...actor, grants: [grant] }, "personnel.read", person)),
  /** Contacts and addresses on the list: the zone's wardens, and need-to-know as in the personnel register (not another zone's warden). */
  canSeeContacts: (actor: Actor, zone: ZoneRecord, person: PersonRecord, wardenOf: ReadonlySet<string>) =>
    wardenOf.has(zone.id) || actor.grants.some((grant) => grant.role !== "warden" && can({ ...actor, grants: [grant] }, "personnel.read_sensitive", person)),
  /** Placing a person in a zone (or taking them out): over the zone's area and the person's organisation. */
  canAssign: (actor: Actor, zone: ZoneRecord, person: PersonRecord) =>
    pathCovers(zone.placePath, person.placePath) &&
    grantsFor(actor, "readiness.household.assign").some(
      (grant) => pathCovers(grant.placePath, zone.placePath) && (grant.organisationId === null || grant.organisationId === person.organisationId),
    ),
  actions: (actor: Actor, zone: ZoneRecord, wardenOf: ReadonlySet<string> = new Set()) =>
    allowedActions({
      list: zonePolicy.canOpenList(actor, zone, wardenOf),
      update: zonePolicy.canManage(actor, zone),
      delete: zonePolicy.canManage(actor, zone),
      assign_households: can(actor, "readiness.household.assign") && grantsFor(actor, "readiness.household.assign").some((grant) => pathCovers(grant.placePath, zone.placePath)),
    }),
};
