import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type ListResponse, type QueryParams } from "../../app/api.ts";
import type { OrganisationKind } from "../../app/domain.ts";

export type FocalPoint = { name: string; email: string; title?: string };

export type Organisation = {
  id: string;
  code: string;
  name: string;
  kind: OrganisationKind;
  hqFocalPoints: FocalPoint[];
  createdAt: string;
  updatedAt: string;
  actions: string[];
};

export type OrganisationBody = {
  code: string;
  name: string;
  kind: OrganisationKind;
  hqFocalPoints: FocalPoint[];
};

export function useOrganisationList(params: QueryParams) {
  return useQuery({
    queryKey: ["organisations", "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<Organisation>>("/api/organisations", params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrganisation(id: string) {
  return useQuery({
    queryKey: ["organisations", "detail", id],
    queryFn: ({ signal }) => api.get<Organisation>(`/api/organisations/${id}`, undefined, signal),
  });
}

export function useSaveOrganisation(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationBody) =>
      id
        ? api.patch<Organisation>(`/api/organisations/${id}`, body)
        : api.post<Organisation>("/api/organisations", body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(["organisations", "detail", saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ["organisations"] });
      await queryClient.invalidateQueries({ queryKey: ["history", "organisation", saved.id] });
    },
  });
}

export function useDeleteOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/organisations/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["organisations"] }),
  });
}
