import { asc, eq, inArray, sql } from "drizzle-orm";
import { can } from "../../../../core/access/scope.ts";
import type { MatrixLanguage } from "../../../../core/risk/risk-matrix.messages.ts";
import { matrixIssues } from "../../../../core/risk/risk-matrix.ts";
import type { RiskMatrix } from "../../../../core/risk/risk-matrix.types.ts";
import type { RiskMatrixInput, RiskMatrixUpdate } from "../../../../core/risk/srm.schemas.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { AppError, ConflictError, ForbiddenError, NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { callerLanguage } from "../../incidents/index.ts";
import { riskMatrices, srmAssessments, srmScenarios } from "../assessments/srm.tables.ts";

export type MatrixRow = typeof riskMatrices.$inferSelect;

// A version used by an approved (or since superseded) assessment is frozen: the approval was
// given on that grid, so an edit must leave it as it was. The outer row is named in full: drizzle
// leaves columns of a single-table query unqualified, which inside the subquery would mean its own.
const inUse = sql<boolean>`exists (select 1 from srm_assessments used where used.matrix_id = "risk_matrices"."id")`;
const frozen = sql<boolean>`exists (select 1 from srm_assessments used where used.matrix_id = "risk_matrices"."id" and used.status in ('approved', 'superseded'))`;

function present(row: MatrixRow, usage: { inUse: boolean; frozen: boolean }) {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    name: row.definition.name,
    isDefault: row.isDefault,
    inUse: Boolean(usage.inUse),
    frozen: Boolean(usage.frozen),
    createdAt: iso(row.createdAt) as string,
  };
}

export async function listMatrices(context: ServiceContext) {
  const rows = await context.database.db
    .select({ row: riskMatrices, inUse, frozen })
    .from(riskMatrices)
    .orderBy(asc(riskMatrices.code), asc(riskMatrices.version));
  return { items: rows.map(({ row, ...usage }) => present(row, usage)) };
}

export async function getMatrix(context: ServiceContext, id: string) {
  const [found] = await context.database.db.select({ row: riskMatrices, inUse, frozen }).from(riskMatrices).where(eq(riskMatrices.id, id));
  if (!found) throw new NotFoundError("Risk matrix");
  return { ...present(found.row, found), definition: found.row.definition };
}

export async function findMatrix(db: Db, id: string): Promise<MatrixRow | undefined> {
  const [row] = await db.select().from(riskMatrices).where(eq(riskMatrices.id, id));
  return row;
}

/** The matrix new assessments start with. Migration 0012 sets one; an empty table is a broken install. */
export async function defaultMatrix(db: Db): Promise<MatrixRow> {
  const [row] = await db.select().from(riskMatrices).where(eq(riskMatrices.isDefault, true));
  if (!row) throw new ConflictError("matrixId", "No default risk matrix is set: an administrator must choose one");
  return row;
}

function assertManager(context: ServiceContext) {
  if (!can(context.actor, "risk_matrix.manage")) throw new ForbiddenError("Only a system administrator manages risk matrices");
}

/** The definition to store, or a 422 naming each field at fault in the administrator's language. */
function soundDefinition(language: MatrixLanguage, input: RiskMatrixInput | RiskMatrixUpdate, code: string, version: number): RiskMatrix {
  const { justification, ...rest } = input;
  // An empty justification is no justification: it is not stored.
  const definition: RiskMatrix = { ...rest, code, version, ...(justification ? { justification } : {}) };
  const issues = matrixIssues(definition, language);
  if (issues.length) throw new AppError(422, "rule_violation", issues.map((issue) => `${issue.field}: ${issue.message}`).join("; "), issues);
  return definition;
}

export async function createMatrix(context: ServiceContext, input: RiskMatrixInput) {
  assertManager(context);
  const { db } = context.database;
  const definition = soundDefinition(await callerLanguage(context), input, input.code, 1);
  const [clash] = await db.select({ id: riskMatrices.id }).from(riskMatrices).where(eq(riskMatrices.code, input.code)).limit(1);
  if (clash) throw new ConflictError("code", `A matrix with the code ${input.code} exists: use PUT on it to make a new version`);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx.insert(riskMatrices).values({ code: input.code, version: 1, definition }).returning();
    await recordAudit(tx, context.audit, { action: "create", entityType: "risk_matrix", entityId: row.id, changes: diffRecords(null, row) });
    return row;
  });
  return getMatrix(context, created.id);
}

