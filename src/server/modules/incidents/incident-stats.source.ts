import { type AnyColumn, type SQL, and, eq, inArray, or, sql } from "drizzle-orm";
import { grantsFor } from "../../../core/access/scope.ts";
import { type Month, addMonths, joinPeriods, monthStart, splitIntoYears, yearStart } from "../../../core/incidents/incident-stats-period.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { cachedReference } from "../../platform/cache/reference-cache.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { placeInScope, places } from "./incident-deps.ts";
import {
  incidentAreaMonthlyRollup,
  incidentDemographyMonthlyRollup,
  incidentDemographyYearlyRollup,
  incidentMonthlyRollup,
  incidentOutcomeMonthlyRollup,
  incidentOutcomeYearlyRollup,
  incidentPeopleMonthlyRollup,
  incidentYearlyRollup,
} from "./incident-rollup.tables.ts";
import { incidentPeople, incidents } from "./incidents.tables.ts";

/**
 * Where dashboards and reports read their counts: the monthly rollup tables, or the same
 * aggregation computed live from `incidents` / `incident_people`.
 *
 * The rollups key areas by the place path cut after two levels ("/da/sa/", or "/da/station/" for
 * a station directly under a Designated Area), so they answer exactly for a scope or filter at a
 * Designated or Security Area. A grant or filter finer than that (a duty station below a Security
 * Area) falls back to the live aggregation, which is exact at any level.
 *
 * Both sources give the same columns, so the queries above them do not care which one they read:
 * incidents (month, area_path, category_code, affects_un, incidents) and people (the same with
 * outcome, recruitment_type, sex, people). Drafts are never counted.
 *
 * With `byYears`, the rollup source reads the calendar years a range covers whole from the yearly
 * rollups (their rows carry the year's first day as `month`) and only the months at its ends from
 * the monthly ones: a ten-year dashboard reads a tenth of the rows. Such rows answer "how many in
 * this range", not "in which month": `incidentsByMonth` stays monthly for counts over time (from
 * the monthly projection without categories unless a category is asked for).
 */
type MonthRange = { from: Month; to: Month };
export type AnalysisFilter = { placeId?: string; categoryCode?: string; affectsUn?: "true" | "false" };
export type AnalysisSource = {
  kind: "rollup" | "live";
  incidents: SQL;
  /** The same incidents, always one row per month: for counts over time. */
  incidentsByMonth: SQL;
  people: SQL;
  /** People by outcome: month, area_path, category_code, affects_un, outcome, people. */
  outcomes: SQL;
  /** People by recruitment type × sex: month, area_path, affects_un, recruitment_type, sex, people. */
  demography: SQL;
  /** Live only: the people rows with `at_residence`, whether the incident's premises include a residence. */
  peopleByPremises?: SQL;
  place: { id: string; name: string; path: string } | null;
};

/** Levels of a materialised path: "/da/sa/" has two. */
const depthOf = (path: string) => path.split("/").length - 2;
const rollupDepth = 2;

export type SourceOptions = {
  /** Whole calendar years may be read from the yearly rollups (each range must then be compared on its own, not split by month). */
  byYears?: boolean;
  /** Always aggregate live: for what the rollups do not keep (the premises of an incident). */
  live?: boolean;
};

