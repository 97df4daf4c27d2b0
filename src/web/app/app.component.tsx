import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isApiError, setUnauthorizedHandler } from "./api.ts";
import { preloadRouteCode } from "./route-base.tsx";
import { createAppRouter } from "./router.tsx";
import { meQueryKey, meQueryOptions } from "./session.ts";
import { buildTheme, cssVariablesResolver } from "./theme.ts";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      gcTime: 10 * 60_000,
      refetchOnWindowFocus: false,
      // Retrying a 4xx never helps; a flaky field connection deserves a second try.
      retry: (failureCount, error) =>
        (!isApiError(error) || error.status === 0 || error.status >= 500) && failureCount < 2,
    },
    mutations: { retry: false },
  },
});

const router = createAppRouter(queryClient);
// index.html preloads `/api/auth/me` (vite.config.ts); take that answer now, whatever the page. Left
// unclaimed (on /login), the browser would hand that signed-out answer to the probe made after
// signing in.
void queryClient.prefetchQuery(meQueryOptions);
// On a return visit the page's code starts loading beside the session probe, not after it.
preloadRouteCode(router);

setUnauthorizedHandler(() => {
  queryClient.removeQueries({ queryKey: meQueryKey });
  const { pathname, searchStr } = router.state.location;
  if (pathname === "/login") return;
  void router.navigate({ to: "/login", search: { redirect: pathname === "/" ? undefined : pathname + searchStr } });
});

const Toasts = lazy(() => import("./shell/toasts.component.tsx").then((module) => ({ default: module.Toasts })));

export function App() {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels change with the language.
  const theme = useMemo(() => buildTheme(t), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Suspense fallback={null}>
        <Toasts />
      </Suspense>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
