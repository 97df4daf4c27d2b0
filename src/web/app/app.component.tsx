import { MantineProvider } from "@mantine/core";
import { ModalsProvider } from "@mantine/modals";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isApiError, setUnauthorizedHandler } from "./api.ts";
import { createAppRouter } from "./router.tsx";
import { meQueryKey } from "./session.ts";
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

setUnauthorizedHandler(() => {
  queryClient.removeQueries({ queryKey: meQueryKey });
  const { pathname, searchStr } = router.state.location;
  if (pathname === "/login") return;
  void router.navigate({ to: "/login", search: { redirect: pathname === "/" ? undefined : pathname + searchStr } });
});

function ModalsWithLabels({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <ModalsProvider
      labels={{ confirm: t("common.confirm"), cancel: t("common.cancel") }}
      modalProps={{ centered: true }}
    >
      {children}
    </ModalsProvider>
  );
}

export function App() {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels change with the language.
  const theme = useMemo(() => buildTheme(t), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" limit={3} />
      <QueryClientProvider client={queryClient}>
        <ModalsWithLabels>
          <RouterProvider router={router} />
        </ModalsWithLabels>
      </QueryClientProvider>
    </MantineProvider>
  );
}
