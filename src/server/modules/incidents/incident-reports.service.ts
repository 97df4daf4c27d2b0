import { eq, inArray, sql } from "drizzle-orm";
import { type JiuInputRow, buildJiuTable } from "../../../core/incidents/incident-report-jiu.ts";
import { type ReportLanguage, word } from "../../../core/incidents/incident-report-labels.ts";
import {
  type ReportIncidentRow,
  type ReportPeopleRow,
  type ReportPeriodKey,
  buildPeriodicReport,
} from "../../../core/incidents/incident-report-periodic.ts";
import {
  type MonthPeriod,
  type ReportPeriodKind,
  monthStart,
  periodLabel,
  previousPeriod,
  reportPeriod,
  yearEarlier,
} from "../../../core/incidents/incident-stats-period.ts";
import { users } from "../../platform/auth/auth.tables.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { RuleError } from "../../platform/http/errors.ts";
import { placeNameIn } from "../../platform/language/place-names.ts";
import { places } from "../structure/index.ts";
import { type AnalysisSource, analysisSource, areasByPath, rowsOf } from "./incident-stats.source.ts";

/**
 * The generated incident reports: the quarterly or annual report (per area or system-wide within
 * the caller's scope) and the JIU Table 1 of personnel affected by category and year. Same
 * counting rules as the dashboard (see `incident-stats.ts` in core): incidents past draft, in
 * their local month, sensitive incidents counted (never shown one by one).
 */
export type PeriodicReportQuery = { period: ReportPeriodKind; year: number; quarter?: number; placeId?: string; lang?: ReportLanguage };
export type JiuTableQuery = { fromYear?: number; toYear?: number; placeId?: string; lang?: ReportLanguage };

/** The language asked for, else the caller's own, else English. */
export async function reportLanguage(context: ServiceContext, asked: ReportLanguage | undefined): Promise<ReportLanguage> {
  if (asked) return asked;
  const [user] = await context.database.db.select({ locale: users.locale }).from(users).where(eq(users.id, context.actor.userId));
  return user?.locale?.startsWith("fr") ? "fr" : "en";
}

/** Names of places as the report's reader sees them: a country-named Designated Area in their language. */
async function readerNames(context: ServiceContext, ids: (string | null)[], lang: ReportLanguage): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (lang === "en" || wanted.length === 0) return new Map();
  const rows = await context.database.db
    .select({ id: places.id, kind: places.kind, name: places.name, countryCode: places.countryCode })
    .from(places)
    .where(inArray(places.id, wanted));
  return new Map(rows.map((row) => [row.id, placeNameIn(row, lang)]));
}

async function scopeOf(context: ServiceContext, source: AnalysisSource, lang: ReportLanguage) {
  const place = source.place;
  if (!place) return { placeId: null, name: word("systemWide", lang) };
  return { placeId: place.id, name: (await readerNames(context, [place.id], lang)).get(place.id) ?? place.name };
}

const describePeriod = (period: MonthPeriod, lang: ReportLanguage) => ({ ...period, label: periodLabel(period, lang) });

