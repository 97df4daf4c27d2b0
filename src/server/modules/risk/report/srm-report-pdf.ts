import { riskCell } from "../../../../core/risk/risk-matrix.ts";
import type { RiskMatrix } from "../../../../core/risk/risk-matrix.types.ts";
import { type SrmReportLanguage, srmCode, srmWord } from "../../../../core/risk/srm-report-labels.ts";
import { threatCategoryLabels, type ThreatCategory } from "../../../../core/risk/security-levels.ts";
import { type Doc, generatedAt, header, newDocument, pageNumbers, printable, table } from "../../../platform/pdf/pdf-kit.ts";

/** Everything the SRM report shows, gathered by `srmReportData` (srm-report.service.ts). */
export type SrmReportData = {
  lang: SrmReportLanguage;
  generatedAt: string;
  assessment: {
    title: string;
    placeName: string;
    version: number;
    status: string;
    periodFrom: string;
    periodTo: string;
    reviewDueOn: string;
    summary: string;
    authorName: string;
    smtConsultedOn: string | null;
    approvedAt: string | null;
    approvedByName: string | null;
    approvalConditions: string | null;
  };
  matrix: RiskMatrix;
  threats: { category: ThreatCategory; intent: number | null; capability: number | null; inhibitingContext: number | null; narrative: string }[];
  scenarios: {
    title: string;
    threatCategory: ThreatCategory;
    inherentLikelihood: number;
    inherentImpact: number;
    residualLikelihood: number;
    residualImpact: number;
    strategies: string[];
    measuresText: string;
  }[];
  measures: { title: string; kind: string; category: string; organisationCode: string | null; ownerName: string; dueOn: string; status: string; cost: string; isOverdue: boolean }[];
  decisions: { activityName: string; organisationCode: string; criticality: string | null; residualLevel: string | null; outcome: string; approver: string | null; acceptances: string[] }[];
};

const rating = (value: number | null) => (value === null ? "—" : `${value} / 5`);

/** The area's SRM report: summary, threats, scenarios with heat maps, measures, decisions and approval. */
export async function srmReportPdf(report: SrmReportData): Promise<Doc> {
  const { lang, assessment: a, matrix } = report;
  const w = (key: Parameters<typeof srmWord>[0]) => srmWord(key, lang);
  const title = `${w("title")} — ${a.placeName}`;
  const doc = await newDocument(title, "portrait", lang);
  header(doc, title, [
    [w("area"), a.placeName],
    [w("version"), `${a.title} · v${a.version} · ${srmCode(a.status, lang)}`],
    [w("period"), `${a.periodFrom} – ${a.periodTo}`],
    [w("reviewDue"), a.reviewDueOn],
    [w("author"), a.authorName],
    [w("matrix"), `${matrix.name[lang]} (v${matrix.version})`],
    [w("generatedAt"), generatedAt(lang, report.generatedAt)],
  ]);
  section(doc, w("approval"));
  if (a.approvedAt) {
    const lines = [`${w("approvedBy")}: ${a.approvedByName ?? "—"}, ${a.approvedAt.slice(0, 10)}`, `${w("smtConsulted")}: ${a.smtConsultedOn ?? "—"}`];
    if (a.approvalConditions) lines.push(`${w("conditions")}: ${a.approvalConditions}`);
    paragraph(doc, lines.join("\n"));
  } else paragraph(doc, w("notApproved"));
  section(doc, w("summary"));
  paragraph(doc, a.summary.trim() || w("noSummary"));

  table(
    doc,
    w("threats"),
    [{ header: w("category"), width: 95, align: "left" }, { header: w("intent"), width: 48 }, { header: w("capability"), width: 52 }, { header: w("inhibitingContext"), width: 60 }, { header: w("narrative"), width: 260, align: "left" }],
    report.threats.map((threat) => [threatCategoryLabels[threat.category][lang], rating(threat.intent), rating(threat.capability), rating(threat.inhibitingContext), threat.narrative]),
  );

  const levelText = (l: number, i: number) => {
    const cell = riskCell(matrix, l, i);
    return `${cell.level.label[lang]} (${l}×${i}${cell.score === null ? "" : ` = ${cell.score}`})`;
  };
  if (report.scenarios.length === 0) {
    section(doc, w("scenarios"));
    paragraph(doc, w("none"));
  } else {
    table(
      doc,
      w("scenarios"),
      [{ header: w("scenario"), align: "left" }, { header: w("category"), width: 80, align: "left" }, { header: w("inherent"), width: 90, align: "left" }, { header: w("residual"), width: 90, align: "left" }, { header: w("strategy"), width: 70, align: "left" }],
      report.scenarios.map((scenario) => [
        scenario.measuresText ? `${scenario.title}\n${scenario.measuresText}` : scenario.title,
        threatCategoryLabels[scenario.threatCategory][lang],
        levelText(scenario.inherentLikelihood, scenario.inherentImpact),
        levelText(scenario.residualLikelihood, scenario.residualImpact),
        scenario.strategies.map((strategy) => srmCode(strategy, lang)).join(", "),
      ]),
    );
    heatMaps(doc, report);
  }

  if (report.measures.length === 0) {
    section(doc, w("measures"));
    paragraph(doc, w("none"));
  } else {
    table(
      doc,
      w("measures"),
      [{ header: w("measure"), align: "left" }, { header: w("kind"), width: 62, align: "left" }, { header: w("owner"), width: 90, align: "left" }, { header: w("due"), width: 62, align: "left" }, { header: w("status"), width: 70, align: "left" }, { header: w("cost"), width: 62 }],
      report.measures.map((measure) => [
        measure.organisationCode ? `${measure.title} (${measure.organisationCode})` : measure.title,
        srmCode(measure.kind, lang),
        measure.ownerName,
        measure.isOverdue ? `${measure.dueOn} (${w("overdue")})` : measure.dueOn,
        srmCode(measure.status, lang),
        measure.cost,
      ]),
    );
  }

  if (report.decisions.length === 0) {
    section(doc, w("decisions"));
    paragraph(doc, w("none"));
  } else {
    table(
      doc,
      w("decisions"),
      [{ header: w("activity"), align: "left" }, { header: w("criticality"), width: 34, align: "left" }, { header: w("residual"), width: 70, align: "left" }, { header: w("decision"), width: 110, align: "left" }, { header: w("acceptedBy"), width: 130, align: "left" }],
      report.decisions.map((decision) => [
        `${decision.activityName} (${decision.organisationCode})`,
        decision.criticality?.toUpperCase() ?? "—",
        decision.residualLevel ?? "—",
        decision.approver && decision.outcome === "needs_acceptance" ? `${srmCode(decision.outcome, lang)}: ${srmCode(decision.approver, lang)}` : srmCode(decision.outcome, lang),
        decision.acceptances.join("\n") || "—",
      ]),
    );
  }
  pageNumbers(doc, `${w("title")} — ${a.placeName} — v${a.version}`);
  doc.end();
  return doc;
}

