import type { QueryClient } from "@tanstack/react-query";
import { createRoute, createRouter } from "@tanstack/react-router";
import {
  appointmentRoles,
  meetingBodies,
  personnelCategories,
  recruitmentTypes,
  registerRoleKeys,
  sexes,
} from "./domain.ts";
import { incidentRoutes } from "./incident-routes.tsx";
import { riskLevelRoutes } from "./risk-level-routes.tsx";
import { riskSrmRoutes } from "./risk-srm-routes.tsx";
import { readinessRoutes } from "./readiness-routes.tsx";
import { travelRoutes } from "./travel-routes.tsx";
import { appRoute, loginRoute, page, pagesRoute, requires, rootRoute } from "./route-base.tsx";
import { flag, oneOf, positiveInt, searchOf, sortOrders, text } from "./search-params.ts";
import { PageLoader, RouteErrorPage } from "./shell/route-states.component.tsx";

export type { RouterContext } from "./route-base.tsx";

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

// A learning platform's export of training certificates (issue 13 §1), for those who manage training.
const certificateImportRoute = createRoute({
  getParentRoute: () => pagesRoute,
  path: "/training/certificates/import",
  beforeLoad: requires("training.certificate.write"),
  component: page(() => import("../modules/training/certificate-import.page.tsx"), "CertificateImportPage"),
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
      certificateImportRoute,
      ...incidentRoutes,
      ...riskSrmRoutes,
      ...riskLevelRoutes,
      ...travelRoutes,
      ...readinessRoutes,
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
