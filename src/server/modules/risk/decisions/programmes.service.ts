import { and, asc, count, desc, eq, ilike, sql } from "drizzle-orm";
import type { ProgrammeCriticality } from "../../../../core/risk/acceptable-risk.ts";
import { type PcAssessmentInput, type PcAssessmentPatch, pcAssessmentProblems } from "../../../../core/risk/decisions.schemas.ts";
import { scopeCondition } from "../../../platform/access/scope-sql.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { AppError, ConflictError, ForbiddenError, NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { iso, likePattern } from "../../../platform/http/schemas.ts";
import { organisations, placeInScope, places } from "../../structure/index.ts";
import { pcAssessments, riskAcceptances } from "./decisions.tables.ts";
import { areaFor, under } from "./decisions-support.ts";
import { programmePolicy } from "../risk.policy.ts";
import { srmActivities, srmAssessments } from "../assessments/srm.tables.ts";

/**
 * Programme criticality (PC) assessments (issue 4 §4): an organisation's rating, PC1 to PC4, of
 * one of its activities in an area and time frame. Everyone who reads the area's programmes
 * sees every organisation's ratings; an organisation-scoped caller writes only its own.
 */

type PcRow = typeof pcAssessments.$inferSelect;

export type PcListQuery = {
  page: number;
  pageSize: number;
  q?: string;
  order: "asc" | "desc";
  placeId?: string;
  organisationId?: string;
  level?: ProgrammeCriticality;
  activityKey?: string;
};

const selection = { pc: pcAssessments, placeName: places.name, organisationCode: organisations.code };

function present(context: ServiceContext, row: { pc: PcRow; placeName: string; organisationCode: string }) {
  const { pc } = row;
  return {
    id: pc.id,
    placeId: pc.placeId,
    placeName: row.placeName,
    organisationId: pc.organisationId,
    organisationCode: row.organisationCode,
    activityKey: pc.activityKey,
    activityName: pc.activityName,
    periodFrom: pc.periodFrom,
    periodTo: pc.periodTo,
    level: pc.level,
    rationale: pc.rationale,
    approverName: pc.approverName,
    approvedOn: pc.approvedOn,
    createdAt: iso(pc.createdAt) as string,
    updatedAt: iso(pc.updatedAt) as string,
    actions: programmePolicy.actions(context.actor, pc),
  };
}

export async function listPcAssessments(context: ServiceContext, query: PcListQuery) {
  const { db } = context.database;
  const place = query.placeId ? await areaOrStation(context, query.placeId) : undefined;
  const where = and(
    scopeCondition(context.actor, "programme.read", pcAssessments.placePath, "ignore"),
    place ? sql`${pcAssessments.placePath} like ${under(place.path)}` : undefined,
    query.organisationId ? eq(pcAssessments.organisationId, query.organisationId) : undefined,
    query.level ? eq(pcAssessments.level, query.level) : undefined,
    query.activityKey ? eq(pcAssessments.activityKey, query.activityKey) : undefined,
    query.q ? ilike(pcAssessments.activityName, likePattern(query.q)) : undefined,
  );
  const direction = query.order === "asc" ? asc : desc;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(selection)
      .from(pcAssessments)
      .innerJoin(places, eq(places.id, pcAssessments.placeId))
      .innerJoin(organisations, eq(organisations.id, pcAssessments.organisationId))
      .where(where)
      .orderBy(direction(pcAssessments.approvedOn), direction(pcAssessments.createdAt), asc(pcAssessments.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(pcAssessments).where(where),
  ]);
  return { items: rows.map((row) => present(context, row)), total, page: query.page, pageSize: query.pageSize };
}

/** A filter place: any place the caller reads programmes of (a duty station narrows nothing useful, but is harmless). */
async function areaOrStation(context: ServiceContext, placeId: string) {
  return placeInScope(context, placeId, (placePath) => programmePolicy.canRead(context.actor, { placePath }));
}

async function readablePc(context: ServiceContext, id: string): Promise<PcRow> {
  const [row] = await context.database.db.select().from(pcAssessments).where(eq(pcAssessments.id, id));
  if (!row || !programmePolicy.canRead(context.actor, row)) throw new NotFoundError("Programme criticality assessment");
  return row;
}

