import { z } from "zod";
import { certificateInput, certificatePatch, certificateSources, courseInput, coursePatch, courseKinds } from "../../../../core/travel/training.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { actionsField, dateOnly, errorResponses, idParams, noContent, timestamp } from "../../../platform/http/schemas.ts";
import { certificateFileRoutes } from "./certificate-file.routes.ts";
import { certificateImportRoutes } from "./certificate-import.routes.ts";
import { createCertificate, createCourse, deleteCertificate, listCertificates, listCourses, updateCertificate, updateCourse } from "./training.service.ts";

const courseOut = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(courseKinds),
  nameEn: z.string(),
  nameFr: z.string(),
  validityMonths: z.number().int(),
  isActive: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const certificateOut = z.object({
  id: z.string(),
  personId: z.string(),
  courseId: z.string(),
  courseCode: z.string(),
  courseNameEn: z.string(),
  courseNameFr: z.string(),
  completedOn: dateOnly,
  expiresOn: dateOnly.describe("Completion plus the course's validity, unless set by hand (expiryReason)"),
  expiryReason: z.string().nullable(),
  issuer: z.string().nullable(),
  source: z.enum(certificateSources),
  hasFile: z.boolean().describe("The certificate as issued is stored: GET /api/training/certificates/:id/file"),
  status: z.enum(["valid", "expiring", "expired"]).describe("expiring: within 60 days"),
  createdAt: timestamp,
  actions: actionsField,
});

const tags = ["Training"];

export const trainingRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/training/courses",
    access: "authenticated",
    summary: "The course catalogue (BSAFE, SSAFE, area inductions) with each course's validity",
    tags,
    querystring: z.object({
      includeInactive: z.enum(["true", "false"], { message: "must be true or false" }).optional().describe("Also courses no longer offered"),
    }),
    response: { 200: z.object({ items: z.array(courseOut) }), ...errorResponses },
    handler: ({ context, query }) => listCourses(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/training/courses",
    access: "training.course.manage",
    summary: "Add a course to the catalogue (system administrator)",
    tags,
    body: courseInput,
    response: { 201: courseOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createCourse(context, body)),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/training/courses/:id",
    access: "training.course.manage",
    summary: "Change a course's names, validity or whether it is still offered (its code stays)",
    tags,
    params: idParams,
    body: coursePatch,
    response: { 200: courseOut, ...errorResponses },
    handler: ({ context, params, body }) => updateCourse(context, params.id, body),
  }),
  defineRoute({
    method: "GET",
    url: "/api/personnel/:id/certificates",
    access: "authenticated",
    summary: "A person's training certificates with their status today (the person, their focal point, the area's security professionals)",
    tags,
    params: idParams,
    response: { 200: z.object({ items: z.array(certificateOut) }), ...errorResponses },
    handler: ({ context, params }) => listCertificates(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/training/certificates",
    access: "authenticated",
    summary: "Record a certificate: a person their own, a focal point or security professional for the people they cover",
    tags,
    body: certificateInput,
    response: { 201: certificateOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createCertificate(context, body)),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/training/certificates/:id",
    access: "training.certificate.write",
    summary: "Correct a certificate's dates or issuer; an expiry set by hand needs a reason (null to compute it again)",
    tags,
    params: idParams,
    body: certificatePatch,
    response: { 200: certificateOut, ...errorResponses },
    handler: ({ context, params, body }) => updateCertificate(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/training/certificates/:id",
    access: "training.certificate.write",
    summary: "Remove a certificate recorded in error",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteCertificate(context, params.id);
      return reply.code(204).send();
    },
  }),
  // The certificate as issued (a PDF or a photograph), stored like the other uploads.
  ...certificateFileRoutes(certificateOut),
  // A learning platform's export: the import machinery shared with the incident import.
  ...certificateImportRoutes,
];
