import { type SQL, and, asc, count, desc, eq, ilike, inArray, not, or, sql } from "drizzle-orm";
import { z } from "zod";
import { type MeasureSort, isMeasureOverdue } from "../../../../core/risk/measures.schemas.ts";
import { type MeasureCategory, type MeasureKind, type MeasureStatus, measureCategories, measureKinds, measureStatuses } from "../../../../core/risk/risk-enums.ts";
import { scopeCondition } from "../../../platform/access/scope-sql.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ForbiddenError, NotFoundError } from "../../../platform/http/errors.ts";
import { likePattern } from "../../../platform/http/schemas.ts";
import { type PlaceRow, organisations, placeInScope, places } from "../../structure/index.ts";
import { srmMeasureEvidence, srmMeasures } from "./measures.tables.ts";
import { measurePolicy } from "../risk.policy.ts";

/**
 * The measures list and the filters it shares with the CSV export. Everyone who reads an area's
 * measures sees all of them (baseline, area and every organisation's), so the scope is the place
 * path alone; an organisation-scoped caller learns from `actions` which ones they may change.
 */

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(", ")}` });

export const measureFilterQuery = {
  placeId: z.uuid({ message: "must be a valid id" }).optional().describe("This Designated Area or Security Area and the areas below it"),
  kind: oneOf(measureKinds).optional(),
  category: oneOf(measureCategories).optional(),
  status: oneOf(measureStatuses).optional(),
  organisationId: z.uuid({ message: "must be a valid id" }).optional().describe("The responsible organisation"),
  overdue: z.enum(["true", "false"], { message: "must be true or false" }).optional().describe("true: past the agreed date and not implemented or verified"),
  q: z.string().trim().max(200, { message: "must be at most 200 characters" }).optional().describe("Words in the title or the owner's name"),
};

export type MeasureFilter = {
  placeId?: string;
  kind?: MeasureKind;
  category?: MeasureCategory;
  status?: MeasureStatus;
  organisationId?: string;
  overdue?: "true" | "false";
  q?: string;
};

export type MeasureRow = typeof srmMeasures.$inferSelect;

/** A Designated Area or Security Area whose measures the caller reads; "not found" otherwise. */
export async function measurePlace(context: ServiceContext, placeId: string): Promise<PlaceRow> {
  return placeInScope(context, placeId, (placePath) => measurePolicy.canRead(context.actor, { placePath }));
}

const doneStatuses: MeasureStatus[] = ["implemented", "verified"];
export const overdueCondition = (today: string) => and(not(inArray(srmMeasures.status, doneStatuses)), sql`${srmMeasures.dueOn} < ${today}::date`) as SQL;

/** The SQL condition of a filter, within the caller's scope. */
export async function measureWhere(context: ServiceContext, filter: MeasureFilter): Promise<SQL | undefined> {
  const place = filter.placeId ? await measurePlace(context, filter.placeId) : undefined;
  const today = todayIso();
  const pattern = filter.q ? likePattern(filter.q) : undefined;
  return and(
    scopeCondition(context.actor, "measure.read", srmMeasures.placePath, "ignore"),
    place ? sql`${srmMeasures.placePath} like ${`${place.path}%`}` : undefined,
    filter.kind ? eq(srmMeasures.kind, filter.kind) : undefined,
    filter.category ? eq(srmMeasures.category, filter.category) : undefined,
    filter.status ? eq(srmMeasures.status, filter.status) : undefined,
    filter.organisationId ? eq(srmMeasures.organisationId, filter.organisationId) : undefined,
    filter.overdue === "true" ? overdueCondition(today) : filter.overdue === "false" ? not(overdueCondition(today)) : undefined,
    pattern ? or(ilike(srmMeasures.title, pattern), ilike(srmMeasures.ownerName, pattern)) : undefined,
  );
}

export const evidenceCount = sql<number>`(select count(*)::int from ${srmMeasureEvidence} where ${srmMeasureEvidence.measureId} = ${srmMeasures.id})`;

// Status in its life order, not alphabetically.
const statusRank = sql`array_position(array['planned', 'in_progress', 'implemented', 'verified']::text[], ${srmMeasures.status})`;

function orderOf(sort: MeasureSort, order: "asc" | "desc"): SQL[] {
  const direction = order === "asc" ? asc : desc;
  const nulls = sql.raw(order === "asc" ? "nulls last" : "nulls first");
  switch (sort) {
    case "title":
      return [direction(srmMeasures.title)];
    case "status":
      return [order === "asc" ? sql`${statusRank} asc` : sql`${statusRank} desc`, asc(srmMeasures.dueOn)];
    // Amounts in different currencies do not compare: by currency, then amount.
    case "cost":
      return [sql`${srmMeasures.costCurrency} ${sql.raw(order)} ${nulls}`, sql`${srmMeasures.costAmount} ${sql.raw(order)} ${nulls}`];
    default:
      return [direction(srmMeasures.dueOn)];
  }
}

export type MeasureListQuery = MeasureFilter & { page: number; pageSize: number; sort: MeasureSort; order: "asc" | "desc" };

const amount = (value: string | null) => (value === null ? null : Number(value));

/** The fields of a measure both the list and the detail show. */
export function presentMeasure(
  context: ServiceContext,
  row: MeasureRow,
  extra: { placeName: string; organisationCode: string | null; evidenceCount: number },
  today = todayIso(),
) {
  return {
    id: row.id,
    kind: row.kind,
    placeId: row.placeId,
    placeName: extra.placeName,
    organisationId: row.organisationId,
    organisationCode: extra.organisationCode,
    assessmentLineageId: row.assessmentLineageId,
    scenarioKey: row.scenarioKey,
    category: row.category,
    title: row.title,
    ownerName: row.ownerName,
    dueOn: row.dueOn,
    costAmount: amount(row.costAmount),
    costCurrency: row.costCurrency,
    status: row.status,
    implementedOn: row.implementedOn,
    verifiedOn: row.verifiedOn,
    effectiveness: row.effectiveness,
    isOverdue: isMeasureOverdue(row, today),
    evidenceCount: Number(extra.evidenceCount),
    actions: measurePolicy.actions(context.actor, row),
  };
}

export async function listMeasures(context: ServiceContext, query: MeasureListQuery) {
  const { db } = context.database;
  const where = await measureWhere(context, query);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ measure: srmMeasures, placeName: places.name, organisationCode: organisations.code, evidenceCount })
      .from(srmMeasures)
      .innerJoin(places, eq(places.id, srmMeasures.placeId))
      .leftJoin(organisations, eq(organisations.id, srmMeasures.organisationId))
      .where(where)
      .orderBy(...orderOf(query.sort, query.order), asc(srmMeasures.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(srmMeasures).where(where),
  ]);
  const today = todayIso();
  return {
    items: rows.map((row) => presentMeasure(context, row.measure, row, today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The measure, if the caller reads its area; "not found" otherwise. */
export async function readableMeasure(context: ServiceContext, id: string): Promise<MeasureRow> {
  const [row] = await context.database.db.select().from(srmMeasures).where(eq(srmMeasures.id, id));
  if (!row || !measurePolicy.canRead(context.actor, row)) throw new NotFoundError("Measure");
  return row;
}

export const notYourMeasure = "You may change only measures of your own organisation (baseline and area measures are the security professionals')";

/** The measure, if the caller may also change it: a representative or focal point only their organisation's. */
export async function changeableMeasure(context: ServiceContext, id: string): Promise<MeasureRow> {
  const row = await readableMeasure(context, id);
  if (!measurePolicy.canUpdate(context.actor, row)) throw new ForbiddenError(notYourMeasure);
  return row;
}
