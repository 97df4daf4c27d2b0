import type { VictimCaseStatus } from "./victim-enums.ts";

/** A follow-up action as the rules see it: due on a calendar date (YYYY-MM-DD), done or not. */
export type FollowUpState = { dueDate: string; doneAt: string | Date | null };

/**
 * Overdue: not done and due before today. A closed case has nothing overdue: its remaining
 * actions no longer call for anyone.
 */
export function isFollowUpOverdue(followUp: FollowUpState, today: string, caseStatus: VictimCaseStatus = "open"): boolean {
  return caseStatus === "open" && followUp.doneAt === null && followUp.dueDate < today;
}

export type FollowUpSummary = {
  /** The earliest due date among actions not yet done (null when none is left). */
  nextDueDate: string | null;
  openCount: number;
  overdueCount: number;
};

export function followUpSummary(followUps: readonly FollowUpState[], today: string, caseStatus: VictimCaseStatus): FollowUpSummary {
  const open = followUps.filter((followUp) => followUp.doneAt === null);
  const nextDueDate = open.reduce<string | null>((earliest, followUp) => (earliest === null || followUp.dueDate < earliest ? followUp.dueDate : earliest), null);
  return {
    nextDueDate,
    openCount: open.length,
    overdueCount: open.filter((followUp) => isFollowUpOverdue(followUp, today, caseStatus)).length,
  };
}

export type VictimProblem = { field: string; message: string };

/**
 * The victim is either a personnel record (whose name is then taken from the record) or a
 * name typed in, for someone with no record (a dependant, a contractor).
 */
export function victimProblems(victim: { victimPersonId?: string | null; victimName?: string | null }): VictimProblem[] {
  if (victim.victimPersonId) return [];
  if (victim.victimName?.trim()) return [];
  return [{ field: "victimName", message: "is required when no personnel record is chosen (victimPersonId)" }];
}
