import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type ListResponse, type QueryParams, uploadFile } from "../../app/api.ts";
import type { AppointmentRole, PlaceKind } from "../../app/domain.ts";

export type Appointment = {
  id: string;
  personId: string;
  personName: string;
  role: AppointmentRole;
  placeId: string;
  placeName: string;
  placeKind: PlaceKind;
  organisationId: string | null;
  organisationCode: string | null;
  startsOn: string;
  endsOn: string | null;
  appointedBy: string | null;
  letterNumber: string | null;
  letterDate: string | null;
  hasLetter: boolean;
  letterFileName: string | null;
  notes: string | null;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  actions: string[];
};

export type AppointmentBody = {
  personId: string;
  role: AppointmentRole;
  placeId: string;
  organisationId: string | null;
  startsOn: string;
  endsOn: string | null;
  appointedBy: string | null;
  letterNumber: string | null;
  letterDate: string | null;
  notes: string | null;
};

export function useAppointmentList(params: QueryParams, isEnabled = true) {
  return useQuery({
    queryKey: ["appointments", "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<Appointment>>("/api/appointments", params, signal),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

export function useAppointment(id: string) {
  return useQuery({
    queryKey: ["appointments", "detail", id],
    queryFn: ({ signal }) => api.get<Appointment>(`/api/appointments/${id}`, undefined, signal),
  });
}

async function invalidateAfterAppointmentChange(queryClient: ReturnType<typeof useQueryClient>, id?: string) {
  // Appointments drive continuity, place pages, the dashboard and the caller's own permissions.
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ["appointments"] }),
    queryClient.invalidateQueries({ queryKey: ["continuity"] }),
    queryClient.invalidateQueries({ queryKey: ["places", "detail"] }),
    queryClient.invalidateQueries({ queryKey: ["dashboard"] }),
    queryClient.invalidateQueries({ queryKey: ["personnel", "detail"] }),
    queryClient.invalidateQueries({ queryKey: ["auth", "me"] }),
    id ? queryClient.invalidateQueries({ queryKey: ["history", "appointment", id] }) : Promise.resolve(),
  ]);
}

export function useSaveAppointment(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AppointmentBody) => {
      if (!id) return api.post<Appointment>("/api/appointments", body);
      // Person, role and place are fixed once recorded: a different one is a new appointment.
      const { personId: _person, role: _role, placeId: _place, ...patch } = body;
      return api.patch<Appointment>(`/api/appointments/${id}`, patch);
    },
    onSuccess: (saved) => invalidateAfterAppointmentChange(queryClient, saved.id),
  });
}

export function useDeleteAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/appointments/${id}`),
    onSuccess: () => invalidateAfterAppointmentChange(queryClient),
  });
}

export function useUploadLetter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) =>
      uploadFile<Appointment>(`/api/appointments/${id}/letter`, file, "PUT"),
    onSuccess: (_result, { id }) => invalidateAfterAppointmentChange(queryClient, id),
  });
}

export function letterUrl(id: string): string {
  return `/api/appointments/${id}/letter`;
}