/**
 * Scenarios of assessments still being drafted or reviewed that use this version: an edit in
 * place must keep their likelihood and impact on the scales.
 */
async function scaleOverflow(db: Db, matrixId: string, definition: RiskMatrix) {
  const [usage] = await db
    .select({
      likelihood: sql<number | null>`max(greatest(${srmScenarios.inherentLikelihood}, ${srmScenarios.residualLikelihood}))`,
      impact: sql<number | null>`max(greatest(${srmScenarios.inherentImpact}, ${srmScenarios.residualImpact}))`,
    })
    .from(srmScenarios)
    .innerJoin(srmAssessments, eq(srmAssessments.id, srmScenarios.assessmentId))
    .where(eq(srmAssessments.matrixId, matrixId));
  for (const scale of ["likelihood", "impact"] as const) {
    const highest = Number(usage?.[scale] ?? 0);
    if (highest > definition[scale].length) {
      throw new RuleError(scale, `needs at least ${highest} steps: scenarios of assessments not yet approved use ${scale} ${highest} on this matrix`);
    }
  }
}

/**
 * Edits a matrix. A frozen version stays as it is and the edit becomes version n + 1 of the same
 * code (which takes over the default if the edited one held it); otherwise the row changes.
 */
export async function updateMatrix(context: ServiceContext, id: string, input: RiskMatrixUpdate) {
  assertManager(context);
  const { db } = context.database;
  const [current] = await db.select({ row: riskMatrices, frozen }).from(riskMatrices).where(eq(riskMatrices.id, id));
  if (!current) throw new NotFoundError("Risk matrix");
  const before = current.row;
  if (input.code !== undefined && input.code !== before.code) {
    throw new RuleError("code", `cannot change (versions of a matrix share their code, ${before.code}): create a new matrix instead`);
  }
  // Read before any transaction: on PGlite a query outside an open transaction waits for it.
  const language = await callerLanguage(context);
  if (current.frozen) {
    const createdId = await db.transaction(async (tx) => {
      const [{ latest }] = await tx.select({ latest: sql<number>`max(${riskMatrices.version})` }).from(riskMatrices).where(eq(riskMatrices.code, before.code));
      const version = Number(latest) + 1;
      const definition = soundDefinition(language, input, before.code, version);
      if (before.isDefault) await tx.update(riskMatrices).set({ isDefault: false }).where(eq(riskMatrices.id, before.id));
      const [row] = await tx.insert(riskMatrices).values({ code: before.code, version, definition, isDefault: before.isDefault }).returning();
      await recordAudit(tx, context.audit, {
        action: "create",
        entityType: "risk_matrix",
        entityId: row.id,
        changes: { ...diffRecords(null, row), previousVersionId: { from: null, to: before.id } },
      });
      return row.id;
    });
    return { ...(await getMatrix(context, createdId)), createdVersion: true };
  }
  const definition = soundDefinition(language, input, before.code, before.version);
  await scaleOverflow(db, id, definition);
  await db.transaction(async (tx) => {
    const [after] = await tx.update(riskMatrices).set({ definition }).where(eq(riskMatrices.id, id)).returning();
    await recordAudit(tx, context.audit, { action: "update", entityType: "risk_matrix", entityId: id, changes: diffRecords(before, after) });
  });
  return { ...(await getMatrix(context, id)), createdVersion: false };
}

export async function setDefaultMatrix(context: ServiceContext, id: string) {
  assertManager(context);
  const { db } = context.database;
  const target = await findMatrix(db, id);
  if (!target) throw new NotFoundError("Risk matrix");
  if (!target.isDefault) {
    await db.transaction(async (tx) => {
      const previous = await tx.select({ id: riskMatrices.id }).from(riskMatrices).where(eq(riskMatrices.isDefault, true));
      // Clear first: the partial unique index allows one default row at a time.
      if (previous.length) await tx.update(riskMatrices).set({ isDefault: false }).where(inArray(riskMatrices.id, previous.map((row) => row.id)));
      await tx.update(riskMatrices).set({ isDefault: true }).where(eq(riskMatrices.id, id));
      await recordAudit(tx, context.audit, {
        action: "set_default",
        entityType: "risk_matrix",
        entityId: id,
        changes: { isDefault: { from: false, to: true }, defaultMatrixId: { from: previous[0]?.id ?? null, to: id } },
      });
    });
  }
  return getMatrix(context, id);
}
