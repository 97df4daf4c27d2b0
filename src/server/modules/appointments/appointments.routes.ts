import { z } from "zod";
import { appointmentInput, appointmentPatch } from "../../../core/appointments/appointments.schemas.ts";
import { appointmentRoles } from "../../../core/access/roles.ts";
import { placeKinds } from "../../../core/structure/structure.schemas.ts";
import { maxAttachmentBytes } from "../../../core/incidents/incident-attachment-types.ts";
import { RuleError } from "../../platform/http/errors.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { actionsField, errorResponses, idParams, noContent, pageOf, pagingQuery, timestamp } from "../../platform/http/schemas.ts";
import {
  attachLetter,
  createAppointment,
  deleteAppointment,
  getAppointment,
  listAppointments,
  readLetter,
  updateAppointment,
} from "./appointments.service.ts";
import { continuityStatus } from "./continuity.service.ts";

export const appointmentOut = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  role: z.enum(appointmentRoles),
  placeId: z.string(),
  placeName: z.string(),
  placeKind: z.enum(placeKinds),
  organisationId: z.string().nullable(),
  organisationCode: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  appointedBy: z.string(),
  letterNumber: z.string().nullable(),
  letterDate: z.string().nullable(),
  hasLetter: z.boolean(),
  letterFileName: z.string().nullable(),
  notes: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
  actions: actionsField,
});

export const continuityItemOut = z.object({
  placeId: z.string(),
  placeName: z.string(),
  placeKind: z.enum(["designated_area", "security_area"]),
  slot: z.enum(["do", "asc"]),
  isCoveredToday: z.boolean(),
  inCharge: z
    .object({
      appointmentId: z.string(),
      personId: z.string(),
      personName: z.string(),
      role: z.enum(appointmentRoles),
      endsOn: z.string().nullable(),
    })
    .nullable(),
  gaps: z.array(z.object({ from: z.string(), to: z.string().nullable().describe("null: nothing scheduled closes the gap") })),
});

const tags = ["Appointments"];

export const appointmentRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/appointments",
    access: "appointment.read",
    summary: "List appointments in the caller's scope",
    tags,
    querystring: z.object({
      ...pagingQuery,
      sort: z.enum(["startsOn", "role", "person"]).default("startsOn"),
      placeId: z.uuid().optional(),
      personId: z.uuid().optional(),
      role: z.enum(appointmentRoles).optional(),
      activeOn: z.iso.date().optional(),
    }),
    response: { 200: pageOf(appointmentOut), ...errorResponses },
    handler: ({ context, query }) => listAppointments(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/appointments",
    access: "appointment.create",
    summary: "Record a written appointment; overlapping single-holder appointments are refused",
    tags,
    body: appointmentInput,
    response: { 201: appointmentOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createAppointment(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/appointments/:id",
    access: "appointment.read",
    summary: "Get an appointment",
    tags,
    params: idParams,
    response: { 200: appointmentOut, ...errorResponses },
    handler: ({ context, params }) => getAppointment(context, params.id),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/appointments/:id",
    access: "appointment.update",
    summary: "Change an appointment's dates, letter reference or organisation",
    tags,
    params: idParams,
    body: appointmentPatch,
    response: { 200: appointmentOut, ...errorResponses },
    handler: ({ context, params, body }) => updateAppointment(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/appointments/:id",
    access: "appointment.delete",
    summary: "Delete an appointment recorded in error",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteAppointment(context, params.id);
      return reply.code(204).send();
    },
  }),
  defineRoute({
    method: "PUT",
    url: "/api/appointments/:id/letter",
    access: "appointment.update",
    summary: "Upload the signed appointment letter (multipart field `file`: PDF, PNG or JPEG)",
    tags,
    params: idParams,
    isMultipart: true,
    response: { 200: appointmentOut, ...errorResponses },
    handler: async ({ context, params, request }) => {
      const file = request.isMultipart() ? await request.file() : undefined;
      if (!file) throw new RuleError("file", "Attach the letter as multipart field `file`");
      let content: Buffer;
      try {
        content = await file.toBuffer();
      } catch (error) {
        // The platform's multipart limit (platform/http/app.ts), named like any other refusal of the file.
        if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw new RuleError("file", `is larger than ${maxAttachmentBytes / 1024 / 1024} MB`);
        throw error;
      }
      return attachLetter(context, params.id, { name: file.filename, contentType: file.mimetype, content });
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/appointments/:id/letter",
    access: "appointment.read",
    summary: "Download the appointment letter",
    tags,
    params: idParams,
    response: { 200: z.string().describe("The file"), ...errorResponses },
    handler: async ({ context, params, reply }) => {
      const file = await readLetter(context, params.id);
      const safeName = file.name.replace(/[^\w.-]+/g, "_");
      return reply
        .type(file.contentType)
        .header("content-disposition", `attachment; filename="${safeName}"`)
        .serializer((payload: unknown) => payload as string)
        .send(file.content);
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/continuity",
    access: "appointment.read",
    summary: "Areas with no DO/DO a.i. (or ASC/ASC a.i.) in charge today or in the coming days",
    tags,
    querystring: z.object({
      days: z.coerce.number().int().min(0).max(365).default(30),
      isAll: z.enum(["true", "false"]).default("false").describe("Include areas without gaps"),
    }),
    response: { 200: z.object({ items: z.array(continuityItemOut) }), ...errorResponses },
    handler: async ({ context, query }) => ({
      items: await continuityStatus(context, { days: query.days, onlyGaps: query.isAll !== "true" }),
    }),
  }),
];
