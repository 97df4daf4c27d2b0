import { createRoute, notFound } from "@tanstack/react-router";
import { isUuid } from "../../core/ids.ts";
import { page, pagesRoute, type RouterContext } from "./route-base.tsx";
import { headcountSorts } from "../../core/travel/headcount.ts";
import { oneOf, positiveInt, searchOf, sortOrders, text } from "./search-params.ts";
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

// Every person's own training certificates (issue 13 §1): the ones a trip's clearance weighs.
const myCertificatesRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/travel/certificates",
  beforeLoad: allows((me) => me.personId !== null),
  component: page(() => import("../modules/training/my-certificates.page.tsx"), "MyCertificatesPage"),
});

// Every person's own travel profile (issue 13 §2); an account without a person record keeps none.
const travelProfileRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/travel/profile",
  beforeLoad: allows((me) => me.personId !== null),
  component: page(() => import("../modules/travel/travel-profile.page.tsx"), "TravelProfilePage"),
});

// Air travel (issue 13 §5): the register is everyone's to read; RMTs are for their areas' readers.
const airOperatorsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/travel/air/operators",
  validateSearch: searchOf((search) => ({
    q: text(search.q),
    kind: oneOf(["airline", "charter_operator", "donated_flight_provider"] as const, search.kind),
    category: oneOf(["unrestricted", "conditional", "restricted"] as const, search.category),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/travel/air-operators.page.tsx"), "AirOperatorsPage"),
});

const airRmtsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/travel/air/rmts",
  beforeLoad: allows((me) => me.permissions.includes("air.rmt.read")),
  validateSearch: searchOf((search) => ({ status: oneOf(["submitted", "approved", "rejected"] as const, search.status), page: positiveInt(search.page) })),
  component: page(() => import("../modules/travel/air-rmts.page.tsx"), "AirRmtsPage"),
});

// Who is in an area at a moment (issue 13 §4): counts, and the people for those who may list them.
const headcountRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/travel/headcount",
  beforeLoad: allows((me) => me.permissions.includes("travel.headcount.read")),
  validateSearch: searchOf((search) => ({
    placeId: isUuid(String(search.placeId)) ? String(search.placeId) : undefined,
    at: text(search.at),
    page: positiveInt(search.page),
    sort: oneOf(headcountSorts, search.sort),
    order: oneOf(sortOrders, search.order),
  })),
  component: page(() => import("../modules/travel/headcount.page.tsx"), "HeadcountPage"),
});

export const travelRoutes = [airOperatorsRoute, airRmtsRoute, travelRoute, travelNewRoute, travelQueueRoute, tripRoute, myCertificatesRoute, travelProfileRoute, headcountRoute];
