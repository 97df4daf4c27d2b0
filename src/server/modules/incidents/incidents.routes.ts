import { z } from "zod";
import { quickReportInput } from "../../../core/incidents/incident-quick-report.ts";
import { incidentTaxonomy } from "../../../core/incidents/incident-taxonomy.data.ts";
import { incidentInput, incidentPatch, incidentSexes, incidentSources } from "../../../core/incidents/incident.schemas.ts";
import { assetKinds, personOutcomes, premisesKinds } from "../../../core/incidents/incident-taxonomy.types.ts";
import { recruitmentTypes } from "../../../core/personnel/personnel.schemas.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { idempotencyHeaders, idempotencyKeyOf, replyIdempotent } from "../../platform/http/idempotency.ts";
import { actionsField, errorResponses, idParams, pagingQuery, timestamp } from "../../platform/http/schemas.ts";
import { attachmentOut } from "./incident-attachment-list.ts";
import { incidentAttachmentRoutes } from "./incident-attachments.routes.ts";
import { incidentFilterQuery } from "./incident-filter.ts";
import { restrictedIncidentOut } from "./incident-restricted.service.ts";
import { needToKnowOf, setNeedToKnow, transitionIncident } from "./incident-workflow.service.ts";
import { submitQuickReport } from "./incident-quick-report.service.ts";
import { createIncidentOnce } from "./incident-create.service.ts";
import { getIncident, incidentSorts, listIncidents, totalCap, updateIncident } from "./incidents.service.ts";
import { incidentStatuses } from "./incidents.tables.ts";

const incidentSummary = z.object({
  id: z.string(),
  categoryCode: z.string(),
  taxonomyVersion: z.number().int(),
  status: z.enum(incidentStatuses),
  occurredAt: timestamp,
  occurredAtLocal: z.string().describe("Local date and time in the incident's time zone (YYYY-MM-DD HH:mm:ss)"),
  timeZone: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  affectsUn: z.boolean(),
  isNearMiss: z.boolean(),
  isSensitive: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
  actions: actionsField,
});

/** A row of the list: no identities, and only rows the caller may read (sensitive ones for their need-to-know list). */
const incidentListItem = incidentSummary.extend({
  summary: z.string().describe("The start of the narrative (160 characters at most)"),
  peopleByOutcome: z.array(z.object({ outcome: z.enum(personOutcomes), count: z.number().int() })).describe("People affected, summed by outcome"),
});

const incidentPage = z.object({
  items: z.array(incidentListItem),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
  pageSize: z.number().int(),
  total: z.number().int().nullable().describe(`Matching incidents, counted only with withTotal=true and up to ${totalCap}`),
  isTotalCapped: z.boolean().describe(`True when more than ${totalCap} incidents match (total then reads ${totalCap})`),
});

/** Victim identities (`personId`) and reporter details are null unless the caller is on the need-to-know list. */
const incidentOut = incidentSummary.extend({
  description: z.string(),
  source: z.enum(incidentSources),
  sourceDetail: z.string().nullable(),
  reporter: z.object({ name: z.string(), personId: z.string().nullable(), contact: z.string().nullable() }),
  organisationsAffected: z.array(z.string()),
  peopleAffected: z.array(
    z.object({
      outcome: z.enum(personOutcomes),
      recruitmentType: z.enum(recruitmentTypes),
      sex: z.enum(incidentSexes),
      count: z.number().int(),
      organisationId: z.string().nullable(),
      personId: z.string().nullable(),
    }),
  ),
  premisesAffected: z.array(z.object({ kind: z.enum(premisesKinds), description: z.string() })),
  assetsAffected: z.array(z.object({ kind: z.enum(assetKinds), description: z.string() })),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  dutyStationId: z.string().nullable(),
  submittedAt: timestamp.nullable(),
  verifiedAt: timestamp.nullable(),
  verifiedByName: z.string().nullable(),
  closedAt: timestamp.nullable(),
  attachments: z.array(attachmentOut).describe("Files attached (download each at /api/incidents/{id}/attachments/{attachmentId})"),
});

const translated = z.object({ en: z.string(), fr: z.string() });
const taxonomyOut = z.object({
  taxonomyVersion: z.number().int(),
  groups: z.array(z.object({ code: z.string(), label: translated })),
  categories: z.array(
    z.object({
      code: z.string(),
      group: z.string(),
      isViolence: z.boolean(),
      label: translated,
      description: translated,
      outcomes: z.array(z.string()),
      requiresOneOf: z.array(z.string()),
      requiresPremises: z.boolean(),
      premisesKinds: z.array(z.string()),
      isPremisesOnly: z.boolean(),
      requiresVehicle: z.boolean(),
      isSexualAssault: z.boolean(),
      isCritical: z.boolean(),
      isAttack: z.boolean(),
      canBeNearMiss: z.boolean(),
      rollsUpTo: z.string().nullable(),
    }),
  ),
});

