import type { Permission } from "../../../core/access/permissions.ts";
import { grantsFor, pathCovers } from "../../../core/access/scope.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { type PlaceRow, findPlaceFor } from "./places.service.ts";

/**
 * The place a request names (a `placeId` filter or path parameter), when the caller's right
 * reaches it; otherwise "not found", whether it exists or not. Every listing, count, map, report
 * and export answers the same way for a place out of scope (issue 11, item 15): a filter that
 * silently matched nothing would tell the caller the place exists and is empty, where a record
 * out of scope is "not found".
 *
 * `right`: a permission, whose grants must cover the place by path (an organisation-restricted
 * grant covers it: the rows are then limited to the organisation by the listing itself), or a
 * module's own test of the path (the risk module's policies).
 */
export async function placeInScope(context: ServiceContext, placeId: string, right: Permission | ((placePath: string) => boolean)): Promise<PlaceRow> {
  const place = await findPlaceFor(context, placeId);
  const isCovered =
    typeof right === "function" ? right : (path: string) => grantsFor(context.actor, right).some((grant) => pathCovers(grant.placePath, path));
  if (!place || !isCovered(place.path)) throw new NotFoundError("Place");
  return place;
}
