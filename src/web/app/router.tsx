import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { isApiError } from "./api.ts";
import {
  appointmentRoles,
  meetingBodies,
  personnelCategories,
  recruitmentTypes,
  registerRoleKeys,
  sexes,
} from "./domain.ts";
import { incidentStatuses, personOutcomes } from "../modules/incidents/incident-labels.ts";
import {
  investigationStatuses,
  perpetratorKinds,
  victimCaseSorts,
  victimCaseStatuses,
} from "../../core/victims/victim-enums.ts";
import { flag, oneOf, positiveInt, searchOf, sortOrders, text } from "./search-params.ts";
import { type Me, meQueryKey, meQueryOptions } from "./session.ts";
import { AppLayout } from "./shell/app-layout.component.tsx";
import { NotFoundPage, PageLoader, RouteErrorPage } from "./shell/route-states.component.tsx";

export type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: searchOf((search) => ({ redirect: text(search.redirect) })),
  component: lazyRouteComponent(() => import("../modules/auth/login.page.tsx"), "LoginPage"),
});

/** Everything behind sign-in. The session is fetched once here; pages read it with useMe(). */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQueryOptions);
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        throw redirect({ to: "/login", search: { redirect: location.href === "/" ? undefined : location.href } });
      }
      throw error;
    }
  },
  component: AppLayout,
});

/** Inside the shell, so a page the caller may not see answers "not found" with the navigation still there. */
const pagesRoute = createRoute({
  getParentRoute: () => appRoute,
  id: "pages",
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

/**
 * Pages the caller has no right to at all answer "not found", as the API does, instead of
 * loading and then failing with 403.
 */
const requires =
  (permission: string) =>
  ({ context }: { context: RouterContext }) => {
    const me = context.queryClient.getQueryData<Me>(meQueryKey);
    if (me && !me.permissions.includes(permission)) throw notFound();
  };

const page = <T extends Record<string, unknown>>(importer: () => Promise<T>, name: keyof T & string) =>
  lazyRouteComponent(importer, name as never);

const dashboardRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/",
  component: page(() => import("../modules/dashboard/dashboard.page.tsx"), "DashboardPage"),
});

const organisationsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/organisations",
  beforeLoad: requires("organisation.read"),
  validateSearch: searchOf((search) => ({
    q: text(search.q),
    sort: oneOf(["code", "name"] as const, search.sort),
    order: oneOf(sortOrders, search.order),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/organisations/organisation-list.page.tsx"), "OrganisationListPage"),
});

const organisationRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/organisations/$organisationId",
  beforeLoad: requires("organisation.read"),
  component: page(() => import("../modules/organisations/organisation-detail.page.tsx"), "OrganisationDetailPage"),
});

const placesRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/places",
  beforeLoad: requires("place.read"),
  validateSearch: searchOf((search) => ({ q: text(search.q) })),
  component: page(() => import("../modules/places/place-list.page.tsx"), "PlaceListPage"),
});

const placeRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/places/$placeId",
  beforeLoad: requires("place.read"),
  component: page(() => import("../modules/places/place-detail.page.tsx"), "PlaceDetailPage"),
});

const appointmentsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/appointments",
  beforeLoad: requires("appointment.read"),
  validateSearch: searchOf((search) => ({
    q: text(search.q),
    placeId: text(search.placeId),
    role: oneOf(appointmentRoles, search.role),
    activeToday: flag(search.activeToday),
    sort: oneOf(["startsOn", "role", "person"] as const, search.sort),
    order: oneOf(sortOrders, search.order),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/appointments/appointment-list.page.tsx"), "AppointmentListPage"),
});

const appointmentRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/appointments/$appointmentId",
  beforeLoad: requires("appointment.read"),
  component: page(() => import("../modules/appointments/appointment-detail.page.tsx"), "AppointmentDetailPage"),
});

const meetingsRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/meetings",
  beforeLoad: requires("meeting.read"),
  validateSearch: searchOf((search) => ({
    q: text(search.q),
    body: oneOf(meetingBodies, search.body),
    placeId: text(search.placeId),
    order: oneOf(sortOrders, search.order),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/meetings/meeting-list.page.tsx"), "MeetingListPage"),
});

const meetingNewRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/meetings/new",
  beforeLoad: requires("meeting.create"),
  validateSearch: searchOf((search) => ({
    body: oneOf(meetingBodies, search.body),
    placeId: text(search.placeId),
  })),
  component: page(() => import("../modules/meetings/meeting-edit.page.tsx"), "MeetingCreatePage"),
});

const meetingRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/meetings/$meetingId",
  beforeLoad: requires("meeting.read"),
  component: page(() => import("../modules/meetings/meeting-detail.page.tsx"), "MeetingDetailPage"),
});

const meetingEditRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/meetings/$meetingId/edit",
  beforeLoad: requires("meeting.update"),
  component: page(() => import("../modules/meetings/meeting-edit.page.tsx"), "MeetingEditPage"),
});

const personnelRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/personnel",
  beforeLoad: requires("personnel.read"),
  validateSearch: searchOf((search) => ({
    q: text(search.q),
    organisationId: text(search.organisationId),
    placeId: text(search.placeId),
    recruitmentType: oneOf(recruitmentTypes, search.recruitmentType),
    category: oneOf(personnelCategories, search.category),
    sex: oneOf(sexes, search.sex),
    sort: oneOf(["name", "organisation", "dutyStation", "category", "recruitmentType"] as const, search.sort),
    order: oneOf(sortOrders, search.order),
    page: positiveInt(search.page),
  })),
  component: page(() => import("../modules/personnel/personnel-list.page.tsx"), "PersonnelListPage"),
});

const personNewRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/personnel/new",
  beforeLoad: requires("personnel.create"),
  component: page(() => import("../modules/personnel/person-edit.page.tsx"), "PersonCreatePage"),
});

const personRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/personnel/$personId",
  component: page(() => import("../modules/personnel/person-detail.page.tsx"), "PersonDetailPage"),
});

const personEditRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/personnel/$personId/edit",
  beforeLoad: requires("personnel.update"),
  component: page(() => import("../modules/personnel/person-edit.page.tsx"), "PersonEditPage"),
});

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

const responsibilitiesRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/responsibilities",
  validateSearch: searchOf((search) => ({
    role: oneOf(registerRoleKeys, search.role),
    q: text(search.q),
  })),
  component: page(() => import("../modules/responsibilities/responsibilities.page.tsx"), "ResponsibilitiesPage"),
});

const usersRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/accounts",
  beforeLoad: requires("user.read"),
  validateSearch: searchOf((search) => ({ q: text(search.q), page: positiveInt(search.page) })),
  component: page(() => import("../modules/accounts/user-list.page.tsx"), "UserListPage"),
});

const webhooksRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/admin/webhooks",
  beforeLoad: requires("webhook.manage"),
  validateSearch: searchOf((search) => ({ page: positiveInt(search.page) })),
  component: page(() => import("../modules/integrations/webhook-list.page.tsx"), "WebhookListPage"),
});

const myAccountRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/account",
  component: page(() => import("../modules/accounts/my-account.page.tsx"), "MyAccountPage"),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    pagesRoute.addChildren([
      dashboardRoute,
      organisationsRoute,
      organisationRoute,
      placesRoute,
      placeRoute,
      appointmentsRoute,
      appointmentRoute,
      meetingsRoute,
      meetingNewRoute,
      meetingRoute,
      meetingEditRoute,
      personnelRoute,
      personNewRoute,
      personRoute,
      personEditRoute,
      incidentsRoute,
      incidentNewRoute,
      incidentQuickRoute,
      incidentImportRoute,
      incidentRoute,
      incidentEditRoute,
      incidentDashboardRoute,
      incidentMapRoute,
      incidentReportsRoute,
      victimsRoute,
      victimRoute,
      responsibilitiesRoute,
      usersRoute,
      webhooksRoute,
      myAccountRoute,
    ]),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: PageLoader,
    defaultPendingMs: 200,
    defaultErrorComponent: RouteErrorPage,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
