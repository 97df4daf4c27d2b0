import { z } from "zod";
import { investigationStatuses, judicialStatuses, perpetratorKinds, victimCaseSorts, victimCaseStatuses } from "../../../core/victims/victim-enums.ts";
import { followUpInput, followUpPatch, victimCaseInput, victimCasePatch, victimCaseTransition } from "../../../core/victims/victims.schemas.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { actionsField, dateOnly, errorResponses, idParams, noContent, pageOf, pagingQuery, timestamp } from "../../platform/http/schemas.ts";
import { addFollowUp, deleteFollowUp, updateFollowUp } from "./victim-follow-ups.service.ts";
import { listVictimCases, victimCaseFilterQuery } from "./victim-list.service.ts";
import { createVictimCase, getVictimCase, transitionVictimCase, updateVictimCase } from "./victims.service.ts";

const caseSummary = {
  id: z.string(),
  incidentId: z.string(),
  placeId: z.string().describe("The incident's place"),
  placeName: z.string(),
  victimPersonId: z.string().nullable().describe("The victim's personnel record, when there is one"),
  victimName: z.string(),
  perpetratorKind: z.enum(perpetratorKinds),
  investigationStatus: z.enum(investigationStatuses),
  judicialStatus: z.enum(judicialStatuses),
  status: z.enum(victimCaseStatuses),
  nextFollowUpDue: dateOnly.nullable().describe("The earliest due date of the actions not yet done"),
  openFollowUpCount: z.number().int(),
  overdueFollowUpCount: z.number().int().describe("Actions past their due date (none on a closed case)"),
  createdAt: timestamp,
  updatedAt: timestamp,
  actions: actionsField,
};

const victimCaseListItem = z.object({
  ...caseSummary,
  incidentCategoryCode: z.string(),
  incidentOccurredAt: timestamp,
});

const followUpOut = z.object({
  id: z.string(),
  action: z.string(),
  dueDate: dateOnly,
  ownerName: z.string().nullable(),
  doneAt: timestamp.nullable(),
  isOverdue: z.boolean(),
  createdAt: timestamp,
});

const victimCaseOut = z.object({
  ...caseSummary,
  incident: z.object({ categoryCode: z.string(), occurredAt: timestamp, status: z.string() }),
  perpetratorDetail: z.string().nullable(),
  nextOfKinFocalPointName: z.string().nullable(),
  nextOfKinFocalPointContact: z.string().nullable(),
  notes: z.string().nullable(),
  followUps: z.array(followUpOut),
});

const followUpParams = idParams.extend({ followUpId: z.uuid({ message: "must be a valid id" }) });
const tags = ["Victims register"];

export const victimRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/victim-cases",
    access: "victim.read",
    summary: "The confidential register of victims of serious crimes in the caller's areas (each call is audited)",
    tags,
    querystring: z.object({
      ...pagingQuery,
      q: pagingQuery.q.describe("Part of the victim's name"),
      ...victimCaseFilterQuery,
      sort: z.enum(victimCaseSorts, { message: `must be one of ${victimCaseSorts.join(", ")}` }).default("nextFollowUp"),
    }),
    response: { 200: pageOf(victimCaseListItem), ...errorResponses },
    handler: ({ context, query }) => listVictimCases(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/victim-cases",
    access: "victim.manage",
    summary: "Open a case for a victim of an incident the caller may read",
    tags,
    body: victimCaseInput,
    response: { 201: victimCaseOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createVictimCase(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/victim-cases/:id",
    access: "victim.read",
    summary: "A case with its follow-up actions (each read is audited)",
    tags,
    params: idParams,
    response: { 200: victimCaseOut, ...errorResponses },
    handler: ({ context, params }) => getVictimCase(context, params.id),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/victim-cases/:id",
    access: "victim.manage",
    summary: "Change the fields named of an open case",
    tags,
    params: idParams,
    body: victimCasePatch,
    response: { 200: victimCaseOut, ...errorResponses },
    handler: ({ context, params, body }) => updateVictimCase(context, params.id, body),
  }),
  defineRoute({
    method: "POST",
    url: "/api/victim-cases/:id/transition",
    access: "victim.manage",
    summary: "Close a case, or reopen a closed one",
    tags,
    params: idParams,
    body: victimCaseTransition,
    response: { 200: victimCaseOut, ...errorResponses },
    handler: ({ context, params, body }) => transitionVictimCase(context, params.id, body.to),
  }),
  defineRoute({
    method: "POST",
    url: "/api/victim-cases/:id/follow-ups",
    access: "victim.manage",
    summary: "Add a follow-up action with its due date",
    tags,
    params: idParams,
    body: followUpInput,
    response: { 201: victimCaseOut, ...errorResponses },
    handler: async ({ context, params, body, reply }) => reply.code(201).send(await addFollowUp(context, params.id, body)),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/victim-cases/:id/follow-ups/:followUpId",
    access: "victim.manage",
    summary: "Change a follow-up action, or mark it done or undone",
    tags,
    params: followUpParams,
    body: followUpPatch,
    response: { 200: victimCaseOut, ...errorResponses },
    handler: ({ context, params, body }) => updateFollowUp(context, params.id, params.followUpId, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/victim-cases/:id/follow-ups/:followUpId",
    access: "victim.manage",
    summary: "Delete a follow-up action",
    tags,
    params: followUpParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteFollowUp(context, params.id, params.followUpId);
      return reply.code(204).send();
    },
  }),
];
