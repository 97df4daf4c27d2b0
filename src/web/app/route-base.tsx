import type { QueryClient } from "@tanstack/react-query";
import { isUuid } from "../../core/ids.ts";
import {
  type AnyRouter,
  createRootRouteWithContext, createRoute, lazyRouteComponent, notFound, Outlet, redirect } from "@tanstack/react-router";
import { isApiError } from "./api.ts";
import { searchOf, text } from "./search-params.ts";
import { LoginPage } from "../modules/auth/login.page.tsx";
import { type Me, meQueryKey, meQueryOptions } from "./session.ts";
import { NotFoundPage } from "./shell/route-states.component.tsx";

/** The frame every page route hangs from: root, sign-in, the signed-in shell, and the page helpers. */
export type RouterContext = { queryClient: QueryClient };

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: searchOf((search) => ({ redirect: text(search.redirect) })),
  // In the first download: a field user's first screen must not wait for another round trip.
  component: LoginPage,
  onEnter: () => warmUpAfterSignIn(),
});

/**
 * While the user types their credentials, fetch the shell and the dashboard's code (and strings),
 * so that signing in waits only for data. Started once the page has loaded and the link is idle.
 */
function warmUpAfterSignIn(): void {
  const start = () => {
    void Promise.all([import("./shell/signed-in-layout.tsx"), import("../modules/dashboard/dashboard.page.tsx")]).catch(
      () => undefined,
    );
  };
  const whenIdle = () => ("requestIdleCallback" in window ? requestIdleCallback(start, { timeout: 2000 }) : setTimeout(start, 500));
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
}

/** Everything behind sign-in. The session is fetched once here; pages read it with useMe(). */
export const appRoute = createRoute({
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
  component: lazyRouteComponent(() => import("./shell/signed-in-layout.tsx"), "SignedInLayout"),
});

/** Inside the shell, so a page the caller may not see answers "not found" with the navigation still there. */
export const pagesRoute = createRoute({
  getParentRoute: () => appRoute,
  id: "pages",
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

/**
 * Pages the caller has no right to at all answer "not found", as the API does, instead of
 * loading and then failing with 403. So does a record address whose id (every `$…Id` is a UUID)
 * cannot exist, such as a mistyped or cut-off link, instead of a failed load.
 */
export const requires =
  (permission: string) =>
  (match: { context: RouterContext }) => {
    const me = match.context.queryClient.getQueryData<Me>(meQueryKey);
    if (me && !me.permissions.includes(permission)) throw notFound();
    // Read without naming its type here: a typed `params` would take over the routes' own param types.
    const { params } = match as { params?: Record<string, unknown> };
    for (const [name, value] of Object.entries(params ?? {})) {
      if (name.endsWith("Id") && !isUuid(String(value))) throw notFound();
    }
  };

/**
 * Starts downloading the code of the pages an address leads to at once, beside the session probe
 * (`/api/auth/me`), instead of after it. Only under a service worker, that is on a return visit,
 * where the code comes from the device: on a first visit, most likely signed out, the sign-in page
 * would have to share the link with a dashboard it does not show yet.
 */
export function preloadRouteCode(router: AnyRouter): void {
  if (!navigator.serviceWorker?.controller) return;
  for (const match of router.matchRoutes(router.state.location)) {
    const component = router.routesById[match.routeId]?.options.component as { preload?: () => Promise<void> } | undefined;
    void component?.preload?.()?.catch(() => undefined);
  }
}

export const page = <T extends Record<string, unknown>>(importer: () => Promise<T>, name: keyof T & string) =>
  lazyRouteComponent(importer, name as never);

