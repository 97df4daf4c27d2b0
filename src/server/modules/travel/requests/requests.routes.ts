import { z } from "zod";
import { clearanceRulesBody, clearanceRulesInput, legOutcomes, reviewers, transportModes } from "../../../../core/travel/clearance.ts";
import { legDecisionInput, requestKinds, travelRequestInput } from "../../../../core/travel/itinerary.ts";
import { requiredText, uuidSchema } from "../../../../core/structure/structure.schemas.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { actionsField, errorResponses, idParams, pageOf, pagingQuery, timestamp } from "../../../platform/http/schemas.ts";
import { clearanceDocumentRoutes } from "./clearance-documents.routes.ts";
import { acknowledgeConditions, cancelRequest, decideLeg } from "./review.service.ts";
import { fileRequest } from "./requests-file.service.ts";
import { getRequest, listRequests, reviewQueue } from "./requests-read.service.ts";
import { requestStatuses } from "./requests.tables.ts";
import { liftSuspension, listSuspensions, rulesOf, saveRules, searchTravelPlaces, suspendOrganisation } from "./rules.service.ts";

const tags = ["Travel"];
const legStatus = z.enum([...legOutcomes, "changes_requested", "notified"]);
const reasonOut = z.object({ code: z.string(), text: z.string().describe("In the caller's language") });

const requestSummary = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(requestKinds),
  status: z.enum(requestStatuses),
  purpose: z.string(),
  isLateNotification: z.boolean(),
  departsAt: timestamp,
  returnsAt: timestamp,
  clearedAt: timestamp.nullable(),
  createdAt: timestamp,
});

const requestOut = requestSummary.extend({
  activityKey: z.string().nullable(),
  conditionsAcknowledgedAt: timestamp.nullable(),
  travellers: z.array(z.object({ personId: z.string().nullable(), dependantId: z.string().nullable(), name: z.string(), organisationCode: z.string() })),
  legs: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      fromPlaceId: z.string(),
      fromName: z.string(),
      fromLocality: z.string().nullable(),
      toPlaceId: z.string(),
      toName: z.string(),
      toLocality: z.string().nullable(),
      toLatitude: z.number().nullable(),
      toLongitude: z.number().nullable(),
      departureLocal: z.string(),
      arrivalLocal: z.string(),
      departureAt: timestamp,
      arrivalAt: timestamp,
      transport: z.enum(transportModes),
      operatorId: z.string().nullable(),
      vehicleArrangement: z.string().nullable(),
      accommodation: z.string().nullable(),
      contact: z.string().nullable(),
      status: legStatus,
      reviewer: z.enum(reviewers),
      reasons: z.array(reasonOut),
      conditions: z.array(z.string()),
      ruleSetId: z.string().nullable().describe("The version of the area's clearance rules the decision used"),
      decisionNote: z.string().nullable(),
      decidedAt: timestamp.nullable(),
      canDecide: z.boolean(),
    }),
  ),
  history: z.array(z.object({ action: z.string(), legId: z.string().nullable(), actorName: z.string().nullable(), note: z.string().nullable(), at: timestamp })),
  verificationUrl: z.string().nullable().describe("A cleared trip's public verification page, the address its clearance PDF's QR code carries"),
  actions: actionsField,
});

const rulesOut = z.object({
  placeId: z.string(),
  placeName: z.string(),
  effective: clearanceRulesInput.extend({
    ruleSetId: z.string().nullable(),
    fromPlaceId: z.string().nullable().describe("The area whose rules apply (this one, or the Designated Area above); null: the defaults"),
    version: z.number().int().nullable(),
  }),
  versions: z.array(z.object({ id: z.string(), version: z.number().int(), rules: z.record(z.string(), z.unknown()), note: z.string().nullable(), createdByName: z.string().nullable(), createdAt: timestamp })),
  canManage: z.boolean(),
});

const changed = z.object({ requestId: z.string(), status: z.enum(requestStatuses) });

