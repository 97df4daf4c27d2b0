import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ProgrammeCriticality } from "../../../core/risk/acceptable-risk.ts";
import { api, type ListResponse, type QueryParams } from "../../app/api.ts";

/** Programme criticality (PC) assessments, and the SRM activities they may rate. */

export type PcAssessment = {
  id: string;
  placeId: string;
  placeName: string;
  organisationId: string;
  organisationCode: string;
  activityKey: string | null;
  activityName: string;
  periodFrom: string;
  periodTo: string;
  level: ProgrammeCriticality;
  rationale: string;
  approverName: string;
  approvedOn: string;
  createdAt: string;
  updatedAt: string;
  actions: string[];
};

export type PcAssessmentBody = {
  placeId: string;
  organisationId: string;
  activityKey: string | null;
  activityName: string;
  periodFrom: string;
  periodTo: string;
  level: ProgrammeCriticality;
  rationale: string;
  approverName: string;
  approvedOn: string;
};

export type PcListParams = {
  placeId?: string;
  organisationId?: string;
  level?: ProgrammeCriticality;
  order?: "asc" | "desc";
  page?: number;
  pageSize?: number;
};

const pcKey = ["pc-assessments"] as const;

export function usePcAssessmentList(params: PcListParams) {
  return useQuery({
    queryKey: [...pcKey, "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<PcAssessment>>("/api/pc-assessments", params as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSavePcAssessment(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PcAssessmentBody) => {
      if (!id) return api.post<PcAssessment>("/api/pc-assessments", body);
      const { placeId: _place, organisationId: _organisation, ...patch } = body;
      return api.patch<PcAssessment>(`/api/pc-assessments/${id}`, patch);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pcKey }),
  });
}

export function useDeletePcAssessment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/pc-assessments/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pcKey }),
  });
}

type AssessmentSummary = { id: string; placeId: string; title: string; version: number };
type AssessmentActivities = { id: string; activities: { key: string; organisationId: string; name: string }[] };
export type SrmActivityOption = { key: string; name: string; assessmentTitle: string };

/**
 * The activities an organisation plans in an area, from the area's SRM assessments (newest
 * version of each): rating one of them links the PC assessment to the acceptable-risk decision.
 */
export function useSrmActivities(placeId: string | null, organisationId: string | null) {
  const assessments = useQuery({
    queryKey: ["srm-assessments", "list", { placeId, pageSize: 50 }],
    queryFn: ({ signal }) => api.get<ListResponse<AssessmentSummary>>("/api/srm-assessments", { placeId, pageSize: 50 }, signal),
    enabled: Boolean(placeId && organisationId),
    staleTime: 60_000,
  });
  const ofArea = (assessments.data?.items ?? []).filter((assessment) => assessment.placeId === placeId);
  const details = useQueries({
    queries: ofArea.map((assessment) => ({
      queryKey: ["srm-assessments", "detail", assessment.id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<AssessmentActivities>(`/api/srm-assessments/${assessment.id}`, undefined, signal),
      staleTime: 60_000,
    })),
  });
  const options = new Map<string, SrmActivityOption>();
  details.forEach((detail, index) => {
    for (const activity of detail.data?.activities ?? []) {
      if (activity.organisationId !== organisationId || options.has(activity.key)) continue;
      options.set(activity.key, { key: activity.key, name: activity.name, assessmentTitle: ofArea[index].title });
    }
  });
  return { options: [...options.values()], isPending: assessments.isFetching || details.some((detail) => detail.isPending) };
}
