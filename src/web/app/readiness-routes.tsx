import { createRoute, notFound } from "@tanstack/react-router";
import { isUuid } from "../../core/ids.ts";
import { page, pagesRoute, requires } from "./route-base.tsx";
import { positiveInt, searchOf, text } from "./search-params.ts";

/** Readiness pages (issue 14): warden zones and their lists; check-ins and messages. */

const zonesRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/readiness/zones",
  beforeLoad: requires("readiness.zone.read"),
  // The area shown and the zone whose list is open stay in the address, so a warden can keep a link to their list.
  validateSearch: searchOf((search) => ({ areaId: text(search.areaId), zoneId: text(search.zoneId) })),
  component: page(() => import("../modules/readiness/zones.page.tsx"), "ZonesPage"),
});

// Every signed-in user sees the messages sent to them; the area's staff those of their areas.
const checkinsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/readiness/checkins",
  validateSearch: searchOf((search) => ({ page: positiveInt(search.page) })),
  component: page(() => import("../modules/readiness/checkin-list.page.tsx"), "CheckinListPage"),
});

const checkinNewRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/readiness/checkins/new",
  beforeLoad: requires("readiness.checkin.send"),
  component: page(() => import("../modules/readiness/checkin-new.page.tsx"), "CheckinNewPage"),
});

const checkinRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/readiness/checkins/$messageId",
  beforeLoad: ({ params }) => {
    if (!isUuid(params.messageId)) throw notFound();
  },
  component: page(() => import("../modules/readiness/checkin-detail.page.tsx"), "CheckinDetailPage"),
});

export const readinessRoutes = [zonesRoute, checkinsRoute, checkinNewRoute, checkinRoute];
