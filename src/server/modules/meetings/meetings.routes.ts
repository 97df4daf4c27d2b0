import { z } from "zod";
import {
  actionPointInput,
  actionPointKinds,
  actionPointPatch,
  actionPointStatuses,
  attendances,
  meetingBodies,
  meetingInput,
  meetingPatch,
} from "../../../core/meetings/meetings.schemas.ts";
import { appointmentRoles } from "../../../core/access/roles.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { actionsField, errorResponses, idParams, noContent, pageOf, pagingQuery, timestamp } from "../../platform/http/schemas.ts";
import { addActionPoint, deleteActionPoint, updateActionPoint } from "./action-points.service.ts";
import { bodyMembers, createMeeting, deleteMeeting, getMeeting, listMeetings, updateMeeting } from "./meetings.service.ts";

const meetingListItem = z.object({
  id: z.string(),
  body: z.enum(meetingBodies),
  placeId: z.string(),
  placeName: z.string(),
  heldOn: z.string(),
  title: z.string(),
  location: z.string().nullable(),
  attendeeCount: z.number().int(),
  openActionCount: z.number().int(),
  actions: actionsField,
});

const meetingOut = meetingListItem.extend({
  minutesHtml: z.string(),
  attendees: z.array(z.object({ personId: z.string(), personName: z.string(), attendance: z.enum(attendances) })),
  actionPoints: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(actionPointKinds),
      text: z.string(),
      ownerPersonId: z.string().nullable(),
      ownerName: z.string().nullable(),
      dueOn: z.string().nullable(),
      status: z.enum(actionPointStatuses),
      actions: actionsField,
    }),
  ),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const tags = ["SMT and Security Cell"];

export const meetingRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/meetings",
    access: "meeting.read",
    summary: "List meetings of the SMT, Area SMT and Security Cell in the caller's scope",
    tags,
    querystring: z.object({ ...pagingQuery, order: z.enum(["asc", "desc"]).default("desc"), body: z.enum(meetingBodies).optional(), placeId: z.uuid().optional() }),
    response: { 200: pageOf(meetingListItem), ...errorResponses },
    handler: ({ context, query }) => listMeetings(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/meetings",
    access: "meeting.create",
    summary: "Record a meeting with attendees and minutes",
    tags,
    body: meetingInput,
    response: { 201: meetingOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createMeeting(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/meetings/:id",
    access: "meeting.read",
    summary: "Get a meeting with its minutes, attendees, decisions and action points",
    tags,
    params: idParams,
    response: { 200: meetingOut, ...errorResponses },
    handler: ({ context, params }) => getMeeting(context, params.id),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/meetings/:id",
    access: "meeting.update",
    summary: "Update a meeting",
    tags,
    params: idParams,
    body: meetingPatch,
    response: { 200: meetingOut, ...errorResponses },
    handler: ({ context, params, body }) => updateMeeting(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/meetings/:id",
    access: "meeting.delete",
    summary: "Delete a meeting",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteMeeting(context, params.id);
      return reply.code(204).send();
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/meetings/:id/action-points",
    access: "meeting.update",
    summary: "Add a decision or an action point with owner and due date",
    tags,
    params: idParams,
    body: actionPointInput,
    response: { 201: meetingOut, ...errorResponses },
    handler: async ({ context, params, body, reply }) => reply.code(201).send(await addActionPoint(context, params.id, body)),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/action-points/:id",
    access: "meeting.update",
    summary: "Update a decision or action point",
    tags,
    params: idParams,
    body: actionPointPatch,
    response: { 200: meetingOut, ...errorResponses },
    handler: ({ context, params, body }) => updateActionPoint(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/action-points/:id",
    access: "meeting.update",
    summary: "Delete a decision or action point",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteActionPoint(context, params.id);
      return reply.code(204).send();
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/bodies/:placeId/:body/members",
    access: "meeting.read",
    summary: "Members of the SMT, Area SMT or Security Cell of an area, derived from appointments in force",
    tags,
    params: z.object({ placeId: z.uuid(), body: z.enum(meetingBodies) }),
    response: {
      200: z.object({
        items: z.array(
          z.object({
            personId: z.string(),
            personName: z.string(),
            role: z.enum(appointmentRoles),
            organisationCode: z.string().nullable(),
            membership: z.enum(["chair", "member", "observer"]),
          }),
        ),
      }),
      ...errorResponses,
    },
    handler: ({ context, params }) => bodyMembers(context, params.placeId, params.body),
  }),
];
