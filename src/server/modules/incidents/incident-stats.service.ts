import { type SQL, sql } from "drizzle-orm";
import { type StatsIncidentGroup, type StatsPeopleGroup, buildIncidentStats } from "../../../core/incidents/incident-stats.ts";
import { type MonthPeriod, addMonths, lastTwelveMonths, monthCount, monthStart, previousPeriod } from "../../../core/incidents/incident-stats-period.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { RuleError } from "../../platform/http/errors.ts";
import { type AnalysisFilter, analysisSource, areasByPath, rowsOf } from "./incident-stats.source.ts";

export type StatsQuery = AnalysisFilter & { from?: string; to?: string };

/** At most ten years at once: the dashboard compares periods, it is not an archive. */
export const maxStatsMonths = 120;

/** The period asked for; one end alone keeps twelve months, none gives the last twelve. */
export function statsPeriod(query: { from?: string; to?: string }, today = new Date()): MonthPeriod {
  const fallback = lastTwelveMonths(today);
  const period =
    query.from && query.to
      ? { from: query.from, to: query.to }
      : query.from
        ? { from: query.from, to: addMonths(query.from, 11) }
        : query.to
          ? { from: addMonths(query.to, -11), to: query.to }
          : fallback;
  if (monthCount(period) < 1) throw new RuleError("from", "must be the same month as to or earlier");
  if (monthCount(period) > maxStatsMonths) throw new RuleError("from", `the period may be at most ${maxStatsMonths} months long`);
  return period;
}

type IncidentGrouping = "month" | "category" | "area";
type IncidentGroupRow = { grouping: IncidentGrouping; is_current: boolean; key: string; incidents: number; affecting_un: number };
const groupingColumn: Record<IncidentGrouping, SQL> = { month: sql`s.month`, category: sql`s.category_code`, area: sql`s.area_path` };
const groupingKey: Record<IncidentGrouping, SQL> = { month: sql`to_char(s.month, 'YYYY-MM')`, category: sql`s.category_code`, area: sql`s.area_path` };

/** Incidents of `from` grouped each of the `groupings` ways at once (GROUPING SETS): the rows are read once. */
function incidentGroupsQuery(from: SQL, isCurrent: SQL, groupings: readonly IncidentGrouping[]): SQL {
  const last = groupings[groupings.length - 1];
  const cases = groupings.slice(0, -1).map((grouping) => sql`when grouping(${groupingColumn[grouping]}) = 0 then ${sql.raw(`'${grouping}'`)}`);
  const label = cases.length ? sql`case ${sql.join(cases, sql` `)} else ${sql.raw(`'${last}'`)} end` : sql.raw(`'${last}'`);
  return sql`select ${label} as grouping, s.is_current, coalesce(${sql.join(
    groupings.map((grouping) => groupingKey[grouping]),
    sql`, `,
  )}) as key, sum(s.incidents)::int as incidents, coalesce(sum(s.incidents) filter (where s.affects_un), 0)::int as affecting_un
    from (select src.month, src.area_path, src.category_code, src.affects_un, src.incidents, ${isCurrent} as is_current from (${from}) src) s
    group by grouping sets (${sql.join(
      groupings.map((grouping) => sql`(s.is_current, ${groupingColumn[grouping]})`),
      sql`, `,
    )})`;
}

/** A query's rows as one JSON array, so several queries travel in one statement. */
const jsonRows = (query: SQL) => sql`(select coalesce(json_agg(q), '[]'::json) from (${query}) q)`;

/**
 * The dashboard: counts of the period and of the previous period of equal length, grouped by
 * month, category, area, outcome and recruitment type × sex (GROUPING SETS), so the rollup rows
 * are read once per table whatever the number of charts. The two periods are separate ranges of
 * the source, so the whole years of each can come from the yearly rollups; the counts by month
 * then come from a monthly source in a query of their own (the live source is one per month
 * already, and is read once).
 */
export async function getIncidentStats(context: ServiceContext, query: StatsQuery) {
  const period = statsPeriod(query);
  const previous = previousPeriod(period);
  const source = await analysisSource(context, query, [previous, period], { byYears: true });
  const isCurrent = sql`src.month >= ${monthStart(period.from)}::date`;

  const isByMonth = source.incidentsByMonth === source.incidents;
  // Every grouping in one statement (one round trip), each as a JSON array of its rows.
  const [groups] = await rowsOf<{
    incidents: IncidentGroupRow[];
    by_month: IncidentGroupRow[];
    outcomes: { grouping: string; is_current: boolean; key: string; people: number }[];
    demography: { is_current: boolean; key: string; key2: string; people: number }[];
  }>(
    context,
    sql`select ${jsonRows(incidentGroupsQuery(source.incidents, isCurrent, isByMonth ? ["month", "category", "area"] : ["category", "area"]))} as incidents,
      ${isByMonth ? sql`'[]'::json` : jsonRows(incidentGroupsQuery(source.incidentsByMonth, isCurrent, ["month"]))} as by_month,
      ${jsonRows(
        // People by category (for the violence/safety split) and by outcome from the outcome projection,
        // by recruitment type × sex from the demography projection: both far smaller than the full
        // people rollup, which is what keeps the dashboard fast at a million incidents.
        sql`select case when grouping(s.category_code) = 0 then 'category' else 'outcome' end as grouping,
          s.is_current, coalesce(s.category_code, s.outcome) as key, sum(s.people)::int as people
        from (select src.category_code, src.outcome, src.people, ${isCurrent} as is_current from (${source.outcomes}) src) s
        group by grouping sets ((s.is_current, s.category_code), (s.is_current, s.outcome))`,
      )} as outcomes,
      ${jsonRows(
        sql`select ${isCurrent} as is_current, src.recruitment_type as key, src.sex as key2, sum(src.people)::int as people
        from (${source.demography}) src group by 1, 2, 3`,
      )} as demography`,
  );
  const incidentGroups = [...groups.incidents, ...groups.by_month];
  const outcomeGroups = groups.outcomes;
  const demographyGroups = groups.demography;
  const peopleGroups = [
    ...outcomeGroups.map((group) => ({ ...group, key2: null })),
    ...demographyGroups.map((group) => ({ ...group, grouping: "recruitmentSex" })),
  ];
  const paths = incidentGroups.filter((group) => group.grouping === "area").map((group) => group.key);
  const areas = await areasByPath(context, paths);
  const stats = buildIncidentStats(
    period,
    incidentGroups.map((group): StatsIncidentGroup => ({
      grouping: group.grouping as StatsIncidentGroup["grouping"],
      isCurrent: group.is_current,
      key: group.key,
      incidents: group.incidents,
      affectingUn: group.affecting_un,
    })),
    peopleGroups.map((group): StatsPeopleGroup => ({
      grouping: group.grouping as StatsPeopleGroup["grouping"],
      isCurrent: group.is_current,
      key: group.key,
      key2: group.key2,
      people: group.people,
    })),
    areas,
  );
  return { ...stats, source: source.kind };
}
