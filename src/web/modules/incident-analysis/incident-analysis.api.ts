import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, buildQuery, type QueryParams } from "../../app/api.ts";

/** The analysis API: dashboard counts, map points, generated reports (see incident-analysis.routes.ts). */

export type StatsTotals = { incidents: number; affectingUn: number; people: number; killed: number; injured: number };
export type StatsSplit = { incidents: number; people: number; previousIncidents: number; previousPeople: number };
export type IncidentStats = {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  source: "rollup" | "live";
  totals: StatsTotals;
  previousTotals: StatsTotals;
  byMonth: { month: string; incidents: number; previousMonth: string; previousIncidents: number }[];
  byCategory: { categoryCode: string; group: string; incidents: number; people: number; previousIncidents: number }[];
  byArea: { placeId: string | null; name: string; incidents: number; previousIncidents: number }[];
  peopleByOutcome: { outcome: string; people: number; previousPeople: number }[];
  peopleByRecruitmentAndSex: { recruitmentType: string; sex: string; people: number }[];
  violenceSafety: { violence: StatsSplit; safety: StatsSplit };
};

export type StatsFilters = { from?: string; to?: string; placeId?: string; categoryCode?: string; affectsUn?: "true" | "false" };

export function useIncidentStats(filters: StatsFilters) {
  return useQuery({
    queryKey: ["incident-stats", filters],
    queryFn: ({ signal }) => api.get<IncidentStats>("/api/incidents/stats", filters, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export type MapFeature = {
  type: "Feature";
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: { id: string; categoryCode: string; occurredAt: string; status: string; kind: "violence" | "safety" };
};
export type IncidentMapData = { type: "FeatureCollection"; truncated: boolean; cap: number; features: MapFeature[] };
export type MapFilters = { from?: string; to?: string; placeId?: string; categoryCode?: string };

export function useIncidentMap(filters: MapFilters) {
  return useQuery({
    queryKey: ["incident-map", filters],
    queryFn: ({ signal }) => api.get<IncidentMapData>("/api/incidents/map", filters, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export type MapConfig = { styleUrl: string | null; tileUrl: string | null };

export function useMapConfig() {
  return useQuery({
    queryKey: ["incident-map-config"],
    queryFn: ({ signal }) => api.get<MapConfig>("/api/incidents/map/config", undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export type Trio = { current: number; previous: number; yearEarlier: number };
export type ReportPeriod = { from: string; to: string; label: string };
export type PeriodicReport = {
  kind: "quarter" | "year";
  lang: "en" | "fr";
  title: string;
  scope: { placeId: string | null; name: string };
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  yearEarlier: ReportPeriod;
  generatedAt: string;
  totals: { incidents: Trio; affectingUn: Trio; people: Trio; killed: Trio; injured: Trio };
  byGroup: { group: string; label: string; incidents: Trio; people: Trio }[];
  byCategory: { categoryCode: string; group: string; label: string; incidents: Trio; affectingUn: number; people: Trio }[];
  violenceSafety: { kind: "violence" | "safety"; label: string; incidents: Trio; people: Trio }[];
  peopleByOutcome: { outcome: string; label: string; people: Trio }[];
  peopleByOutcomeDetail: { outcome: string; outcomeLabel: string; recruitmentType: string; recruitmentTypeLabel: string; bySex: Record<string, number>; total: number }[];
  byArea: { placeId: string | null; name: string; incidents: Trio; people: Trio }[];
};
export type PeriodicQuery = { period: "quarter" | "year"; year: number; quarter?: number; placeId?: string; lang: "en" | "fr" };

export type JiuRow = { code: string; label: string; cells: number[]; total: number };
export type JiuTable = { title: string; scope: { placeId: string | null; name: string }; fromYear: number; toYear: number; years: number[]; yearLabels: string[]; rows: JiuRow[]; totalRow: JiuRow; generatedAt: string };
export type JiuQuery = { fromYear: number; toYear: number; placeId?: string; lang: "en" | "fr" };

export function usePeriodicReport(query: PeriodicQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["incident-report", query],
    queryFn: ({ signal }) => api.get<PeriodicReport>("/api/incidents/reports/periodic", query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useJiuTable(query: JiuQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["incident-jiu-table", query],
    queryFn: ({ signal }) => api.get<JiuTable>("/api/incidents/reports/jiu-table", query, signal),
    placeholderData: keepPreviousData,
  });
}

/** A download link: the browser fetches it with the session cookie and saves the attachment. */
export function reportDownloadUrl(kind: "periodic" | "jiu-table", query: QueryParams, format: "csv" | "pdf"): string {
  return `/api/incidents/reports/${kind}${buildQuery({ ...query, format })}`;
}
