import { type Actor, can, grantsFor, pathCovers } from "../../../../core/access/scope.ts";
import type { Permission } from "../../../../core/access/permissions.ts";

/**
 * Who may see and act on a trip. A trip has several places (each leg's, the travellers' duty
 * stations) and possibly several organisations (a group): a grant covers the trip when it covers
 * one of its places and, for an organisation's grant, one of its travellers' organisations.
 */
export type TripScope = { scopePaths: readonly string[]; organisationIds: readonly string[]; travellerPersonIds: readonly string[]; filedByUserId: string | null };

function covers(actor: Actor, permission: Permission, trip: Pick<TripScope, "scopePaths" | "organisationIds">): boolean {
  return grantsFor(actor, permission).some(
    (grant) =>
      trip.scopePaths.some((path) => pathCovers(grant.placePath, path)) && (grant.organisationId === null || trip.organisationIds.includes(grant.organisationId)),
  );
}

const isTraveller = (actor: Actor, trip: TripScope) => actor.personId !== null && trip.travellerPersonIds.includes(actor.personId);
const isFiler = (actor: Actor, trip: TripScope) => trip.filedByUserId === actor.userId;

export const requestPolicy = {
  covers,
  /** Travel rights reaching into an area, from above or inside it, any organisation's included (an area's suspensions). */
  reachesArea: (actor: Actor, areaPath: string) =>
    grantsFor(actor, "travel.request.read").some((grant) => grant.placePath === null || grant.placePath.startsWith(areaPath) || areaPath.startsWith(grant.placePath)),
  canRead: (actor: Actor, trip: TripScope) => isTraveller(actor, trip) || isFiler(actor, trip) || covers(actor, "travel.request.read", trip),
  /** The traveller, or the focal point of the person's organisation for a person in their scope. */
  canFileFor: (actor: Actor, person: { id: string; placePath: string; organisationId: string }) =>
    actor.personId === person.id || can(actor, "travel.request.file", { placePath: person.placePath, organisationId: person.organisationId }),
  /** The traveller or whoever filed it may cancel a trip not yet over, and acknowledge its conditions. */
  canCancel: (actor: Actor, trip: TripScope) => isTraveller(actor, trip) || isFiler(actor, trip),
  /** A leg into an area is decided by the area's reviewers; at levels 5–6 (reviewer "do") by the DO. */
  canDecideLeg: (actor: Actor, leg: { toPath: string; reviewer: string }) =>
    can(actor, leg.reviewer === "do" ? "travel.clearance.approve_high" : "travel.clearance.review", { placePath: leg.toPath, organisationId: null }),
};
