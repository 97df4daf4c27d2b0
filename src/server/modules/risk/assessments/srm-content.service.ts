import { randomUUID } from "node:crypto";
import { and, eq, inArray, max, sql } from "drizzle-orm";
import { scenarioProblems, threatProblems } from "../../../../core/risk/srm-rules.ts";
import type { ActivityInput, ScenarioInput, ScenarioPatch, ThreatInput } from "../../../../core/risk/srm.schemas.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { organisations } from "../../structure/index.ts";
import { getAssessment } from "./srm-assessments.service.ts";
import { editableAssessment, failWith, matrixDefinition } from "./srm-records.ts";
import { srmActivities, srmAssessments, srmScenarios, srmThreats } from "./srm.tables.ts";

/**
 * The content of a draft: its activities (programme assessment), threat assessment and risk
 * scenarios. Lists are replaced whole; an item sent with the `key` of an existing one keeps it,
 * so the next version's diff pairs them.
 */

const touch = (tx: Db, id: string) => tx.update(srmAssessments).set({ updatedAt: new Date() }).where(eq(srmAssessments.id, id));

function checkKeys(items: { key?: string }[], existing: ReadonlySet<string>, what: string) {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (item.key === undefined) return;
    if (!existing.has(item.key)) throw new RuleError(`items.${index}.key`, `is not the key of one of this assessment's ${what}: leave it out for a new one`);
    if (seen.has(item.key)) throw new RuleError(`items.${index}.key`, `names the same ${what.replace(/ies$/, "y").replace(/s$/, "")} as an earlier item`);
    seen.add(item.key);
  });
}

export async function replaceActivities(context: ServiceContext, id: string, items: ActivityInput[]) {
  const { db } = context.database;
  await editableAssessment(context, id);
  const organisationIds = [...new Set(items.map((item) => item.organisationId))];
  const known = new Set(
    organisationIds.length ? (await db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, organisationIds))).map((row) => row.id) : [],
  );
  items.forEach((item, index) => {
    if (!known.has(item.organisationId)) throw new RuleError(`items.${index}.organisationId`, "names an organisation that does not exist");
  });
  const before = await db.select().from(srmActivities).where(eq(srmActivities.assessmentId, id));
  checkKeys(items, new Set(before.map((row) => row.key)), "activities");
  const rows = items.map((item, position) => ({ ...item, key: item.key ?? randomUUID(), assessmentId: id, position }));
  const kept = new Set(rows.map((row) => row.key));
  const removedKeys = before.map((row) => row.key).filter((key) => !kept.has(key));
  await db.transaction(async (tx) => {
    await tx.delete(srmActivities).where(eq(srmActivities.assessmentId, id));
    const after = rows.length ? await tx.insert(srmActivities).values(rows).returning() : [];
    // Scenarios may concern only this version's activities: drop the removed ones from them.
    const removed = sql`${`{${removedKeys.join(",")}}`}::uuid[]`;
    const changedScenarios = removedKeys.length
      ? await tx
          .update(srmScenarios)
          .set({ activityKeys: sql`array(select k from unnest(${srmScenarios.activityKeys}) as k where k <> all(${removed}))` })
          .where(and(eq(srmScenarios.assessmentId, id), sql`${srmScenarios.activityKeys} && ${removed}`))
          .returning({ id: srmScenarios.id })
      : [];
    await touch(tx, id);
    const strip = (list: typeof before) => list.map(({ key, organisationId, name, description }) => ({ key, organisationId, name, description }));
    await recordAudit(tx, context.audit, {
      action: "update_activities",
      entityType: "srm_assessment",
      entityId: id,
      changes: {
        activities: { from: strip(before), to: strip(after) },
        ...(changedScenarios.length ? { scenariosUnlinked: { from: null, to: changedScenarios.map((row) => row.id) } } : {}),
      },
    });
  });
  return getAssessment(context, id);
}

