import type { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { threatCategories } from "../../../../core/risk/security-levels.ts";
import { categoryLevels, contactRoles, incidentCategoryLabel, levelText, roleLabel } from "../../../../core/travel/briefing.ts";
import { languageFromAcceptLanguage, verificationPage } from "../../../../core/travel/clearance-verification.ts";
import { ThrottledError } from "../../../platform/auth/login-throttle.ts";
import { fileSlug, sendDownload } from "../../../platform/http/download.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { errorResponses, idParams, timestamp } from "../../../platform/http/schemas.ts";
import { briefingPdf } from "./briefing-pdf.ts";
import { clearanceDocument, readBriefing } from "./clearance-document.service.ts";
import { clearancePdf } from "./clearance-pdf.ts";
import { requestStatuses } from "./requests.tables.ts";
import { verifyClearance } from "./verification.service.ts";

/**
 * A trip's documents (issue 13 §3–4): the clearance PDF with its QR code, the briefing (JSON and
 * PDF), and the public verification of a clearance from its QR code, as a page and as JSON.
 */
const tags = ["Travel"];
// A code Vigil never issues in this shape is bad input (400), as a malformed id is; one of the
// right shape that matches no trip is "not valid" (404).
const tokenParams = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,128}$/, { message: "must be a verification code (32 to 128 letters, digits, - or _)" })
    .describe("The code the clearance's QR code carries"),
});
const pdfResponse = { 200: z.any().describe("The PDF file"), ...errorResponses };
const verificationOut = z.object({
  number: z.string().describe("The trip number, to compare with the paper"),
  isValid: z.boolean().describe("Cleared, and not yet past its return"),
  checkedAt: timestamp,
});

const briefingOut = z.object({
  number: z.string(),
  status: z.enum(requestStatuses),
  purpose: z.string(),
  travellers: z.array(z.string()),
  legs: z.array(z.object({ from: z.string(), to: z.string(), departureLocal: z.string(), arrivalLocal: z.string() })),
  incidentDays: z.number().int(),
  generatedAt: timestamp,
  areas: z.array(
    z.object({
      placeId: z.string(),
      name: z.string(),
      level: z
        .object({
          areaName: z.string().describe("The area whose level is in force (this one or the nearest above)"),
          overall: z.number().int(),
          text: z.string(),
          categories: z.array(z.object({ category: z.enum(threatCategories), label: z.string(), level: z.number().int(), text: z.string() })),
        })
        .nullable(),
      conditions: z.array(z.string()),
      measures: z.array(z.string()).describe("The SRM measures in force that bind travellers"),
      incidents: z.array(z.object({ categoryCode: z.string(), category: z.string(), count: z.number().int() })).describe("Critical incidents of the last incidentDays days: counts only"),
      contacts: z.array(z.object({ name: z.string(), role: z.enum(contactRoles), roleLabel: z.string(), email: z.string().nullable() })),
    }),
  ),
});

/** A client checking unknown codes too fast waits, and is told for how long (Retry-After, seconds). */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ThrottledError) reply.header("retry-after", String(error.retryAfterSeconds));
    throw error;
  }
}

export const clearanceDocumentRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/travel/requests/:id/clearance.pdf",
    access: "authenticated",
    summary: "The clearance of a cleared trip (PDF, one page, in the caller's language) with the QR code of its verification page (anyone who may read the trip; 409 unless cleared)",
    tags,
    params: idParams,
    response: pdfResponse,
    handler: async ({ context, params, reply }) => {
      const data = await clearanceDocument(context, params.id);
      return sendDownload(reply, "pdf", `clearance-${fileSlug(data.number)}`, (await clearancePdf(data)) as unknown as Readable);
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/requests/:id/briefing",
    access: "authenticated",
    summary:
      "The security briefing of a trip, per destination area: levels in force by threat category, the clearance's conditions, the SRM measures for travellers, critical incidents of the last 30 days (counts by category) and the security contacts (anyone who may read the trip)",
    tags,
    params: idParams,
    response: { 200: briefingOut, ...errorResponses },
    handler: async ({ context, params }) => {
      const { briefing, language, status } = await readBriefing(context, params.id);
      return {
        ...briefing,
        status,
        areas: briefing.areas.map((area) => ({
          ...area,
          level: area.level
            ? { areaName: area.level.areaName, overall: area.level.overall, text: levelText(area.level.overall, language), categories: categoryLevels(area.level, language) }
            : null,
          incidents: area.incidents.map((one) => ({ ...one, category: incidentCategoryLabel(one.categoryCode, language) })),
          contacts: area.contacts.map((contact) => ({ ...contact, roleLabel: roleLabel(contact.role, language) })),
        })),
      };
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/requests/:id/briefing.pdf",
    access: "authenticated",
    summary: "The security briefing of a trip as PDF, in the caller's language (anyone who may read the trip)",
    tags,
    params: idParams,
    response: pdfResponse,
    handler: async ({ context, params, reply }) => {
      const { briefing, language } = await readBriefing(context, params.id);
      return sendDownload(reply, "pdf", `briefing-${fileSlug(briefing.number)}`, (await briefingPdf(briefing, language)) as unknown as Readable);
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/verify/:token",
    access: "public",
    summary: "Whether the clearance a QR code carries is valid now, with its trip number only (no sign-in; unknown codes are throttled per address: 429 with Retry-After)",
    tags,
    params: tokenParams,
    response: { 200: verificationOut, ...errorResponses, 429: errorResponses[404] },
    handler: async ({ params, request, reply }) => {
      const client = { address: request.ip, requestId: request.id };
      const result = await withRetryAfter(reply, () => verifyClearance(request.server.database, params.token, client));
      if (result.number === null) throw new NotFoundError("Clearance");
      return { number: result.number, isValid: result.isValid, checkedAt: result.checkedAt };
    },
  }),
  defineRoute({
    method: "GET",
    url: "/verify/clearance/:token",
    access: "public",
    summary:
      "The page a clearance's QR code opens (HTML, English or French by Accept-Language): valid now or not, with the trip number and no names or places; 404 with the same page for an unknown code",
    tags,
    params: tokenParams,
    response: {
      ...errorResponses,
      200: z.string().describe("The HTML page"),
      404: z.string().describe("The HTML page, saying not valid: the code is unknown"),
      429: z.string().describe("The HTML page, asking to wait: too many unknown codes from this address"),
    },
    handler: async ({ params, request, reply }) => {
      const language = languageFromAcceptLanguage(request.headers["accept-language"]);
      const page = (status: number, html: string) => reply.code(status).type("text/html; charset=utf-8").header("vary", "accept-language").send(html);
      try {
        const outcome = await verifyClearance(request.server.database, params.token, { address: request.ip, requestId: request.id });
        return page(outcome.number === null ? 404 : 200, verificationPage(outcome, language));
      } catch (error) {
        if (!(error instanceof ThrottledError)) throw error;
        reply.header("retry-after", String(error.retryAfterSeconds));
        return page(429, verificationPage({ throttledMinutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) }, language));
      }
    },
  }),
];
