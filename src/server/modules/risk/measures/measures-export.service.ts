import { Readable, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import { and, asc, eq, sql } from "drizzle-orm";
import { type HeaderNames, type HeaderStyle, headerRow } from "../../../../core/language/csv-headers.ts";
import { isMeasureOverdue } from "../../../../core/risk/measures.schemas.ts";
import { measureCategoryLabels } from "../../../../core/risk/risk-enums.ts";
import { srmCodeLabels } from "../../../../core/risk/srm-report-labels.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { callerLanguage } from "../../incidents/index.ts";
import { organisations, places } from "../../structure/index.ts";
import { type MeasureFilter, evidenceCount, measureWhere } from "./measures-list.service.ts";
import { srmMeasures } from "./measures.tables.ts";

export type ExportLanguage = "en" | "fr";

/**
 * The measures list as CSV. People get readable headers in `lang` (by default the caller's
 * language); a spreadsheet or script that needs stable names asks for the column codes
 * (`headers=codes`), as with the incident export. The labels of kind, category and status follow
 * `lang` beside their codes either way.
 */
export const measureCsvColumns = [
  "id",
  "designated_area",
  "area",
  "kind_code",
  "kind",
  "category_code",
  "category",
  "organisation",
  "title",
  "description",
  "owner",
  "due_on",
  "status_code",
  "status",
  "overdue",
  "implemented_on",
  "verified_on",
  "cost_amount",
  "cost_currency",
  "effectiveness",
  "effectiveness_note",
  "evidence_files",
  "assessment_lineage_id",
  "scenario_key",
] as const;

type MeasureColumn = (typeof measureCsvColumns)[number];

/** The readable headers, worded as the measures pages label their fields. */
export const measureHeaderNames: HeaderNames<MeasureColumn> = {
  id: { en: "ID", fr: "Identifiant" },
  designated_area: { en: "Designated area", fr: "Zone désignée" },
  area: { en: "Area", fr: "Zone" },
  kind_code: { en: "Kind (code)", fr: "Type (code)" },
  kind: { en: "Kind", fr: "Type" },
  category_code: { en: "Category (code)", fr: "Catégorie (code)" },
  category: { en: "Category", fr: "Catégorie" },
  organisation: { en: "Organisation", fr: "Organisation" },
  title: { en: "Measure", fr: "Mesure" },
  description: { en: "Description", fr: "Description" },
  owner: { en: "Owner", fr: "Responsable" },
  due_on: { en: "Due date", fr: "Échéance" },
  status_code: { en: "Status (code)", fr: "Statut (code)" },
  status: { en: "Status", fr: "Statut" },
  overdue: { en: "Overdue", fr: "En retard" },
  implemented_on: { en: "Implemented on", fr: "Mise en œuvre le" },
  verified_on: { en: "Verified on", fr: "Vérifiée le" },
  cost_amount: { en: "Cost", fr: "Coût" },
  cost_currency: { en: "Currency", fr: "Devise" },
  effectiveness: { en: "Effectiveness", fr: "Efficacité" },
  effectiveness_note: { en: "Effectiveness note", fr: "Note sur l'efficacité" },
  evidence_files: { en: "Evidence files", fr: "Pièces justificatives" },
  assessment_lineage_id: { en: "Assessment (ID)", fr: "Évaluation (identifiant)" },
  scenario_key: { en: "Scenario (key)", fr: "Scénario (clé)" },
};

// A cell starting with = + - @ (or a tab or carriage return) would run as a formula in a
// spreadsheet (CSV injection): such text gets a leading quote.
const formulaStart = /^[=+\-@\t\r]/;
const neutralise = (value: string) => (formulaStart.test(value) ? `'${value}` : value);

const pageSize = 500;

export async function exportMeasuresCsv(context: ServiceContext, filter: MeasureFilter & { lang?: ExportLanguage; headers?: HeaderStyle }): Promise<Readable> {
  const where = await measureWhere(context, filter);
  const lang = filter.lang ?? (await callerLanguage(context));
  const { db } = context.database;
  const today = todayIso();
  const designatedAreas = new Map(
    (await db.select({ id: places.id, name: places.name }).from(places).where(eq(places.kind, "designated_area"))).map((place) => [place.id, place.name]),
  );
  const label = (code: string) => srmCodeLabels[code]?.[lang] ?? code;
  type Cursor = { dueOn: string; id: string };
  const pageAfter = (after: Cursor | null) =>
    db
      .select({ measure: srmMeasures, placeName: places.name, organisationCode: organisations.code, evidenceCount })
      .from(srmMeasures)
      .innerJoin(places, eq(places.id, srmMeasures.placeId))
      .leftJoin(organisations, eq(organisations.id, srmMeasures.organisationId))
      .where(and(where, after ? sql`(${srmMeasures.dueOn}, ${srmMeasures.id}) > (${after.dueOn}::date, ${after.id}::uuid)` : undefined))
      .orderBy(asc(srmMeasures.dueOn), asc(srmMeasures.id))
      .limit(pageSize);
  async function* rows() {
    // Keyset on (due date, id): page 100 costs what page 1 does.
    let after: Cursor | null = null;
    for (;;) {
      const page = await pageAfter(after);
      for (const { measure, placeName, organisationCode, evidenceCount: evidenceFiles } of page) {
        const designatedAreaId = measure.placePath.split("/").filter(Boolean)[0];
        yield [
          measure.id,
          designatedAreas.get(designatedAreaId) ?? "",
          placeName,
          measure.kind,
          label(measure.kind),
          measure.category,
          measureCategoryLabels[measure.category]?.[lang] ?? measure.category,
          organisationCode ?? "",
          measure.title,
          measure.description,
          measure.ownerName,
          measure.dueOn,
          measure.status,
          label(measure.status),
          String(isMeasureOverdue(measure, today)),
          measure.implementedOn ?? "",
          measure.verifiedOn ?? "",
          measure.costAmount ?? "",
          measure.costCurrency ?? "",
          measure.effectiveness === null ? "" : String(measure.effectiveness),
          measure.effectivenessNote ?? "",
          String(evidenceFiles),
          measure.assessmentLineageId ?? "",
          measure.scenarioKey ?? "",
        ].map(neutralise);
      }
      if (page.length < pageSize) return;
      const last = page[page.length - 1].measure;
      after = { dueOn: last.dueOn, id: last.id };
    }
  }
  // pipeline (not pipe) so a failing query ends the response instead of leaving it hanging.
  return pipeline(Readable.from(rows()), stringify({ header: true, columns: headerRow(measureCsvColumns, measureHeaderNames, lang, filter.headers ?? "names") }), () => {});
}
