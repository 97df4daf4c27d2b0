import { eq } from "drizzle-orm";
import type { AssessmentStatus } from "../../../../core/risk/risk-enums.ts";
import type { RiskCell, RiskLevel, RiskMatrix } from "../../../../core/risk/risk-matrix.types.ts";
import type { SrmProblem } from "../../../../core/risk/srm-rules.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { AppError, ConflictError, ForbiddenError, NotFoundError } from "../../../platform/http/errors.ts";
import { placeInScope } from "../../structure/index.ts";
import { assessmentPolicy } from "../risk.policy.ts";
import { findMatrix } from "../matrices/risk-matrices.service.ts";
import { srmAssessments } from "./srm.tables.ts";

/** Loading SRM assessments with the checks every use case shares: scope, right, status. */

export type AssessmentRow = typeof srmAssessments.$inferSelect;

export async function findAssessment(db: Db, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await db.select().from(srmAssessments).where(eq(srmAssessments.id, id));
  return row;
}

/** An assessment the caller may read; one outside their scope is "not found", like a missing one. */
export async function readableAssessment(context: ServiceContext, id: string): Promise<AssessmentRow> {
  const row = await findAssessment(context.database.db, id);
  if (!row || !assessmentPolicy.canRead(context.actor, row)) throw new NotFoundError("Assessment");
  return row;
}

const statusWords: Record<AssessmentStatus, string> = {
  draft: "a draft",
  in_review: "in review",
  approved: "approved",
  superseded: "superseded",
};

/** Refuses a write on an assessment that is not in `status` (an approved one is immutable). */
export function assertStatus(row: AssessmentRow, status: AssessmentStatus, doing: string) {
  if (row.status === status) return;
  const hint = row.status === "approved" ? ": an approved assessment is immutable; make a new version to change it" : "";
  throw new ConflictError("status", `The assessment is ${statusWords[row.status]}; ${doing} needs it to be ${statusWords[status]}${hint}`);
}

/** A draft the caller may edit: 404 outside scope, 403 without the right, 409 unless a draft. */
export async function editableAssessment(context: ServiceContext, id: string, doing = "editing"): Promise<AssessmentRow> {
  const row = await readableAssessment(context, id);
  if (!assessmentPolicy.canUpdate(context.actor, row)) throw new ForbiddenError("You may not change this assessment");
  assertStatus(row, "draft", doing);
  return row;
}

/** A Designated Area or Security Area the caller may read with `srm.read` (404 otherwise). */
export async function assessmentArea(context: ServiceContext, placeId: string) {
  return placeInScope(context, placeId, (placePath) => assessmentPolicy.canRead(context.actor, { placePath }));
}

export async function matrixDefinition(db: Db, matrixId: string): Promise<RiskMatrix> {
  const row = await findMatrix(db, matrixId);
  if (!row) throw new NotFoundError("Risk matrix");
  return row.definition;
}

export function failWith(problems: SrmProblem[]) {
  if (problems.length) throw new AppError(422, "rule_violation", problems.map((problem) => `${problem.field} ${problem.message}`).join("; "), problems);
}

export const presentLevel = (level: RiskLevel) => ({ code: level.code, label: level.label, colour: level.colour, rank: level.rank });

export const presentCell = (cell: RiskCell) => ({ level: presentLevel(cell.level), score: cell.score, strategies: [...cell.strategies] });

/** What the caller may do; only the newest version of a lineage can be revised (once approved). */
export function assessmentActions(context: ServiceContext, row: AssessmentRow, hasNewerVersion: boolean) {
  const actions = assessmentPolicy.actions(context.actor, row);
  return hasNewerVersion ? actions.filter((action) => action !== "new_version") : actions;
}
