import { z } from "zod";
import { householdAssignmentInput, wardenAssignmentInput, zoneInput, zonePatch, zonePolygon } from "../../../../core/readiness/zones.ts";
import { dateOnly, actionsField, errorResponses, idParams, noContent, timestamp } from "../../../platform/http/schemas.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { sendDownload } from "../../../platform/http/download.ts";
import { assignByAddress, assignHouseholds, removeHousehold, zoneHouseholdList } from "./households.service.ts";
import { zoneListPdf } from "./zone-list.pdf.ts";
import { addZoneWarden, createZone, deleteZone, getZone, listZones, removeZoneWarden, updateZone } from "./zones.service.ts";

const zoneOut = z.object({
  id: z.string(),
  securityAreaId: z.string(),
  securityAreaName: z.string(),
  name: z.string(),
  localities: z.array(z.string()),
  polygon: zonePolygon.nullable(),
  notes: z.string().nullable(),
  wardens: z.array(
    z.object({
      appointmentId: z.string(),
      isDeputy: z.boolean(),
      personId: z.string(),
      personName: z.string(),
      startsOn: dateOnly,
      endsOn: dateOnly.nullable(),
      isInForce: z.boolean(),
    }),
  ),
  households: z.number().int().describe("People placed in the zone (each with their household)"),
  people: z.number().int().describe("Those people and their eligible dependants"),
  isMine: z.boolean().describe("Whether the caller is a warden or deputy of this zone today"),
  createdAt: timestamp,
  updatedAt: timestamp,
  actions: actionsField,
});

const contactsOut = z
  .object({ phone: z.string().nullable(), mobile: z.string().nullable(), email: z.string().nullable(), residentialAddress: z.string().nullable() })
  .nullable()
  .describe("Need-to-know: null when the caller may not see them");

const householdListOut = z.object({
  zone: z.object({ id: z.string(), name: z.string() }),
  households: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      organisationId: z.string(),
      organisationName: z.string(),
      recruitmentType: z.string(),
      dutyStationName: z.string(),
      dependants: z.array(z.object({ id: z.string(), name: z.string(), givenName: z.string(), familyName: z.string(), relationship: z.string(), birthDate: z.string().nullable() })),
      contacts: contactsOut,
    }),
  ),
  hidden: z.number().int().describe("People in the zone the caller may not see (counted, not named)"),
});

const tags = ["Readiness: warden zones"];
const zoneAndPerson = z.object({ id: z.uuid({ message: "must be a valid id" }), personId: z.uuid({ message: "must be a valid id" }) });
const zoneAndAppointment = z.object({ id: z.uuid({ message: "must be a valid id" }), appointmentId: z.uuid({ message: "must be a valid id" }) });

export const zoneRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/warden-zones",
    access: "readiness.zone.read",
    summary: "List the warden zones in the caller's areas, with their wardens and the size of their lists",
    tags,
    querystring: z.object({ securityAreaId: z.uuid({ message: "must be a valid id" }).optional() }),
    response: { 200: z.object({ items: z.array(zoneOut) }), ...errorResponses },
    handler: ({ context, query }) => listZones(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/warden-zones",
    access: "readiness.zone.manage",
    summary: "Draw a warden zone in a Security Area (localities and, optionally, a GeoJSON polygon)",
    tags,
    body: zoneInput,
    response: { 201: zoneOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createZone(context, body)),
  }),
  defineRoute({
    method: "POST",
    url: "/api/warden-zones/assign-by-address",
    access: "readiness.household.assign",
    summary: "Place the people of a Security Area who are in no zone yet, from their residential address",
    tags,
    body: z.object({ securityAreaId: z.uuid({ message: "must be a valid id" }) }),
    response: { 200: z.object({ assigned: z.number().int(), ambiguousOrUnmatched: z.number().int(), withoutAddress: z.number().int() }), ...errorResponses },
    handler: ({ context, body }) => assignByAddress(context, body.securityAreaId),
  }),
  defineRoute({
    method: "GET",
    url: "/api/warden-zones/:id",
    access: "readiness.zone.read",
    summary: "Get a warden zone",
    tags,
    params: idParams,
    response: { 200: zoneOut, ...errorResponses },
    handler: ({ context, params }) => getZone(context, params.id),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/warden-zones/:id",
    access: "readiness.zone.manage",
    summary: "Change a warden zone's name, localities, polygon or notes",
    tags,
    params: idParams,
    body: zonePatch,
    response: { 200: zoneOut, ...errorResponses },
    handler: ({ context, params, body }) => updateZone(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/warden-zones/:id",
    access: "readiness.zone.manage",
    summary: "Delete a warden zone (its households are taken out of it, not deleted)",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteZone(context, params.id);
      return reply.code(204).send(null);
    },
  }),
  defineRoute({
    method: "PUT",
    url: "/api/warden-zones/:id/wardens",
    access: "readiness.zone.manage",
    summary: "Name a warden appointment as the zone's warden or a deputy",
    tags,
    params: idParams,
    body: wardenAssignmentInput,
    response: { 200: zoneOut, ...errorResponses },
    handler: ({ context, params, body }) => addZoneWarden(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/warden-zones/:id/wardens/:appointmentId",
    access: "readiness.zone.manage",
    summary: "Take a warden off the zone (the appointment stays)",
    tags,
    params: zoneAndAppointment,
    response: { 200: zoneOut, ...errorResponses },
    handler: ({ context, params }) => removeZoneWarden(context, params.id, params.appointmentId),
  }),
  defineRoute({
    method: "GET",
    url: "/api/warden-zones/:id/households",
    access: "readiness.zone.read",
    summary: "The zone's list: households with dependants, and contacts where the caller has need-to-know (audited)",
    tags,
    params: idParams,
    response: { 200: householdListOut, ...errorResponses },
    handler: ({ context, params }) => zoneHouseholdList(context, params.id),
  }),
  defineRoute({
    method: "GET",
    url: "/api/warden-zones/:id/households.pdf",
    access: "readiness.zone.read",
    summary: "The zone's list as a PDF to print (contacts as on the list, audited)",
    tags,
    params: idParams,
    response: { 200: z.any().describe("The PDF file"), ...errorResponses },
    handler: async ({ context, params, reply }) => {
      const { fileName, stream } = await zoneListPdf(context, params.id);
      return sendDownload(reply, "pdf", fileName, stream);
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/warden-zones/:id/households",
    access: "readiness.household.assign",
    summary: "Place people (with their households) in the zone; someone in another zone moves here",
    tags,
    params: idParams,
    body: householdAssignmentInput,
    response: { 200: z.object({ assigned: z.number().int() }), ...errorResponses },
    handler: ({ context, params, body }) => assignHouseholds(context, params.id, body.personIds),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/warden-zones/:id/households/:personId",
    access: "readiness.household.assign",
    summary: "Take a household out of the zone",
    tags,
    params: zoneAndPerson,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await removeHousehold(context, params.id, params.personId);
      return reply.code(204).send(null);
    },
  }),
];
