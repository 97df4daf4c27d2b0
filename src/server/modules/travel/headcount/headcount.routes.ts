import { z } from "zod";
import { recruitmentTypes, sexes } from "../../../../core/personnel/personnel.schemas.ts";
import { headcountKinds, headcountSorts } from "../../../../core/travel/headcount.ts";
import { sendDownload } from "../../../platform/http/download.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { errorResponses, pageOf, pagingQuery, timestamp } from "../../../platform/http/schemas.ts";
import { headcountCsv } from "./headcount-csv.service.ts";
import { headcount, headcountPeople } from "./headcount.service.ts";

/** The headcount of an area at a moment (issue 13 §4): counts, the people, their CSV. */

const tags = ["Travel"];

const areaQuery = {
  placeId: z.uuid({ message: "must be a valid id" }).describe("The area: a Designated Area, a Security Area or a duty station (and every place below it)"),
  at: z.iso
    .datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2026-01-10T09:30:00Z" })
    .optional()
    .describe("The moment; now when absent"),
};

const byKey = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()])) as Record<K, z.ZodNumber>);

const figures = z.object({
  total: z.number().int(),
  personnel: z.number().int(),
  dependants: z.number().int(),
  recruitment: byKey(recruitmentTypes).describe("Personnel by recruitment type"),
  sex: byKey(sexes).describe("Personnel by sex"),
  dependantSex: byKey(sexes).describe("Dependants by sex"),
});

const headcountOut = z.object({
  place: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  at: timestamp,
  totals: figures,
  byOrganisation: z.array(figures.extend({ organisationId: z.string(), code: z.string(), name: z.string() })),
  byPlace: z
    .array(
      z.object({
        placeId: z.string(),
        name: z.string(),
        kind: z.string(),
        latitude: z.number().nullable(),
        longitude: z.number().nullable(),
        personnel: z.number().int(),
        dependants: z.number().int(),
        total: z.number().int(),
      }),
    )
    .describe("Where they are: duty stations, and the places trips have taken travellers to"),
  canList: z.boolean().describe("Whether the caller may read the list of people"),
});

const personOut = z.object({
  kind: z.enum(headcountKinds),
  personId: z.string().nullable(),
  dependantId: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  sponsorName: z.string().nullable().describe("A dependant's staff member"),
  organisationId: z.string(),
  organisationCode: z.string(),
  recruitmentType: z.enum(recruitmentTypes),
  sex: z.enum(sexes),
  placeId: z.string().describe("Where they are"),
  placeName: z.string(),
  dutyStationName: z.string(),
  tripId: z.string().nullable().describe("The trip that took them there; null when at their duty station"),
  tripNumber: z.string().nullable(),
  contacts: z
    .object({ phone: z.string().nullable(), mobile: z.string().nullable(), email: z.string().nullable() })
    .nullable()
    .describe("Need-to-know: only for a caller who may read the person's contacts (each read audited)"),
});

export const headcountRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/travel/headcount",
    access: "travel.headcount.read",
    summary: "Who is in an area at a moment, in counts: by organisation, recruitment type and sex, and per place for the map",
    tags,
    querystring: z.object(areaQuery),
    response: { 200: headcountOut, ...errorResponses },
    handler: ({ context, query }) => headcount(context, query),
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/headcount/people",
    access: "travel.headcount.list",
    summary: "Who is in an area at a moment: the people (an organisation's focal point sees their organisation's), with contacts where need-to-know allows",
    tags,
    querystring: z.object({
      ...areaQuery,
      page: pagingQuery.page,
      pageSize: pagingQuery.pageSize,
      sort: z.enum(headcountSorts, { message: `must be one of ${headcountSorts.join(", ")}` }).default("name"),
      order: pagingQuery.order,
    }),
    response: { 200: pageOf(personOut).extend({ place: z.object({ id: z.string(), name: z.string() }), at: timestamp }), ...errorResponses },
    handler: ({ context, query }) => headcountPeople(context, query),
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/headcount/people.csv",
    access: "travel.headcount.list",
    summary: "The headcount's people as CSV, by name: headers and labels in `lang` (by default the caller's), or column codes with headers=codes; contact columns only where need-to-know allows",
    tags,
    querystring: z.object({
      ...areaQuery,
      lang: z.enum(["en", "fr"], { message: "must be en or fr" }).optional(),
      headers: z.enum(["names", "codes"], { message: "must be names or codes" }).default("names"),
    }),
    response: { 200: z.string().describe("text/csv"), ...errorResponses },
    handler: async ({ context, query, reply }) => sendDownload(reply, "csv", "headcount", await headcountCsv(context, query)),
  }),
];
