import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
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
// index.html preloads `/api/auth/me` (vite.config.ts). Every other page claims it through the signed-in
// route's probe; the sign-in page claims it here, else the browser would hand that signed-out answer
// to the probe made after signing in.
if (location.pathname.startsWith("/login")) void queryClient.prefetchQuery(meQueryOptions);
// On a return visit the page's code starts loading beside the session probe, not after it.
preloadRouteCode(router);

setUnauthorizedHandler(() => {
  queryClient.removeQueries({ queryKey: meQueryKey });
  const { pathname, searchStr } = router.state.location;
  if (pathname === "/login") return;
  void router.navigate({ to: "/login", search: { redirect: pathname === "/" ? undefined : pathname + searchStr } });
});

const Toasts = lazy(() => import("./shell/toasts.component.tsx").then((module) => ({ default: module.Toasts })));

/** True once the browser is idle after the first screen: what the first screen does not need waits till then. */
function useIdle(): boolean {
  const [isIdle, setIdle] = useState(false);
  useEffect(() => {
    if (!("requestIdleCallback" in window)) {
      const timer = setTimeout(() => setIdle(true), 1000);
      return () => clearTimeout(timer);
    }
    const handle = requestIdleCallback(() => setIdle(true), { timeout: 3000 });
    return () => cancelIdleCallback(handle);
  }, []);
  return isIdle;
}

export function App() {
  const { t, i18n } = useTranslation();
  const isIdle = useIdle();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels change with the language.
  const theme = useMemo(() => buildTheme(t), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      {isIdle && (
        <Suspense fallback={null}>
          <Toasts />
        </Suspense>
      )}
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
