import { z } from "zod";
import { placeKinds } from "../../../core/structure/structure.schemas.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { errorResponses, idParams } from "../../platform/http/schemas.ts";
import { appointmentOut, continuityItemOut } from "../appointments/index.ts";
import { personDetailOut } from "../personnel/index.ts";
import { overdueReviewOut } from "../risk/index.ts";
import { placeOut } from "../structure/index.ts";
import { historyEntityTypes, recordHistory } from "./history.service.ts";
import { dashboard, personDetail, placeDetail } from "./overview.service.ts";

const placeDetailOut = placeOut.extend({
  ancestors: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(placeKinds) })),
  children: z.array(placeOut),
  continuity: z.object({
    slot: z.enum(["do", "asc"]).nullable(),
    inCharge: continuityItemOut.shape.inCharge,
    gaps: continuityItemOut.shape.gaps,
  }),
});

const personPageOut = personDetailOut.extend({
  appointments: z.array(appointmentOut),
  responsibilities: z.array(
    z.object({
      section: z.string(),
      actor: z.string(),
      actorFr: z.string().nullable(),
      heading: z.string().nullable(),
      headingFr: z.string().nullable(),
      number: z.number().int(),
      text: z.string(),
      textFr: z.string().nullable(),
    }),
  ),
});

const dashboardOut = z.object({
  areas: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(placeKinds), countryCode: z.string().nullable(), roles: z.array(z.string()) })),
  continuity: z.array(continuityItemOut),
  actionPoints: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      dueOn: z.string().nullable(),
      ownerName: z.string().nullable(),
      meetingId: z.string(),
      meetingTitle: z.string(),
      placeName: z.string(),
      isOverdue: z.boolean(),
    }),
  ),
  overdueReviews: z.array(overdueReviewOut).describe("Approved SRM assessments in force whose review date has passed (a compliance finding)"),
  dutyStations: z.array(
    z.object({ id: z.string(), name: z.string(), latitude: z.number(), longitude: z.number(), parentName: z.string().nullable(), personnelCount: z.number().int() }),
  ),
  counts: z.object({ organisations: z.number(), places: z.number(), personnel: z.number(), appointments: z.number() }),
});

const historyOut = z.object({
  items: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actorName: z.string(),
      action: z.string(),
      /** The part of the record an entry is about (an assessment's scenario), or null for the record itself. */
      subject: z.string().nullable(),
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
    }),
  ),
});

export const overviewRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/dashboard",
    cachePerViewer: true,
    access: "dashboard.read",
    summary: "Home dashboard: your areas, continuity gaps, upcoming action points, duty stations",
    tags: ["Overview"],
    response: { 200: dashboardOut, ...errorResponses },
    handler: ({ context }) => dashboard(context),
  }),
  defineRoute({
    method: "GET",
    url: "/api/places/:id",
    access: "place.read",
    summary: "An area or duty station, with its children and DO/ASC continuity",
    tags: ["Places"],
    params: idParams,
    response: { 200: placeDetailOut, ...errorResponses },
    handler: ({ context, params }) => placeDetail(context, params.id),
  }),
  defineRoute({
    method: "GET",
    url: "/api/personnel/:id",
    access: "authenticated",
    summary: "A person, with dependants, appointments and responsibilities; contacts only for need-to-know (audited)",
    tags: ["Personnel"],
    params: idParams,
    response: { 200: personPageOut, ...errorResponses },
    handler: ({ context, params }) => personDetail(context, params.id),
  }),
  defineRoute({
    method: "GET",
    url: "/api/history/:entityType/:id",
    access: "authenticated",
    summary: "Field-by-field revision history of a record, with time stamps",
    tags: ["History"],
    params: idParams.extend({ entityType: z.enum(historyEntityTypes) }),
    response: { 200: historyOut, ...errorResponses },
    handler: ({ context, params }) => recordHistory(context, params.entityType, params.id),
  }),
];
