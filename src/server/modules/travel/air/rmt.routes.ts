import { z } from "zod";
import { rmtDecisionInput, rmtInput } from "../../../../core/travel/air.ts";
import { uuidSchema } from "../../../../core/structure/structure.schemas.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { actionsField, dateOnly, errorResponses, idParams, pageOf, pagingQuery, timestamp } from "../../../platform/http/schemas.ts";
import { decideRmt, fileRmt, getRmt, listRmts } from "./rmt.service.ts";

const tags = ["Air travel"];
const statuses = ["submitted", "approved", "rejected", "withdrawn"] as const;

const rmtOut = z.object({
  id: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
  organisationId: z.string(),
  organisationCode: z.string(),
  fromPlaceId: z.string(),
  fromName: z.string(),
  toPlaceId: z.string(),
  toName: z.string(),
  matrixId: z.string(),
  likelihood: z.number().int(),
  impact: z.number().int(),
  level: z.string().describe("The matrix's level for likelihood × impact"),
  levelLabel: z.object({ en: z.string(), fr: z.string() }),
  approver: z.enum(["do", "usg_undss", "aviation"]).nullable().describe("Who decides: the DO (up to high), the USG UNDSS (very high); null: no one may approve"),
  justification: z.string(),
  mitigations: z.string(),
  validFrom: dateOnly,
  validUntil: dateOnly,
  status: z.enum(statuses),
  decisionNote: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  createdAt: timestamp,
  actions: actionsField,
});

export const rmtRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/air/rmts",
    access: "air.rmt.read",
    summary: "Risk Management Tool assessments the caller may read (the route's areas and the organisation), latest first",
    tags,
    querystring: z.object({ status: z.enum(statuses).optional(), operatorId: uuidSchema.optional(), page: pagingQuery.page, pageSize: pagingQuery.pageSize }),
    response: { 200: pageOf(rmtOut), ...errorResponses },
    handler: ({ context, query }) => listRmts(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/air/rmts",
    access: "air.rmt.file",
    summary: "File an RMT for an operator on a route for an organisation: rated on a matrix of the risk library, which decides who approves it",
    tags,
    body: rmtInput,
    response: { 201: rmtOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await fileRmt(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/air/rmts/:id",
    access: "air.rmt.read",
    summary: "One RMT assessment",
    tags,
    params: idParams,
    response: { 200: rmtOut, ...errorResponses },
    handler: ({ context, params }) => getRmt(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/air/rmts/:id/decision",
    access: "air.rmt.approve",
    summary: "Approve or reject an RMT (the DO of either end up to high; at very high the aviation risk role recording the USG UNDSS's decision; 403 says who decides); the trips on the operator are evaluated again",
    tags,
    params: idParams,
    body: rmtDecisionInput,
    response: { 200: rmtOut, ...errorResponses },
    handler: ({ context, params, body }) => decideRmt(context, params.id, body),
  }),
];
