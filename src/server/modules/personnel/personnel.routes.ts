import { z } from "zod";
import { withByteOrderMark } from "../../platform/http/download.ts";
import {
  dependantInput,
  dependantRelationships,
  personInput,
  personnelCategories,
  personPatch,
  recruitmentTypes,
  sexes,
} from "../../../core/personnel/personnel.schemas.ts";
import { tooLarge } from "../../platform/files/import-bounds.ts";
import { AppError } from "../../platform/http/errors.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { actionsField, errorResponses, idParams, noContent, pageOf, pagingQuery, timestamp } from "../../platform/http/schemas.ts";
import { exportPersonnelCsv, importPersonnelCsv } from "./personnel-csv.service.ts";
import {
  addDependant,
  createPerson,
  deletePerson,
  listPersonnel,
  removeDependant,
  updatePerson,

} from "./personnel.service.ts";

const filterQuery = {
  q: z.string().trim().max(200).optional(),
  organisationId: z.uuid().optional(),
  placeId: z.uuid().optional(),
  recruitmentType: z.enum(recruitmentTypes).optional(),
  category: z.enum(personnelCategories).optional(),
  sex: z.enum(sexes).optional(),
};

export const personListItemOut = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  indexNumber: z.string().nullable(),
  organisationId: z.string(),
  organisationCode: z.string(),
  dutyStationId: z.string(),
  dutyStationName: z.string(),
  sex: z.enum(sexes),
  recruitmentType: z.enum(recruitmentTypes),
  category: z.enum(personnelCategories),
  grade: z.string().nullable(),
  hasAccount: z.boolean(),
  dependantCount: z.number().int(),
  actions: actionsField,
});

/** The sensitive block: present only for need-to-know callers; its output schema is the only way out. */
const privateOut = z.object({
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  emergencyContact: z.string().nullable(),
  residentialAddress: z.string().nullable(),
});

export const personDetailOut = personListItemOut.extend({
  userId: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  dependants: z.array(
    z.object({
      id: z.string(),
      givenName: z.string(),
      familyName: z.string(),
      relationship: z.enum(dependantRelationships),
      sex: z.enum(sexes),
      birthDate: z.string().nullable(),
      isEligible: z.boolean(),
    }),
  ),
  private: privateOut.optional(),
});

const tags = ["Personnel"];
const personParams = z.object({ id: z.uuid(), dependantId: z.uuid() });

// GET /api/personnel/:id (with appointments and responsibilities) is composed in the overview module.
export const personnelRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/personnel",
    access: "personnel.read",
    summary: "List personnel in the caller's scope",
    tags,
    querystring: z.object({
      ...pagingQuery,
      ...filterQuery,
      sort: z.enum(["name", "organisation", "dutyStation", "category", "recruitmentType"]).default("name"),
    }),
    response: { 200: pageOf(personListItemOut), ...errorResponses },
    handler: ({ context, query }) => listPersonnel(context, query),
  }),
  defineRoute({
    method: "GET",
    url: "/api/personnel/export.csv",
    access: "personnel.read",
    summary: "Export the filtered personnel list as CSV (no contacts): readable headers in `lang`, or column codes with headers=codes",
    tags,
    querystring: z.object({
      ...filterQuery,
      lang: z.enum(["en", "fr"], { message: "must be en or fr" }).optional().describe("Language of the headers (by default the caller's own)"),
      headers: z
        .enum(["names", "codes"], { message: "must be names or codes" })
        .default("names")
        .describe("Readable headers for people (names) or column codes for machines (codes); the import reads either"),
    }),
    response: { 200: z.string().describe("text/csv"), ...errorResponses },
    handler: async ({ context, query, reply }) => {
      const { lang, headers, ...filter } = query;
      const stream = await exportPersonnelCsv(context, filter, { lang, headers });
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="personnel.csv"')
        .send(withByteOrderMark(stream));
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/personnel/import",
    access: "personnel.create",
    summary: "Import personnel from CSV (multipart field `file`, or a text/csv body); reports errors per row",
    tags,
    isMultipart: true,
    response: {
      200: z.object({
        created: z.number().int(),
        errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
      }),
      ...errorResponses,
    },
    handler: async ({ context, request }) => {
      let text: string;
      if (request.isMultipart()) {
        const file = await request.file();
        if (!file) throw new AppError(400, "validation", "Attach the CSV file as `file`", [{ field: "file", message: "is required" }]);
        try {
          text = (await file.toBuffer()).toString("utf8");
        } catch (error) {
          // The platform's multipart limit (platform/http/app.ts), named like the other import limits.
          if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge("is larger than 10 MB");
          throw error;
        }
      } else if (typeof request.body === "string") {
        text = request.body;
      } else {
        throw new AppError(400, "validation", "Send a CSV file", [{ field: "file", message: "is required" }]);
      }
      return importPersonnelCsv(context, text);
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/personnel",
    access: "personnel.create",
    summary: "Add a person, with contacts and dependants",
    tags,
    body: personInput,
    response: { 201: personDetailOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createPerson(context, body)),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/personnel/:id",
    access: "personnel.update",
    summary: "Update a person",
    tags,
    params: idParams,
    body: personPatch,
    response: { 200: personDetailOut, ...errorResponses },
    handler: ({ context, params, body }) => updatePerson(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/personnel/:id",
    access: "personnel.delete",
    summary: "Delete a person and their dependants",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deletePerson(context, params.id);
      return reply.code(204).send();
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/personnel/:id/dependants",
    access: "personnel.update",
    summary: "Add an eligible dependant",
    tags,
    params: idParams,
    body: dependantInput,
    response: { 201: personDetailOut, ...errorResponses },
    handler: async ({ context, params, body, reply }) => reply.code(201).send(await addDependant(context, params.id, body)),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/personnel/:id/dependants/:dependantId",
    access: "personnel.update",
    summary: "Remove a dependant",
    tags,
    params: personParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await removeDependant(context, params.id, params.dependantId);
      return reply.code(204).send();
    },
  }),
];

