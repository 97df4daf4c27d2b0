import { type SQL, and, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import { grantsFor } from "../../../../core/access/scope.ts";
import { type RmtDecisionInput, type RmtInput, approverFor, categoryOn, scaleProblem } from "../../../../core/travel/air.ts";
import { riskCell } from "../../../../core/risk/risk-matrix.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { clock } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { riskMatrices } from "../../risk/index.ts";
import { organisations, places } from "../../structure/index.ts";
import { reEvaluateOperator } from "../requests/reevaluate.service.ts";
import { airPolicy } from "./air.policy.ts";
import { type RmtStatus, airOperatorCategories, airOperators, airRmtAssessments } from "./air.tables.ts";

/**
 * Risk Management Tool assessments (issue 13 §5): a Conditional operator on a route, for one
 * organisation's travel, rated on a matrix of the risk library. The level the matrix gives decides
 * who approves (core/travel/air.ts `approverFor`): the DO of either end's area up to high; the USG
 * UNDSS at very high, recorded by the aviation role. A decision re-evaluates the trips on the operator.
 */

const fromName = sql<string>`(select name from places where id = ${airRmtAssessments.fromPlaceId})`;
const toName = sql<string>`(select name from places where id = ${airRmtAssessments.toPlaceId})`;
const matrixLevel = sql<{ en: string; fr: string } | null>`(select l->'label' from risk_matrices m, jsonb_array_elements(m.definition->'levels') l where m.id = ${airRmtAssessments.matrixId} and l->>'code' = ${airRmtAssessments.level} limit 1)`;

const columns = {
  rmt: airRmtAssessments,
  operatorName: airOperators.name,
  organisationCode: organisations.code,
  fromName,
  toName,
  levelLabel: matrixLevel,
  decidedByName: users.displayName,
};

function baseQuery(context: ServiceContext) {
  return context.database.db
    .select(columns)
    .from(airRmtAssessments)
    .innerJoin(airOperators, eq(airOperators.id, airRmtAssessments.operatorId))
    .innerJoin(organisations, eq(organisations.id, airRmtAssessments.organisationId))
    .leftJoin(users, eq(users.id, airRmtAssessments.decidedByUserId));
}

type Listed = Awaited<ReturnType<typeof baseQuery>>[number];

function present(context: ServiceContext, row: Listed) {
  const { rmt } = row;
  const canDecide = rmt.status === "submitted" && airPolicy.canDecideRmt(context.actor, rmt, rmt.approver === "aviation" ? "usg_undss" : rmt.approver);
  return {
    id: rmt.id,
    operatorId: rmt.operatorId,
    operatorName: row.operatorName,
    organisationId: rmt.organisationId,
    organisationCode: row.organisationCode,
    fromPlaceId: rmt.fromPlaceId,
    fromName: row.fromName,
    toPlaceId: rmt.toPlaceId,
    toName: row.toName,
    matrixId: rmt.matrixId,
    likelihood: rmt.likelihood,
    impact: rmt.impact,
    level: rmt.level,
    levelLabel: row.levelLabel ?? { en: rmt.level, fr: rmt.level },
    approver: rmt.approver,
    justification: rmt.justification,
    mitigations: rmt.mitigations,
    validFrom: rmt.validFrom,
    validUntil: rmt.validUntil,
    status: rmt.status,
    decisionNote: rmt.decisionNote,
    decidedByName: row.decidedByName,
    decidedAt: iso(rmt.decidedAt),
    createdAt: iso(rmt.createdAt) as string,
    actions: canDecide ? ["decide"] : [],
  };
}

/** SQL: the RMTs the caller may read (a grant over either end and the organisation), or filed. */
function readable(context: ServiceContext): SQL | undefined {
  const grants = grantsFor(context.actor, "air.rmt.read");
  if (grants.some((grant) => grant.placePath === null && grant.organisationId === null)) return undefined;
  const parts = grants.map(
    (grant) =>
      and(
        grant.placePath === null ? undefined : sql`exists (select 1 from unnest(${airRmtAssessments.scopePaths}) as p(path) where p.path like ${`${grant.placePath}%`})`,
        grant.organisationId === null ? undefined : eq(airRmtAssessments.organisationId, grant.organisationId),
      ) ?? sql`true`,
  );
  return or(eq(airRmtAssessments.createdByUserId, context.actor.userId), ...parts);
}

type ListQuery = { status?: RmtStatus; operatorId?: string; page: number; pageSize: number };

export async function listRmts(context: ServiceContext, query: ListQuery) {
  const where = and(readable(context), query.status ? eq(airRmtAssessments.status, query.status) : undefined, query.operatorId ? eq(airRmtAssessments.operatorId, query.operatorId) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    baseQuery(context)
      .where(where)
      .orderBy(desc(airRmtAssessments.createdAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    context.database.db.select({ total: count() }).from(airRmtAssessments).where(where),
  ]);
  return { items: rows.map((row) => present(context, row)), total, page: query.page, pageSize: query.pageSize };
}

export async function getRmt(context: ServiceContext, id: string) {
  const [row] = await baseQuery(context).where(eq(airRmtAssessments.id, id));
  if (!row || !airPolicy.canReadRmt(context.actor, row.rmt)) throw new NotFoundError("RMT assessment");
  return present(context, row);
}

const noPlace = "names no place you may file an RMT for";

export async function fileRmt(context: ServiceContext, input: RmtInput) {
  const { db } = context.database;
  const [found, [operator], [organisation], history, [matrix]] = await Promise.all([
    db.select({ id: places.id, path: places.path }).from(places).where(inArray(places.id, [input.fromPlaceId, input.toPlaceId])),
    db.select({ id: airOperators.id }).from(airOperators).where(eq(airOperators.id, input.operatorId)),
    db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId)),
    db.select().from(airOperatorCategories).where(eq(airOperatorCategories.operatorId, input.operatorId)),
    db
      .select()
      .from(riskMatrices)
      .where(input.matrixId ? eq(riskMatrices.id, input.matrixId) : eq(riskMatrices.isDefault, true)),
  ]);
  const from = found.find((place) => place.id === input.fromPlaceId);
  const to = found.find((place) => place.id === input.toPlaceId);
  // A place outside the caller's areas reads exactly as one that does not exist.
  if (!from) throw new RuleError("fromPlaceId", noPlace);
  if (!to) throw new RuleError("toPlaceId", noPlace);
  if (!airPolicy.filesAt(context.actor, [from.path, to.path])) throw new RuleError("fromPlaceId", noPlace);
  const scopePaths = [from.path, to.path];
  if (!organisation || !airPolicy.canFileRmt(context.actor, { scopePaths, organisationId: input.organisationId })) {
    throw new RuleError("organisationId", "names no organisation you may file an RMT for on this route");
  }
  if (!operator) throw new RuleError("operatorId", "names no operator in the register");
  if (categoryOn(history, input.validFrom) === "restricted") throw new RuleError("operatorId", "is Restricted on validFrom: no RMT can make it usable");
  if (!matrix) throw new RuleError("matrixId", "names no risk matrix of the library");
  const sizes = { likelihood: matrix.definition.likelihood.length, impact: matrix.definition.impact.length };
  const outOfScale = scaleProblem(sizes, input);
  if (outOfScale) throw new RuleError(outOfScale.field, outOfScale.message);
  const { level } = riskCell(matrix.definition, input.likelihood, input.impact);
  const approver = approverFor(level.acceptability);
  const values = {
    operatorId: input.operatorId,
    organisationId: input.organisationId,
    fromPlaceId: input.fromPlaceId,
    toPlaceId: input.toPlaceId,
    scopePaths,
    justification: input.justification,
    matrixId: matrix.id,
    likelihood: input.likelihood,
    impact: input.impact,
    level: level.code,
    mitigations: input.mitigations,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    status: "submitted" as const,
    approver,
    createdByUserId: context.audit.actor.userId,
  };
  const id = await db.transaction(async (tx) => {
    const [created] = await tx.insert(airRmtAssessments).values(values).returning();
    await recordAudit(tx, context.audit, { action: "create", entityType: "air_rmt_assessment", entityId: created.id, changes: diffRecords(null, values) });
    return created.id;
  });
  return getRmt(context, id);
}

