import { useQuery } from "@tanstack/react-query";
import { api } from "../../app/api.ts";
import type { PlaceKind } from "../../app/domain.ts";
import type { ContinuityItem } from "../places/places.api.ts";

export type DutyStationPoint = {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  parentName: string | null;
  personnelCount: number;
};

export type Dashboard = {
  areas: { id: string; name: string; kind: PlaceKind; countryCode: string | null; roles: string[] }[];
  continuity: ContinuityItem[];
  actionPoints: {
    id: string;
    text: string;
    dueOn: string | null;
    ownerName: string | null;
    meetingId: string;
    meetingTitle: string;
    placeName: string;
    isOverdue: boolean;
  }[];
  dutyStations: DutyStationPoint[];
  counts: { organisations: number; places: number; personnel: number; appointments: number };
};

export function useDashboard() {
  return useQuery({
    queryKey: ["dashboard"],
    queryFn: ({ signal }) => api.get<Dashboard>("/api/dashboard", undefined, signal),
    staleTime: 60_000,
  });
}
