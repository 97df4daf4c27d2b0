import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Reviewer, TransportMode } from "../../../core/travel/clearance.ts";
import type { LegDecisionInput, RequestKind, TravelRequestInput } from "../../../core/travel/itinerary.ts";
import { api, type ListResponse } from "../../app/api.ts";
import type { LegStatus, RequestStatus, StepAction } from "./travel-labels.ts";

/** The travel API's answers (src/server/modules/travel/requests/requests.routes.ts). */

export type Reason = { code: string; text: string };

type TripBase = {
  id: string;
  number: string;
  kind: RequestKind;
  status: RequestStatus;
  purpose: string;
  isLateNotification: boolean;
  departsAt: string;
  returnsAt: string;
  clearedAt: string | null;
  createdAt: string;
};

export type TripSummary = TripBase & { travellers: string[] };

export type TripLeg = {
  id: string;
  position: number;
  fromPlaceId: string;
  fromName: string;
  fromLocality: string | null;
  toPlaceId: string;
  toName: string;
  toLocality: string | null;
  departureLocal: string;
  arrivalLocal: string;
  departureAt: string;
  arrivalAt: string;
  transport: TransportMode;
  operatorId: string | null;
  vehicleArrangement: string | null;
  accommodation: string | null;
  contact: string | null;
  status: LegStatus;
  reviewer: Reviewer;
  reasons: Reason[];
  conditions: string[];
  decisionNote: string | null;
  decidedAt: string | null;
  canDecide: boolean;
};

export type TripStep = { action: StepAction; legId: string | null; actorName: string | null; note: string | null; at: string };

export type Trip = TripBase & {
  conditionsAcknowledgedAt: string | null;
  travellers: { personId: string | null; dependantId: string | null; name: string; organisationCode: string }[];
  legs: TripLeg[];
  history: TripStep[];
  /** A cleared trip's public verification page (the address its clearance PDF's QR code carries). */
  verificationUrl?: string | null;
  actions: string[];
};

export type QueueItem = {
  legId: string;
  requestId: string;
  number: string;
  purpose: string;
  fromName: string;
  toName: string;
  departureLocal: string;
  departureAt: string;
  transport: TransportMode;
  reviewer: Reviewer;
  reasons: Reason[];
  travellers: { name: string; organisationCode: string; personId: string | null }[];
};

export type TravelPlace = { id: string; name: string; kind: string; within: string };

export type TripBody = TravelRequestInput;
export type DecisionBody = Pick<LegDecisionInput, "decision" | "conditions"> & { note: string | null };

const tripKey = (id: string) => ["travel", "trip", id] as const;

export function useTrips(params: { scope: "mine" | "area"; page: number; pageSize: number }, isEnabled = true) {
  return useQuery({
    queryKey: ["travel", "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<TripSummary>>("/api/travel/requests", params, signal),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

export function useTrip(id: string) {
  return useQuery({
    queryKey: tripKey(id),
    queryFn: ({ signal }) => api.get<Trip>(`/api/travel/requests/${id}`, undefined, signal),
  });
}

export function useClearanceQueue(params: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ["travel", "queue", params],
    queryFn: ({ signal }) => api.get<ListResponse<QueueItem>>("/api/travel/queue", params, signal),
    placeholderData: keepPreviousData,
  });
}

/** Places a leg may leave from or go to, searched by name on the server. */
export function useTravelPlaces(search: string) {
  return useQuery({
    queryKey: ["travel", "places", search],
    queryFn: ({ signal }) => api.get<{ items: TravelPlace[] }>("/api/travel/places", { q: search || undefined, limit: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** The signed-in person's own record: their name, and the dependants who may travel with them. */
export function useOwnPerson(personId: string | null) {
  return useQuery({
    queryKey: ["travel", "self", personId],
    queryFn: ({ signal }) =>
      api.get<{ givenName: string; familyName: string; dependants: { id: string; givenName: string; familyName: string }[] }>(
        `/api/personnel/${personId}`,
        undefined,
        signal,
      ),
    enabled: personId !== null,
    staleTime: 5 * 60_000,
  });
}

/** Lists, the queue and the trip itself change together: a decision on one leg moves all three. */
async function refresh(queryClient: ReturnType<typeof useQueryClient>, id: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: tripKey(id) }),
    queryClient.invalidateQueries({ queryKey: ["travel", "list"] }),
    queryClient.invalidateQueries({ queryKey: ["travel", "queue"] }),
  ]);
}

export function useFileTrip() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TripBody) => api.post<Trip>("/api/travel/requests", body),
    onSuccess: async (trip) => {
      queryClient.setQueryData(tripKey(trip.id), trip);
      await queryClient.invalidateQueries({ queryKey: ["travel", "list"] });
    },
  });
}

export function useTripActions(id: string) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: (reason: string) => api.post(`/api/travel/requests/${id}/cancel`, { reason }),
    onSuccess: () => refresh(queryClient, id),
  });
  const acknowledge = useMutation({
    mutationFn: () => api.post(`/api/travel/requests/${id}/acknowledge`),
    onSuccess: () => refresh(queryClient, id),
  });
  const decide = useMutation({
    mutationFn: ({ legId, body }: { legId: string; body: DecisionBody }) => api.post(`/api/travel/legs/${legId}/decision`, body),
    onSuccess: () => refresh(queryClient, id),
  });
  return { cancel, acknowledge, decide };
}
