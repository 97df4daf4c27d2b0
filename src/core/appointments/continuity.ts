/**
 * Continuity of single-holder functions. "The DO function must be continuous": at every
 * moment exactly one DO or DO a.i. is in charge (Framework of Accountability; DOMAIN §1).
 * Dates are calendar days as YYYY-MM-DD; an appointment covers startsOn..endsOn inclusive,
 * and a null endsOn means open-ended.
 */
export type Tenure = { startsOn: string; endsOn: string | null };
export type Gap = { from: string; to: string };

const dayMs = 86_400_000;

export function toDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / dayMs);
}

export function fromDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

const farFuture = Number.MAX_SAFE_INTEGER;

function span(tenure: Tenure): [number, number] {
  return [toDay(tenure.startsOn), tenure.endsOn === null ? farFuture : toDay(tenure.endsOn)];
}

export function isValidTenure(tenure: Tenure): boolean {
  return tenure.endsOn === null || toDay(tenure.endsOn) >= toDay(tenure.startsOn);
}

/** Two tenures share at least one day. */
export function overlaps(a: Tenure, b: Tenure): boolean {
  const [aStart, aEnd] = span(a);
  const [bStart, bEnd] = span(b);
  return aStart <= bEnd && bStart <= aEnd;
}

export function isInForce(tenure: Tenure, on: string): boolean {
  const [start, end] = span(tenure);
  const day = toDay(on);
  return start <= day && day <= end;
}

/** The days from `from` to `to` (inclusive) that no tenure covers, as inclusive ranges. */
export function coverageGaps(tenures: readonly Tenure[], from: string, to: string): Gap[] {
  const windowStart = toDay(from);
  const windowEnd = toDay(to);
  const spans = tenures.map(span).sort((a, b) => a[0] - b[0]);
  const gaps: Gap[] = [];
  let cursor = windowStart;
  for (const [start, end] of spans) {
    if (cursor > windowEnd) break;
    if (end < cursor) continue;
    if (start > cursor) gaps.push({ from: fromDay(cursor), to: fromDay(Math.min(start - 1, windowEnd)) });
    cursor = Math.max(cursor, end === farFuture ? farFuture : end + 1);
  }
  if (cursor <= windowEnd) gaps.push({ from: fromDay(cursor), to: fromDay(windowEnd) });
  return gaps;
}

export type ReportedGap = { from: string; to: string | null };

/**
 * Gaps as a reader needs them: a gap already open today starts on the day after the last
 * holder left (not merely "today"), and a gap that nothing scheduled ever closes has no end.
 */
export function describeGaps(tenures: readonly Tenure[], today: string, until: string): ReportedGap[] {
  const gaps: ReportedGap[] = coverageGaps(tenures, today, until);
  if (gaps.length === 0) return gaps;
  const first = gaps[0];
  if (first.from === today) {
    const endedBefore = tenures
      .filter((tenure) => tenure.endsOn !== null && toDay(tenure.endsOn) < toDay(today))
      .map((tenure) => toDay(tenure.endsOn as string));
    if (endedBefore.length) first.from = fromDay(Math.max(...endedBefore) + 1);
  }
  const last = gaps[gaps.length - 1];
  const isClosedLater = tenures.some((tenure) => toDay(tenure.startsOn) > toDay(until));
  if (last.to === until && !isClosedLater) last.to = null;
  return gaps;
}
