/**
 * Periods of incident analysis, as calendar months ("YYYY-MM"). Dashboards and reports count an
 * incident in its local month (the month in its own time zone), as the monthly rollups do, so a
 * period is a run of whole months and comparisons line months up one to one.
 */
export type Month = string;
export type MonthPeriod = { from: Month; to: Month };

export const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month as a count of months since year 0, so arithmetic is plain integer arithmetic. */
function ordinal(month: Month): number {
  const match = monthPattern.exec(month);
  if (!match) throw new RangeError(`${month} is not a month (YYYY-MM)`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function fromOrdinal(value: number): Month {
  const year = Math.floor(value / 12);
  return `${String(year).padStart(4, "0")}-${String((value % 12) + 1).padStart(2, "0")}`;
}

export function addMonths(month: Month, count: number): Month {
  return fromOrdinal(ordinal(month) + count);
}

/** How many months from `from` to `to`, both included (0 or less when `to` comes first). */
export function monthCount(period: MonthPeriod): number {
  return ordinal(period.to) - ordinal(period.from) + 1;
}

/** Every month of the period, in order. */
export function monthsOf(period: MonthPeriod): Month[] {
  const count = monthCount(period);
  return Array.from({ length: Math.max(0, count) }, (_, index) => addMonths(period.from, index));
}

/** The period of equal length that ends the month before `period` starts. */
export function previousPeriod(period: MonthPeriod): MonthPeriod {
  const length = monthCount(period);
  return { from: addMonths(period.from, -length), to: addMonths(period.from, -1) };
}

/** The same months one year earlier. */
export function yearEarlier(period: MonthPeriod): MonthPeriod {
  return { from: addMonths(period.from, -12), to: addMonths(period.to, -12) };
}

/** The dashboard's default: the twelve months up to and including the current one (UTC). */
export function lastTwelveMonths(today: Date): MonthPeriod {
  const to = `${today.getUTCFullYear()}-${String(today.getUTCMonth() + 1).padStart(2, "0")}`;
  return { from: addMonths(to, -11), to };
}

export type ReportPeriodKind = "quarter" | "year";

/** A calendar quarter (1–4) or year as a month period. */
export function reportPeriod(kind: ReportPeriodKind, year: number, quarter = 1): MonthPeriod {
  const january = `${String(year).padStart(4, "0")}-01`;
  const from = kind === "year" ? january : addMonths(january, (quarter - 1) * 3);
  return { from, to: addMonths(from, kind === "year" ? 11 : 2) };
}

/** A quarter's short name: "Q3" in English, "T3" (troisième trimestre) in French. */
export const quarterName = (quarter: number | string, language = "en") => `${language.startsWith("fr") ? "T" : "Q"}${quarter}`;

/** "2025", "2025 Q3" ("T3 2025" in French), or "2025-02 – 2025-04" for any other run of months. */
export function periodLabel(period: MonthPeriod, language = "en"): string {
  const [fromYear, fromMonth] = period.from.split("-").map(Number);
  const length = monthCount(period);
  if (length === 12 && fromMonth === 1) return String(fromYear);
  if (length === 3 && (fromMonth - 1) % 3 === 0) {
    const quarter = quarterName((fromMonth - 1) / 3 + 1, language);
    return language.startsWith("fr") ? `${quarter} ${fromYear}` : `${fromYear} ${quarter}`;
  }
  if (length === 1) return period.from;
  return `${period.from} – ${period.to}`;
}

/**
 * A period cut into the calendar years it covers whole (`years`, first and last year, or null)
 * and the runs of months left at either end (`months`, zero to two): counts read per year for
 * the whole years and per month for the rest add up to the period's, with far fewer rows.
 */
export function splitIntoYears(period: MonthPeriod): { years: { from: number; to: number } | null; months: MonthPeriod[] } {
  if (monthCount(period) < 1) return { years: null, months: [] };
  const from = ordinal(period.from);
  const to = ordinal(period.to);
  const firstYear = Math.ceil(from / 12);
  const lastYear = Math.floor((to + 1) / 12) - 1;
  if (firstYear > lastYear) return { years: null, months: [period] };
  const months: MonthPeriod[] = [];
  if (from < firstYear * 12) months.push({ from: period.from, to: fromOrdinal(firstYear * 12 - 1) });
  if (to > lastYear * 12 + 11) months.push({ from: fromOrdinal((lastYear + 1) * 12), to: period.to });
  return { years: { from: firstYear, to: lastYear }, months };
}

/**
 * The same months as fewer periods: overlapping or touching periods joined, in order. A query
 * reads one run of months by an index range; several ORed together may make it scan the table.
 */
export function joinPeriods(periods: readonly MonthPeriod[]): MonthPeriod[] {
  const joined: MonthPeriod[] = [];
  for (const period of [...periods].filter((item) => monthCount(item) >= 1).sort((a, b) => ordinal(a.from) - ordinal(b.from))) {
    const last = joined.at(-1);
    if (last && ordinal(period.from) <= ordinal(last.to) + 1) {
      if (ordinal(period.to) > ordinal(last.to)) last.to = period.to;
    } else {
      joined.push({ ...period });
    }
  }
  return joined;
}

/** The first day of a year as a date (YYYY-01-01), as the yearly rollup tables key years. */
export const yearStart = (year: number) => `${String(year).padStart(4, "0")}-01-01`;

/** The first day of a month as a date (YYYY-MM-DD), as the rollup tables key months. */
export const monthStart = (month: Month) => `${month}-01`;
