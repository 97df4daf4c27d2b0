import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../../app/api.ts";

/** The in-trip alerts API (src/server/modules/travel/alerts/alerts.routes.ts). */
export type AreaTraveller = {
  name: string;
  isDependant: boolean;
  organisationCode: string;
  requestId: string;
  number: string;
  presence: "present" | "arriving";
  whereName: string | null;
  arrivesAt: string | null;
  hasAccount: boolean;
  contacts: { phone: string | null; mobile: string | null; email: string | null; travelPhone: string | null } | null;
};

export type IncidentTravellers = {
  incidentId: string;
  area: { id: string; name: string };
  at: string;
  windowHours: number;
  present: number;
  arriving: number;
  travellers: AreaTraveller[];
};

/** Null when the caller may not see them (403 or 404): the incident page then shows no panel. */
export function useIncidentTravellers(incidentId: string, isEnabled: boolean) {
  return useQuery({
    queryKey: ["travel", "alerts", "incident", incidentId],
    enabled: isEnabled,
    retry: false,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<IncidentTravellers>(`/api/travel/alerts/incidents/${incidentId}/travellers`, undefined, signal);
      } catch (error) {
        if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
        throw error;
      }
    },
  });
}
