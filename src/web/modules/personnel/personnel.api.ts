import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, buildQuery, type ListResponse, type QueryParams, uploadFile } from "../../app/api.ts";
import type { DependantRelationship, PersonnelCategory, RecruitmentType, Sex } from "../../app/domain.ts";
import type { Appointment } from "../appointments/appointments.api.ts";
import type { FlatResponsibility } from "../responsibilities/responsibility-list.component.tsx";

export type PersonListItem = {
  id: string;
  givenName: string;
  familyName: string;
  indexNumber: string | null;
  organisationId: string;
  organisationCode: string;
  dutyStationId: string;
  dutyStationName: string;
  sex: Sex;
  recruitmentType: RecruitmentType;
  category: PersonnelCategory;
  grade: string | null;
  hasAccount: boolean;
  dependantCount: number;
  actions: string[];
};

export type Dependant = {
  id: string;
  givenName: string;
  familyName: string;
  relationship: DependantRelationship;
  sex: Sex;
  birthDate: string | null;
  isEligible: boolean;
};

export type PersonPrivate = {
  phone: string | null;
  mobile: string | null;
  email: string | null;
  emergencyContact: string | null;
  residentialAddress: string | null;
};

export type Responsibility = FlatResponsibility;

export type PersonDetail = PersonListItem & {
  userId: string | null;
  createdAt?: string;
  updatedAt?: string;
  dependants: Dependant[];
  private?: PersonPrivate;
  appointments?: Appointment[];
  responsibilities?: Responsibility[];
};

export type DependantBody = Omit<Dependant, "id">;

export type PersonBody = {
  organisationId: string;
  dutyStationId: string;
  indexNumber: string | null;
  givenName: string;
  familyName: string;
  sex: Sex;
  recruitmentType: RecruitmentType;
  category: PersonnelCategory;
  grade: string | null;
  private?: PersonPrivate;
  dependants?: DependantBody[];
};

export type ImportResult = { created: number; errors: { row: number; field: string; message: string }[] };

export function usePersonnelList(params: QueryParams) {
  return useQuery({
    queryKey: ["personnel", "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<PersonListItem>>("/api/personnel", params, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: ["personnel", "detail", id],
    queryFn: ({ signal }) => api.get<PersonDetail>(`/api/personnel/${id}`, undefined, signal),
  });
}

export function exportCsvUrl(filters: QueryParams): string {
  return `/api/personnel/export.csv${buildQuery(filters)}`;
}

export function useSavePerson(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonBody) => {
      if (!id) return api.post<PersonDetail>("/api/personnel", body);
      const { dependants: _dependants, ...patch } = body;
      return api.patch<PersonDetail>(`/api/personnel/${id}`, patch);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ["personnel"] });
      await queryClient.invalidateQueries({ queryKey: ["history", "person", saved.id] });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}

export function useDeletePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/personnel/${id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["personnel"] });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}

export function useAddDependant(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DependantBody) => api.post<Dependant>(`/api/personnel/${personId}/dependants`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["personnel"] }),
  });
}

export function useRemoveDependant(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dependantId: string) => api.delete(`/api/personnel/${personId}/dependants/${dependantId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["personnel"] }),
  });
}

export function useImportPersonnel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadFile<ImportResult>("/api/personnel/import", file),
    onSuccess: async (result) => {
      if (result.created > 0) {
        await queryClient.invalidateQueries({ queryKey: ["personnel"] });
        await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
      }
    },
  });
}
