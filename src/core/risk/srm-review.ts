/**
 * When an SRM assessment is next reviewed (issue 12 §3.3). DOMAIN.md asks that an SRM be
 * "reviewed regularly" and makes an overdue review a compliance finding, without a period; the
 * UN practice is a yearly review at least, so a new version proposes twelve months from the day
 * it is started, and the author changes it when the area needs a shorter cycle.
 */
export const srmReviewMonths = 12;

/** `date` (YYYY-MM-DD) plus `months`, the day clamped to the end of a shorter month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The review date a new version starts with: a year from `today`. */
export function proposedReviewDate(today: string): string {
  return addMonths(today, srmReviewMonths);
}

/**
 * A version that is submitted or approved must not already be due for review: approving it would
 * make it "review overdue" at once. The date must lie after `today` (a review due today is
 * overdue tomorrow). Null when the date is fine, otherwise the message for `reviewDueOn`.
 */
export function reviewDateProblem(reviewDueOn: string, today: string, step: "submit" | "approve"): string | null {
  if (reviewDueOn > today) return null;
  return step === "submit"
    ? `must be after today (${today}): the version would be due for review as soon as it is approved; set the next review date first`
    : `must be after today (${today}): the version would be due for review as soon as it is approved; return it for revision so that its author sets the next review date`;
}
