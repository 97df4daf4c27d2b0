import { createRoute, notFound } from "@tanstack/react-router";
import { isUuid } from "../../core/ids.ts";
import { page, pagesRoute, type RouterContext } from "./route-base.tsx";
import { oneOf, positiveInt, searchOf } from "./search-params.ts";
import { type Me, meQueryKey } from "./session.ts";

/** Travel pages (issue 13 §3): the caller's trips, filing one, a trip, the reviewer's clearance queue. */

export const travelReviewPermissions = ["travel.clearance.review", "travel.clearance.approve_high"] as const;

/**
 * A page the session rules out answers "not found", as `requires` does for one permission; so does
 * a trip address whose id is not a UUID.
 */
const allows =
  (check: (me: Me) => boolean) =>
  (match: { context: RouterContext }) => {
    const me = match.context.queryClient.getQueryData<Me>(meQueryKey);
    if (me && !check(me)) throw notFound();
    const { params } = match as { params?: Record<string, unknown> };
    if (params?.requestId !== undefined && !isUuid(String(params.requestId))) throw notFound();
  };

const travelRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/travel",
  validateSearch: searchOf((search) => ({
    scope: oneOf(["mine", "area"] as const, search.scope),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/travel/trip-list.page.tsx"), "TripListPage"),
});

// One files for oneself (a person record), or for others as a focal point or security professional.
const travelNewRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/travel/new",
  beforeLoad: allows((me) => me.personId !== null || me.permissions.includes("travel.request.file")),
  component: page(() => import("../modules/travel/trip-file.page.tsx"), "TripFilePage"),
});

const travelQueueRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/travel/queue",
  beforeLoad: allows((me) => travelReviewPermissions.some((permission) => me.permissions.includes(permission))),
  validateSearch: searchOf((search) => ({ page: positiveInt(search.page) })),
  component: page(() => import("../modules/travel/clearance-queue.page.tsx"), "ClearanceQueuePage"),
});

// Need-to-know is the server's to decide (the traveller, the filer, the area): any signed-in user may ask.
const tripRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/travel/requests/$requestId",
  beforeLoad: allows(() => true),
  component: page(() => import("../modules/travel/trip-detail.page.tsx"), "TripDetailPage"),
});

export const travelRoutes = [travelRoute, travelNewRoute, travelQueueRoute, tripRoute];
