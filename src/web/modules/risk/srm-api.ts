import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AcceptableRiskRow, ProgrammeCriticality, RiskApprover } from "../../../core/risk/acceptable-risk.ts";
import type { BoardReason, BoardStatus } from "../../../core/risk/acceptable-risk-board.ts";
import type { CarryOverChange as CoreCarryOverChange } from "../../../core/risk/acceptance-carry-over.ts";
import type { AssessmentStatus, ExposureKind } from "../../../core/risk/risk-enums.ts";
import type { AcceptabilityClass, Localised, RiskMatrix, TreatmentStrategy } from "../../../core/risk/risk-matrix.types.ts";
import type { ThreatCategory } from "../../../core/risk/security-levels.ts";
import { api, type ListResponse, type QueryParams } from "../../app/api.ts";

/** Types and hooks of the SRM assessment API (src/server/modules/risk/assessments/srm.routes.ts, decisions/decisions.routes.ts). */

export type LevelRef = { code: string; label: Localised; colour: string };
export type RankedLevel = LevelRef & { rank: number };
export type Cell = { level: RankedLevel; score: number | null; strategies: TreatmentStrategy[] };

export type AssessmentListItem = {
  id: string;
  lineageId: string;
  version: number;
  placeId: string;
  placeName: string;
  title: string;
  status: AssessmentStatus;
  periodFrom: string;
  periodTo: string;
  reviewDueOn: string;
  reviewOverdue: boolean;
  approvedAt: string | null;
  scenarioCount: number;
  highestResidualLevel: LevelRef | null;
  actions: string[];
};

export type Activity = { id: string; key: string; organisationId: string; organisationCode: string; name: string; description: string };

export type Threat = {
  category: ThreatCategory;
  id: string | null;
  key: string | null;
  intent: number | null;
  capability: number | null;
  inhibitingContext: number | null;
  narrative: string;
};

export type ScenarioFields = {
  threatCategory: ThreatCategory;
  title: string;
  description: string;
  exposed: ExposureKind[];
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number;
  residualImpact: number;
  measuresText: string;
  strategies: TreatmentStrategy[];
  justification: string;
  activityKeys: string[];
};

export type Scenario = ScenarioFields & { id: string; key: string; inherent: Cell; residual: Cell };

export type AssessmentMatrix = { id: string; code: string; version: number; definition: RiskMatrix };

export type Assessment = Omit<AssessmentListItem, "approvedAt" | "scenarioCount" | "highestResidualLevel"> & {
  placeKind: "designated_area" | "security_area" | "duty_station";
  summary: string;
  authorUserId: string | null;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  matrix: AssessmentMatrix;
  activities: Activity[];
  threats: Threat[];
  scenarios: Scenario[];
  versions: { id: string; version: number; status: AssessmentStatus; approvedAt: string | null }[];
  approval: { byUserId: string | null; byName: string; at: string; conditions: string | null; smtConsultedOn: string | null } | null;
  returnedForRevision: { byName: string; at: string; reason: string } | null;
  newerVersion: { id: string; version: number; status: AssessmentStatus } | null;
};

export type AssessmentHeaderInput = {
  title: string;
  periodFrom: string;
  periodTo: string;
  reviewDueOn: string;
  summary: string;
  matrixId?: string;
};

export type FieldChange = { field: string; from: unknown; to: unknown };
export type ItemRef = { key: string; title: string };
export type CollectionDiff = { added: ItemRef[]; removed: ItemRef[]; changed: (ItemRef & { changes: FieldChange[] })[] };
type VersionRef = { id: string; version: number; status: AssessmentStatus };
export type AssessmentDiff = {
  from: VersionRef;
  to: VersionRef;
  header: FieldChange[];
  activities: CollectionDiff;
  threats: CollectionDiff;
  scenarios: CollectionDiff;
  activityNames: Record<string, string>;
};

export type Acceptance = {
  id: string;
  activityKey: string;
  pcAssessmentId: string;
  criticality: ProgrammeCriticality;
  residualLevel: string;
  riskClass: AcceptabilityClass;
  approverRole: RiskApprover;
  acceptedByName: string;
  recordedByName: string | null;
  reason: string;
  acceptedAt: string;
  carriedFromId: string | null;
  isCurrent: boolean;
};

export type CarryOverChange = CoreCarryOverChange;
export type CarryOver = {
  fromVersion: number;
  fromAssessmentId: string;
  carriedOver: { activityKey: string; activityName: string }[];
  needNewDecision: { activityKey: string; activityName: string; changes: CarryOverChange[] }[];
} | null;

