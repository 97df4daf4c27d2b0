import { createRoute } from "@tanstack/react-router";
import { assessmentStatuses } from "../../core/risk/risk-enums.ts";
import { assessmentTabs } from "../modules/risk/srm-tabs.ts";
import { page, pagesRoute, requires } from "./route-base.tsx";
import { flag, oneOf, positiveInt, searchOf, text } from "./search-params.ts";

/** Risk module pages (srm): SRM assessments, their comparison and acceptable-risk board, and the risk matrix admin. */

const assessmentsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/risk/assessments",
  beforeLoad: requires("srm.read"),
  validateSearch: searchOf((search) => ({
    q: text(search.q),
    placeId: text(search.placeId),
    status: oneOf(assessmentStatuses, search.status),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/risk/assessment-list.page.tsx"), "AssessmentListPage"),
});

const assessmentRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/risk/assessments/$assessmentId",
  beforeLoad: requires("srm.read"),
  validateSearch: searchOf((search) => ({ tab: oneOf(assessmentTabs, search.tab) })),
  component: page(() => import("../modules/risk/assessment-detail.page.tsx"), "AssessmentDetailPage"),
});

const assessmentCompareRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/risk/assessments/$assessmentId/compare",
  beforeLoad: requires("srm.read"),
  validateSearch: searchOf((search) => ({ against: text(search.against) })),
  component: page(() => import("../modules/risk/assessment-compare.page.tsx"), "AssessmentComparePage"),
});

const matricesRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/admin/risk-matrices",
  beforeLoad: requires("risk_matrix.manage"),
  component: page(() => import("../modules/risk/risk-matrix-list.page.tsx"), "RiskMatrixListPage"),
});

const matrixRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/admin/risk-matrices/$matrixId",
  beforeLoad: requires("risk_matrix.manage"),
  // Set after an edit of a frozen version, to say on the new version's page why it exists.
  validateSearch: searchOf((search) => ({ created: flag(search.created) })),
  component: page(() => import("../modules/risk/risk-matrix-detail.page.tsx"), "RiskMatrixDetailPage"),
});

export const riskSrmRoutes = [assessmentsRoute, assessmentRoute, assessmentCompareRoute, matricesRoute, matrixRoute];