export async function getPcAssessment(context: ServiceContext, id: string) {
  await readablePc(context, id);
  const [row] = await context.database.db
    .select(selection)
    .from(pcAssessments)
    .innerJoin(places, eq(places.id, pcAssessments.placeId))
    .innerJoin(organisations, eq(organisations.id, pcAssessments.organisationId))
    .where(eq(pcAssessments.id, id));
  return present(context, row);
}

function assertRules(input: Pick<PcAssessmentInput, "periodFrom" | "periodTo" | "approvedOn">) {
  const problems = pcAssessmentProblems(input, todayIso());
  if (problems.length === 1) throw new RuleError(problems[0].field, problems[0].message);
  if (problems.length > 1) throw new AppError(422, "rule_violation", problems.map((problem) => `${problem.field} ${problem.message}`).join("; "), problems);
}

/** The rated activity must be one of this organisation's activities in an SRM assessment of this area. */
async function assertActivity(context: ServiceContext, activityKey: string, placeId: string, organisationId: string) {
  const [found] = await context.database.db
    .select({ key: srmActivities.key })
    .from(srmActivities)
    .innerJoin(srmAssessments, eq(srmAssessments.id, srmActivities.assessmentId))
    .where(and(eq(srmActivities.key, activityKey), eq(srmActivities.organisationId, organisationId), eq(srmAssessments.placeId, placeId)))
    .limit(1);
  if (!found) throw new RuleError("activityKey", "is not an activity of this organisation in an SRM assessment of this area");
}

export async function createPcAssessment(context: ServiceContext, input: PcAssessmentInput) {
  const { db } = context.database;
  const place = await areaFor(context, input.placeId, (placePath) => programmePolicy.canRead(context.actor, { placePath }));
  const [organisation] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId));
  if (!organisation) throw new RuleError("organisationId", "names an organisation that does not exist");
  if (!programmePolicy.canUpdate(context.actor, { placePath: place.path, organisationId: input.organisationId })) {
    throw new ForbiddenError("You may record programme criticality only for your own organisation's activities in your area");
  }
  assertRules(input);
  if (input.activityKey) await assertActivity(context, input.activityKey, place.id, input.organisationId);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pcAssessments)
      .values({ ...input, activityKey: input.activityKey ?? null, placePath: place.path, createdByUserId: context.actor.userId })
      .returning();
    await recordAudit(tx, context.audit, { action: "create", entityType: "pc_assessment", entityId: row.id, changes: diffRecords(null, row) });
    return row;
  });
  return getPcAssessment(context, created.id);
}

export async function updatePcAssessment(context: ServiceContext, id: string, patch: PcAssessmentPatch) {
  const before = await readablePc(context, id);
  if (!programmePolicy.canUpdate(context.actor, before)) throw new ForbiddenError("You may change programme criticality only for your own organisation's activities");
  const merged = { ...before, ...patch };
  assertRules(merged);
  if (patch.activityKey) await assertActivity(context, patch.activityKey, before.placeId, before.organisationId);
  await context.database.db.transaction(async (tx) => {
    const [after] = await tx
      .update(pcAssessments)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(pcAssessments.id, id))
      .returning();
    await recordAudit(tx, context.audit, { action: "update", entityType: "pc_assessment", entityId: id, changes: diffRecords(before, after) });
  });
  return getPcAssessment(context, id);
}

export async function deletePcAssessment(context: ServiceContext, id: string) {
  const before = await readablePc(context, id);
  if (!programmePolicy.canUpdate(context.actor, before)) throw new ForbiddenError("You may delete programme criticality only for your own organisation's activities");
  const { db } = context.database;
  // A recorded acceptance names the rating it relied on: the record of who accepted what must stay whole.
  const [used] = await db.select({ id: riskAcceptances.id }).from(riskAcceptances).where(eq(riskAcceptances.pcAssessmentId, id)).limit(1);
  if (used) throw new ConflictError("id", "A recorded risk acceptance relies on this rating: record a new rating instead of deleting it");
  await db.transaction(async (tx) => {
    await tx.delete(pcAssessments).where(eq(pcAssessments.id, id));
    await recordAudit(tx, context.audit, { action: "delete", entityType: "pc_assessment", entityId: id, changes: diffRecords(before, null) });
  });
}
