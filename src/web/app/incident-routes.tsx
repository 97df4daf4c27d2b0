import { createRoute } from "@tanstack/react-router";
import { investigationStatuses, perpetratorKinds, victimCaseSorts, victimCaseStatuses } from "../../core/victims/victim-enums.ts";
import { incidentStatuses, personOutcomes } from "../modules/incidents/incident-labels.ts";
import { flag, oneOf, positiveInt, searchOf, sortOrders, text } from "./search-params.ts";
import { page, pagesRoute, requires } from "./route-base.tsx";

/** Incident pages (list, record, quick report, import, analysis) and the victims register. */
const incidentsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/incidents",
  beforeLoad: requires("incident.read"),
  validateSearch: searchOf((search) => ({
    q: text(search.q),
    placeId: text(search.placeId),
    categoryCode: text(search.categoryCode),
    status: oneOf(incidentStatuses, search.status),
    affectsUn: oneOf(["true", "false"] as const, search.affectsUn),
    organisationId: text(search.organisationId),
    outcome: oneOf(personOutcomes, search.outcome),
    from: text(search.from),
    to: text(search.to),
    sort: oneOf(["occurredAt", "updatedAt"] as const, search.sort),
    order: oneOf(sortOrders, search.order),
  })),
  component: page(() => import("../modules/incidents/incident-list.page.tsx"), "IncidentListPage"),
});

const incidentNewRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/incidents/new",
  beforeLoad: requires("incident.create"),
  component: page(() => import("../modules/incidents/incident-edit.page.tsx"), "IncidentCreatePage"),
});

const incidentImportRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/incidents/import",
  beforeLoad: requires("incident.import"),
  component: page(() => import("../modules/incident-exchange/incident-import.page.tsx"), "IncidentImportPage"),
});

const incidentQuickRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/incidents/quick",
  beforeLoad: requires("incident.create"),
  component: page(() => import("../modules/incidents/quick-report.page.tsx"), "QuickReportPage"),
});

const incidentRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/incidents/$incidentId",
  beforeLoad: requires("incident.read"),
  component: page(() => import("../modules/incidents/incident-detail.page.tsx"), "IncidentDetailPage"),
});

const incidentEditRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/incidents/$incidentId/edit",
  beforeLoad: requires("incident.create"),
  component: page(() => import("../modules/incidents/incident-edit.page.tsx"), "IncidentEditPage"),
});

// Incident analysis (dashboard, map, generated reports): filters live in the URL, so a view can be shared.
const month = (value: unknown) => (typeof value === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : undefined);
const day = (value: unknown) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

const incidentDashboardRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/incidents/dashboard",
  beforeLoad: requires("incident.analyse"),
  validateSearch: searchOf((search) => ({
    from: month(search.from),
    to: month(search.to),
    placeId: text(search.placeId),
    categoryCode: text(search.categoryCode),
    affectsUn: oneOf(["true", "false"] as const, search.affectsUn),
  })),
  component: page(() => import("../modules/incident-analysis/incident-dashboard.page.tsx"), "IncidentDashboardPage"),
});

const incidentMapRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/incidents/map",
  beforeLoad: requires("incident.analyse"),
  validateSearch: searchOf((search) => ({
    from: day(search.from),
    to: day(search.to),
    placeId: text(search.placeId),
    categoryCode: text(search.categoryCode),
  })),
  component: page(() => import("../modules/incident-analysis/incident-map.page.tsx"), "IncidentMapPage"),
});

const incidentReportsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/incidents/reports",
  beforeLoad: requires("incident.analyse"),
  validateSearch: searchOf((search) => ({
    tab: oneOf(["periodic", "jiu"] as const, search.tab),
    period: oneOf(["quarter", "year"] as const, search.period),
    year: positiveInt(search.year),
    quarter: oneOf(["1", "2", "3", "4"] as const, String(search.quarter)) ? Number(search.quarter) : undefined,
    placeId: text(search.placeId),
    fromYear: positiveInt(search.fromYear),
    toYear: positiveInt(search.toYear),
  })),
  component: page(() => import("../modules/incident-analysis/incident-reports.page.tsx"), "IncidentReportsPage"),
});

const victimsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/victims",
  beforeLoad: requires("victim.read"),
  validateSearch: searchOf((search) => ({
    q: text(search.q),
    status: oneOf(victimCaseStatuses, search.status),
    perpetratorKind: oneOf(perpetratorKinds, search.perpetratorKind),
    investigationStatus: oneOf(investigationStatuses, search.investigationStatus),
    placeId: text(search.placeId),
    overdue: flag(search.overdue),
    sort: oneOf(victimCaseSorts, search.sort),
    order: oneOf(sortOrders, search.order),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/victims/victim-list.page.tsx"), "VictimListPage"),
});

const victimRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/victims/$caseId",
  beforeLoad: requires("victim.read"),
  component: page(() => import("../modules/victims/victim-detail.page.tsx"), "VictimDetailPage"),
});


export const incidentRoutes = [incidentsRoute, incidentNewRoute, incidentImportRoute, incidentQuickRoute, incidentRoute, incidentEditRoute, incidentDashboardRoute, incidentMapRoute, incidentReportsRoute, victimsRoute, victimRoute];
