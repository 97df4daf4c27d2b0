/**
 * The enumerations of the victims follow-up register, as plain data (no zod), so that the
 * web app, the schemas and the tables share them.
 */
export const perpetratorKinds = ["state", "non_state", "unknown"] as const;
export type PerpetratorKind = (typeof perpetratorKinds)[number];

export const investigationStatuses = [
  "not_reported",
  "reported",
  "under_investigation",
  "suspect_identified",
  "closed_without_result",
  "referred_to_prosecution",
] as const;
export type InvestigationStatus = (typeof investigationStatuses)[number];

export const judicialStatuses = ["none", "charges_filed", "trial_ongoing", "convicted", "acquitted", "dismissed"] as const;
export type JudicialStatus = (typeof judicialStatuses)[number];

export const victimCaseStatuses = ["open", "closed"] as const;
export type VictimCaseStatus = (typeof victimCaseStatuses)[number];

export const victimCaseSorts = ["nextFollowUp", "victimName", "createdAt", "updatedAt"] as const;
export type VictimCaseSort = (typeof victimCaseSorts)[number];
