import { asc, eq, sql } from "drizzle-orm";
import { isMeasureDone } from "../../../../core/risk/risk-enums.ts";
import type { SrmReportLanguage } from "../../../../core/risk/srm-report-labels.ts";
import { clock, todayIso } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { placeNameIn } from "../../../platform/language/place-names.ts";
import { callerLanguage } from "../../incidents/index.ts";
import { organisations, places } from "../../structure/index.ts";
import { measurePolicy, assessmentPolicy } from "../risk.policy.ts";
import { srmMeasures } from "../measures/measures.tables.ts";
import type { SrmReportData } from "./srm-report-pdf.ts";
import { riskMatrices, srmAssessments, srmScenarios, srmThreats } from "../assessments/srm.tables.ts";

export type SrmDecisionLine = SrmReportData["decisions"][number];
/** The acceptable-risk lines of one assessment version, as the report prints them. */
export type DecisionSource = (context: ServiceContext, assessmentId: string, lang: SrmReportLanguage) => Promise<SrmDecisionLine[]>;

/**
 * Gathers one assessment version's report: its header and approval, threats, scenarios, the
 * measures of its area (and the areas below it) and the acceptable-risk decisions. Measures are
 * shown only to callers who may read them (every SRM reader may today; the check keeps it so).
 */
export async function srmReportData(context: ServiceContext, id: string, options: { lang?: SrmReportLanguage; decisions: DecisionSource }): Promise<SrmReportData> {
  const { db } = context.database;
  const [row] = await db
    .select({ assessment: srmAssessments, place: { kind: places.kind, name: places.name, countryCode: places.countryCode }, definition: riskMatrices.definition })
    .from(srmAssessments)
    .innerJoin(places, eq(places.id, srmAssessments.placeId))
    .innerJoin(riskMatrices, eq(riskMatrices.id, srmAssessments.matrixId))
    .where(eq(srmAssessments.id, id));
  if (!row || !assessmentPolicy.canRead(context.actor, row.assessment)) throw new NotFoundError("SRM assessment");
  const lang = options.lang ?? (await callerLanguage(context));
  const a = row.assessment;
  const today = todayIso();
  const [threats, scenarios, measures, decisions] = await Promise.all([
    db.select().from(srmThreats).where(eq(srmThreats.assessmentId, id)),
    db.select().from(srmScenarios).where(eq(srmScenarios.assessmentId, id)).orderBy(asc(srmScenarios.position), asc(srmScenarios.title)),
    measurePolicy.canRead(context.actor, a)
      ? db
          .select({ measure: srmMeasures, organisationCode: organisations.code })
          .from(srmMeasures)
          .leftJoin(organisations, eq(organisations.id, srmMeasures.organisationId))
          .where(sql`${srmMeasures.placePath} like ${`${a.placePath}%`}`)
          .orderBy(asc(srmMeasures.dueOn), asc(srmMeasures.title))
      : Promise.resolve([]),
    options.decisions(context, id, lang),
  ]);
  const threatOrder = ["armed_conflict", "terrorism", "crime", "civil_unrest", "hazards"];
  return {
    lang,
    generatedAt: clock.now().toISOString(),
    assessment: {
      title: a.title,
      // A country-named Designated Area in the reader's language (« Haïti »).
      placeName: placeNameIn(row.place, lang),
      version: a.version,
      status: a.status,
      periodFrom: a.periodFrom,
      periodTo: a.periodTo,
      reviewDueOn: a.reviewDueOn,
      summary: a.summary,
      authorName: a.authorName,
      smtConsultedOn: a.smtConsultedOn,
      approvedAt: a.approvedAt ? a.approvedAt.toISOString() : null,
      approvedByName: a.approvedByName,
      approvalConditions: a.approvalConditions,
    },
    matrix: row.definition,
    threats: threats.sort((x, y) => threatOrder.indexOf(x.category) - threatOrder.indexOf(y.category)),
    scenarios: scenarios.map((scenario) => ({ ...scenario, strategies: scenario.strategies ?? [] })),
    measures: measures.map(({ measure, organisationCode }) => ({
      title: measure.title,
      kind: measure.kind,
      category: measure.category,
      organisationCode,
      ownerName: measure.ownerName,
      dueOn: measure.dueOn,
      status: measure.status,
      cost: measure.costAmount === null ? "—" : `${measure.costAmount} ${measure.costCurrency ?? ""}`.trim(),
      isOverdue: !isMeasureDone(measure.status) && measure.dueOn < today,
    })),
    decisions,
  };
}
