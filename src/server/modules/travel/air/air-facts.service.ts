import { and, eq, inArray, sql } from "drizzle-orm";
import { type CategoryRow, type OperatorKindName, categoryOn, operatorKindsFor, reviewedKinds, rmtCovers } from "../../../../core/travel/air.ts";
import { type LegFacts, type TransportMode, isAir } from "../../../../core/travel/clearance.ts";
import { typeset } from "../../../../core/language/french-typography.ts";
import type { Db } from "../../../platform/db/database.ts";
import { airOperatorCategories, airOperators, airRmtAssessments, airRmtPolicies } from "./air.tables.ts";

/**
 * What the clearance of air legs weighs (issue 13 §5), read for all the air legs of a trip at
 * once — three statements per evaluation whatever the number of legs: the operators with their
 * category history, the approved RMTs on them for the travellers' organisations, and those
 * organisations' RMT policies. The rules themselves are in core/travel/air.ts and clearance.ts.
 */

export type AirLeg = { operatorId: string | null; transport: string; fromPath: string; toPath: string; departureLocal: string };

export async function airFactsOf(db: Db, legs: readonly AirLeg[], organisationIds: readonly string[]): Promise<LegFacts["air"][]> {
  const operatorIds = [...new Set(legs.flatMap((leg) => (leg.operatorId ? [leg.operatorId] : [])))];
  if (operatorIds.length === 0) return legs.map(() => null);
  const organisations = [...new Set(organisationIds)];
  const [categoryRows, rmts, policies] = await Promise.all([
    db
      .select({ id: airOperators.id, name: airOperators.name, kind: airOperators.kind, category: airOperatorCategories.category, effectiveFrom: airOperatorCategories.effectiveFrom, recordedAt: airOperatorCategories.recordedAt })
      .from(airOperators)
      .leftJoin(airOperatorCategories, eq(airOperatorCategories.operatorId, airOperators.id))
      .where(inArray(airOperators.id, operatorIds)),
    organisations.length
      ? db
          .select({
            operatorId: airRmtAssessments.operatorId,
            organisationId: airRmtAssessments.organisationId,
            fromPath: sql<string>`(select path from places where id = ${airRmtAssessments.fromPlaceId})`,
            toPath: sql<string>`(select path from places where id = ${airRmtAssessments.toPlaceId})`,
            validFrom: airRmtAssessments.validFrom,
            validUntil: airRmtAssessments.validUntil,
            status: airRmtAssessments.status,
            level: airRmtAssessments.level,
          })
          .from(airRmtAssessments)
          .where(and(inArray(airRmtAssessments.operatorId, operatorIds), inArray(airRmtAssessments.organisationId, organisations), eq(airRmtAssessments.status, "approved")))
      : Promise.resolve([]),
    organisations.length ? db.select().from(airRmtPolicies).where(inArray(airRmtPolicies.organisationId, organisations)) : Promise.resolve([]),
  ]);
  const operators = new Map<string, { name: string; kind: OperatorKindName; history: CategoryRow[] }>();
  for (const row of categoryRows) {
    const entry = operators.get(row.id) ?? { name: row.name, kind: row.kind, history: [] };
    if (row.category && row.effectiveFrom && row.recordedAt) entry.history.push({ category: row.category, effectiveFrom: row.effectiveFrom, recordedAt: row.recordedAt });
    operators.set(row.id, entry);
  }
  // An organisation without a policy row makes the RMT mandatory (the safer default).
  const advisory = new Set(policies.filter((row) => row.policy === "advisory").map((row) => row.organisationId));
  return legs.map((leg) => {
    if (!leg.operatorId) return null;
    const operator = operators.get(leg.operatorId);
    if (!operator) return { operator: leg.operatorId, category: null, rmt: null, rmtMandatory: true };
    const day = leg.departureLocal.slice(0, 10);
    // Every travelling organisation needs its own covering RMT: one organisation's assessment is not another's.
    const covering = organisations.map((organisationId) => rmts.find((rmt) => rmtCovers(rmt, { operatorId: leg.operatorId as string, organisationId, fromPath: leg.fromPath, toPath: leg.toPath, day })));
    const uncovered = organisations.filter((_, index) => !covering[index]);
    const first = covering.find((rmt) => rmt);
    return {
      operator: operator.name,
      category: categoryOn(operator.history, day),
      rmt: uncovered.length === 0 && first ? { level: first.level, approved: true } : null,
      rmtMandatory: uncovered.some((organisationId) => !advisory.has(organisationId)),
      reviewedKind: reviewedKinds.includes(operator.kind) ? (operator.kind as "charter_operator" | "donated_flight_provider") : null,
    };
  });
}

type Language = "en" | "fr";
const say = (language: Language, en: string, fr: string) => typeset(language === "fr" ? fr : en, language);

/**
 * A leg's operator, checked when a trip is filed: an air leg names an operator of the register,
 * of a kind its transport allows (core/travel/air.ts `operatorKindsFor`); a surface leg names none.
 */
export async function legOperatorProblems(db: Db, legs: readonly { transport: TransportMode; operatorId?: string | null }[], language: Language) {
  const ids = [...new Set(legs.flatMap((leg) => (leg.operatorId ? [leg.operatorId] : [])))];
  const found = ids.length ? await db.select({ id: airOperators.id, kind: airOperators.kind }).from(airOperators).where(inArray(airOperators.id, ids)) : [];
  const kinds = new Map(found.map((row) => [row.id, row.kind]));
  const problems: { field: string; message: string }[] = [];
  legs.forEach((leg, index) => {
    if (!leg.operatorId) return;
    const field = `legs.${index}.operatorId`;
    const kind = kinds.get(leg.operatorId);
    if (!isAir(leg.transport)) problems.push({ field, message: say(language, "must be empty for a leg that does not fly", "doit rester vide pour un trajet qui n'est pas aérien") });
    else if (!kind) problems.push({ field, message: say(language, "names no operator in the register of air operators", "ne désigne aucun exploitant du registre des exploitants aériens") });
    else if (!operatorKindsFor[leg.transport].includes(kind))
      problems.push({ field, message: say(language, `names an operator of a kind this transport does not allow (${kind})`, `désigne un exploitant d'un type que ce transport n'admet pas (${kind})`) });
  });
  return problems;
}