export type BoardItem = {
  activityKey: string;
  activityId: string;
  activityName: string;
  organisationId: string;
  organisationCode: string;
  pcAssessment: {
    id: string;
    level: ProgrammeCriticality;
    activityName: string;
    periodFrom: string;
    periodTo: string;
    approverName: string;
    approvedOn: string;
  } | null;
  scenarios: { id: string; key: string; title: string; threatCategory: ThreatCategory; residualLevel: RankedLevel }[];
  highestResidualLevel: RankedLevel | null;
  riskClass: AcceptabilityClass | null;
  status: BoardStatus;
  reason: BoardReason | null;
  approver: RiskApprover | null;
  mayProceed: boolean;
  acceptances: Acceptance[];
  canAccept: boolean;
  previousDecision: { assessmentId: string; version: number; acceptance: Acceptance; carriesOver: boolean; changes: CarryOverChange[] } | null;
};

export type Board = {
  assessment: { id: string; title: string; version: number; status: AssessmentStatus; placeId: string; placeName: string };
  rule: AcceptableRiskRow[];
  counts: Record<BoardStatus, number>;
  items: BoardItem[];
  carryOver: CarryOver;
};

export type AcceptanceInput = { activityKey: string; reason: string; acceptedByName?: string | null };

const detailKey = (id: string) => ["srm", "detail", id] as const;

export function useAssessmentList(params: QueryParams) {
  return useQuery({
    queryKey: ["srm", "list", params],
    queryFn: ({ signal }) => api.get<ListResponse<AssessmentListItem>>("/api/srm-assessments", params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAssessment(id: string) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: ({ signal }) => api.get<Assessment>(`/api/srm-assessments/${id}`, undefined, signal),
  });
}

export function useAssessmentDiff(id: string, against: string | undefined) {
  return useQuery({
    queryKey: ["srm", "diff", id, against],
    queryFn: ({ signal }) => api.get<AssessmentDiff>(`/api/srm-assessments/${id}/diff`, { against }, signal),
    enabled: Boolean(against),
  });
}

export function useAcceptableRisk(id: string) {
  return useQuery({
    queryKey: ["srm", "board", id],
    queryFn: ({ signal }) => api.get<Board>(`/api/srm-assessments/${id}/acceptable-risk`, undefined, signal),
  });
}

/**
 * Every write on an assessment answers with the whole assessment, which replaces the cached one;
 * lists, the board and the other versions may have changed with it.
 */
function useAssessmentWrite<I, O extends Assessment = Assessment>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async (saved) => {
      queryClient.setQueryData(detailKey(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: ["srm"], predicate: (query) => query.queryKey[2] !== saved.id || query.queryKey[1] !== "detail" });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
      await queryClient.invalidateQueries({ queryKey: ["decisions"] });
    },
  });
}

export const useCreateAssessment = () =>
  useAssessmentWrite((input: AssessmentHeaderInput & { placeId: string }) => api.post<Assessment>("/api/srm-assessments", input));

export const useUpdateAssessment = (id: string) =>
  useAssessmentWrite((input: Partial<AssessmentHeaderInput>) => api.patch<Assessment>(`/api/srm-assessments/${id}`, input));

export const useReplaceActivities = (id: string) =>
  useAssessmentWrite((items: { key?: string; organisationId: string; name: string; description: string }[]) =>
    api.put<Assessment>(`/api/srm-assessments/${id}/activities`, { items }),
  );

export const useReplaceThreats = (id: string) =>
  useAssessmentWrite((items: Omit<Threat, "id" | "key">[]) => api.put<Assessment>(`/api/srm-assessments/${id}/threats`, { items }));

export const useSaveScenario = (assessmentId: string, scenarioId?: string) =>
  useAssessmentWrite((input: ScenarioFields) =>
    scenarioId
      ? api.patch<Assessment>(`/api/srm-scenarios/${scenarioId}`, input)
      : api.post<Assessment>(`/api/srm-assessments/${assessmentId}/scenarios`, input),
  );

export type WorkflowStep = "submit" | "return" | "versions";
export const useWorkflow = (id: string) =>
  useAssessmentWrite((step: WorkflowStep) => api.post<Assessment>(`/api/srm-assessments/${id}/${step}`));

export const useApproveAssessment = (id: string) =>
  useAssessmentWrite((input: { smtConsultedOn: string; conditions: string | null }) =>
    api.post<Assessment & { acceptanceCarryOver: CarryOver }>(`/api/srm-assessments/${id}/approve`, input),
  );

/** The DO sends an assessment in review back to its author, with the reason. */
export const useReturnForRevision = (id: string) =>
  useAssessmentWrite((input: { reason: string }) => api.post<Assessment>(`/api/srm-assessments/${id}/return-for-revision`, input));

export function useDeleteScenario(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scenarioId: string) => api.delete(`/api/srm-scenarios/${scenarioId}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: detailKey(assessmentId) });
      await queryClient.invalidateQueries({ queryKey: ["srm"] });
    },
  });
}

export function useDeleteAssessment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/srm-assessments/${id}`),
    onSuccess: async (_result, id) => {
      queryClient.removeQueries({ queryKey: detailKey(id) });
      await queryClient.invalidateQueries({ queryKey: ["srm"] });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}

export function useRecordAcceptance(assessmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcceptanceInput) => api.post(`/api/srm-assessments/${assessmentId}/acceptances`, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["srm", "board", assessmentId] });
    },
  });
}
