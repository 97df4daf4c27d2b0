import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Localised, RiskMatrix } from "../../../core/risk/risk-matrix.types.ts";
import { api } from "../../app/api.ts";

/** Types and hooks of the risk matrix library (src/server/modules/risk/matrices/risk-matrices.routes.ts). */

export type RiskMatrixListItem = {
  id: string;
  code: string;
  version: number;
  name: Localised;
  isDefault: boolean;
  inUse: boolean;
  frozen: boolean;
  createdAt: string;
};

export type RiskMatrixRecord = RiskMatrixListItem & { definition: RiskMatrix };
export type RiskMatrixEditResult = RiskMatrixRecord & { createdVersion: boolean };

/** What an administrator sends: the definition without the version, which the server assigns. */
export type RiskMatrixInput = Omit<RiskMatrix, "version">;

const listKey = ["risk-matrices", "list"] as const;
const detailKey = (id: string) => ["risk-matrices", "detail", id] as const;

export function useRiskMatrices() {
  return useQuery({
    queryKey: listKey,
    queryFn: ({ signal }) => api.get<{ items: RiskMatrixListItem[] }>("/api/risk-matrices", undefined, signal),
    staleTime: 60_000,
  });
}

export function useRiskMatrix(id: string) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: ({ signal }) => api.get<RiskMatrixRecord>(`/api/risk-matrices/${id}`, undefined, signal),
  });
}

export function useSaveRiskMatrix(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RiskMatrixInput) => api.put<RiskMatrixEditResult>(`/api/risk-matrices/${id}`, input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(detailKey(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: listKey });
    },
  });
}

export function useMakeDefaultMatrix() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RiskMatrixRecord>(`/api/risk-matrices/${id}/default`),
    onSuccess: async (saved) => {
      queryClient.setQueryData(detailKey(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: ["risk-matrices"] });
    },
  });
}
