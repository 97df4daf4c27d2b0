import type { Readable } from "node:stream";
import { z } from "zod";
import { fileSlug, sendDownload } from "../../../platform/http/download.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { errorResponses, idParams } from "../../../platform/http/schemas.ts";
import { srmReportPdf } from "./srm-report-pdf.ts";
import { type DecisionSource, srmReportData } from "./srm-report.service.ts";

/** The SRM report of one assessment version, as PDF. `decisions` supplies the acceptable-risk lines. */
export function srmReportRoutes(decisions: DecisionSource) {
  return [
    defineRoute({
      method: "GET",
      url: "/api/srm-assessments/:id/report.pdf",
      access: "srm.read",
      summary: "The SRM report of an assessment version (PDF): summary, threats, scenarios with heat maps, measures, acceptable-risk decisions and approval",
      tags: ["Security risk management"],
      params: idParams,
      querystring: z.object({ lang: z.enum(["en", "fr"], { message: "must be en or fr" }).optional().describe("Language of the report; default: the caller's") }),
      response: { 200: z.any().describe("The PDF file"), ...errorResponses },
      handler: async ({ context, params, query, reply }) => {
        const data = await srmReportData(context, params.id, { lang: query.lang, decisions });
        const name = `srm-report-${fileSlug(data.assessment.placeName)}-v${data.assessment.version}`;
        return sendDownload(reply, "pdf", name, (await srmReportPdf(data)) as unknown as Readable);
      },
    }),
  ];
}
