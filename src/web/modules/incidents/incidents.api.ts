import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { IncidentSex, IncidentSource } from "../../../core/incidents/incident.schemas.ts";
import type { AssetKind, PersonOutcome, PremisesKind } from "../../../core/incidents/incident-taxonomy.types.ts";
import { api, apiRequest, type QueryParams } from "../../app/api.ts";
import type { RecruitmentType } from "../../app/domain.ts";

export type IncidentStatus = "draft" | "submitted" | "verified" | "closed";
export type Translated = { en: string; fr: string };

export type TaxonomyCategory = {
  code: string;
  group: string;
  isViolence: boolean;
  label: Translated;
  description: Translated;
  outcomes: PersonOutcome[];
  requiresOneOf: PersonOutcome[];
  requiresPremises: boolean;
  premisesKinds: PremisesKind[];
  isPremisesOnly: boolean;
  requiresVehicle: boolean;
  isSexualAssault: boolean;
  isCritical: boolean;
  canBeNearMiss: boolean;
};

export type Taxonomy = {
  taxonomyVersion: number;
  groups: { code: string; label: Translated }[];
  categories: TaxonomyCategory[];
};

type IncidentSummary = {
  id: string;
  categoryCode: string;
  taxonomyVersion: number;
  status: IncidentStatus;
  occurredAt: string;
  occurredAtLocal: string;
  timeZone: string;
  placeId: string;
  placeName: string;
  affectsUn: boolean;
  isNearMiss: boolean;
  isSensitive: boolean;
  createdAt: string;
  updatedAt: string;
  actions: string[];
};

export type IncidentListItem = IncidentSummary & {
  summary: string;
  peopleByOutcome: { outcome: PersonOutcome; count: number }[];
};

export type IncidentPage = {
  items: IncidentListItem[];
  nextCursor: string | null;
  pageSize: number;
  total: number | null;
  isTotalCapped: boolean;
};

export type PeopleLine = {
  outcome: PersonOutcome;
  recruitmentType: RecruitmentType;
  sex: IncidentSex;
  count: number;
  organisationId: string | null;
  personId: string | null;
};

export type IncidentAttachment = {
  id: string;
  name: string;
  contentType: string;
  size: number;
  description: string | null;
  createdAt: string;
};

export type Incident = IncidentSummary & {
  description: string;
  source: IncidentSource;
  sourceDetail: string | null;
  reporter: { name: string; personId: string | null; contact: string | null };
  organisationsAffected: string[];
  peopleAffected: PeopleLine[];
  premisesAffected: { kind: PremisesKind; description: string }[];
  assetsAffected: { kind: AssetKind; description: string }[];
  latitude: number | null;
  longitude: number | null;
  dutyStationId: string | null;
  submittedAt: string | null;
  verifiedAt: string | null;
  verifiedByName: string | null;
  closedAt: string | null;
  attachments: IncidentAttachment[];
};

export type IncidentBody = {
  occurredAt: string;
  timeZone: string;
  place: { dutyStationId: string } | { coordinates: { latitude: number; longitude: number } };
  categoryCode: string;
  description: string;
  source: IncidentSource;
  sourceDetail: string | null;
  reporter: { name: string; personId: string | null; contact: string | null };
  affectsUn: boolean;
  isNearMiss: boolean;
  involvesMilitaryOrFormedPolice: boolean;
  organisationsAffected: string[];
  peopleAffected: PeopleLine[];
  premisesAffected: { kind: PremisesKind; description: string }[];
  assetsAffected: { kind: AssetKind; description: string }[];
};

export type IncidentFilters = {
  q?: string;
  placeId?: string;
  categoryCode?: string;
  status?: IncidentStatus;
  affectsUn?: "true" | "false";
  organisationId?: string;
  outcome?: PersonOutcome;
  from?: string;
  to?: string;
};

export type IncidentSort = "occurredAt" | "updatedAt";

