import { z } from "zod";
import { categoryInput, operatorInput, operatorKinds, rmtPolicies, rmtPolicyInput } from "../../../../core/travel/air.ts";
import { operatorCategories } from "../../../../core/travel/clearance.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { actionsField, dateOnly, errorResponses, idParams, pageOf, pagingQuery, timestamp } from "../../../platform/http/schemas.ts";
import { createOperator, getOperator, listOperators, listRmtPolicies, recordCategory, setRmtPolicy } from "./operators.service.ts";

const tags = ["Air travel"];
const category = z.enum(operatorCategories).nullable().describe("In force today; null before the first category takes effect");

const operatorOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(operatorKinds),
  country: z.string().nullable(),
  notes: z.string().nullable(),
  category,
  createdAt: timestamp,
  history: z.array(
    z.object({
      id: z.string(),
      category: z.enum(operatorCategories),
      effectiveFrom: dateOnly,
      source: z.string(),
      note: z.string().nullable(),
      recordedByName: z.string().nullable(),
      recordedAt: timestamp,
      isFuture: z.boolean().describe("Takes effect after today"),
    }),
  ),
  actions: actionsField,
});

const policyOut = z.object({ organisationId: z.string(), code: z.string(), policy: z.enum(rmtPolicies) });

export const operatorRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/air/operators",
    access: "air.operators.read",
    summary: "The register of air operators with the category in force today, by kind, category or name",
    tags,
    querystring: z.object({
      kind: z.enum(operatorKinds).optional(),
      category: z.enum(operatorCategories).optional(),
      q: pagingQuery.q,
      page: pagingQuery.page,
      pageSize: pagingQuery.pageSize,
    }),
    response: {
      200: pageOf(z.object({ id: z.string(), name: z.string(), kind: z.enum(operatorKinds), country: z.string().nullable(), category })).extend({ canManage: z.boolean() }),
      ...errorResponses,
    },
    handler: ({ context, query }) => listOperators(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/air/operators",
    access: "air.operators.manage",
    summary: "Add an operator to the register with its first category (the aviation risk role or the system administrator; 409 names a name already registered)",
    tags,
    body: operatorInput,
    response: { 201: operatorOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createOperator(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/air/operators/:id",
    access: "air.operators.read",
    summary: "One operator with the full history of its categories, latest first",
    tags,
    params: idParams,
    response: { 200: operatorOut, ...errorResponses },
    handler: ({ context, params }) => getOperator(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/air/operators/:id/categories",
    access: "air.operators.manage",
    summary: "Record an operator's category from a date, with its source; the history is never changed, and the trips on the operator are evaluated again",
    tags,
    params: idParams,
    body: categoryInput,
    response: { 201: operatorOut, ...errorResponses },
    handler: async ({ context, params, body, reply }) => reply.code(201).send(await recordCategory(context, params.id, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/air/rmt-policies",
    access: "air.operators.read",
    summary: "Each organisation's RMT policy for Conditional operators: mandatory (the default) or advisory",
    tags,
    response: {
      200: z.object({
        items: z.array(policyOut.extend({ name: z.string(), isDefault: z.boolean().describe("No policy recorded: mandatory"), updatedAt: timestamp.nullable() })),
        canManage: z.boolean(),
      }),
      ...errorResponses,
    },
    handler: ({ context }) => listRmtPolicies(context),
  }),
  defineRoute({
    method: "PUT",
    url: "/api/air/rmt-policies/:id",
    access: "air.rmt_policy.manage",
    summary: "Set an organisation's RMT policy (id: the organisation); its trips with air legs are evaluated again",
    tags,
    params: idParams,
    body: rmtPolicyInput,
    response: { 200: policyOut, ...errorResponses },
    handler: ({ context, params, body }) => setRmtPolicy(context, params.id, body.policy),
  }),
];
