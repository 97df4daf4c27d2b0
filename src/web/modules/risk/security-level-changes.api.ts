import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { LevelChangeStatus } from "../../../core/risk/risk-enums.ts";
import type { ThreatCategory } from "../../../core/risk/security-levels.ts";
import { api } from "../../app/api.ts";

/** The Security Level System: levels in force (the map), an area's history, and the change workflow. */

export type CategoryLevels = Record<ThreatCategory, number>;

export type AreaLevel = {
  placeId: string;
  placeName: string;
  kind: "designated_area" | "security_area";
  countryCode: string | null;
  parentId: string | null;
  changeId: string | null;
  levels: CategoryLevels | null;
  overall: number | null;
  endorsedAt: string | null;
  pendingChange: { id: string; status: LevelChangeStatus; overall: number; actions: string[] } | null;
};

export type LevelsInForce = { items: AreaLevel[]; pendingCount: number };

export type LevelChange = {
  id: string;
  placeId: string;
  levels: CategoryLevels;
  overall: number;
  justification: string | null;
  status: LevelChangeStatus;
  proposedByName: string | null;
  proposedAt: string;
  approvedByName: string | null;
  approvedAt: string | null;
  endorsedByName: string | null;
  endorsedAt: string | null;
  rejectedByName: string | null;
  rejectedAt: string | null;
  rejectionReason: string | null;
  actions: string[];
};

export type LevelHistory = {
  place: { id: string; name: string; kind: "designated_area" | "security_area"; parentId: string | null };
  inForce: { changeId: string; levels: CategoryLevels; overall: number; endorsedAt: string } | null;
  items: LevelChange[];
  actions: string[];
};

export type LevelChangeBody = { placeId: string; levels: CategoryLevels; overall: number; justification: string | null };

const levelsKey = ["security-levels"] as const;
const historyKey = (placeId: string) => [...levelsKey, "history", placeId] as const;

export function useLevelsInForce() {
  return useQuery({
    queryKey: [...levelsKey, "in-force"],
    queryFn: ({ signal }) => api.get<LevelsInForce>("/api/security-levels", undefined, signal),
  });
}

/** Duty stations have no level of their own: the query is not made for them. */
export function useLevelHistory(placeId: string, isArea = true) {
  return useQuery({
    queryKey: historyKey(placeId),
    queryFn: ({ signal }) => api.get<LevelHistory>(`/api/places/${placeId}/security-levels`, undefined, signal),
    enabled: isArea,
  });
}

function useLevelWrite<Input>(mutationFn: (input: Input) => Promise<LevelChange>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    // A decision changes the map, the area's history and, at endorsement, the bell.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: levelsKey });
      await queryClient.invalidateQueries({ queryKey: ["notifications"] });
    },
  });
}

export function useProposeLevelChange() {
  return useLevelWrite((body: LevelChangeBody) => api.post<LevelChange>("/api/security-level-changes", body));
}

export type LevelDecision = { id: string; step: "approve" | "endorse" } | { id: string; step: "reject"; reason: string };

export function useDecideLevelChange() {
  return useLevelWrite((decision: LevelDecision) =>
    decision.step === "reject"
      ? api.post<LevelChange>(`/api/security-level-changes/${decision.id}/reject`, { reason: decision.reason })
      : api.post<LevelChange>(`/api/security-level-changes/${decision.id}/${decision.step}`),
  );
}
