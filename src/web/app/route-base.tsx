import type { QueryClient } from "@tanstack/react-query";
import { isUuid } from "../../core/ids.ts";
import { createRootRouteWithContext, createRoute, lazyRouteComponent, notFound, Outlet, redirect } from "@tanstack/react-router";
import { isApiError } from "./api.ts";
import { searchOf, text } from "./search-params.ts";
import { type Me, meQueryKey, meQueryOptions } from "./session.ts";
import { AppLayout } from "./shell/app-layout.component.tsx";
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
  component: lazyRouteComponent(() => import("../modules/auth/login.page.tsx"), "LoginPage"),
});

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
  component: AppLayout,
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

export const page = <T extends Record<string, unknown>>(importer: () => Promise<T>, name: keyof T & string) =>
  lazyRouteComponent(importer, name as never);

