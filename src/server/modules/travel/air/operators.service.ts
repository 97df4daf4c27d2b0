import { type SQL, and, asc, count, desc, eq, ilike, sql } from "drizzle-orm";
import type { CategoryInput, OperatorInput } from "../../../../core/travel/air.ts";
import type { OperatorCategory } from "../../../../core/travel/clearance.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ConflictError, NotFoundError, databaseErrorCode } from "../../../platform/http/errors.ts";
import { iso, likePattern } from "../../../platform/http/schemas.ts";
import { organisations } from "../../structure/index.ts";
import { reEvaluateOperator, reEvaluateOrganisationAir } from "../requests/reevaluate.service.ts";
import { airPolicy } from "./air.policy.ts";
import { type OperatorKind, type RmtPolicy, airOperatorCategories, airOperators, airRmtPolicies } from "./air.tables.ts";

/**
 * The register of air operators (issue 13 §5): operators and their category history. A category
 * is never changed or removed: a new row takes effect from its date, so any past decision can be
 * explained with the category it used. A change re-evaluates the trips on the operator, after commit.
 */

/**
 * The category in force today (SQL): the latest row effective today, a later recording of a day
 * winning. The outer row is named in full: drizzle may leave a single-table query's columns unqualified.
 */
const currentCategory = (today: string) =>
  sql<OperatorCategory | null>`(select c.category from air_operator_categories c where c.operator_id = "air_operators"."id" and c.effective_from <= ${today} order by c.effective_from desc, c.recorded_at desc limit 1)`;

type ListQuery = { kind?: OperatorKind; category?: OperatorCategory; q?: string; page: number; pageSize: number };

export async function listOperators(context: ServiceContext, query: ListQuery) {
  const { db } = context.database;
  const category = currentCategory(todayIso());
  const conditions: (SQL | undefined)[] = [
    query.kind ? eq(airOperators.kind, query.kind) : undefined,
    query.category ? sql`${category} = ${query.category}` : undefined,
    query.q ? ilike(airOperators.name, likePattern(query.q)) : undefined,
  ];
  const where = and(...conditions);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: airOperators.id, name: airOperators.name, kind: airOperators.kind, country: airOperators.country, category })
      .from(airOperators)
      .where(where)
      .orderBy(asc(airOperators.name))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(airOperators).where(where),
  ]);
  return { items: rows, total, page: query.page, pageSize: query.pageSize, canManage: airPolicy.canManageOperators(context.actor) };
}

export async function getOperator(context: ServiceContext, id: string) {
  const { db } = context.database;
  const today = todayIso();
  const [operator] = await db.select({ row: airOperators, category: currentCategory(today) }).from(airOperators).where(eq(airOperators.id, id));
  if (!operator) throw new NotFoundError("Air operator");
  const history = await db
    .select({ row: airOperatorCategories, recordedByName: users.displayName })
    .from(airOperatorCategories)
    .leftJoin(users, eq(users.id, airOperatorCategories.recordedByUserId))
    .where(eq(airOperatorCategories.operatorId, id))
    .orderBy(desc(airOperatorCategories.effectiveFrom), desc(airOperatorCategories.recordedAt));
  const { row } = operator;
  const canManage = airPolicy.canManageOperators(context.actor);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    country: row.country,
    notes: row.notes,
    category: operator.category,
    createdAt: iso(row.createdAt) as string,
    history: history.map(({ row: entry, recordedByName }) => ({
      id: entry.id,
      category: entry.category,
      effectiveFrom: entry.effectiveFrom,
      source: entry.source,
      note: entry.note,
      recordedByName,
      recordedAt: iso(entry.recordedAt) as string,
      isFuture: entry.effectiveFrom > today,
    })),
    actions: canManage ? ["record_category"] : [],
  };
}

const categoryValues = (operatorId: string, input: CategoryInput, userId: string | null) => ({
  operatorId,
  category: input.category,
  effectiveFrom: input.effectiveFrom,
  source: input.source,
  note: input.note ?? null,
  recordedByUserId: userId,
});

/** The acting user's id, or null for the system (seed, command line), whose id is no account. */
const actingUser = (context: ServiceContext) => context.audit.actor.userId;

