import { z } from "zod";
import { userInput, userPatch } from "../../../core/access/accounts.schemas.ts";
import { systemRoles } from "../../../core/access/roles.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { actionsField, errorResponses, idParams, pageOf, pagingQuery, timestamp } from "../../platform/http/schemas.ts";
import { createUser, listUsers, updateUser } from "./users.service.ts";

const userOut = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  systemRoles: z.array(z.enum(systemRoles)),
  isActive: z.boolean(),
  locale: z.string(),
  lockedUntil: timestamp.nullable(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  createdAt: timestamp,
  actions: actionsField,
});

const tags = ["Accounts"];

export const userRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/users",
    access: "user.read",
    summary: "List accounts",
    tags,
    querystring: z.object(pagingQuery),
    response: { 200: pageOf(userOut), ...errorResponses },
    handler: ({ context, query }) => listUsers(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/users",
    access: "user.create",
    summary: "Create an account (password policy applies)",
    tags,
    body: userInput,
    response: { 201: userOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createUser(context, body)),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/users/:id",
    access: "user.update",
    summary: "Change an account: roles, activation, password reset, linked person",
    tags,
    params: idParams,
    body: userPatch,
    response: { 200: userOut, ...errorResponses },
    handler: ({ context, params, body }) => updateUser(context, params.id, body),
  }),
];
