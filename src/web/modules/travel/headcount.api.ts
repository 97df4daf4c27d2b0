import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { RecruitmentType, Sex } from "../../../core/personnel/personnel.schemas.ts";
import type { HeadcountPerson, HeadcountSort } from "../../../core/travel/headcount.ts";

export type { HeadcountPerson };
import { api, buildQuery, type ListResponse, type QueryParams } from "../../app/api.ts";

/** The headcount API's answers (src/server/modules/travel/headcount/headcount.routes.ts). */

export type HeadcountFigures = {
  total: number;
  personnel: number;
  dependants: number;
  recruitment: Record<RecruitmentType, number>;
  sex: Record<Sex, number>;
  dependantSex: Record<Sex, number>;
};

export type HeadcountPlace = { placeId: string; name: string; kind: string; latitude: number | null; longitude: number | null; personnel: number; dependants: number; total: number };

export type Headcount = {
  place: { id: string; name: string; kind: string };
  at: string;
  totals: HeadcountFigures;
  byOrganisation: (HeadcountFigures & { organisationId: string; code: string; name: string })[];
  byPlace: HeadcountPlace[];
  canList: boolean;
};


export type HeadcountArea = { placeId: string; at?: string };

export function useHeadcount(area: HeadcountArea | undefined) {
  return useQuery({
    queryKey: ["travel", "headcount", area],
    queryFn: ({ signal }) => api.get<Headcount>("/api/travel/headcount", area as QueryParams, signal),
    enabled: Boolean(area),
    placeholderData: keepPreviousData,
  });
}

export function useHeadcountPeople(area: HeadcountArea | undefined, list: { page: number; pageSize: number; sort: HeadcountSort; order: "asc" | "desc" }, isEnabled: boolean) {
  const params = { ...area, ...list };
  return useQuery({
    queryKey: ["travel", "headcount", "people", params],
    queryFn: ({ signal }) => api.get<ListResponse<HeadcountPerson>>("/api/travel/headcount/people", params as QueryParams, signal),
    enabled: Boolean(area) && isEnabled,
    placeholderData: keepPreviousData,
  });
}

/** The list as CSV, headers and labels in the user's language. */
export function headcountCsvUrl(area: HeadcountArea, language: string): string {
  return `/api/travel/headcount/people.csv${buildQuery({ ...area, lang: language === "fr" ? "fr" : "en" })}`;
}
