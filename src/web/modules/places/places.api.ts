import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../app/api.ts";
import type { AppointmentRole, PlaceKind } from "../../app/domain.ts";

export type Place = {
  id: string;
  kind: PlaceKind;
  parentId: string | null;
  parentName: string | null;
  name: string;
  countryCode: string | null;
  latitude: number | null;
  longitude: number | null;
  createdAt: string;
  updatedAt: string;
  actions: string[];
};

export type ContinuityGap = { from: string; to: string | null };

export type InCharge = {
  appointmentId: string;
  personId: string;
  personName: string;
  role: AppointmentRole;
  endsOn: string | null;
};

export type Continuity = { slot: "do" | "asc" | null; inCharge: InCharge | null; gaps: ContinuityGap[] };

export type PlaceDetail = Place & {
  ancestors: { id: string; name: string; kind: PlaceKind }[];
  children: Place[];
  continuity: Continuity;
};

export type ContinuityItem = {
  placeId: string;
  placeName: string;
  placeKind: PlaceKind;
  slot: "do" | "asc";
  isCoveredToday: boolean;
  inCharge: InCharge | null;
  gaps: ContinuityGap[];
};

export type PlaceBody = {
  kind: PlaceKind;
  parentId: string | null;
  name: string;
  countryCode: string | null;
  latitude: number | null;
  longitude: number | null;
};

export function usePlace(id: string) {
  return useQuery({
    queryKey: ["places", "detail", id],
    queryFn: ({ signal }) => api.get<PlaceDetail>(`/api/places/${id}`, undefined, signal),
  });
}

/** `isAll` also returns areas without gaps (for status badges); otherwise only the problems. */
export function useContinuity(days = 30, isAll = false, isEnabled = true) {
  return useQuery({
    enabled: isEnabled,
    queryKey: ["continuity", days, isAll],
    queryFn: ({ signal }) =>
      api.get<{ items: ContinuityItem[] }>("/api/continuity", { days, isAll: isAll ? "true" : undefined }, signal),
    staleTime: 60_000,
  });
}

export function useSavePlace(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlaceBody) => {
      if (!id) return api.post<Place>("/api/places", body);
      const { name, countryCode, latitude, longitude } = body;
      return api.patch<Place>(`/api/places/${id}`, { name, countryCode, latitude, longitude });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ["places"] });
      // A new or renamed area changes the continuity list (and its badges in the place tree).
      await queryClient.invalidateQueries({ queryKey: ["continuity"] });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
      await queryClient.invalidateQueries({ queryKey: ["history", "place", saved.id] });
    },
  });
}

export function useDeletePlace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/places/${id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["places"] });
      await queryClient.invalidateQueries({ queryKey: ["continuity"] });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}
