import { z } from "zod";
import { courseKinds } from "../../../../core/travel/training.ts";
import { sendDownload } from "../../../platform/http/download.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { dateOnly, errorResponses, pageOf, pagingQuery } from "../../../platform/http/schemas.ts";
import { overviewStatuses, trainingOverview, trainingOverviewCsv } from "./training-overview.service.ts";

/** The training view per area and organisation, and its CSV (issue 13 §1). */

const tags = ["Training"];
const validId = () => z.uuid({ message: "must be a valid id" });

const filterQuery = {
  placeId: validId().optional().describe("People stationed in this area or duty station, or below it"),
  organisationId: validId().optional().describe("People of this organisation"),
  courseId: validId().optional().describe("The course to look at; BSAFE (required of everyone) when absent"),
  status: z
    .enum(overviewStatuses, { message: `must be one of ${overviewStatuses.join(", ")}` })
    .optional()
    .describe("Only people in this standing (the counts stay those of the whole filter)"),
};

const personOut = z.object({
  personId: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  indexNumber: z.string().nullable(),
  organisationId: z.string(),
  organisationCode: z.string(),
  dutyStationId: z.string(),
  dutyStationName: z.string(),
  status: z.enum(overviewStatuses).describe("valid; expiring: within 60 days; expired; missing: no certificate of the course"),
  expiresOn: dateOnly.nullable().describe("The expiry of the person's certificate of the course expiring last"),
});

const overviewOut = pageOf(personOut).extend({
  course: z.object({ id: z.string(), code: z.string(), kind: z.enum(courseKinds), nameEn: z.string(), nameFr: z.string() }),
  counts: z.object({
    personnel: z.number().int().describe("People in scope and in the filter"),
    valid: z.number().int(),
    expiring: z.number().int(),
    expired: z.number().int(),
    missing: z.number().int(),
  }),
  validShare: z.number().nullable().describe("Share of personnel whose certificate holds today (valid or expiring), 0 to 1; null without personnel"),
});

export const trainingOverviewRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/training/overview",
    access: "training.certificate.read",
    summary: "Who holds a valid BSAFE (or another course) per area and organisation: counts and the people, missing and expired first",
    tags,
    querystring: z.object({ ...filterQuery, page: pagingQuery.page, pageSize: pagingQuery.pageSize }),
    response: { 200: overviewOut, ...errorResponses },
    handler: ({ context, query }) => trainingOverview(context, query),
  }),
  defineRoute({
    method: "GET",
    url: "/api/training/overview.csv",
    access: "training.certificate.read",
    summary: "The training view's people as CSV, by name: readable headers and statuses in `lang` (by default the caller's language), or column codes with headers=codes",
    tags,
    querystring: z.object({
      ...filterQuery,
      lang: z.enum(["en", "fr"], { message: "must be en or fr" }).optional().describe("Language of the headers and status labels"),
      headers: z
        .enum(["names", "codes"], { message: "must be names or codes" })
        .default("names")
        .describe("Readable headers for people (names) or column codes for machines (codes)"),
    }),
    response: { 200: z.string().describe("text/csv"), ...errorResponses },
    handler: async ({ context, query, reply }) => sendDownload(reply, "csv", "training-overview", await trainingOverviewCsv(context, query)),
  }),
];
