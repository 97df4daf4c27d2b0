import { unSrmMatrix } from "../../../../core/risk/risk-matrices.data.ts";
import type { SrmReportData } from "./srm-report-pdf.ts";

// Test support: an SRM report with every section filled, for the PDF tests and for looking at
// the rendered pages while working on the layout.
/** A report as `srmReportData` gathers it: every section filled, names with accents. */
export function sampleReport(overrides: Partial<SrmReportData> = {}): SrmReportData {
  return {
    lang: "en",
    generatedAt: "2026-12-02T10:00:00.000Z",
    assessment: {
      title: "SRM Mopti Security Area 2027",
      placeName: "Mopti Security Area",
      version: 2,
      status: "approved",
      periodFrom: "2027-01-01",
      periodTo: "2027-12-31",
      reviewDueOn: "2027-06-30",
      summary: "Armed groups control the roads between Sévaré and Douentza; crime in Mopti town is rising.",
      authorName: "P/C/SA Mali",
      smtConsultedOn: "2026-11-20",
      approvedAt: "2026-11-25T09:30:00.000Z",
      approvedByName: "DO Mali",
      approvalConditions: "Review after the rainy season.",
    },
    matrix: unSrmMatrix,
    threats: [
      { category: "armed_conflict", intent: 4, capability: 4, inhibitingContext: 2, narrative: "Armed groups active on the main roads." },
      { category: "hazards", intent: null, capability: null, inhibitingContext: null, narrative: "Seasonal flooding of the Niger delta." },
    ],
    scenarios: [
      { title: "IED on the Mopti–Gao road", threatCategory: "armed_conflict", inherentLikelihood: 4, inherentImpact: 5, residualLikelihood: 3, residualImpact: 4, strategies: ["control", "avoid"], measuresText: "Armed escort; convoy procedures." },
      { title: "Armed robbery at a residence", threatCategory: "crime", inherentLikelihood: 4, inherentImpact: 3, residualLikelihood: 2, residualImpact: 3, strategies: ["control"], measuresText: "" },
    ],
    measures: [
      { title: "HF radio in every vehicle", kind: "baseline", category: "telecoms", organisationCode: null, ownerName: "ASA Mopti", dueOn: "2026-10-01", status: "in_progress", cost: "12000.00 USD", isOverdue: true },
      { title: "Residential guards", kind: "organisation", category: "residential", organisationCode: "WFP", ownerName: "WFP SFP", dueOn: "2027-02-01", status: "implemented", cost: "—", isOverdue: false },
    ],
    decisions: [
      { activityName: "Food distribution in Douentza", organisationCode: "WFP", criticality: "pc2", residualLevel: "High", outcome: "needs_acceptance", approver: "do", acceptances: ["DO Mali, 2026-11-26: lifesaving distribution"] },
      { activityName: "School rehabilitation", organisationCode: "UNICEF", criticality: "pc3", residualLevel: "High", outcome: "blocked", approver: null, acceptances: [] },
    ],
    ...overrides,
  };
}

