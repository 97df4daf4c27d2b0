import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { CheckinAnswer, MessageInput, ReplyChannel } from "../../../core/readiness/checkins.ts";
import { api, type ListResponse } from "../../app/api.ts";

/** The check-ins API's answers (src/server/modules/readiness/checkins/checkins.routes.ts). */

export type Message = {
  id: string;
  kind: "broadcast" | "checkin";
  placeId: string;
  areaName: string;
  title: string;
  body: string;
  channels: { app: boolean; email: boolean; sms: boolean };
  isTest: boolean;
  sentByName: string;
  sentAt: string;
  expiresAt: string | null;
  closedAt: string | null;
  isOpen: boolean;
  isRecipient: boolean;
  myAnswer: CheckinAnswer | null;
  actions: string[];
};

export type Counts = { recipients: number; people: number; replied: number; noReply: number } & Record<CheckinAnswer, number>;
export type Tally = {
  version: string;
  totals: Counts;
  byZone: (Counts & { zoneId: string | null; name: string | null })[];
  byOrganisation: (Counts & { organisationId: string; code: string })[];
  byChannel: Record<ReplyChannel, number>;
};

export type Recipient = {
  personId: string;
  name: string;
  organisationCode: string;
  zoneId: string | null;
  zoneName: string | null;
  people: number;
  answer: CheckinAnswer | null;
  answerChannel: ReplyChannel | null;
  answeredAt: string | null;
  note: string | null;
  contacts: { phone: string | null; mobile: string | null } | null;
  canRecord: boolean;
};

/** The colour of each answer wherever it is shown. */
export const answerColours: Record<CheckinAnswer, string> = { safe: "teal", need_help: "red", not_in_area: "gray" };

export type Preview = { recipients: number; people: number; unreachable: number; travellers: number };

export function useMessages(page: number) {
  return useQuery({
    queryKey: ["checkins", "list", page],
    queryFn: ({ signal }) => api.get<ListResponse<Message>>("/api/checkins", { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMessage(id: string) {
  return useQuery({ queryKey: ["checkins", "detail", id], queryFn: ({ signal }) => api.get<Message>(`/api/checkins/${id}`, {}, signal) });
}

export function useRecipients(id: string, filter: { answer?: string; zoneId?: string; page: number }, isEnabled: boolean, version: string | undefined) {
  return useQuery({
    queryKey: ["checkins", "recipients", id, filter, version],
    queryFn: ({ signal }) => api.get<ListResponse<Recipient> & { hidden: number }>(`/api/checkins/${id}/recipients`, { ...filter, pageSize: 25 }, signal),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
}

/**
 * The live tally: server-sent events while the page is open (the browser reconnects by itself
 * when the stream ends or the link drops), the JSON tally until the first event arrives.
 */
export function useLiveTally(id: string, isEnabled: boolean): Tally | undefined {
  const [tally, setTally] = useState<Tally | undefined>(undefined);
  const first = useQuery({ queryKey: ["checkins", "tally", id], queryFn: ({ signal }) => api.get<Tally>(`/api/checkins/${id}/tally`, {}, signal), enabled: isEnabled });
  useEffect(() => {
    if (!isEnabled || typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/checkins/${id}/tally/stream`);
    source.addEventListener("tally", (event) => setTally(JSON.parse((event as MessageEvent<string>).data) as Tally));
    return () => source.close();
  }, [id, isEnabled]);
  return tally ?? first.data;
}

export function usePreview(body: Pick<MessageInput, "audience" | "channels"> | null) {
  return useQuery({
    queryKey: ["checkins", "preview", body],
    queryFn: () => api.post<Preview>("/api/checkins/preview", body),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });
}

export function useCheckinMutations(id?: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["checkins"] });
  return {
    send: useMutation({ mutationFn: (body: MessageInput) => api.post<Message>("/api/checkins", body), onSuccess: refresh }),
    close: useMutation({ mutationFn: () => api.post<Message>(`/api/checkins/${id}/close`), onSuccess: refresh }),
    resend: useMutation({ mutationFn: () => api.post<{ resentTo: number; emails: number }>(`/api/checkins/${id}/resend`), onSuccess: refresh }),
    reply: useMutation({ mutationFn: (answer: CheckinAnswer) => api.post(`/api/checkins/${id}/reply`, { answer }), onSuccess: refresh }),
    record: useMutation({
      mutationFn: ({ personId, answer }: { personId: string; answer: CheckinAnswer }) => api.put(`/api/checkins/${id}/recipients/${personId}/answer`, { answer }),
      onSuccess: refresh,
    }),
  };
}
