import type { ServiceContext } from "../../../platform/http/context.ts";
import { RuleError } from "../../../platform/http/errors.ts";
import { type PlaceRow, placeInScope } from "../../structure/index.ts";

/**
 * A Designated Area or Security Area the caller may act on. The check is the risk module's own
 * (the UNDSS desk officer holds no place.read), and a place outside it reads as missing.
 */
export async function areaFor(context: ServiceContext, placeId: string, isCovered: (placePath: string) => boolean, field = "placeId"): Promise<PlaceRow> {
  const place = await placeInScope(context, placeId, isCovered);
  if (place.kind === "duty_station") throw new RuleError(field, "must be a Designated Area or Security Area, not a duty station");
  return place;
}

/** LIKE pattern for a place path and everything below it (paths hold ids and slashes only). */
export const under = (path: string) => `${path}%`;