/** The taxonomy changes only with a new version of Vigil: fetched once per session. */
export function useTaxonomy() {
  return useQuery({
    queryKey: ["incidents", "taxonomy"],
    queryFn: ({ signal }) => api.get<Taxonomy>("/api/incidents/taxonomy", undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Pages follow the server's cursor; "Load more" appends the next one. */
export function useIncidentList(filters: IncidentFilters, sort: IncidentSort, order: "asc" | "desc") {
  const params: QueryParams = { ...filters, sort, order, pageSize: 25 };
  return useInfiniteQuery({
    queryKey: ["incidents", "list", params],
    queryFn: ({ pageParam, signal }) =>
      api.get<IncidentPage>("/api/incidents", { ...params, cursor: pageParam, withTotal: pageParam ? undefined : "true" }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * What someone a flash alert reached sees of an incident they are not on the need-to-know list
 * of (GET /api/incidents/:id answers `restricted: true`): no narrative, victims or identities.
 */
export type RestrictedIncident = Omit<IncidentSummary, "createdAt" | "updatedAt"> & {
  restricted: true;
  submittedAt: string | null;
  peopleByOutcome: { outcome: PersonOutcome; count: number }[];
  holders: { role: "pcsa" | "author"; name: string }[];
};

export const isRestrictedIncident = (incident: Incident | RestrictedIncident): incident is RestrictedIncident =>
  "restricted" in incident && incident.restricted === true;

/** The incident page's read: the full record, or the restricted view (same request and cache entry as `useIncident`). */
export function useIncidentView(id: string) {
  return useQuery({
    queryKey: ["incidents", "detail", id],
    queryFn: ({ signal }) => api.get<Incident | RestrictedIncident>(`/api/incidents/${id}`, undefined, signal),
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: ["incidents", "detail", id],
    queryFn: ({ signal }) => api.get<Incident>(`/api/incidents/${id}`, undefined, signal),
  });
}

async function refreshIncidents(queryClient: ReturnType<typeof useQueryClient>, id: string) {
  await queryClient.invalidateQueries({ queryKey: ["incidents"] });
  await queryClient.invalidateQueries({ queryKey: ["history", "incident", id] });
}

export function useSaveIncident(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IncidentBody | Partial<IncidentBody>) =>
      id ? api.patch<Incident>(`/api/incidents/${id}`, body) : api.post<Incident>("/api/incidents", body),
    onSuccess: (saved) => refreshIncidents(queryClient, saved.id),
  });
}

export function useTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (to: "submitted" | "verified" | "closed") => api.post<Incident>(`/api/incidents/${id}/transition`, { to }),
    onSuccess: () => refreshIncidents(queryClient, id),
  });
}

export function useNeedToKnow(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: ["incidents", "need-to-know", id],
    queryFn: ({ signal }) => api.get<{ personIds: string[] }>(`/api/incidents/${id}/need-to-know`, undefined, signal),
    enabled: isEnabled,
  });
}

export function useSetNeedToKnow(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personIds: string[]) => api.put<{ personIds: string[] }>(`/api/incidents/${id}/need-to-know`, { personIds }),
    onSuccess: () => refreshIncidents(queryClient, id),
  });
}

export function attachmentUrl(incidentId: string, attachmentId: string): string {
  return `/api/incidents/${incidentId}/attachments/${attachmentId}`;
}

/** One file per request, with its description beside it (multipart, as the API takes it). */
export function useUploadAttachment(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, description }: { file: File; description: string }) => {
      const form = new FormData();
      if (description.trim()) form.append("description", description.trim());
      form.append("file", file);
      return apiRequest<IncidentAttachment>(`/api/incidents/${incidentId}/attachments`, { method: "POST", body: form });
    },
    onSuccess: () => refreshIncidents(queryClient, incidentId),
  });
}

export function useDeleteAttachment(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) => api.delete(attachmentUrl(incidentId, attachmentId)),
    onSuccess: () => refreshIncidents(queryClient, incidentId),
  });
}
