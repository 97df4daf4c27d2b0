import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type ListResponse, type QueryParams } from "../../app/api.ts";
import type { SystemRole } from "../../app/domain.ts";
import { type Me, meQueryKey } from "../../app/session.ts";

export type User = {
  id: string;
  email: string;
  displayName: string;
  systemRoles: SystemRole[];
  isActive: boolean;
  locale: string;
  lockedUntil: string | null;
  personId: string | null;
  personName: string | null;
  createdAt: string;
  actions: string[];
};

export type UserCreateBody = {
  email: string;
  displayName: string;
  password: string;
  systemRoles: SystemRole[];
  personId: string | null;
};

export type UserPatchBody = Partial<{
  displayName: string;
  systemRoles: SystemRole[];
  isActive: boolean;
  password: string;
  personId: string | null;
}>;

export type TokenScope = "read" | "read_write";

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  /** read: GET only; read_write: everything the owner may do except managing tokens and the account. */
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

export function useUserList(params: QueryParams) {
  return useQuery({
    queryKey: ["users", "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<User>>("/api/users", params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreateBody) => api.post<User>("/api/users", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserPatchBody }) => api.patch<User>(`/api/users/${id}`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      await queryClient.invalidateQueries({ queryKey: ["personnel"] });
    },
  });
}

export function useChangeOwnPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.patch<Me>("/api/auth/me", body),
    onSuccess: (me) => {
      if (me?.user) queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useTokens() {
  return useQuery({
    queryKey: ["auth", "tokens"],
    queryFn: ({ signal }) => api.get<{ items: ApiToken[] }>("/api/auth/tokens", undefined, signal),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scope: TokenScope; expiresInDays: number | null }) =>
      api.post<ApiToken & { token: string }>("/api/auth/tokens", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["auth", "tokens"] }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/auth/tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["auth", "tokens"] }),
  });
}
