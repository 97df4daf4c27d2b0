import { and, count, eq, inArray, sql } from "drizzle-orm";
import { type MeasureFacts, type MeasureInput, type MeasurePatch, measureProblems } from "../../../../core/risk/measures.schemas.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { Db } from "../../../platform/db/database.ts";
import { files } from "../../../platform/files/files.tables.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { AppError, ForbiddenError, RuleError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { organisations, places } from "../../structure/index.ts";
import { evidenceOf } from "./measure-evidence.service.ts";
import {
  type MeasureRow,
  changeableMeasure,
  measurePlace,
  notYourMeasure,
  presentMeasure,
  readableMeasure,
} from "./measures-list.service.ts";
import { srmMeasureEvidence, srmMeasures } from "./measures.tables.ts";
import { measurePolicy } from "../risk.policy.ts";
import { srmAssessments, srmScenarios } from "../assessments/srm.tables.ts";

/**
 * SRM measures of one area: create, read, change, delete, each change audited in its
 * transaction. Security professionals and the ASC manage every measure of their area;
 * representatives and organisation focal points only their own organisation's (risk.policy.ts).
 */

export async function measureDetail(context: ServiceContext, row: MeasureRow) {
  const { db } = context.database;
  const [[place], [organisation], evidence] = await Promise.all([
    db.select({ name: places.name }).from(places).where(eq(places.id, row.placeId)),
    row.organisationId ? db.select({ code: organisations.code }).from(organisations).where(eq(organisations.id, row.organisationId)) : Promise.resolve([]),
    evidenceOf(db, row.id),
  ]);
  return {
    ...presentMeasure(context, row, { placeName: place?.name ?? "", organisationCode: organisation?.code ?? null, evidenceCount: evidence.length }),
    description: row.description,
    effectivenessNote: row.effectivenessNote,
    verificationNote: row.verificationNote,
    evidence,
    lastOverdueNoticeAt: iso(row.lastOverdueNoticeAt),
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
  };
}

export async function getMeasure(context: ServiceContext, id: string) {
  return measureDetail(context, await readableMeasure(context, id));
}

/** Every rule problem at once, each naming its field (422). */
function assertRules(facts: MeasureFacts) {
  const problems = measureProblems(facts, todayIso());
  if (problems.length) {
    throw new AppError(422, "rule_violation", problems.map((problem) => `${problem.field}: ${problem.message}`).join("; "), problems);
  }
}

async function assertOrganisation(db: Db, organisationId: string | null | undefined) {
  if (!organisationId) return;
  const [found] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
  if (!found) throw new RuleError("organisationId", "names no organisation");
}

/**
 * The assessment must be one of the measure's area or of an area containing it (the SRM of a
 * Designated Area covers its Security Areas), and the scenario one of that assessment's (in any
 * version: a scenario keeps its key across versions).
 */
async function assertLinks(db: Db, placePath: string, links: { assessmentLineageId?: string | null; scenarioKey?: string | null }) {
  if (!links.assessmentLineageId) return;
  const [assessment] = await db
    .select({ id: srmAssessments.id })
    .from(srmAssessments)
    .where(and(eq(srmAssessments.lineageId, links.assessmentLineageId), sql`${placePath} like ${srmAssessments.placePath} || '%'`))
    .limit(1);
  if (!assessment) throw new RuleError("assessmentLineageId", "names no SRM assessment of this area");
  if (!links.scenarioKey) return;
  const [scenario] = await db
    .select({ id: srmScenarios.id })
    .from(srmScenarios)
    .innerJoin(srmAssessments, eq(srmAssessments.id, srmScenarios.assessmentId))
    .where(and(eq(srmAssessments.lineageId, links.assessmentLineageId), eq(srmScenarios.key, links.scenarioKey)))
    .limit(1);
  if (!scenario) throw new RuleError("scenarioKey", "names no scenario of that assessment");
}

const storedAmount = (value: number | null | undefined) => (value === null || value === undefined ? value : value.toFixed(2));

export async function createMeasure(context: ServiceContext, input: MeasureInput) {
  const { db } = context.database;
  const place = await measurePlace(context, input.placeId);
  if (place.kind !== "designated_area" && place.kind !== "security_area") throw new RuleError("placeId", "must be a Designated Area or a Security Area");
  if (!measurePolicy.canUpdate(context.actor, { placePath: place.path, organisationId: input.organisationId ?? null })) throw new ForbiddenError(notYourMeasure);
  assertRules({ ...input, evidenceCount: 0 });
  await assertOrganisation(db, input.organisationId);
  await assertLinks(db, place.path, input);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(srmMeasures)
      .values({ ...input, costAmount: storedAmount(input.costAmount), placePath: place.path, createdByUserId: context.actor.userId })
      .returning();
    await recordAudit(tx, context.audit, { action: "create", entityType: "srm_measure", entityId: row.id, changes: diffRecords(null, row) });
    return row;
  });
  return measureDetail(context, created);
}

export async function updateMeasure(context: ServiceContext, id: string, patch: MeasurePatch) {
  const { db } = context.database;
  const before = await changeableMeasure(context, id);
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as MeasurePatch;
  const merged = { ...before, ...given };
  // Not even to hand it over: an organisation-scoped caller may not move a measure out of their reach.
  if (!measurePolicy.canUpdate(context.actor, { placePath: before.placePath, organisationId: merged.organisationId ?? null })) {
    throw new ForbiddenError(notYourMeasure);
  }
  const [{ attached }] = await db.select({ attached: count() }).from(srmMeasureEvidence).where(eq(srmMeasureEvidence.measureId, id));
  assertRules({ ...merged, evidenceCount: attached });
  if (given.organisationId !== undefined) await assertOrganisation(db, given.organisationId);
  if (given.assessmentLineageId !== undefined || given.scenarioKey !== undefined) await assertLinks(db, before.placePath, merged);
  const { costAmount, ...fields } = given;
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(srmMeasures)
      .set({ ...fields, ...(costAmount !== undefined ? { costAmount: storedAmount(costAmount) } : {}), updatedAt: new Date() })
      .where(eq(srmMeasures.id, id))
      .returning();
    await recordAudit(tx, context.audit, { action: "update", entityType: "srm_measure", entityId: id, changes: diffRecords(before, after) });
  });
  return getMeasure(context, id);
}

/** Deletes the measure with its evidence files, audited. */
export async function deleteMeasure(context: ServiceContext, id: string) {
  const before = await changeableMeasure(context, id);
  await context.database.db.transaction(async (tx) => {
    const evidence = await tx.select({ fileId: srmMeasureEvidence.fileId }).from(srmMeasureEvidence).where(eq(srmMeasureEvidence.measureId, id));
    await tx.delete(srmMeasures).where(eq(srmMeasures.id, id));
    const fileIds = evidence.map((item) => item.fileId);
    if (fileIds.length) await tx.delete(files).where(inArray(files.id, fileIds));
    await recordAudit(tx, context.audit, {
      action: "delete",
      entityType: "srm_measure",
      entityId: id,
      changes: { ...diffRecords(before, null), ...(fileIds.length ? { evidenceFiles: { from: fileIds, to: null } } : {}) },
    });
  });
}
