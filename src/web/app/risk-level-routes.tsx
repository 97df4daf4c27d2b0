import { createRoute } from "@tanstack/react-router";
import { programmeCriticalities } from "../../core/risk/acceptable-risk.ts";
import type { CompareSort, MeasureSort } from "../../core/risk/measures.schemas.ts";
import { measureCategories, measureKinds, measureStatuses } from "../../core/risk/risk-enums.ts";
import { page, pagesRoute, requires } from "./route-base.tsx";
import { flag, oneOf, positiveInt, searchOf, sortOrders, text } from "./search-params.ts";

/** Risk module pages (level): measures, the cross-country view, programme criticality, security levels. */

// Repeated from the schemas (and tied to their types): importing those would pull zod into the router.
const measureSorts = ["dueOn", "title", "status", "cost"] as const satisfies readonly MeasureSort[];
const compareSorts = ["implementedOn", "cost", "effectiveness"] as const satisfies readonly CompareSort[];

const measuresRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/risk/measures",
  beforeLoad: requires("measure.read"),
  validateSearch: searchOf((search) => ({
    q: text(search.q),
    placeId: text(search.placeId),
    kind: oneOf(measureKinds, search.kind),
    category: oneOf(measureCategories, search.category),
    status: oneOf(measureStatuses, search.status),
    organisationId: text(search.organisationId),
    overdue: flag(search.overdue),
    sort: oneOf(measureSorts, search.sort),
    order: oneOf(sortOrders, search.order),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/risk/measure-list.page.tsx"), "MeasureListPage"),
});

const effectiveness = (value: unknown) => {
  const number = positiveInt(value);
  return number !== undefined && number <= 5 ? number : undefined;
};

const measuresCompareRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/risk/measures/compare",
  beforeLoad: requires("measure.compare"),
  validateSearch: searchOf((search) => ({
    q: text(search.q),
    category: oneOf(measureCategories, search.category),
    kind: oneOf(measureKinds, search.kind),
    countryCode: text(search.countryCode),
    minEffectiveness: effectiveness(search.minEffectiveness),
    sort: oneOf(compareSorts, search.sort),
    order: oneOf(sortOrders, search.order),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/risk/measures-compare.page.tsx"), "MeasuresComparePage"),
});

const measureRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/risk/measures/$measureId",
  beforeLoad: requires("measure.read"),
  component: page(() => import("../modules/risk/measure-detail.page.tsx"), "MeasureDetailPage"),
});

const programmesRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/risk/programmes",
  beforeLoad: requires("programme.read"),
  validateSearch: searchOf((search) => ({
    placeId: text(search.placeId),
    organisationId: text(search.organisationId),
    level: oneOf(programmeCriticalities, search.level),
    order: oneOf(sortOrders, search.order),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/risk/programme-list.page.tsx"), "ProgrammeListPage"),
});

const securityLevelsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/risk/security-levels",
  beforeLoad: requires("security_level.read"),
  component: page(() => import("../modules/risk/security-level-overview.page.tsx"), "SecurityLevelOverviewPage"),
});

export const riskLevelRoutes = [measuresRoute, measuresCompareRoute, measureRoute, programmesRoute, securityLevelsRoute];
