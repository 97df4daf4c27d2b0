import { z } from "zod";
import { placeInput, placeKinds, placePatch } from "../../../core/structure/structure.schemas.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { actionsField, errorResponses, idParams, noContent, pageOf, pagingQuery, timestamp } from "../../platform/http/schemas.ts";
import { createPlace, deletePlace, listPlaces, placeTree, updatePlace } from "./places.service.ts";

export const placeOut = z.object({
  id: z.string(),
  kind: z.enum(placeKinds),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  name: z.string(),
  countryCode: z.string().nullable(),
  timeZone: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  actions: actionsField,
});

const treeItem = z.object({
  id: z.string(),
  kind: z.enum(placeKinds),
  parentId: z.string().nullable(),
  name: z.string(),
  countryCode: z.string().nullable(),
  timeZone: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});

const tags = ["Places"];

// GET /api/places/:id (the area page, with continuity) is composed in the overview module.
export const placeRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/places",
    access: "place.read",
    summary: "List places in the caller's scope",
    tags,
    querystring: z.object({
      ...pagingQuery,
      sort: z.enum(["name", "kind"]).default("name"),
      kind: z.enum(placeKinds).optional(),
      parentId: z.uuid().optional(),
    }),
    response: { 200: pageOf(placeOut), ...errorResponses },
    handler: ({ context, query }) => listPlaces(context, query),
  }),
  defineRoute({
    method: "GET",
    url: "/api/places/tree",
    access: "place.read",
    summary: "Every place in the caller's scope, for pickers and maps",
    tags,
    response: { 200: z.object({ items: z.array(treeItem) }), ...errorResponses },
    handler: ({ context }) => placeTree(context),
  }),
  defineRoute({
    method: "POST",
    url: "/api/places",
    access: "place.create",
    summary: "Create a Designated Area, Security Area or duty station",
    tags,
    body: placeInput,
    response: { 201: placeOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createPlace(context, body)),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/places/:id",
    access: "place.update",
    summary: "Rename a place or change its country or coordinates",
    tags,
    params: idParams,
    body: placePatch,
    response: { 200: placeOut, ...errorResponses },
    handler: ({ context, params, body }) => updatePlace(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/places/:id",
    access: "place.delete",
    summary: "Delete a place with nothing below it",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deletePlace(context, params.id);
      return reply.code(204).send();
    },
  }),
];
