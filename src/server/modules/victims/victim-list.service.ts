import { type SQL, and, asc, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { investigationStatuses, judicialStatuses, perpetratorKinds, type VictimCaseSort, victimCaseStatuses } from "../../../core/victims/victim-enums.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { todayIso } from "../../platform/clock.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { iso, likePattern } from "../../platform/http/schemas.ts";
import { incidentVisibility, incidents, placeInScope, places } from "./victim-deps.ts";
import { victimCasePolicy } from "./victims.policy.ts";
import { auditRead } from "./victims.service.ts";
import { victimCases, victimFollowUps } from "./victims.tables.ts";

const idFilter = z.uuid({ message: "must be a valid id" }).optional();

/** The filters of the register's list (besides paging, `q` on the victim's name and the sort). */
export const victimCaseFilterQuery = {
  status: z.enum(victimCaseStatuses, { message: "must be open or closed" }).optional(),
  perpetratorKind: z.enum(perpetratorKinds, { message: `must be one of ${perpetratorKinds.join(", ")}` }).optional(),
  investigationStatus: z.enum(investigationStatuses, { message: `must be one of ${investigationStatuses.join(", ")}` }).optional(),
  judicialStatus: z.enum(judicialStatuses, { message: `must be one of ${judicialStatuses.join(", ")}` }).optional(),
  placeId: idFilter.describe("Cases of incidents at this place and everything below it"),
  incidentId: idFilter.describe("Cases of one incident"),
  overdue: z.enum(["true", "false"], { message: "must be true or false" }).optional().describe("true: open cases with an action past its due date"),
};
const filterSchema = z.object(victimCaseFilterQuery);
export type VictimCaseListQuery = z.infer<typeof filterSchema> & {
  q?: string;
  sort: VictimCaseSort;
  order: "asc" | "desc";
  page: number;
  pageSize: number;
};

const pendingFollowUps = (extra?: SQL) =>
  sql`from ${victimFollowUps} where ${victimFollowUps.caseId} = ${victimCases.id} and ${victimFollowUps.doneAt} is null${extra ? sql` and ${extra}` : sql``}`;
const nextDue = sql<string | null>`(select min(${victimFollowUps.dueDate})::text ${pendingFollowUps()})`;
const overdueFollowUps = (today: string) => sql`${victimFollowUps.dueDate} < ${today}::date`;

async function whereOf(context: ServiceContext, query: VictimCaseListQuery, today: string) {
  // A place out of the caller's scope is "not found", as in every other list (issue 11, item 15).
  const place = query.placeId ? await placeInScope(context, query.placeId, "victim.read") : undefined;
  const isOverdue = sql`(${victimCases.status} = 'open' and exists (select 1 ${pendingFollowUps(overdueFollowUps(today))}))`;
  return and(
    scopeCondition(context.actor, "victim.read", victimCases.placePath, "ignore"),
    // A case never reveals an incident the caller may not see (a sexual assault without need-to-know).
    incidentVisibility(context),
    place ? sql`${victimCases.placePath} like ${`${place.path}%`}` : undefined,
    query.incidentId ? eq(victimCases.incidentId, query.incidentId) : undefined,
    query.status ? eq(victimCases.status, query.status) : undefined,
    query.perpetratorKind ? eq(victimCases.perpetratorKind, query.perpetratorKind) : undefined,
    query.investigationStatus ? eq(victimCases.investigationStatus, query.investigationStatus) : undefined,
    query.judicialStatus ? eq(victimCases.judicialStatus, query.judicialStatus) : undefined,
    query.overdue === "true" ? isOverdue : query.overdue === "false" ? sql`not ${isOverdue}` : undefined,
    query.q ? sql`${victimCases.victimName} ilike ${likePattern(query.q)}` : undefined,
  );
}

function orderOf(sort: VictimCaseSort, order: "asc" | "desc"): SQL[] {
  const direction = order === "desc" ? desc : asc;
  switch (sort) {
    // Cases with nothing left to do come last whichever the direction.
    case "nextFollowUp":
      return [sql`${nextDue} ${sql.raw(order)} nulls last`, asc(victimCases.createdAt)];
    case "victimName":
      return [direction(sql`lower(${victimCases.victimName})`)];
    case "createdAt":
      return [direction(victimCases.createdAt)];
    case "updatedAt":
      return [direction(victimCases.updatedAt)];
  }
}

/**
 * The register, filtered in SQL to the caller's areas. One `read_sensitive` audit entry per
 * call (entity id "list") names the cases shown and the filters used.
 */
export async function listVictimCases(context: ServiceContext, query: VictimCaseListQuery) {
  const { db } = context.database;
  const today = todayIso();
  const where = await whereOf(context, query, today);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        row: victimCases,
        incidentCategoryCode: incidents.categoryCode,
        incidentOccurredAt: incidents.occurredAt,
        placeId: incidents.placeId,
        placeName: places.name,
        nextFollowUpDue: nextDue,
        openFollowUpCount: sql<number>`(select count(*)::int ${pendingFollowUps()})`,
        overdueFollowUpCount: sql<number>`(select count(*)::int ${pendingFollowUps(overdueFollowUps(today))})`,
      })
      .from(victimCases)
      .innerJoin(incidents, eq(incidents.id, victimCases.incidentId))
      .innerJoin(places, eq(places.id, incidents.placeId))
      .where(where)
      .orderBy(...orderOf(query.sort, query.order), asc(victimCases.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(victimCases).innerJoin(incidents, eq(incidents.id, victimCases.incidentId)).where(where),
  ]);
  const items = rows.map(({ row, ...joined }) => ({
    id: row.id,
    incidentId: row.incidentId,
    incidentCategoryCode: joined.incidentCategoryCode,
    incidentOccurredAt: iso(joined.incidentOccurredAt) as string,
    placeId: joined.placeId,
    placeName: joined.placeName,
    victimPersonId: row.victimPersonId,
    victimName: row.victimName,
    perpetratorKind: row.perpetratorKind,
    investigationStatus: row.investigationStatus,
    judicialStatus: row.judicialStatus,
    status: row.status,
    nextFollowUpDue: joined.nextFollowUpDue,
    openFollowUpCount: Number(joined.openFollowUpCount),
    overdueFollowUpCount: row.status === "open" ? Number(joined.overdueFollowUpCount) : 0,
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
    actions: victimCasePolicy.actions(context.actor, row),
  }));
  const { page, pageSize, sort, order, ...filters } = query;
  const used = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
  await auditRead(context, "list", { shown: { from: null, to: items.map((item) => item.id) }, filters: { from: null, to: { ...used, sort, order, page } } });
  return { items, total, page, pageSize };
}
