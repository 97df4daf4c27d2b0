import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TravelProfileInput } from "../../../core/travel/profile.ts";
import { api } from "../../app/api.ts";

/** The travel profiles API (src/server/modules/travel/profiles/profiles.routes.ts). */

export type TravelProfile = {
  personId: string;
  /** Null for the person's own profile. */
  dependantId: string | null;
  name: string;
  relationship: string | null;
  emergencyContactName: string | null;
  emergencyContactRelationship: string | null;
  emergencyContactPhone: string | null;
  travelPhone: string | null;
  nationality: string | null;
  passportNumber: string | null;
  passportCountry: string | null;
  passportExpiresOn: string | null;
  proofOfLife: { question: string; answer: string }[];
  /** Null for a profile never filled. */
  updatedAt: string | null;
};

export type TravelProfiles = { personId: string; name: string; own: TravelProfile; dependants: TravelProfile[]; actions: string[] };

const mineKey = ["travel", "profiles", "me"] as const;

/** The signed-in person's profile and their eligible dependants' (each read is audited on the server). */
export function useMyProfiles() {
  return useQuery({ queryKey: mineKey, queryFn: ({ signal }) => api.get<TravelProfiles>("/api/travel/profiles/me", undefined, signal) });
}

/** A traveller's profiles, for a reviewer with need-to-know; fetched only when asked for (the read is audited). */
export function usePersonProfiles(personId: string, isEnabled: boolean) {
  return useQuery({
    queryKey: ["travel", "profiles", "person", personId],
    queryFn: ({ signal }) => api.get<TravelProfiles>(`/api/travel/profiles/person/${personId}`, undefined, signal),
    enabled: isEnabled,
    staleTime: 60_000,
  });
}

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ dependantId, body }: { dependantId: string | null; body: TravelProfileInput }) =>
      api.put<TravelProfile>(dependantId ? `/api/travel/profiles/me/dependants/${dependantId}` : "/api/travel/profiles/me", body),
    onSuccess: (saved) =>
      queryClient.setQueryData<TravelProfiles>(mineKey, (current) =>
        current && {
          ...current,
          own: saved.dependantId === null ? saved : current.own,
          dependants: current.dependants.map((one) => (one.dependantId === saved.dependantId ? saved : one)),
        },
      ),
  });
}
