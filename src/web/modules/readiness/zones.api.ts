import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../app/api.ts";

/** The warden zones API's answers (src/server/modules/readiness/zones/zones.routes.ts). */

export type ZoneWarden = { appointmentId: string; isDeputy: boolean; personId: string; personName: string; startsOn: string; endsOn: string | null; isInForce: boolean };

export type Zone = {
  id: string;
  securityAreaId: string;
  securityAreaName: string;
  name: string;
  localities: string[];
  polygon: { type: "Polygon"; coordinates: [number, number][][] } | null;
  notes: string | null;
  wardens: ZoneWarden[];
  households: number;
  people: number;
  isMine: boolean;
  actions: string[];
};

export type Household = {
  personId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  recruitmentType: string;
  dutyStationName: string;
  dependants: { id: string; name: string; relationship: string }[];
  contacts: { phone: string | null; mobile: string | null; email: string | null; residentialAddress: string | null } | null;
};

export type HouseholdList = { zone: { id: string; name: string }; households: Household[]; hidden: number };

export type ZoneBody = { securityAreaId: string; name: string; localities: string[]; notes: string | null };

const listKey = ["readiness", "zones"] as const;

export function useZones(securityAreaId: string | null) {
  return useQuery({
    queryKey: [...listKey, securityAreaId],
    queryFn: ({ signal }) => api.get<{ items: Zone[] }>("/api/warden-zones", { securityAreaId: securityAreaId ?? undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useHouseholds(zoneId: string | null) {
  return useQuery({
    queryKey: ["readiness", "households", zoneId],
    queryFn: ({ signal }) => api.get<HouseholdList>(`/api/warden-zones/${zoneId}/households`, {}, signal),
    enabled: Boolean(zoneId),
  });
}

/** Warden appointments in force today on an area or its stations, to name one as a zone's warden. */
export function useWardenAppointments(securityAreaId: string | null, isEnabled: boolean) {
  return useQuery({
    queryKey: ["appointments", "wardens", securityAreaId],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; personName: string; placeName: string; endsOn: string | null }[] }>(
        "/api/appointments",
        { role: "warden", placeId: securityAreaId ?? undefined, activeOn: new Date().toISOString().slice(0, 10), pageSize: 100 },
        signal,
      ),
    enabled: Boolean(securityAreaId) && isEnabled,
  });
}

export function useZoneMutations() {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["readiness"] });
  };
  return {
    save: useMutation({
      mutationFn: ({ id, body }: { id: string | null; body: ZoneBody }) => {
        if (!id) return api.post<Zone>("/api/warden-zones", body);
        const { securityAreaId: _area, ...patch } = body;
        return api.patch<Zone>(`/api/warden-zones/${id}`, patch);
      },
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (id: string) => api.delete(`/api/warden-zones/${id}`), onSuccess: refresh }),
    nameWarden: useMutation({
      mutationFn: ({ id, appointmentId, isDeputy }: { id: string; appointmentId: string; isDeputy: boolean }) => api.put<Zone>(`/api/warden-zones/${id}/wardens`, { appointmentId, isDeputy }),
      onSuccess: refresh,
    }),
    removeWarden: useMutation({
      mutationFn: ({ id, appointmentId }: { id: string; appointmentId: string }) => api.delete(`/api/warden-zones/${id}/wardens/${appointmentId}`),
      onSuccess: refresh,
    }),
    place: useMutation({
      mutationFn: ({ id, personIds }: { id: string; personIds: string[] }) => api.post<{ assigned: number }>(`/api/warden-zones/${id}/households`, { personIds }),
      onSuccess: refresh,
    }),
    takeOut: useMutation({
      mutationFn: ({ id, personId }: { id: string; personId: string }) => api.delete(`/api/warden-zones/${id}/households/${personId}`),
      onSuccess: refresh,
    }),
    byAddress: useMutation({
      mutationFn: (securityAreaId: string) => api.post<{ assigned: number; ambiguousOrUnmatched: number; withoutAddress: number }>("/api/warden-zones/assign-by-address", { securityAreaId }),
      onSuccess: refresh,
    }),
  };
}
