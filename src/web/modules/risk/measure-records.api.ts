import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CompareSort, MeasureSort } from "../../../core/risk/measures.schemas.ts";
import type { MeasureCategory, MeasureKind, MeasureStatus } from "../../../core/risk/risk-enums.ts";
import { api, buildQuery, type ListResponse, type QueryParams, uploadFile } from "../../app/api.ts";

/** SRM measures: the area list, one measure with its evidence, the CSV export and the cross-country view. */

export type MeasureListItem = {
  id: string;
  kind: MeasureKind;
  placeId: string;
  placeName: string;
  organisationId: string | null;
  organisationCode: string | null;
  assessmentLineageId: string | null;
  scenarioKey: string | null;
  category: MeasureCategory;
  title: string;
  ownerName: string;
  dueOn: string;
  costAmount: number | null;
  costCurrency: string | null;
  status: MeasureStatus;
  implementedOn: string | null;
  verifiedOn: string | null;
  effectiveness: number | null;
  isOverdue: boolean;
  evidenceCount: number;
  actions: string[];
};

export type MeasureEvidence = { fileId: string; name: string; contentType: string; size: number; createdAt: string };

export type Measure = MeasureListItem & {
  description: string;
  effectivenessNote: string | null;
  verificationNote: string | null;
  evidence: MeasureEvidence[];
  lastOverdueNoticeAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** The body of a create; a PATCH sends the same fields but the place. */
export type MeasureBody = {
  kind: MeasureKind;
  placeId: string;
  organisationId: string | null;
  category: MeasureCategory;
  title: string;
  description: string;
  ownerName: string;
  dueOn: string;
  costAmount: number | null;
  costCurrency: string | null;
  status: MeasureStatus;
  implementedOn: string | null;
  verifiedOn: string | null;
  verificationNote?: string | null;
  effectiveness: number | null;
  effectivenessNote: string | null;
};

export type MeasureStatusBody = Pick<MeasureBody, "status" | "implementedOn" | "verifiedOn" | "verificationNote" | "effectiveness" | "effectivenessNote">;

export type MeasureFilters = {
  placeId?: string;
  kind?: MeasureKind;
  category?: MeasureCategory;
  status?: MeasureStatus;
  organisationId?: string;
  overdue?: "true";
  q?: string;
};

export type MeasureListParams = MeasureFilters & { sort?: MeasureSort; order?: "asc" | "desc"; page?: number; pageSize?: number };

export type CompareItem = {
  id: string;
  title: string;
  description: string;
  category: MeasureCategory;
  kind: MeasureKind;
  status: MeasureStatus;
  areaName: string;
  designatedAreaName: string;
  countryCode: string | null;
  organisationCode: string | null;
  costAmount: number | null;
  costCurrency: string | null;
  effectiveness: number | null;
  effectivenessNote: string | null;
  implementedOn: string | null;
};

export type CategorySummary = {
  category: MeasureCategory;
  count: number;
  areas: number;
  averageEffectiveness: number | null;
  medianCost: { currency: string; median: number; count: number }[];
};

export type CompareResponse = ListResponse<CompareItem> & { summary: CategorySummary[] };

export type CompareParams = {
  q?: string;
  category?: MeasureCategory;
  kind?: MeasureKind;
  countryCode?: string;
  minEffectiveness?: number;
  sort?: CompareSort;
  order?: "asc" | "desc";
  page?: number;
  pageSize?: number;
};

const measuresKey = ["srm-measures"] as const;
const detailKey = (id: string) => [...measuresKey, "detail", id] as const;

export function useMeasureList(params: MeasureListParams) {
  return useQuery({
    queryKey: [...measuresKey, "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<MeasureListItem>>("/api/srm-measures", params as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMeasure(id: string) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: ({ signal }) => api.get<Measure>(`/api/srm-measures/${id}`, undefined, signal),
  });
}

export function useMeasureCompare(params: CompareParams) {
  return useQuery({
    queryKey: [...measuresKey, "compare", params],
    queryFn: ({ signal }) => api.get<CompareResponse>("/api/srm-measures/compare", params as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

/** The CSV of the list as filtered, labels in the user's language. */
export function measuresCsvUrl(filters: MeasureFilters, language: string): string {
  return `/api/srm-measures/export.csv${buildQuery({ ...filters, lang: language === "fr" ? "fr" : "en" })}`;
}

export function evidenceUrl(measureId: string, fileId: string): string {
  return `/api/srm-measures/${measureId}/evidence/${fileId}`;
}

/** Every write answers with the whole measure (or nothing): the cached detail is replaced, the lists and the history refetched. */
function useMeasureWrite<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (saved) => {
      if (saved && typeof saved === "object" && "evidence" in saved) queryClient.setQueryData(detailKey((saved as unknown as Measure).id), saved);
      await queryClient.invalidateQueries({ queryKey: measuresKey });
      await queryClient.invalidateQueries({ queryKey: ["history", "srm_measure"] });
    },
  });
}

export function useSaveMeasure(id?: string) {
  return useMeasureWrite((body: MeasureBody) => {
    if (!id) return api.post<Measure>("/api/srm-measures", body);
    const { placeId: _place, ...patch } = body;
    return api.patch<Measure>(`/api/srm-measures/${id}`, patch);
  });
}

export function useChangeMeasureStatus(id: string) {
  return useMeasureWrite((body: MeasureStatusBody) => api.patch<Measure>(`/api/srm-measures/${id}`, body));
}

export function useDeleteMeasure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/srm-measures/${id}`),
    onSuccess: async (_nothing, id) => {
      queryClient.removeQueries({ queryKey: detailKey(id) });
      await queryClient.invalidateQueries({ queryKey: measuresKey });
    },
  });
}

export function useUploadEvidence(measureId: string) {
  return useMeasureWrite((file: File) => uploadFile<MeasureEvidence>(`/api/srm-measures/${measureId}/evidence`, file));
}

export function useDeleteEvidence(measureId: string) {
  return useMeasureWrite((fileId: string) => api.delete(`/api/srm-measures/${measureId}/evidence/${fileId}`));
}