const approverWords = { do: "the Designated Official of either end's area", usg_undss: "the USG UNDSS, recorded by the headquarters aviation risk role" };

export async function decideRmt(context: ServiceContext, id: string, input: RmtDecisionInput) {
  const { db } = context.database;
  const [before] = await db.select().from(airRmtAssessments).where(eq(airRmtAssessments.id, id));
  if (!before || !airPolicy.canReadRmt(context.actor, before)) throw new NotFoundError("RMT assessment");
  const approver = before.approver === "aviation" ? "usg_undss" : before.approver;
  if (!airPolicy.canDecideRmt(context.actor, before, approver)) {
    throw new ForbiddenError(`An RMT rated ${before.level} is decided by ${approver ? approverWords[approver] : "no one: it can only be rejected"}`);
  }
  if (before.status !== "submitted") throw new ConflictError("status", `this RMT is already ${before.status}`);
  if (input.decision === "approve" && approver === null) throw new RuleError("decision", `an RMT rated ${before.level} cannot be approved: reject it or file a new one with more mitigation`);
  const status: RmtStatus = input.decision === "approve" ? "approved" : "rejected";
  const now = clock.now();
  const changed = await db.transaction(async (tx) => {
    // Decided once: a second decision in between finds the row no longer submitted.
    const [updated] = await tx
      .update(airRmtAssessments)
      .set({ status, decidedByUserId: context.audit.actor.userId, decidedAt: now, decisionNote: input.note ?? null, updatedAt: now })
      .where(and(eq(airRmtAssessments.id, id), eq(airRmtAssessments.status, "submitted")))
      .returning();
    if (!updated) return null;
    await recordAudit(tx, context.audit, { action: "update", entityType: "air_rmt_assessment", entityId: id, changes: diffRecords({ status: before.status }, { status, decisionNote: input.note ?? null }) });
    return updated;
  });
  if (!changed) throw new ConflictError("status", "this RMT was decided meanwhile");
  await reEvaluateOperator(context, before.operatorId, `RMT ${status}`);
  return getRmt(context, id);
}
