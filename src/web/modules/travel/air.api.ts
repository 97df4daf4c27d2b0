import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { OperatorKindName } from "../../../core/travel/air.ts";
import type { OperatorCategory } from "../../../core/travel/clearance.ts";
import { api, type ListResponse } from "../../app/api.ts";

/** The air travel API's answers (src/server/modules/travel/air/*.routes.ts). */

export type OperatorSummary = { id: string; name: string; kind: OperatorKindName; country: string | null; category: OperatorCategory | null };
export type CategoryEntry = {
  id: string;
  category: OperatorCategory;
  effectiveFrom: string;
  source: string;
  note: string | null;
  recordedByName: string | null;
  recordedAt: string;
  isFuture: boolean;
};
export type Operator = OperatorSummary & { notes: string | null; createdAt: string; history: CategoryEntry[]; actions: string[] };
export type CategoryBody = { category: OperatorCategory; effectiveFrom: string; source: string; note: string | null };
export type OperatorBody = { name: string; kind: OperatorKindName; country: string | null; notes: string | null; initialCategory: CategoryBody };
export type RmtPolicy = { organisationId: string; code: string; name: string; policy: "mandatory" | "advisory"; isDefault: boolean; updatedAt: string | null };

export type Rmt = {
  id: string;
  operatorId: string;
  operatorName: string;
  organisationId: string;
  organisationCode: string;
  fromName: string;
  toName: string;
  likelihood: number;
  impact: number;
  level: string;
  levelLabel: { en: string; fr: string };
  approver: "do" | "usg_undss" | "aviation" | null;
  justification: string;
  mitigations: string;
  validFrom: string;
  validUntil: string;
  status: "submitted" | "approved" | "rejected" | "withdrawn";
  decisionNote: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  actions: string[];
};
export type RmtBody = {
  operatorId: string;
  organisationId: string;
  fromPlaceId: string;
  toPlaceId: string;
  likelihood: number;
  impact: number;
  justification: string;
  mitigations: string;
  validFrom: string;
  validUntil: string;
};

type OperatorQuery = { kind?: OperatorKindName; category?: OperatorCategory; q?: string; page: number; pageSize: number };

export function useOperators(params: OperatorQuery, isEnabled = true) {
  return useQuery({
    queryKey: ["air", "operators", params],
    queryFn: ({ signal }) => api.get<ListResponse<OperatorSummary> & { canManage: boolean }>("/api/air/operators", params, signal),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

export function useOperator(id: string | null) {
  return useQuery({
    queryKey: ["air", "operator", id],
    queryFn: ({ signal }) => api.get<Operator>(`/api/air/operators/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useRmtPolicies() {
  return useQuery({ queryKey: ["air", "policies"], queryFn: ({ signal }) => api.get<{ items: RmtPolicy[]; canManage: boolean }>("/api/air/rmt-policies", undefined, signal) });
}

export function useRmts(params: { status?: Rmt["status"]; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ["air", "rmts", params],
    queryFn: ({ signal }) => api.get<ListResponse<Rmt>>("/api/air/rmts", params, signal),
    placeholderData: keepPreviousData,
  });
}

/** The risk library's default matrix: its scales' labels for the RMT form. */
export function useDefaultMatrix() {
  return useQuery({
    queryKey: ["air", "matrix"],
    queryFn: async ({ signal }) => {
      const { items } = await api.get<{ items: { id: string; isDefault: boolean }[] }>("/api/risk-matrices", undefined, signal);
      const chosen = items.find((item) => item.isDefault) ?? items[0];
      type Step = { value: number; label: { en: string; fr: string } };
      return api.get<{ id: string; definition: { likelihood: Step[]; impact: Step[] } }>(`/api/risk-matrices/${chosen.id}`, undefined, signal);
    },
    staleTime: 10 * 60_000,
  });
}

export function useAirMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["air"] });
  return {
    createOperator: useMutation({ mutationFn: (body: OperatorBody) => api.post<Operator>("/api/air/operators", body), onSuccess: refresh }),
    recordCategory: useMutation({ mutationFn: ({ id, body }: { id: string; body: CategoryBody }) => api.post<Operator>(`/api/air/operators/${id}/categories`, body), onSuccess: refresh }),
    setPolicy: useMutation({ mutationFn: ({ id, policy }: { id: string; policy: RmtPolicy["policy"] }) => api.put(`/api/air/rmt-policies/${id}`, { policy }), onSuccess: refresh }),
    fileRmt: useMutation({ mutationFn: (body: RmtBody) => api.post<Rmt>("/api/air/rmts", body), onSuccess: refresh }),
    decideRmt: useMutation({ mutationFn: ({ id, decision, note }: { id: string; decision: "approve" | "reject"; note: string | null }) => api.post<Rmt>(`/api/air/rmts/${id}/decision`, { decision, note }), onSuccess: refresh }),
  };
}
