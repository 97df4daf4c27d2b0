import { z } from "zod";
import { organisationInput, organisationKinds, organisationPatch } from "../../../core/structure/structure.schemas.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { actionsField, errorResponses, idParams, noContent, pageOf, pagingQuery, timestamp } from "../../platform/http/schemas.ts";
import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from "./organisations.service.ts";

const organisationOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  hqFocalPoints: z.array(z.object({ name: z.string(), email: z.string(), title: z.string().optional() })),
  createdAt: timestamp,
  updatedAt: timestamp,
  actions: actionsField,
});

const tags = ["Organisations"];

export const organisationRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/organisations",
    access: "organisation.read",
    summary: "List organisations",
    tags,
    querystring: z.object({
      ...pagingQuery,
      sort: z.enum(["code", "name", "kind"]).default("code"),
      kind: z.enum(organisationKinds).optional(),
    }),
    response: { 200: pageOf(organisationOut), ...errorResponses },
    handler: ({ context, query }) => listOrganisations(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/organisations",
    access: "organisation.create",
    summary: "Create an organisation",
    tags,
    body: organisationInput,
    response: { 201: organisationOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createOrganisation(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/organisations/:id",
    access: "organisation.read",
    summary: "Get an organisation",
    tags,
    params: idParams,
    response: { 200: organisationOut, ...errorResponses },
    handler: ({ context, params }) => getOrganisation(context, params.id),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/organisations/:id",
    access: "organisation.update",
    summary: "Update an organisation",
    tags,
    params: idParams,
    body: organisationPatch,
    response: { 200: organisationOut, ...errorResponses },
    handler: ({ context, params, body }) => updateOrganisation(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/organisations/:id",
    access: "organisation.delete",
    summary: "Delete an organisation that nothing refers to",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteOrganisation(context, params.id);
      return reply.code(204).send();
    },
  }),
];
