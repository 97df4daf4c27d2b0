import { type Actor, can, grantsFor, pathCovers } from "../../../core/access/scope.ts";
import { allowedActions } from "../../platform/access/scope-sql.ts";

type PlaceRecord = { path: string; parentId: string | null };

// Places belong to no organisation: an organisation role covers the places of its area.
const asPlace = (path: string) => ({ placePath: path, organisationId: null });
const coversPlace = (actor: Actor, permission: "place.read" | "place.update" | "place.create", path: string) =>
  grantsFor(actor, permission).some((grant) => pathCovers(grant.placePath, path));

export const placePolicy = {
  canRead: (actor: Actor, place: PlaceRecord) => coversPlace(actor, "place.read", place.path),
  /** Creating a Designated Area needs a global grant; anything else, a grant over its parent. */
  canCreateUnder: (actor: Actor, parentPath: string | null) =>
    parentPath === null
      ? grantsFor(actor, "place.create").some((grant) => grant.placePath === null)
      : coversPlace(actor, "place.create", parentPath),
  canUpdate: (actor: Actor, place: PlaceRecord) => coversPlace(actor, "place.update", place.path),
  canDelete: (actor: Actor, place: PlaceRecord) => can(actor, "place.delete", asPlace(place.path)),
  actions: (actor: Actor, place: PlaceRecord) =>
    allowedActions({
      update: placePolicy.canUpdate(actor, place),
      delete: placePolicy.canDelete(actor, place),
    }),
};

export const organisationPolicy = {
  actions: (actor: Actor) =>
    allowedActions({
      update: can(actor, "organisation.update"),
      delete: can(actor, "organisation.delete"),
    }),
};
