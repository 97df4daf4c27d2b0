import { type SQL, and, asc, count, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { type CompareSort, compareSorts, currencyCode } from "../../../../core/risk/measures.schemas.ts";
import { type MeasureCategory, type MeasureKind, type MeasureStatus, measureCategories, measureKinds } from "../../../../core/risk/risk-enums.ts";
import { countryCode } from "../../../../core/structure/structure.schemas.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { likePattern } from "../../../platform/http/schemas.ts";
import { organisations, places } from "../../structure/index.ts";
import { srmMeasures } from "./measures.tables.ts";

/**
 * The cross-country view (issue 4 §3): implemented and verified measures of EVERY area, whatever
 * the caller's own scope, so that managers learn from each other what works and what it costs.
 * It is therefore limited to what carries no one's data: no owner, no author, no evidence; and
 * it is read-only.
 */

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(", ")}` });

export const compareQuery = {
  q: z.string().trim().max(200, { message: "must be at most 200 characters" }).optional().describe("Words in the title or description"),
  category: oneOf(measureCategories).optional(),
  kind: oneOf(measureKinds).optional(),
  countryCode: countryCode.optional().describe("ISO 3166-1 alpha-2 code of the Designated Area's country"),
  currency: currencyCode.optional().describe("Only costs in this ISO 4217 currency"),
  minEffectiveness: z.coerce
    .number({ message: "must be a whole number from 1 to 5" })
    .int({ message: "must be a whole number from 1 to 5" })
    .min(1, { message: "must be from 1 to 5" })
    .max(5, { message: "must be from 1 to 5" })
    .optional()
    .describe("Only measures rated at least this effective"),
  sort: oneOf(compareSorts).default("implementedOn").describe("cost sorts by currency, then amount (amounts in different currencies do not compare)"),
  order: z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("desc"),
};

export type CompareQuery = {
  page: number;
  pageSize: number;
  q?: string;
  category?: MeasureCategory;
  kind?: MeasureKind;
  countryCode?: string;
  currency?: string;
  minEffectiveness?: number;
  sort: CompareSort;
  order: "asc" | "desc";
};

const doneStatuses: MeasureStatus[] = ["implemented", "verified"];
const designatedArea = alias(places, "designated_area");
const designatedAreaJoin = eq(designatedArea.id, sql`split_part(${srmMeasures.placePath}, '/', 2)::uuid`);

function compareWhere(query: CompareQuery): SQL | undefined {
  const pattern = query.q ? likePattern(query.q) : undefined;
  return and(
    inArray(srmMeasures.status, doneStatuses),
    pattern ? or(ilike(srmMeasures.title, pattern), ilike(srmMeasures.description, pattern)) : undefined,
    query.category ? eq(srmMeasures.category, query.category) : undefined,
    query.kind ? eq(srmMeasures.kind, query.kind) : undefined,
    query.countryCode ? eq(designatedArea.countryCode, query.countryCode) : undefined,
    query.currency ? eq(srmMeasures.costCurrency, query.currency) : undefined,
    query.minEffectiveness ? sql`${srmMeasures.effectiveness} >= ${query.minEffectiveness}` : undefined,
  );
}

function orderOf(query: CompareQuery): SQL[] {
  const way = sql.raw(`${query.order} nulls last`);
  switch (query.sort) {
    case "cost":
      return [sql`${srmMeasures.costCurrency} ${way}`, sql`${srmMeasures.costAmount} ${way}`];
    case "effectiveness":
      return [sql`${srmMeasures.effectiveness} ${way}`, desc(srmMeasures.implementedOn)];
    default:
      return [sql`${srmMeasures.implementedOn} ${way}`];
  }
}

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

export async function compareMeasures(context: ServiceContext, query: CompareQuery) {
  const { db } = context.database;
  const where = compareWhere(query);
  const from = () =>
    db
      .select({
        id: srmMeasures.id,
        title: srmMeasures.title,
        description: srmMeasures.description,
        category: srmMeasures.category,
        kind: srmMeasures.kind,
        status: srmMeasures.status,
        areaName: places.name,
        designatedAreaName: designatedArea.name,
        countryCode: designatedArea.countryCode,
        organisationCode: organisations.code,
        costAmount: srmMeasures.costAmount,
        costCurrency: srmMeasures.costCurrency,
        effectiveness: srmMeasures.effectiveness,
        effectivenessNote: srmMeasures.effectivenessNote,
        implementedOn: srmMeasures.implementedOn,
      })
      .from(srmMeasures)
      .innerJoin(places, eq(places.id, srmMeasures.placeId))
      .innerJoin(designatedArea, designatedAreaJoin)
      .leftJoin(organisations, eq(organisations.id, srmMeasures.organisationId));
  const [rows, [{ total }], categories, medians] = await Promise.all([
    from()
      .where(where)
      .orderBy(...orderOf(query), asc(srmMeasures.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(srmMeasures).innerJoin(designatedArea, designatedAreaJoin).where(where),
    db
      .select({
        category: srmMeasures.category,
        count: sql<number>`count(*)::int`,
        areas: sql<number>`count(distinct ${srmMeasures.placeId})::int`,
        averageEffectiveness: sql<number | null>`avg(${srmMeasures.effectiveness})::float8`,
      })
      .from(srmMeasures)
      .innerJoin(designatedArea, designatedAreaJoin)
      .where(where)
      .groupBy(srmMeasures.category),
    db
      .select({
        category: srmMeasures.category,
        currency: sql<string>`${srmMeasures.costCurrency}`,
        count: sql<number>`count(*)::int`,
        median: sql<number>`percentile_cont(0.5) within group (order by ${srmMeasures.costAmount})::float8`,
      })
      .from(srmMeasures)
      .innerJoin(designatedArea, designatedAreaJoin)
      .where(and(where, sql`${srmMeasures.costAmount} is not null`))
      .groupBy(srmMeasures.category, srmMeasures.costCurrency)
      .orderBy(asc(srmMeasures.costCurrency)),
  ]);
  const order = (category: MeasureCategory) => measureCategories.indexOf(category);
  return {
    items: rows.map((row) => ({ ...row, costAmount: row.costAmount === null ? null : Number(row.costAmount) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    summary: categories
      .sort((a, b) => order(a.category) - order(b.category))
      .map((line) => ({
        category: line.category,
        count: Number(line.count),
        areas: Number(line.areas),
        averageEffectiveness: round(line.averageEffectiveness === null ? null : Number(line.averageEffectiveness), 2),
        medianCost: medians
          .filter((item) => item.category === line.category)
          .map((item) => ({ currency: item.currency, median: round(Number(item.median), 2) as number, count: Number(item.count) })),
      })),
  };
}
