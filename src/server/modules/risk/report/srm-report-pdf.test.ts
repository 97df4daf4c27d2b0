import { describe, expect, it } from "vitest";
import { guide2008Matrix, unSrmMatrix } from "../../../../core/risk/risk-matrices.data.ts";
import { type SrmReportData, srmReportPdf } from "./srm-report-pdf.ts";
import { sampleReport } from "./srm-report-sample.ts";

async function render(report: SrmReportData): Promise<Buffer> {
  const doc = await srmReportPdf(report);
  const chunks: Buffer[] = [];
  for await (const chunk of doc) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("SRM report PDF", () => {
  it("renders every section in English and French, on both shipped matrices", async () => {
    for (const lang of ["en", "fr"] as const) {
      for (const matrix of [unSrmMatrix, guide2008Matrix]) {
        const pdf = await render(sampleReport({ lang, matrix }));
        expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
        // The sample fills more than one A4 page: the decisions table breaks onto a second one.
        expect(Number(/\/Count (\d+)/.exec(pdf.toString("latin1"))?.[1])).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("says so when a section is empty", async () => {
    const pdf = await render(sampleReport({ scenarios: [], measures: [], decisions: [], threats: [] }));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(/\/Count (\d+)/.exec(pdf.toString("latin1"))?.[1]).toBe("1");
  });
});