export async function replaceThreats(context: ServiceContext, id: string, items: ThreatInput[]) {
  const { db } = context.database;
  await editableAssessment(context, id);
  failWith(threatProblems(items));
  const before = await db.select().from(srmThreats).where(eq(srmThreats.assessmentId, id));
  // One threat assessment per category: a category keeps its key, so versions pair by category.
  const keyOf = new Map(before.map((row) => [row.category, row.key]));
  const rows = items.map((item) => ({ ...item, key: keyOf.get(item.category) ?? randomUUID(), assessmentId: id }));
  await db.transaction(async (tx) => {
    await tx.delete(srmThreats).where(eq(srmThreats.assessmentId, id));
    const after = rows.length ? await tx.insert(srmThreats).values(rows).returning() : [];
    await touch(tx, id);
    const strip = (list: typeof before) =>
      list.map(({ category, intent, capability, inhibitingContext, narrative }) => ({ category, intent, capability, inhibitingContext, narrative }));
    await recordAudit(tx, context.audit, {
      action: "update_threats",
      entityType: "srm_assessment",
      entityId: id,
      changes: { threats: { from: strip(before), to: strip(after) } },
    });
  });
  return getAssessment(context, id);
}

async function checkScenario(db: Db, assessment: { id: string; matrixId: string }, scenario: ScenarioInput) {
  const [matrix, activities] = await Promise.all([
    matrixDefinition(db, assessment.matrixId),
    db.select({ key: srmActivities.key }).from(srmActivities).where(eq(srmActivities.assessmentId, assessment.id)),
  ]);
  failWith(scenarioProblems(matrix, scenario, new Set(activities.map((activity) => activity.key))));
}

export async function addScenario(context: ServiceContext, id: string, input: ScenarioInput) {
  const { db } = context.database;
  const assessment = await editableAssessment(context, id);
  await checkScenario(db, assessment, input);
  await db.transaction(async (tx) => {
    const [{ last }] = await tx.select({ last: max(srmScenarios.position) }).from(srmScenarios).where(eq(srmScenarios.assessmentId, id));
    const [row] = await tx
      .insert(srmScenarios)
      .values({ ...input, assessmentId: id, position: (last ?? -1) + 1 })
      .returning();
    await touch(tx, id);
    await recordAudit(tx, context.audit, { action: "create", entityType: "srm_scenario", entityId: row.id, changes: diffRecords(null, row) });
  });
  return getAssessment(context, id);
}

/** A scenario of a draft the caller may edit; its assessment answers for scope, right and status. */
async function editableScenario(context: ServiceContext, scenarioId: string) {
  const [row] = await context.database.db.select().from(srmScenarios).where(eq(srmScenarios.id, scenarioId));
  if (!row) throw new NotFoundError("Scenario");
  try {
    return { scenario: row, assessment: await editableAssessment(context, row.assessmentId) };
  } catch (error) {
    // Out of scope reads exactly like a missing scenario.
    if (error instanceof NotFoundError) throw new NotFoundError("Scenario");
    throw error;
  }
}

export async function updateScenario(context: ServiceContext, scenarioId: string, patch: ScenarioPatch) {
  const { db } = context.database;
  const { scenario: before, assessment } = await editableScenario(context, scenarioId);
  await checkScenario(db, assessment, { ...before, ...patch });
  if (Object.keys(patch).length === 0) return getAssessment(context, assessment.id);
  await db.transaction(async (tx) => {
    const [after] = await tx.update(srmScenarios).set(patch).where(eq(srmScenarios.id, scenarioId)).returning();
    await touch(tx, assessment.id);
    await recordAudit(tx, context.audit, { action: "update", entityType: "srm_scenario", entityId: scenarioId, changes: diffRecords(before, after) });
  });
  return getAssessment(context, assessment.id);
}

export async function deleteScenario(context: ServiceContext, scenarioId: string) {
  const { db } = context.database;
  const { scenario: before, assessment } = await editableScenario(context, scenarioId);
  await db.transaction(async (tx) => {
    await tx.delete(srmScenarios).where(eq(srmScenarios.id, scenarioId));
    await touch(tx, assessment.id);
    await recordAudit(tx, context.audit, { action: "delete", entityType: "srm_scenario", entityId: scenarioId, changes: diffRecords(before, null) });
  });
}
