import { createRoute } from "@tanstack/react-router";
import { page, pagesRoute, requires } from "./route-base.tsx";
import { searchOf, text } from "./search-params.ts";

/** Readiness pages (issue 14): warden zones and their lists. */

const zonesRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/readiness/zones",
  beforeLoad: requires("readiness.zone.read"),
  // The area shown and the zone whose list is open stay in the address, so a warden can keep a link to their list.
  validateSearch: searchOf((search) => ({ areaId: text(search.areaId), zoneId: text(search.zoneId) })),
  component: page(() => import("../modules/readiness/zones.page.tsx"), "ZonesPage"),
});

export const readinessRoutes = [zonesRoute];
