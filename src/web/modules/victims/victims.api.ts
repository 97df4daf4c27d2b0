import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  InvestigationStatus,
  JudicialStatus,
  PerpetratorKind,
  VictimCaseStatus,
} from "../../../core/victims/victim-enums.ts";
import { api, type ListResponse, type QueryParams } from "../../app/api.ts";

type CaseSummary = {
  id: string;
  incidentId: string;
  placeId: string;
  placeName: string;
  victimPersonId: string | null;
  victimName: string;
  perpetratorKind: PerpetratorKind;
  investigationStatus: InvestigationStatus;
  judicialStatus: JudicialStatus;
  status: VictimCaseStatus;
  nextFollowUpDue: string | null;
  openFollowUpCount: number;
  overdueFollowUpCount: number;
  createdAt: string;
  updatedAt: string;
  actions: string[];
};

export type VictimCaseListItem = CaseSummary & { incidentCategoryCode: string; incidentOccurredAt: string };

export type FollowUp = {
  id: string;
  action: string;
  dueDate: string;
  ownerName: string | null;
  doneAt: string | null;
  isOverdue: boolean;
  createdAt: string;
};

export type VictimCase = CaseSummary & {
  incident: { categoryCode: string; occurredAt: string; status: string };
  perpetratorDetail: string | null;
  nextOfKinFocalPointName: string | null;
  nextOfKinFocalPointContact: string | null;
  notes: string | null;
  followUps: FollowUp[];
};

export type VictimCaseBody = {
  incidentId: string;
  victimPersonId: string | null;
  victimName: string | null;
  perpetratorKind: PerpetratorKind;
  perpetratorDetail: string | null;
  investigationStatus: InvestigationStatus;
  judicialStatus: JudicialStatus;
  nextOfKinFocalPointName: string | null;
  nextOfKinFocalPointContact: string | null;
  notes: string | null;
};

export type FollowUpBody = { action: string; dueDate: string; ownerName: string | null };

/** An incident as the picker shows it: what the incident list answers. */
export type IncidentOption = { id: string; categoryCode: string; occurredAt: string; placeName: string };

export type Translated = { en: string; fr: string };

const detailKey = (id: string) => ["victims", "detail", id] as const;

export function useVictimCaseList(params: QueryParams, isEnabled = true) {
  return useQuery({
    queryKey: ["victims", "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<VictimCaseListItem>>("/api/victim-cases", params, signal),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

export function useVictimCase(id: string) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: ({ signal }) => api.get<VictimCase>(`/api/victim-cases/${id}`, undefined, signal),
  });
}

/** Category labels of the incident taxonomy (the same request, and cache, as the incident pages). */
export function useCategoryLabels() {
  const query = useQuery({
    queryKey: ["incidents", "taxonomy"],
    queryFn: ({ signal }) =>
      api.get<{ categories: { code: string; label: Translated }[] }>("/api/incidents/taxonomy", undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const labels = new Map((query.data?.categories ?? []).map((category) => [category.code, category.label]));
  return (code: string, language: string) => {
    const label = labels.get(code);
    return label ? (language === "fr" ? label.fr : label.en) : code;
  };
}

/** Incidents the caller may read, for the picker: the server searches narratives. */
export function useIncidentOptions(search: string) {
  return useQuery({
    queryKey: ["victims", "incident-options", search],
    queryFn: ({ signal }) =>
      api.get<{ items: IncidentOption[] }>("/api/incidents", { q: search || undefined, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

async function refresh(queryClient: ReturnType<typeof useQueryClient>, saved?: VictimCase) {
  if (saved) queryClient.setQueryData(detailKey(saved.id), saved);
  await queryClient.invalidateQueries({ queryKey: ["victims", "list"] });
  if (saved) await queryClient.invalidateQueries({ queryKey: ["history", "victim_case", saved.id] });
}

export function useSaveVictimCase(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VictimCaseBody) => {
      if (!id) return api.post<VictimCase>("/api/victim-cases", body);
      const { incidentId: _incident, ...patch } = body;
      return api.patch<VictimCase>(`/api/victim-cases/${id}`, patch);
    },
    onSuccess: (saved) => refresh(queryClient, saved),
  });
}

export function useTransitionVictimCase(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (to: VictimCaseStatus) => api.post<VictimCase>(`/api/victim-cases/${id}/transition`, { to }),
    onSuccess: (saved) => refresh(queryClient, saved),
  });
}

/** Follow-up writes answer with the whole case, which replaces the cached one. */
export function useFollowUpMutations(caseId: string) {
  const queryClient = useQueryClient();
  const onSaved = async (saved?: VictimCase) => {
    if (saved) await refresh(queryClient, saved);
    else {
      await queryClient.invalidateQueries({ queryKey: detailKey(caseId) });
      await queryClient.invalidateQueries({ queryKey: ["victims", "list"] });
      await queryClient.invalidateQueries({ queryKey: ["history", "victim_case", caseId] });
    }
  };
  const add = useMutation({
    mutationFn: (body: FollowUpBody) => api.post<VictimCase>(`/api/victim-cases/${caseId}/follow-ups`, body),
    onSuccess: onSaved,
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<FollowUpBody> & { isDone?: boolean } }) =>
      api.patch<VictimCase>(`/api/victim-cases/${caseId}/follow-ups/${id}`, body),
    onSuccess: onSaved,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/victim-cases/${caseId}/follow-ups/${id}`),
    onSuccess: () => onSaved(),
  });
  return { add, update, remove };
}