export async function createOperator(context: ServiceContext, input: OperatorInput) {
  const { initialCategory, ...operator } = input;
  try {
    const id = await context.database.db.transaction(async (tx) => {
      const values = { name: operator.name, kind: operator.kind, country: operator.country ?? null, notes: operator.notes ?? null, createdByUserId: actingUser(context) };
      const [created] = await tx.insert(airOperators).values(values).returning();
      const [first] = await tx.insert(airOperatorCategories).values(categoryValues(created.id, initialCategory, actingUser(context))).returning();
      await recordAudit(tx, context.audit, { action: "create", entityType: "air_operator", entityId: created.id, changes: diffRecords(null, { ...values, category: first.category }) });
      await recordAudit(tx, context.audit, { action: "create", entityType: "air_operator_category", entityId: first.id, changes: diffRecords(null, initialCategory) });
      return created.id;
    });
    return getOperator(context, id);
  } catch (error) {
    if (databaseErrorCode(error) === "23505") throw new ConflictError("name", `an operator named ${operator.name} is already in the register`);
    throw error;
  }
}

/** Adds a category from a date (history is kept whole), then re-evaluates the trips on the operator. */
export async function recordCategory(context: ServiceContext, operatorId: string, input: CategoryInput) {
  const { db } = context.database;
  const [operator] = await db.select({ id: airOperators.id, name: airOperators.name }).from(airOperators).where(eq(airOperators.id, operatorId));
  if (!operator) throw new NotFoundError("Air operator");
  await db.transaction(async (tx) => {
    const [row] = await tx.insert(airOperatorCategories).values(categoryValues(operatorId, input, actingUser(context))).returning();
    await tx.update(airOperators).set({ updatedAt: new Date() }).where(eq(airOperators.id, operatorId));
    await recordAudit(tx, context.audit, { action: "create", entityType: "air_operator_category", entityId: row.id, changes: diffRecords(null, { operator: operator.name, ...input }) });
  });
  await reEvaluateOperator(context, operatorId, `${operator.name}: ${input.category} from ${input.effectiveFrom}`);
  return getOperator(context, operatorId);
}

/** Every organisation with its RMT policy; one without a row is "mandatory" (the safer default). */
export async function listRmtPolicies(context: ServiceContext) {
  const rows = await context.database.db
    .select({ organisationId: organisations.id, code: organisations.code, name: organisations.name, policy: airRmtPolicies.policy, updatedAt: airRmtPolicies.updatedAt })
    .from(organisations)
    .leftJoin(airRmtPolicies, eq(airRmtPolicies.organisationId, organisations.id))
    .orderBy(asc(organisations.code));
  return {
    items: rows.map((row) => ({ ...row, policy: row.policy ?? ("mandatory" as const), isDefault: row.policy === null, updatedAt: iso(row.updatedAt) })),
    canManage: airPolicy.canManageRmtPolicy(context.actor),
  };
}

export async function setRmtPolicy(context: ServiceContext, organisationId: string, policy: RmtPolicy) {
  const { db } = context.database;
  const [organisation] = await db.select({ id: organisations.id, code: organisations.code }).from(organisations).where(eq(organisations.id, organisationId));
  if (!organisation) throw new NotFoundError("Organisation");
  const [before] = await db.select({ policy: airRmtPolicies.policy }).from(airRmtPolicies).where(eq(airRmtPolicies.organisationId, organisationId));
  const previous = before?.policy ?? "mandatory";
  await db.transaction(async (tx) => {
    const values = { organisationId, policy, updatedByUserId: actingUser(context), updatedAt: new Date() };
    await tx.insert(airRmtPolicies).values(values).onConflictDoUpdate({ target: airRmtPolicies.organisationId, set: { policy, updatedByUserId: values.updatedByUserId, updatedAt: values.updatedAt } });
    await recordAudit(tx, context.audit, { action: "update", entityType: "air_rmt_policy", entityId: organisationId, changes: diffRecords({ policy: previous }, { policy }) });
  });
  if (previous !== policy) await reEvaluateOrganisationAir(context, organisationId, `${organisation.code} RMT ${policy}`);
  return { organisationId, code: organisation.code, policy };
}