export const requestRoutes = [
  defineRoute({
    method: "POST",
    url: "/api/travel/requests",
    access: "authenticated",
    summary:
      "File a trip for oneself (and one's dependants), or as an organisation's focal point for its staff: checked, then each leg decided by the destination's clearance rules (201 with the trip and its reasons; 409 names an overlapping trip)",
    tags,
    body: travelRequestInput,
    response: { 201: requestOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await fileRequest(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/requests",
    access: "authenticated",
    summary: "Trips: the caller's own (scope=mine), or those their travel rights cover (scope=area), latest departure first",
    tags,
    querystring: z.object({ scope: z.enum(["mine", "area"]).default("mine"), status: z.enum(requestStatuses).optional(), page: pagingQuery.page, pageSize: pagingQuery.pageSize }),
    response: { 200: pageOf(requestSummary.extend({ travellers: z.array(z.string()) })), ...errorResponses },
    handler: ({ context, query }) => listRequests(context, query),
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/requests/:id",
    access: "authenticated",
    summary: "One trip: travellers, legs with their clearance and reasons (in the caller's language), conditions, history (need-to-know; a read by others than the traveller is audited)",
    tags,
    params: idParams,
    response: { 200: requestOut, ...errorResponses },
    handler: ({ context, params }) => getRequest(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/travel/requests/:id/cancel",
    access: "authenticated",
    summary: "Cancel a trip not yet over (the traveller or whoever filed it)",
    tags,
    params: idParams,
    body: z.object({ reason: requiredText(500).describe("Why: the reviewers and the headcount read it") }),
    response: { 200: changed, ...errorResponses },
    handler: ({ context, params, body }) => cancelRequest(context, params.id, body.reason),
  }),
  defineRoute({
    method: "POST",
    url: "/api/travel/requests/:id/acknowledge",
    access: "authenticated",
    summary: "The traveller acknowledges the conditions of their cleared trip",
    tags,
    params: idParams,
    response: { 200: z.object({ requestId: z.string(), acknowledgedAt: timestamp }), ...errorResponses },
    handler: ({ context, params }) => acknowledgeConditions(context, params.id),
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/queue",
    access: "authenticated",
    summary: "Legs waiting for the caller's clearance decision, earliest departure first (the area's reviewers; at levels 5–6 the DO)",
    tags,
    querystring: z.object({ placeId: uuidSchema.optional(), page: pagingQuery.page, pageSize: pagingQuery.pageSize }),
    response: {
      200: pageOf(
        z.object({
          legId: z.string(),
          requestId: z.string(),
          number: z.string(),
          purpose: z.string(),
          fromName: z.string(),
          toName: z.string(),
          departureLocal: z.string(),
          departureAt: timestamp,
          transport: z.enum(transportModes),
          reviewer: z.enum(reviewers),
          reasons: z.array(reasonOut),
          travellers: z.array(z.object({ name: z.string(), organisationCode: z.string(), personId: z.string().nullable() })),
        }),
      ),
      ...errorResponses,
    },
    handler: ({ context, query }) => reviewQueue(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/travel/legs/:id/decision",
    access: "authenticated",
    summary: "Decide a leg: clear (with conditions), refuse or ask for changes, with the reason (the destination's reviewers; at levels 5–6 the DO)",
    tags,
    params: idParams,
    body: legDecisionInput,
    response: { 200: changed, ...errorResponses },
    handler: ({ context, params, body }) => decideLeg(context, params.id, body),
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/places",
    access: "authenticated",
    summary: "Places a trip may go to or leave from, by name, with the areas they lie in",
    tags,
    querystring: z.object({ q: pagingQuery.q, limit: z.coerce.number().int().min(1).max(50).default(20) }),
    response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), within: z.string() })) }), ...errorResponses },
    handler: ({ context, query }) => searchTravelPlaces(context, query),
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/rules/:id",
    access: "authenticated",
    summary: "An area's clearance rules in force (its own, its Designated Area's, or the defaults) and its versions",
    tags,
    params: idParams,
    response: { 200: rulesOut, ...errorResponses },
    handler: ({ context, params }) => rulesOf(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/travel/rules/:id",
    access: "travel.rules.manage",
    summary: "Save a new version of an area's clearance rules (a Security Area's override its Designated Area's); the trips into it not yet departed are evaluated again",
    tags,
    params: idParams,
    body: clearanceRulesBody.extend({ note: z.string().trim().max(500).nullable().optional() }),
    response: { 200: rulesOut, ...errorResponses },
    handler: ({ context, params, body }) => {
      const { note, ...rules } = body;
      return saveRules(context, params.id, rules, note ?? null);
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/suspensions",
    access: "travel.request.read",
    summary: "Organisations whose clearance is or was suspended in a Designated Area",
    tags,
    querystring: z.object({ placeId: uuidSchema }),
    response: {
      200: z.object({
        items: z.array(z.object({ id: z.string(), organisationId: z.string(), organisationCode: z.string(), reason: z.string(), suspendedAt: timestamp, liftedAt: timestamp.nullable() })),
        canManage: z.boolean(),
      }),
      ...errorResponses,
    },
    handler: ({ context, query }) => listSuspensions(context, query.placeId),
  }),
  defineRoute({
    method: "POST",
    url: "/api/travel/suspensions",
    access: "travel.suspension.manage",
    summary: "Suspend an organisation's clearance in a Designated Area (the DO, with a reason): its staff's trips there go to review",
    tags,
    body: z.object({ placeId: uuidSchema, organisationId: uuidSchema, reason: requiredText(500) }),
    response: { 201: z.object({ id: z.string() }), ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await suspendOrganisation(context, body)),
  }),
  defineRoute({
    method: "POST",
    url: "/api/travel/suspensions/:id/lift",
    access: "travel.suspension.manage",
    summary: "Lift a suspension; the trips it held are evaluated again",
    tags,
    params: idParams,
    response: { 200: z.object({ id: z.string() }), ...errorResponses },
    handler: ({ context, params }) => liftSuspension(context, params.id),
  }),
  ...clearanceDocumentRoutes,
];