const needToKnowOut = z.object({ personIds: z.array(z.string()) });
const tags = ["Incidents"];

export const incidentRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/incidents/taxonomy",
    access: "authenticated",
    summary: "The incident taxonomy (versioned), with English and French labels",
    tags,
    response: { 200: taxonomyOut, ...errorResponses },
    handler: async () => incidentTaxonomy,
  }),
  defineRoute({
    method: "GET",
    url: "/api/incidents",
    access: "incident.read",
    cachePerViewer: true,
    summary: "List incidents in the caller's scope; sensitive ones only for their need-to-know list",
    tags,
    querystring: z.object({
      ...incidentFilterQuery,
      pageSize: pagingQuery.pageSize,
      cursor: z.string().max(400).optional().describe("The `nextCursor` of the previous page; absent for the first page"),
      sort: z.enum(incidentSorts, { message: `must be one of ${incidentSorts.join(", ")}` }).default("occurredAt"),
      order: z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("desc"),
      withTotal: z.enum(["true", "false"], { message: "must be true or false" }).optional().describe(`Also count the matches (up to ${totalCap})`),
    }),
    response: { 200: incidentPage, ...errorResponses },
    handler: ({ context, query }) => listIncidents(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/incidents",
    access: "incident.create",
    summary: "Record an incident (as a draft); the SSIRS taxonomy rules are enforced. Idempotent with an Idempotency-Key.",
    tags,
    headers: idempotencyHeaders,
    body: incidentInput,
    response: { 201: incidentOut, ...errorResponses },
    handler: async ({ context, body, request, reply }) => {
      const { result, incident } = await createIncidentOnce(context, body, idempotencyKeyOf(request));
      return replyIdempotent(reply, result).send(incident);
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/incidents/quick-reports",
    access: "incident.create",
    summary:
      "Quick report from the field: category, when (default now), where, what happened, anyone hurt; recorded and submitted at once. Idempotent with an Idempotency-Key.",
    tags,
    headers: idempotencyHeaders,
    body: quickReportInput,
    response: { 201: incidentOut, ...errorResponses },
    handler: async ({ context, body, request, reply }) => {
      const { result, incident } = await submitQuickReport(context, body, idempotencyKeyOf(request));
      return replyIdempotent(reply, result).send(incident);
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/incidents/:id",
    access: "incident.read",
    summary:
      "An incident; reading a sensitive one or victim identities is audited. Someone a flash alert reached who is not on the need-to-know list gets the restricted view (`restricted: true`), also audited",
    tags,
    params: idParams,
    response: { 200: z.union([incidentOut, restrictedIncidentOut]), ...errorResponses },
    handler: ({ context, params }) => getIncident(context, params.id),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/incidents/:id",
    access: "incident.create",
    summary: "Revise any field of an incident; every revision is time-stamped in its history",
    tags,
    params: idParams,
    body: incidentPatch,
    response: { 200: incidentOut, ...errorResponses },
    handler: ({ context, params, body }) => updateIncident(context, params.id, body),
  }),
  defineRoute({
    method: "POST",
    url: "/api/incidents/:id/transition",
    access: "incident.create",
    summary: "Submit, verify (P/C/SA or delegate) or close an incident",
    tags,
    params: idParams,
    body: z.object({ to: z.enum(["submitted", "verified", "closed"], { message: "must be submitted, verified or closed" }) }),
    response: { 200: incidentOut, ...errorResponses },
    handler: ({ context, params, body }) => transitionIncident(context, params.id, body.to),
  }),
  defineRoute({
    method: "GET",
    url: "/api/incidents/:id/need-to-know",
    access: "incident.read_sensitive",
    summary: "The people named on a sensitive incident's need-to-know list",
    tags,
    params: idParams,
    response: { 200: needToKnowOut, ...errorResponses },
    handler: ({ context, params }) => needToKnowOf(context, params.id),
  }),
  defineRoute({
    method: "PUT",
    url: "/api/incidents/:id/need-to-know",
    access: "incident.read_sensitive",
    summary: "Replace the need-to-know list of a sensitive incident (the area's P/C/SA)",
    tags,
    params: idParams,
    body: z.object({ personIds: z.array(z.uuid({ message: "must be a valid id" })).max(50) }),
    response: { 200: needToKnowOut, ...errorResponses },
    handler: ({ context, params, body }) => setNeedToKnow(context, params.id, body.personIds),
  }),
  ...incidentAttachmentRoutes,
];