/** `months`: one run of months, or several (a report compares periods that need not touch). */
export async function analysisSource(
  context: ServiceContext,
  filter: AnalysisFilter,
  months: MonthRange | MonthRange[],
  options: SourceOptions = {},
): Promise<AnalysisSource> {
  const { actor } = context;
  // A place out of the caller's scope is "not found", for the dashboard as for the reports (issue 11, item 15).
  const place = filter.placeId ? await placeInScope(context, filter.placeId, "incident.analyse") : undefined;
  const grants = grantsFor(actor, "incident.analyse");
  const isRollupExact = grants.every((grant) => grant.placePath === null || depthOf(grant.placePath) <= rollupDepth) && (!place || depthOf(place.path) <= rollupDepth);
  const ranges = Array.isArray(months) ? months : [months];
  // Touching ranges (a period and the one before it) as one: one index range instead of an OR.
  const monthRuns = joinPeriods(ranges);
  const inMonths = (column: SQL | AnyColumn) => or(...monthRuns.map((range) => sql`${column} between ${monthStart(range.from)}::date and ${monthStart(range.to)}::date`)) as SQL;
  const first = ranges.map((range) => range.from).sort()[0];
  const last = ranges.map((range) => range.to).sort().at(-1) as Month;
  const chosen = place ? { id: place.id, name: place.name, path: place.path } : null;

  if (isRollupExact && !options.live) {
    type RollupTable = { areaPath: AnyColumn; affectsUn: AnyColumn; categoryCode?: AnyColumn };
    const filters = (table: RollupTable) =>
      and(
        scopeCondition(actor, "incident.analyse", table.areaPath, "ignore"),
        place ? sql`${table.areaPath} like ${`${place.path}%`}` : undefined,
        filter.categoryCode && table.categoryCode ? eq(table.categoryCode, filter.categoryCode) : undefined,
        filter.affectsUn ? eq(table.affectsUn, filter.affectsUn === "true") : undefined,
      );
    const where = (table: RollupTable & { month: AnyColumn }) => and(inMonths(table.month), filters(table));
    // By years: the whole years of each range from the yearly table, its other months from the monthly one.
    const splits = options.byYears ? ranges.map(splitIntoYears) : [];
    // Years as runs of months, so that touching spans (a period's and the one before it) join too.
    const years = joinPeriods(splits.flatMap((split) => (split.years ? [{ from: `${split.years.from}-01`, to: `${split.years.to}-12` }] : []))).map((run) => ({
      from: Number(run.from.slice(0, 4)),
      to: Number(run.to.slice(0, 4)),
    }));
    const partMonths = joinPeriods(splits.flatMap((split) => split.months));
    const isByYears = years.length > 0;
    const inYears = (column: AnyColumn) => or(...years.map((span) => sql`${column} between ${yearStart(span.from)}::date and ${yearStart(span.to)}::date`)) as SQL;
    const inPartMonths = (column: AnyColumn) =>
      partMonths.length ? (or(...partMonths.map((range) => sql`${column} between ${monthStart(range.from)}::date and ${monthStart(range.to)}::date`)) as SQL) : sql`false`;
    /** Rows of a monthly table, or of it and its yearly twin when reading by years (`columns` name both alike). */
    const rowsFrom = <M extends RollupTable & { month: AnyColumn }, Y extends RollupTable & { year: AnyColumn }>(monthly: M, yearly: Y, columns: (table: M | Y) => SQL) =>
      isByYears
        ? sql`select ${monthly.month} as month, ${columns(monthly)} from ${monthly} where ${and(inPartMonths(monthly.month), filters(monthly))}
            union all select ${yearly.year} as month, ${columns(yearly)} from ${yearly} where ${and(inYears(yearly.year), filters(yearly))}`
        : sql`select ${monthly.month} as month, ${columns(monthly)} from ${monthly} where ${where(monthly)}`;
    const r = incidentMonthlyRollup;
    const a = incidentAreaMonthlyRollup;
    const p = incidentPeopleMonthlyRollup;
    const d = incidentDemographyMonthlyRollup;
    const people = sql`select ${p.month} as month, ${p.areaPath} as area_path, ${p.categoryCode} as category_code, ${p.affectsUn} as affects_un,
          ${p.outcome} as outcome, ${p.recruitmentType} as recruitment_type, ${p.sex} as sex, ${p.people} as people
        from ${p} where ${where(p)}`;
    return {
      kind: "rollup",
      place: chosen,
      incidents: rowsFrom(r, incidentYearlyRollup, (t) => sql`${t.areaPath} as area_path, ${t.categoryCode} as category_code, ${t.affectsUn} as affects_un, ${t.incidents} as incidents`),
      // Without a category filter, from the projection without categories.
      incidentsByMonth: filter.categoryCode
        ? sql`select ${r.month} as month, ${r.areaPath} as area_path, ${r.categoryCode} as category_code, ${r.affectsUn} as affects_un, ${r.incidents} as incidents
            from ${r} where ${where(r)}`
        : sql`select ${a.month} as month, ${a.areaPath} as area_path, null::text as category_code, ${a.affectsUn} as affects_un, ${a.incidents} as incidents
            from ${a} where ${where(a)}`,
      people,
      outcomes: rowsFrom(
        incidentOutcomeMonthlyRollup,
        incidentOutcomeYearlyRollup,
        (t) => sql`${t.areaPath} as area_path, ${t.categoryCode} as category_code, ${t.affectsUn} as affects_un, ${t.outcome} as outcome, ${t.people} as people`,
      ),
      // The demography projection has no category: a category filter reads the full people rollup (monthly only).
      demography: filter.categoryCode
        ? people
        : rowsFrom(
            d,
            incidentDemographyYearlyRollup,
            (t) => sql`${t.areaPath} as area_path, ${t.affectsUn} as affects_un, ${t.recruitmentType} as recruitment_type, ${t.sex} as sex, ${t.people} as people`,
          ),
    };
  }

  // Live: a generous UTC window lets the occurred_at index narrow the rows (a local month starts
  // at most 14 hours either side of the UTC one), then the exact local month decides.
  const month = sql`incident_local_month(${incidents.occurredAt}, ${incidents.timeZone})`;
  const where = and(
    sql`${incidents.status} <> 'draft'`,
    sql`${incidents.occurredAt} >= ${monthStart(first)}::timestamptz - interval '1 day'`,
    sql`${incidents.occurredAt} < ${monthStart(addMonths(last, 1))}::timestamptz + interval '1 day'`,
    inMonths(month),
    scopeCondition(actor, "incident.analyse", incidents.placePath, "ignore"),
    place ? sql`${incidents.placePath} like ${`${place.path}%`}` : undefined,
    filter.categoryCode ? eq(incidents.categoryCode, filter.categoryCode) : undefined,
    filter.affectsUn ? eq(incidents.affectsUn, filter.affectsUn === "true") : undefined,
  );
  const columns = sql`${month} as month, incident_area_path(${incidents.placePath}) as area_path, ${incidents.categoryCode} as category_code, ${incidents.affectsUn} as affects_un`;
  const people = sql`select ${columns}, ${incidentPeople.outcome} as outcome, ${incidentPeople.recruitmentType} as recruitment_type,
        ${incidentPeople.sex} as sex, ${incidentPeople.count} as people
      from ${incidents} join ${incidentPeople} on ${incidentPeople.incidentId} = ${incidents.id} where ${where}`;
  const liveIncidents = sql`select ${columns}, 1 as incidents from ${incidents} where ${where}`;
  const peopleByPremises = sql`select ${columns}, ${incidentPeople.outcome} as outcome, ${incidentPeople.count} as people,
        ${incidents.premisesAffected} @> '[{"kind":"residence"}]'::jsonb as at_residence
      from ${incidents} join ${incidentPeople} on ${incidentPeople.incidentId} = ${incidents.id} where ${where}`;
  return {
    kind: "live",
    peopleByPremises,
    place: chosen,
    incidents: liveIncidents,
    incidentsByMonth: liveIncidents,
    people,
    outcomes: people,
    demography: people,
  };
}

/** Rows of a raw query: node-postgres and PGlite both answer `{ rows }`. */
export async function rowsOf<Row>(context: ServiceContext, query: SQL): Promise<Row[]> {
  const result = (await context.database.db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/** The names of the areas the rollups key counts by (their paths), for "by area" tables; places are reference data (platform/cache). */
export async function areasByPath(context: ServiceContext, paths: readonly string[]) {
  if (paths.length === 0) return [];
  const wanted = [...new Set(paths)].sort();
  return cachedReference(context.database, context.referenceStamp, "areas-by-path", wanted.join(" "), async () =>
    context.database.db.select({ path: places.path, placeId: places.id, name: places.name }).from(places).where(inArray(places.path, wanted)),
  );
}
