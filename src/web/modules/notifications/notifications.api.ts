import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";

export type AppNotification = {
  id: string;
  kind: string;
  title: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  createdAt: string;
  readAt: string | null;
};

export type NotificationPage = {
  items: AppNotification[];
  total: number;
  page: number;
  pageSize: number;
  unreadCount: number;
};

const notificationsKey = ["notifications"] as const;

/** Users are on slow links: once a minute, and not while the tab is hidden. */
const pollMs = 60_000;

/** Worded by the server in the language shown, so switching language rewords them at once. */
export function useNotifications(pageSize: number) {
  const { i18n } = useTranslation();
  const language = i18n.language.startsWith("fr") ? "fr" : "en";
  return useQuery({
    queryKey: [...notificationsKey, pageSize, language],
    queryFn: ({ signal }) => api.get<NotificationPage>("/api/notifications", { pageSize, language }, signal),
    refetchInterval: pollMs,
    refetchIntervalInBackground: false,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

export function useMarkNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, isRead }: { id: string; isRead: boolean }) => api.patch<AppNotification>(`/api/notifications/${id}`, { isRead }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upTo: string) => api.post<{ marked: number; unreadCount: number }>("/api/notifications/mark-all-read", { upTo }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
