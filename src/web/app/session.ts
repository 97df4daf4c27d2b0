import { queryOptions, useSuspenseQuery } from "@tanstack/react-query";
import { api, apiRequest, setCsrfToken } from "./api.ts";
import type { AppointmentRole, SystemRole } from "./domain.ts";
import { changeLanguage, i18n, isLanguage, type Language, rememberLanguage, storedLanguage } from "./i18n/i18n.ts";

export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  locale: string | null;
  systemRoles: SystemRole[];
};

export type Me = {
  user: SessionUser;
  csrfToken: string;
  personId: string | null;
  appointments: {
    role: AppointmentRole;
    placeId: string;
    placeName: string;
    organisationId: string | null;
    organisationCode: string | null;
  }[];
  permissions: string[];
};

export const meQueryKey = ["auth", "me"] as const;

export const meQueryOptions = queryOptions({
  queryKey: meQueryKey,
  queryFn: async ({ signal }) => {
    const me = await apiRequest<Me>("/api/auth/me", { signal, isAuthProbe: true });
    setCsrfToken(me.csrfToken);
    return me;
  },
  staleTime: 5 * 60_000,
  retry: false,
});

/** Only inside the signed-in layout, whose route loader has already fetched the session. */
export function useMe(): Me {
  return useSuspenseQuery(meQueryOptions).data;
}

export function useCan(permission: string): boolean {
  return useMe().permissions.includes(permission);
}

export async function login(email: string, password: string): Promise<Me> {
  const result = await apiRequest<{ user: SessionUser; csrfToken: string }>("/api/auth/login", {
    method: "POST",
    body: { email, password },
    isAuthProbe: true,
  });
  setCsrfToken(result.csrfToken);
  return apiRequest<Me>("/api/auth/me", { isAuthProbe: true });
}

export async function logout(): Promise<void> {
  try {
    await apiRequest<void>("/api/auth/logout", { method: "POST", isAuthProbe: true });
  } finally {
    setCsrfToken(null);
  }
}

/**
 * A language picked on this device wins and is saved to the account; with no local choice the
 * account's saved language is used (a new phone shows the language the user chose elsewhere).
 */
export async function reconcileLanguage(me: Me): Promise<void> {
  const local = storedLanguage();
  if (local && local !== me.user.locale) {
    await api.patch("/api/auth/me", { locale: local }).catch(() => undefined);
  } else if (!local && isLanguage(me.user.locale) && me.user.locale !== i18n.language) {
    await changeLanguage(me.user.locale);
  }
}

export async function chooseLanguage(language: Language, isSignedIn: boolean): Promise<void> {
  rememberLanguage(language);
  await changeLanguage(language);
  if (isSignedIn) await api.patch("/api/auth/me", { locale: language });
}
