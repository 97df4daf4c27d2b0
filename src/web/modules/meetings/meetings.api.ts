import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type ListResponse, type QueryParams } from "../../app/api.ts";
import type { ActionPointKind, ActionPointStatus, AppointmentRole, Attendance, MeetingBody } from "../../app/domain.ts";

export type MeetingListItem = {
  id: string;
  body: MeetingBody;
  placeId: string;
  placeName: string;
  heldOn: string;
  title: string;
  location: string | null;
  attendeeCount: number;
  openActionCount: number;
  actions: string[];
};

export type Attendee = { personId: string; personName: string; attendance: Attendance };

export type ActionPoint = {
  id: string;
  kind: ActionPointKind;
  text: string;
  ownerPersonId: string | null;
  ownerName: string | null;
  dueOn: string | null;
  status: ActionPointStatus;
  actions: string[];
};

export type Meeting = MeetingListItem & {
  minutesHtml: string;
  attendees: Attendee[];
  actionPoints: ActionPoint[];
  createdAt: string;
  updatedAt: string;
};

export type BodyMember = {
  personId: string;
  personName: string;
  role: AppointmentRole;
  organisationCode: string | null;
  membership: "chair" | "member" | "observer";
};

export type MeetingBodyInput = {
  body: MeetingBody;
  placeId: string;
  heldOn: string;
  title: string;
  location: string | null;
  minutesHtml: string;
  attendees: { personId: string; attendance: Attendance }[];
};

export type ActionPointBody = {
  kind: ActionPointKind;
  text: string;
  ownerPersonId: string | null;
  dueOn: string | null;
  status: ActionPointStatus;
};

const detailKey = (id: string) => ["meetings", "detail", id] as const;

export function useMeetingList(params: QueryParams) {
  return useQuery({
    queryKey: ["meetings", "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<MeetingListItem>>("/api/meetings", params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: ({ signal }) => api.get<Meeting>(`/api/meetings/${id}`, undefined, signal),
  });
}

export function useBodyMembers(placeId: string | null, body: MeetingBody | null) {
  return useQuery({
    queryKey: ["bodies", placeId, body, "members"],
    queryFn: ({ signal }) =>
      api.get<{ items: BodyMember[] }>(`/api/bodies/${placeId}/${body}/members`, undefined, signal),
    enabled: Boolean(placeId && body),
    staleTime: 5 * 60_000,
  });
}

export function useSaveMeeting(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MeetingBodyInput) => {
      if (!id) return api.post<Meeting>("/api/meetings", input);
      const { body: _body, placeId: _place, ...patch } = input;
      return api.patch<Meeting>(`/api/meetings/${id}`, patch);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(detailKey(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: ["meetings", "list"] });
      await queryClient.invalidateQueries({ queryKey: ["history", "meeting", saved.id] });
    },
  });
}

export function useDeleteMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/meetings/${id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["meetings"] });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}

/** Action point writes answer with the whole meeting, which replaces the cached one. */
export function useActionPointMutations(meetingId: string) {
  const queryClient = useQueryClient();
  const onSaved = async (meeting?: Meeting) => {
    if (meeting) queryClient.setQueryData(detailKey(meetingId), meeting);
    else await queryClient.invalidateQueries({ queryKey: detailKey(meetingId) });
    await queryClient.invalidateQueries({ queryKey: ["meetings", "list"] });
    await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    await queryClient.invalidateQueries({ queryKey: ["history", "meeting", meetingId] });
  };
  const add = useMutation({
    mutationFn: (body: ActionPointBody) => api.post<Meeting>(`/api/meetings/${meetingId}/action-points`, body),
    onSuccess: onSaved,
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<ActionPointBody> }) =>
      api.patch<Meeting>(`/api/action-points/${id}`, body),
    onSuccess: onSaved,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/action-points/${id}`),
    onSuccess: () => onSaved(),
  });
  return { add, update, remove };
}