export async function periodicReport(context: ServiceContext, query: PeriodicReportQuery) {
  if (query.period === "quarter" && !query.quarter) throw new RuleError("quarter", "is required for a quarterly report: 1 to 4");
  const lang = await reportLanguage(context, query.lang);
  const current = reportPeriod(query.period, query.year, query.quarter);
  const periods: Record<ReportPeriodKey, MonthPeriod> = { current, previous: previousPeriod(current), yearEarlier: yearEarlier(current) };
  // An annual report's previous period is the year earlier: asked once, reported twice.
  const isSame = periods.previous.from === periods.yearEarlier.from && periods.previous.to === periods.yearEarlier.to;
  const keys: ReportPeriodKey[] = isSame ? ["current", "previous"] : ["current", "previous", "yearEarlier"];
  const source = await analysisSource(context, { placeId: query.placeId }, keys.map((key) => periods[key]));
  const periodKey = sql.join(
    [sql`case`, ...keys.map((key) => sql`when src.month between ${monthStart(periods[key].from)}::date and ${monthStart(periods[key].to)}::date then ${key}`), sql`end`],
    sql` `,
  );
  const incidentRows = await rowsOf<{ period: ReportPeriodKey; area_path: string; category_code: string; affects_un: boolean; incidents: number }>(
    context,
    sql`select s.period, s.area_path, s.category_code, s.affects_un, sum(s.incidents)::int as incidents
      from (select src.*, ${periodKey} as period from (${source.incidents}) src) s
      where s.period is not null group by 1, 2, 3, 4`,
  );
  const peopleRows = await rowsOf<{ period: ReportPeriodKey; area_path: string; category_code: string; outcome: string; recruitment_type: string; sex: string; people: number }>(
    context,
    sql`select s.period, s.area_path, s.category_code, s.outcome, s.recruitment_type, s.sex, sum(s.people)::int as people
      from (select src.*, ${periodKey} as period from (${source.people}) src) s
      where s.period is not null group by 1, 2, 3, 4, 5, 6`,
  );
  const withEarlier = <R extends { period: ReportPeriodKey }>(rows: R[]) =>
    isSame ? [...rows, ...rows.filter((row) => row.period === "previous").map((row) => ({ ...row, period: "yearEarlier" as const }))] : rows;
  const incidents: ReportIncidentRow[] = withEarlier(incidentRows).map((row) => ({
    period: row.period,
    areaPath: row.area_path,
    categoryCode: row.category_code,
    affectsUn: row.affects_un,
    incidents: row.incidents,
  }));
  const people: ReportPeopleRow[] = withEarlier(peopleRows).map((row) => ({
    period: row.period,
    areaPath: row.area_path,
    categoryCode: row.category_code,
    outcome: row.outcome,
    recruitmentType: row.recruitment_type,
    sex: row.sex,
    people: row.people,
  }));
  const areas = await areasByPath(context, [...incidents, ...people].map((row) => row.areaPath));
  const built = buildPeriodicReport(incidents, people, areas, lang);
  const names = await readerNames(context, built.byArea.map((row) => row.placeId), lang);
  return {
    kind: query.period,
    lang,
    title: word(query.period === "year" ? "annualTitle" : "quarterlyTitle", lang),
    scope: await scopeOf(context, source, lang),
    period: describePeriod(periods.current, lang),
    previousPeriod: describePeriod(periods.previous, lang),
    yearEarlier: describePeriod(periods.yearEarlier, lang),
    generatedAt: new Date().toISOString(),
    source: source.kind,
    ...built,
    byArea: built.byArea.map((row) => ({ ...row, name: (row.placeId && names.get(row.placeId)) || row.name })),
  };
}

export type PeriodicReport = Awaited<ReturnType<typeof periodicReport>>;

/** At most this many years in one JIU table: one column each. */
export const maxJiuYears = 30;

export async function jiuTableReport(context: ServiceContext, query: JiuTableQuery, today = new Date()) {
  const toYear = query.toYear ?? (query.fromYear ? Math.min(query.fromYear + 6, today.getUTCFullYear()) : today.getUTCFullYear());
  const fromYear = query.fromYear ?? toYear - 6;
  if (fromYear > toYear) throw new RuleError("fromYear", "must be the same year as toYear or earlier");
  if (toYear - fromYear + 1 > maxJiuYears) throw new RuleError("fromYear", `the table may cover at most ${maxJiuYears} years`);
  const lang = await reportLanguage(context, query.lang);
  const pad = (year: number) => String(year).padStart(4, "0");
  const months = { from: `${pad(fromYear)}-01`, to: `${pad(toYear)}-12` } as const;
  const source = await analysisSource(context, { placeId: query.placeId }, months);
  // The rollups keep no premises: burglaries are read live, to split residences from other premises (issue 12 §3.12).
  const burglaries = await analysisSource(context, { placeId: query.placeId, categoryCode: "burglary" }, months, { live: true });
  const [rows, burglaryRows] = await Promise.all([
    rowsOf<{ year: number; category_code: string; outcome: string; people: number }>(
      context,
      sql`select extract(year from s.month)::int as year, s.category_code, s.outcome, sum(s.people)::int as people
        from (${source.people}) s where s.category_code <> 'burglary' group by 1, 2, 3`,
    ),
    rowsOf<{ year: number; category_code: string; outcome: string; people: number; at_residence: boolean }>(
      context,
      sql`select extract(year from s.month)::int as year, s.category_code, s.outcome, s.at_residence, sum(s.people)::int as people
        from (${burglaries.peopleByPremises}) s group by 1, 2, 3, 4`,
    ),
  ]);
  const inputOf = (row: { year: number; category_code: string; outcome: string; people: number }): JiuInputRow => ({
    year: row.year,
    categoryCode: row.category_code,
    outcome: row.outcome,
    people: row.people,
  });
  const input = [...rows.map(inputOf), ...burglaryRows.map((row) => ({ ...inputOf(row), atResidence: Boolean(row.at_residence) }))];
  return {
    lang,
    title: word("jiuTitle", lang),
    scope: await scopeOf(context, source, lang),
    fromYear,
    toYear,
    generatedAt: new Date().toISOString(),
    source: source.kind,
    ...buildJiuTable(input, fromYear, toYear, lang, today.toISOString().slice(0, 10)),
  };
}

export type JiuTableReport = Awaited<ReturnType<typeof jiuTableReport>>;