function section(doc: Doc, title: string) {
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font("Helvetica-Bold").fontSize(11).fillColor("#1b3a57").text(printable(title), doc.page.margins.left, doc.y);
  doc.fillColor("#000").moveDown(0.3);
}

function paragraph(doc: Doc, text: string) {
  doc.font("Helvetica").fontSize(9).fillColor("#000").text(printable(text), { width: doc.page.width - doc.page.margins.left - doc.page.margins.right });
  doc.moveDown(0.8);
}

/**
 * Two grids side by side, inherent and residual: each cell in its level's colour, holding the
 * number of scenarios that fall in it. Likelihood runs upwards, impact to the right, as the
 * matrices are printed in the SRM manual.
 */
function heatMaps(doc: Doc, report: SrmReportData) {
  const { matrix, lang } = report;
  const rows = matrix.likelihood.length;
  const columns = matrix.impact.length;
  // Two grids side by side fill the A4 width: 2 × (62 + 5 × 34) + 40 points.
  const cell = 34;
  const labelWidth = 62;
  const gridWidth = labelWidth + columns * cell;
  const height = 40 + rows * cell + 50;
  if (doc.y + height > doc.page.height - doc.page.margins.bottom - 16) doc.addPage();
  section(doc, srmWord("heatMap", lang));
  const top = doc.y + 14;
  const left = doc.page.margins.left;
  const grids: [string, (s: SrmReportData["scenarios"][number]) => [number, number]][] = [
    [srmWord("inherent", lang), (s) => [s.inherentLikelihood, s.inherentImpact]],
    [srmWord("residual", lang), (s) => [s.residualLikelihood, s.residualImpact]],
  ];
  grids.forEach(([name, position], index) => {
    const x0 = left + index * (gridWidth + 40);
    doc.font("Helvetica-Bold").fontSize(9.5).fillColor("#1b3a57").text(printable(name), x0 + labelWidth, top - 14, { width: columns * cell, align: "center" });
    const counts = new Map<string, number>();
    for (const scenario of report.scenarios) {
      const [l, i] = position(scenario);
      counts.set(`${l}:${i}`, (counts.get(`${l}:${i}`) ?? 0) + 1);
    }
    for (let l = rows; l >= 1; l -= 1) {
      const y = top + (rows - l) * cell;
      doc.font("Helvetica").fontSize(6.5).fillColor("#333").text(printable(matrix.likelihood[l - 1].label[lang]), x0, y + cell / 2 - 4, { width: labelWidth - 4, align: "right" });
      for (let i = 1; i <= columns; i += 1) {
        const x = x0 + labelWidth + (i - 1) * cell;
        const level = riskCell(matrix, l, i).level;
        doc.rect(x, y, cell, cell).fillAndStroke(level.colour, "#ffffff");
        const count = counts.get(`${l}:${i}`);
        if (count) {
          doc.circle(x + cell / 2, y + cell / 2, 9).fill("#ffffff");
          doc.font("Helvetica-Bold").fontSize(9).fillColor("#000").text(String(count), x, y + cell / 2 - 4.5, { width: cell, align: "center" });
        }
      }
    }
    const axisY = top + rows * cell + 3;
    for (let i = 1; i <= columns; i += 1) {
      doc.font("Helvetica").fontSize(5.5).fillColor("#333").text(printable(matrix.impact[i - 1].label[lang]), x0 + labelWidth + (i - 1) * cell, axisY, { width: cell, align: "center" });
    }
    doc.font("Helvetica-Oblique").fontSize(7).text(printable(`${srmWord("likelihood", lang)}: ${srmWord("rows", lang)} · ${srmWord("impact", lang)}: ${srmWord("columns", lang)}`), x0, axisY + 18, { width: gridWidth, align: "center" });
  });
  // Legend: each level's colour and name.
  let x = left;
  const legendY = top + rows * cell + 40;
  for (const level of matrix.levels) {
    doc.rect(x, legendY, 9, 9).fill(level.colour);
    const label = printable(level.label[lang]);
    doc.font("Helvetica").fontSize(7.5).fillColor("#000").text(label, x + 12, legendY + 1, { lineBreak: false });
    x += 18 + doc.widthOfString(label);
  }
  doc.x = left;
  doc.y = legendY + 24;
  doc.fillColor("#000");
}
