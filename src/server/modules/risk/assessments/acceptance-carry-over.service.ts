import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { type ActivityRiskFacts, type CarryOverChange, carryOverProblems } from "../../../../core/risk/acceptance-carry-over.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import type { AuditContext } from "../../../platform/audit/audit.service.ts";
import type { Db } from "../../../platform/db/database.ts";
import { riskAcceptances } from "../decisions/decisions.tables.ts";
import { srmAssessments } from "./srm.tables.ts";

/**
 * Carrying the DO's acceptances over from the version approved before (issue 12 §3.3; the rule
 * is `carryOverProblems` in core). The board of a new version says, per activity, what the DO
 * accepted on the earlier version and whether it holds; when the new version is approved, the
 * acceptances that hold are copied onto it (`carriedFromId` names the original), audited, and
 * the others need a new decision.
 */

/** The board facts this file reads (a subset of `boardOf`'s answer in decisions/acceptances.service.ts). */
type BoardAcceptance = { id: string; residualLevel: string; pcAssessmentId: string; criticality: string; isCurrent: boolean };
type BoardItem = {
  activityKey: string;
  activityName: string;
  organisationId: string;
  scenarios: { key: string; residualLikelihood: number; residualImpact: number }[];
  highestResidualLevel: { code: string } | null;
  pcAssessment: { id: string; level: string } | null;
  acceptances: BoardAcceptance[];
};
type Board<Item extends BoardItem> = { assessment: { id: string; version: number; matrix: { id: string } }; items: Item[] };

export type PreviousDecision<A> = { assessmentId: string; version: number; acceptance: A; carriesOver: boolean; changes: CarryOverChange[] };

/** The version approved before `row` in its lineage (approved or since superseded), if any. */
export async function previousApprovedVersion(db: Db, row: { lineageId: string; version: number }) {
  const [previous] = await db
    .select({ id: srmAssessments.id, version: srmAssessments.version })
    .from(srmAssessments)
    .where(and(eq(srmAssessments.lineageId, row.lineageId), lt(srmAssessments.version, row.version), inArray(srmAssessments.status, ["approved", "superseded"])))
    .orderBy(desc(srmAssessments.version))
    .limit(1);
  return previous;
}

const factsOf = (item: BoardItem, matrixId: string): ActivityRiskFacts => ({
  organisationId: item.organisationId,
  name: item.activityName,
  matrixId,
  scenarios: item.scenarios,
  highestLevel: item.highestResidualLevel?.code ?? null,
  pcAssessmentId: item.pcAssessment?.id ?? null,
  criticality: item.pcAssessment?.level ?? null,
});

/**
 * Adds `previousDecision` to each item of `board` (null where the earlier version held no
 * acceptance in force for the activity), and lists the acceptances of activities the new
 * version dropped.
 */
export function withCarryOver<Item extends BoardItem, B extends Board<Item>>(board: B, previous: Board<Item> | null): WithCarryOver<Item, B> {
  const decisions = new Map<string, PreviousDecision<Item["acceptances"][number]>>();
  const dropped: { activityKey: string; activityName: string; acceptance: Item["acceptances"][number]; changes: CarryOverChange[] }[] = [];
  for (const earlier of previous?.items ?? []) {
    const acceptance = earlier.acceptances.find((row) => row.isCurrent);
    if (!acceptance || !previous) continue;
    const now = board.items.find((item) => item.activityKey === earlier.activityKey);
    const changes = carryOverProblems(acceptance, factsOf(earlier, previous.assessment.matrix.id), now && factsOf(now, board.assessment.matrix.id));
    if (!now) dropped.push({ activityKey: earlier.activityKey, activityName: earlier.activityName, acceptance, changes });
    else decisions.set(earlier.activityKey, { assessmentId: previous.assessment.id, version: previous.assessment.version, acceptance, carriesOver: changes.length === 0, changes });
  }
  const items = board.items.map((item) => ({ ...item, previousDecision: decisions.get(item.activityKey) ?? null }));
  const summary = previous
    ? {
        fromVersion: previous.assessment.version,
        fromAssessmentId: previous.assessment.id,
        carriedOver: items.filter((item) => item.previousDecision?.carriesOver).map((item) => ({ activityKey: item.activityKey, activityName: item.activityName })),
        needNewDecision: [
          ...items
            .filter((item) => item.previousDecision && !item.previousDecision.carriesOver)
            .map((item) => ({ activityKey: item.activityKey, activityName: item.activityName, changes: item.previousDecision?.changes ?? [] })),
          ...dropped.map(({ activityKey, activityName, changes }) => ({ activityKey, activityName, changes })),
        ],
      }
    : null;
  return { ...board, items, carryOver: summary };
}

export type CarryOverSummary = {
  fromVersion: number;
  fromAssessmentId: string;
  carriedOver: { activityKey: string; activityName: string }[];
  needNewDecision: { activityKey: string; activityName: string; changes: CarryOverChange[] }[];
};
type WithCarryOver<Item extends BoardItem, B extends Board<Item>> = Omit<B, "items"> & {
  items: (Item & { previousDecision: PreviousDecision<Item["acceptances"][number]> | null })[];
  carryOver: CarryOverSummary | null;
};

/**
 * Copies, in the approval's transaction, the acceptances that hold onto the newly approved
 * version: same person, date and reason (it is the DO's decision, not a new one), one audit
 * entry each naming the original.
 */
export async function copyCarriedAcceptances(tx: Db, audit: AuditContext, toAssessmentId: string, acceptanceIds: string[]) {
  if (acceptanceIds.length === 0) return;
  const originals = await tx.select().from(riskAcceptances).where(inArray(riskAcceptances.id, acceptanceIds));
  for (const { id, ...original } of originals) {
    const [copy] = await tx
      .insert(riskAcceptances)
      .values({ ...original, assessmentId: toAssessmentId, carriedFromId: id })
      .returning({ id: riskAcceptances.id });
    await recordAudit(tx, audit, {
      action: "carry_over_acceptance",
      entityType: "risk_acceptance",
      entityId: copy.id,
      changes: { assessmentId: { from: original.assessmentId, to: toAssessmentId }, carriedFromId: { from: null, to: id } },
    });
  }
}
