import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type ListResponse, type QueryParams } from "../../app/api.ts";

export { webhookEventTypes } from "../../../core/integrations/webhook.schemas.ts";

export type Webhook = {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  placeId: string | null;
  placeName: string | null;
  isActive: boolean;
  deliveries: { pending: number; delivered: number; failed: number };
  createdAt: string;
  updatedAt: string;
  actions: string[];
};

export type WebhookDelivery = {
  id: string;
  eventType: string;
  entityId: string | null;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

export type WebhookBody = { name: string; url: string; eventTypes: string[]; placeId: string | null; isActive: boolean };

const webhooksKey = ["webhooks"] as const;

export function useWebhooks(params: QueryParams) {
  return useQuery({
    queryKey: [...webhooksKey, "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<Webhook>>("/api/webhooks", params, signal),
    placeholderData: keepPreviousData,
  });
}

/** The latest deliveries (the API keeps the list short) and how many there are in all. */
export function useWebhookDeliveries(id: string | null) {
  return useQuery({
    queryKey: [...webhooksKey, "deliveries", id],
    queryFn: ({ signal }) => api.get<{ items: WebhookDelivery[]; total: number }>(`/api/webhooks/${id}/deliveries`, undefined, signal),
    enabled: id !== null,
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookBody) => api.post<Webhook & { secret: string }>("/api/webhooks", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<WebhookBody> }) => api.patch<Webhook>(`/api/webhooks/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/webhooks/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}
